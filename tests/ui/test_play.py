"""The play screen and the screens it opens, driven with Pilot at 80x24 and resized."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Markdown, OptionList

from elbe_game.ui.screens.codex import CodexScreen
from elbe_game.ui.screens.confirm import ConfirmScreen
from elbe_game.ui.screens.ending import EndingScreen
from elbe_game.ui.screens.help import HelpScreen
from elbe_game.ui.screens.history import HistoryScreen
from elbe_game.ui.screens.journal import JournalScreen
from elbe_game.ui.screens.map import MapScreen
from elbe_game.ui.screens.play import PlayScreen
from elbe_game.ui.screens.title import TitleScreen
from elbe_game.ui.widgets.choices import ChoiceList
from elbe_game.ui.widgets.notices import Notices
from elbe_game.ui.widgets.status import StatusPanel

from .helpers import (
    LARGE,
    SAMPLE,
    SMALL,
    build_app,
    play_screen,
    record_notifications,
    saved_game,
    screen_text,
    settle,
    shown,
    shown_passage,
    start_game,
)

pytestmark = pytest.mark.asyncio


async def test_play_screen_shows_header_passage_and_choices() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        text = screen_text(app)
        assert "24 April 1945 · 08:10 · Trebsen" in text
        assert "The halt on the Mulde" in text
        assert "Lieutenant Hale" in text
        assert "1. Draw the flares" in text
        assert "2. Take the patrol across" in text
        assert "History note" in text
        assert isinstance(app.focused, ChoiceList)


async def test_choosing_by_number() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert app.session.view().node_id == "mulde_crossing"
        assert "Across the Mulde" in screen_text(app)


async def test_choosing_by_arrows_and_enter() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.session.view().node_id == "mulde_crossing"


async def test_choosing_by_mouse() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        # Row 0 is the list's border; the first choice is row 1, the second row 2.
        assert await pilot.click(ChoiceList, offset=(6, 2))
        await settle(pilot)
        assert app.session.view().node_id == "mulde_crossing"


async def test_disabled_choice_is_shown_with_its_reason_and_cannot_be_taken() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("2")
        await settle(pilot)
        text = screen_text(app)
        assert "3. ✗ Fire a green flare" in text
        assert "unavailable: You have no flares" in text
        notes = record_notifications(app)
        await pilot.press("3")
        await pilot.pause()
        assert app.session.view().node_id == "mulde_crossing"
        assert notes == [
            "Choice 3 is not available: You have no flares; the command post has them."
        ]
        choices = app.screen.query_one(ChoiceList)
        assert choices.get_option("mulde_flare").disabled


async def test_undo_steps_back_one_choice() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        screen = play_screen(app)
        assert screen.check_action("undo", ()) is None  # dimmed at the start
        await pilot.press("1")
        await settle(pilot)
        assert app.session.view().node_id == "mulde_supply"
        await pilot.press("u")
        await settle(pilot)
        assert app.session.view().node_id == "mulde_halt"
        assert "The halt on the Mulde" in screen_text(app)


async def test_history_note_opens_with_h_and_lists_sources() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert "What really happened here" in text
        assert "[E35] The Decision to Halt at the Elbe" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        # No note at the crossing: h is dimmed and does nothing.
        await pilot.press("2")
        await settle(pilot)
        assert "History note" not in screen_text(app)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_codex_lists_unlocked_entries_with_a_filter() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CodexScreen)
        text = screen_text(app)
        assert "2 of 3 entries unlocked" in text
        assert "The Mulde line" in text and "The five-mile limit" in text
        await pilot.press("slash", *"five")
        await settle(pilot)
        text = screen_text(app)
        assert "1 shown" in text
        assert "The Mulde line" not in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_journal_shows_passages_and_choices() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        text = screen_text(app)
        assert "1. The halt on the Mulde" in text
        assert "→ Take the patrol across now" in text
        assert "2. Across the Mulde" in text
        assert "you are here" in text


async def test_map_shows_where_the_player_is_and_has_been() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        text = screen_text(app)
        assert "◉ Kühren" not in text and "Trebsen ◉" in text
        await pilot.press("escape", "2", "m")
        await pilot.pause()
        text = screen_text(app)
        assert "◉ Kühren" in text
        assert "Trebsen ●" in text
        assert "○ Strehla" in text
        assert "Been to: Trebsen, Kühren" in text


async def test_without_a_map_the_map_key_is_dimmed_and_says_why(tmp_path: Path) -> None:
    story = tmp_path / "no-map"
    shutil.copytree(SAMPLE, story, ignore=shutil.ignore_patterns("map.yaml"))
    app = build_app(story)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        screen = play_screen(app)
        assert screen.check_action("map", ()) is None
        assert not screen.active_bindings["m"].enabled
        messages = record_notifications(app)
        await pilot.press("m")
        await settle(pilot)
        assert app.screen is screen
        assert messages == ["This story has no map."]


async def test_reaching_an_ending_then_undo_and_new_game() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("2", "1")  # hold at the line: an ending
        await settle(pilot)
        assert "The end: The line held" in screen_text(app)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        text = screen_text(app)
        assert "THE END: The line held" in text
        assert "In your story" in text and "In history" in text
        assert "Endings found so far: 1 of 2" in text
        await pilot.press("u")
        await settle(pilot)
        assert app.session.view().node_id == "mulde_crossing"
        await pilot.press("2", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        assert "Endings found so far: 2 of 2" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.session.view().node_id == "mulde_halt"
        assert len(app.session.endings_found()) == 2


async def test_escape_asks_before_leaving_a_game(
    isolated_saves: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from elbe_game.ui.screens import play as play_module

    monkeypatch.setattr(play_module, "monotonic", lambda: 100.0)  # Escape twice, at once
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert shown(app, ".dialog-title") == "Leave this game for the title screen?"
        assert shown(app, ".hint") == (
            "Nothing is saved yet: the autosave begins with your first choice."
        )
        await pilot.press("n")  # stay: the same game, at the same passage
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert shown_passage(app)[0] == "The halt on the Mulde"
        await pilot.press("2", "q")
        await settle(pilot)
        assert shown(app, ".hint") == (
            "It is autosaved after every choice: Continue on the title screen resumes it."
        )
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        assert shown(app, "#menu-note") == "Continue: Across the Mulde, turn 2 (autosave)."
        assert not app.screen.query_one("#menu", OptionList).get_option("continue_game").disabled
    assert sorted(p.name for p in isolated_saves.glob("*.json")) == [
        "autosave.json",
        "profile.json",
    ]
    autosave = saved_game(isolated_saves, "autosave")
    assert autosave["passage"]["node"] == "mulde_crossing" and autosave["passage"]["turn"] == 1


async def test_help_opens_with_f1_and_question_mark_and_lists_keys() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            source = app.screen.query_one(Markdown).source
            for expected in (
                "`1 – 9`",
                "`h`",
                "`m`",
                "`j`",
                "`u / Ctrl+Z`",
                "`Ctrl+Q`",
                "`F1 / ?`",
            ):
                assert expected in source
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, PlayScreen)


async def test_side_panel_hides_below_100_columns_and_toggles() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        panel = app.screen.query_one(StatusPanel)
        assert not panel.display
        await pilot.press("i")
        await pilot.pause()
        assert panel.display
        assert "Standing with command" in screen_text(app)
        await pilot.press("i")
        await pilot.pause()
        assert not panel.display
        await pilot.press("i")  # back to shown, then let the size decide again
        app.screen.panel = "auto"
        await pilot.resize_terminal(*LARGE)
        await pilot.pause()
        assert panel.display
        await pilot.resize_terminal(*SMALL)
        await pilot.pause()
        assert not panel.display


async def test_resizing_keeps_everything_usable() -> None:
    app = build_app()
    async with app.run_test(size=LARGE) as pilot:
        await start_game(pilot)
        for size in (SMALL, (60, 20), LARGE, SMALL):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            text = screen_text(app)
            assert "1. Draw the flares" in text
            assert "Trebsen" in text
        await pilot.press("2", "m")
        await settle(pilot)
        await pilot.resize_terminal(*LARGE)
        await settle(pilot)
        assert "◉ Kühren" in screen_text(app)
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        assert "◉ Kühren" in screen_text(app)


async def test_command_palette_offers_the_screen_actions() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"History", "Map", "Journal", "Codex", "Panel", "Menu"} <= titles
        assert {"Help", "Settings", "Quit"} <= titles
        assert "Take choice 2" in titles and "Take choice 3" not in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"journal")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)


async def test_one_escape_too_many_only_says_how_to_leave(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from elbe_game.ui.screens import play as play_module

    monkeypatch.setattr(play_module, "monotonic", lambda: 100.0)  # no time passes
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("h")  # the history note
        await pilot.pause()
        await pilot.press("escape", "escape")  # closes the note; then one too many
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        notices = app.screen.query_one("#notices", Notices)
        assert notices.texts == [
            "Press Escape again (or q) to leave this game for the title screen."
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
