"""Reading comfort, scrollback and replays (the player's side, issue 12), with Pilot.

Notices in a line of their own, never over the passage; a text column that keeps its
width; the typewriter only for text not read before; the command palette; Escape and
the leave dialog; source addresses folded whole, as links, copied with ``y``; the side
panel's hanging indents and bars from zero; "more below"; stat feedback; skip-read; the
journal's reread and go-back; each game's last autosave; themes and the reading width;
the endings gallery's hints.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.command import Command, CommandList, CommandPalette
from textual.content import Content
from textual.pilot import Pilot
from textual.style import Style
from textual.widgets import Markdown, OptionList

from elbe_game.host.options import PlayOptions
from elbe_game.ui.app import ElbeApp, make_app
from elbe_game.ui.screens.confirm import ConfirmScreen
from elbe_game.ui.screens.gallery import GalleryScreen
from elbe_game.ui.screens.help import HelpScreen
from elbe_game.ui.screens.history import HistoryScreen
from elbe_game.ui.screens.journal import JournalScreen
from elbe_game.ui.screens.load import KINDS, LoadScreen
from elbe_game.ui.screens.play import PlayScreen
from elbe_game.ui.screens.reread import RereadScreen
from elbe_game.ui.screens.settings_dialog import SettingsScreen
from elbe_game.ui.screens.title import TitleScreen
from elbe_game.ui.sources import SourceList
from elbe_game.ui.themes import THEME_NAMES
from elbe_game.ui.widgets.notices import Notices
from elbe_game.ui.widgets.passage import Passage

from .helpers import (
    LARGE,
    READING,
    SAMPLE,
    SMALL,
    build_app,
    hold_notices,
    play_screen,
    record_notifications,
    screen_text,
    settle,
    shown,
    shown_passage,
    start_game,
    wait_for,
    wait_ready,
)

pytestmark = pytest.mark.asyncio

HALT = "The halt on the Mulde"
HALT_OPENING = (
    "The Mulde runs brown and quick under the blown bridge at Trebsen. For nine days the "
    "regiment has sat on this bank and watched the far one, where nothing moves but "
    "smoke and, now and then, a cart."
)
LONG_ADDRESS = (
    "https://archive.example.org/collections/second-world-war/us-army/69th-infantry-"
    "division/after-action-reports/1945-04/linkup_at_strehla_and_torgau.html?page=12"
    "&view=full#contact-report"
)
SHORT_ADDRESS = "http://69th-infantry-division.com/more/linkup/linkup.html"
SEPARATORS = tuple("/-_?&=#")
LEAVE_HINT = "Press Escape again (or q) to leave this game for the title screen."


def words(text: str) -> str:
    return " ".join(text.split())


def notices(app: object) -> list[str]:
    return play_screen(app).query_one("#notices", Notices).texts


def text_width(app: object) -> int:
    return play_screen(app).query_one("#passage-text", Markdown).region.width


def typewriter_on(config: Path, **more: object) -> None:
    config.mkdir(parents=True, exist_ok=True)
    settings = {"typewriter": True, "speed": "slow", **more}
    (config / "settings.json").write_text(json.dumps(settings), encoding="utf-8")


async def open_palette(pilot: Pilot[None], query: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)


def palette_hits(app: object) -> dict[str, str]:
    """The palette's results as they are listed: name -> the help line under it."""
    results = app.screen.query_one(CommandList)  # type: ignore[attr-defined]
    hits = {}
    for option in results.options:
        if isinstance(option, Command):  # not the "No matches found" line
            hits[str(option.hit.text)] = str(option.hit.help)
    return hits


async def open_settings(pilot: Pilot[None]) -> None:
    """The Settings dialog from the play screen, as a player finds it: the palette."""
    await open_palette(pilot, "settings")
    await wait_for(pilot, lambda: "Settings" in palette_hits(pilot.app), seconds=20)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SettingsScreen)


async def leave_game(pilot: Pilot[None]) -> None:
    await pilot.press("q")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmScreen)
    await pilot.press("y")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TitleScreen)


# ---------------------------------------------------------------- B1: notices


def assert_passage_and_notice_whole(app: ElbeApp, message: str) -> None:
    """The title, the opening paragraph and ``message`` read whole on screen, the
    notice above the passage, and no toast anywhere."""
    assert message in notices(app)
    rows = screen_text(app).splitlines()
    stripped = [row.strip() for row in rows]
    assert HALT in stripped, "the passage's title is not on screen whole"
    title_row = stripped.index(HALT)
    below_title = words(" ".join(rows[title_row + 1 :]))
    assert below_title.startswith(words(HALT_OPENING)), "the opening lines are covered"
    above_title = words(" ".join(rows[:title_row]))
    assert f"› {words(message)}" in above_title, "the notice is not in the line above"
    assert not app.screen.query("Toast"), "a toast is drawn over the play screen"


async def test_notices_go_in_their_own_line_and_never_cover_the_passage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hold_notices(monkeypatch)
    app = build_app()
    async with app.run_test(size=SMALL, notifications=True) as pilot:  # toasts drawn
        await start_game(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert_passage_and_notice_whole(app, f"Quick saved at {HALT}. F9 loads it.")
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert_passage_and_notice_whole(app, "Stepped back one choice.")
        await pilot.press("f9")
        await settle(pilot)
        assert_passage_and_notice_whole(app, f"Loaded 'quicksave': {HALT}.")
        assert len(notices(app)) == 3  # all three at once, and still nothing covered


# ---------------------------------------------------------------- B2: the text column


async def test_the_text_column_is_as_wide_for_a_short_passage_as_for_a_long_one() -> None:
    app = build_app(READING)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        passage = play_screen(app).query_one(Passage)
        assert passage.max_scroll_y > 0  # the camp is longer than the screen: it scrolls
        long_width = text_width(app)
        await pilot.press("1")
        await settle(pilot)
        assert shown_passage(app)[0] == "The road east"
        assert passage.max_scroll_y == 0  # the road fits
        assert text_width(app) == long_width


async def test_the_text_does_not_rewrap_while_the_typewriter_reveals_it(
    isolated_config: Path,
) -> None:
    typewriter_on(isolated_config)
    app = build_app(READING)
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await pilot.press("enter")  # New game: the camp, new to this player, is typed out
        await pilot.pause(0.2)
        passage = play_screen(app).query_one(Passage)
        assert passage.revealing
        assert passage.max_scroll_y == 0  # early: what is shown fits, no scrollbar yet
        early = text_width(app)
        await pilot.press("x")  # completes the reveal
        await settle(pilot)
        assert not passage.revealing
        assert passage.max_scroll_y > 0  # the whole text scrolls
        assert text_width(app) == early


# ---------------------------------------------------------------- B4: no reveal twice


async def test_undo_shows_the_passage_at_once(isolated_config: Path) -> None:
    typewriter_on(isolated_config)
    app = build_app(READING)
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        passage = play_screen(app).query_one(Passage)
        markdown = play_screen(app).query_one("#passage-text", Markdown)
        assert passage.revealing  # the typewriter is on
        camp = app.session.view().text
        await pilot.press("x")  # complete the camp
        await pilot.pause()
        await pilot.press("1")  # the road, typed out
        await pilot.pause()
        await pilot.press("x")  # complete it (if it is not done already)
        await pilot.pause()
        assert shown_passage(app)[0] == "The road east"
        assert not passage.revealing
        await pilot.press("u")
        await pilot.pause()
        assert shown_passage(app)[0] == "The camp at Trebsen"
        assert not passage.revealing
        assert markdown.source == camp


async def test_text_read_in_an_earlier_game_is_not_typed_out(
    isolated_config: Path, isolated_saves: Path
) -> None:
    first = build_app(READING)
    async with first.run_test(size=SMALL) as pilot:  # typewriter off: the first game
        await start_game(pilot)
        await pilot.press("1", "1")  # the camp and the road read, the bridge shown
        await settle(pilot)
        assert shown_passage(first)[0] == "The bridge at Leckwitz"
    assert (isolated_saves / "profile.json").is_file()
    typewriter_on(isolated_config)
    app = build_app(READING)
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        passage = play_screen(app).query_one(Passage)
        markdown = play_screen(app).query_one("#passage-text", Markdown)
        assert shown_passage(app)[0] == "The camp at Trebsen"
        assert not passage.revealing
        assert markdown.source == app.session.view().text
        await pilot.press("1")
        await pilot.pause()
        assert shown_passage(app)[0] == "The road east"
        assert not passage.revealing
        assert markdown.source == app.session.view().text
        await pilot.press("1")  # the bridge was only shown, never read: typed out
        await pilot.pause()
        assert shown_passage(app)[0] == "The bridge at Leckwitz"
        assert passage.revealing
        assert len(markdown.source) < len(app.session.view().text)


# ---------------------------------------------------------------- B6: the palette


async def test_the_palette_finds_settings_by_a_word_of_its_description() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await open_palette(pilot, "typewriter")
        await wait_for(pilot, lambda: "Settings" in palette_hits(app), seconds=20)
        assert "typewriter" in palette_hits(app)["Settings"]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)


async def test_the_palette_shows_keys_as_players_read_them() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await open_palette(pilot, "scroll passage")
        await wait_for(pilot, lambda: "Scroll passage down" in palette_hits(app), seconds=20)
        hits = palette_hits(app)
        assert hits["Scroll passage down"] == "Key: PgDn"
        assert hits["Scroll passage up"] == "Key: PgUp"
        text = screen_text(app)
        assert "Key: PgDn" in text
        assert "pagedown" not in text and "pageup" not in text


async def test_the_palette_does_not_open_over_the_leave_dialog() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        messages = record_notifications(app)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert not any(isinstance(s, CommandPalette) for s in app.screen_stack)
        assert messages == ["Answer the question first (or press Escape)."]


# ---------------------------------------------------------------- Escape


async def test_one_escape_too_many_after_a_full_screen_only_says_how_to_leave(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The journal, the map and the codex are screens of their own (the history note,
    a dialog, is in test_play.py): the Escape that closes one is not counted, and the
    next only says how to leave."""
    from elbe_game.ui.screens import play as play_module

    clock = [100.0]
    monkeypatch.setattr(play_module, "monotonic", lambda: clock[0])
    hold_notices(monkeypatch)
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        for key in ("j", "m", "c"):
            clock[0] += 60  # long after the last Escape
            play_screen(app).query_one("#notices", Notices).clear()
            await pilot.press(key)
            await settle(pilot)
            assert not isinstance(app.screen, PlayScreen), key
            await pilot.press("escape")  # closes it
            await settle(pilot)
            assert isinstance(app.screen, PlayScreen), key
            await pilot.press("escape")  # one too many
            await settle(pilot)
            assert isinstance(app.screen, PlayScreen), key
            assert notices(app) == [LEAVE_HINT], key


async def test_the_leave_dialog_answers_every_key_and_opens_help() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("q")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert not dialog.query_one("#answer-keys").display
        await pilot.press("m")  # the map's key, meaningless here: the answers are shown
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.query_one("#answer-keys").display
        answers = "Answer first: y: yes    n or Escape: no    F1: help"
        assert shown(app, "#answer-keys") == answers
        assert "Answer first: y: yes" in screen_text(app)
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen), key
            assert app.screen_stack[-2] is dialog
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is dialog
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert shown_passage(app)[0] == HALT


# ---------------------------------------------------------------- B7: source addresses


def address_rows(text: str, address: str) -> list[str]:
    """The screen's lines that show ``address``, in order, without the dialog's
    border: the line where it starts and those that carry it on."""
    borders = "█▌▐▊▎▍▏▕│┃ "
    rows = [row.strip().strip(borders) for row in text.splitlines()]
    start = next((i for i, row in enumerate(rows) if row and address.startswith(row)), None)
    assert start is not None, "the address does not begin on any line of the screen"
    pieces: list[str] = []
    rest = address
    for row in rows[start:]:
        if not rest:
            break
        assert row and rest.startswith(row), f"the address is cut off at {row!r}"
        pieces.append(row)
        rest = rest[len(row) :]
    assert not rest, "the address is not on screen whole"
    return pieces


async def test_long_source_addresses_fold_after_separators_as_links(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = build_app(READING)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        pieces = address_rows(screen_text(app), LONG_ADDRESS)
        assert len(pieces) >= 3  # long enough to fold twice at 80x24
        for piece in pieces[:-1]:
            assert piece.endswith(SEPARATORS), f"broken inside a word: {piece!r}"
        assert address_rows(screen_text(app), SHORT_ADDRESS) == [SHORT_ADDRESS]
        # every piece is the same link, to the whole address
        rendered = app.screen.query_one("#history-sources", SourceList).render()
        assert isinstance(rendered, Content)
        lines = {line.plain.strip(): line for line in rendered.split("\n")}
        for piece in pieces:
            line = lines[piece]
            start = line.plain.index(piece)
            links = [
                span
                for span in line.spans
                if isinstance(span.style, Style) and span.style.link == LONG_ADDRESS
            ]
            assert any(s.start <= start and s.end >= start + len(piece) for s in links), piece
        copied: list[str] = []
        monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
        messages = record_notifications(app)
        await pilot.press("y")
        await settle(pilot)
        assert copied == [f"{LONG_ADDRESS}\n{SHORT_ADDRESS}"]
        assert messages == ["Copied 2 address(es)."]


# ---------------------------------------------------------------- B8: the side panel


async def test_side_panel_items_hang_under_their_first_word_and_bars_start_at_zero() -> None:
    app = build_app(READING)
    async with app.run_test(size=LARGE) as pilot:
        await start_game(pilot)
        rows = screen_text(app).splitlines()
        first = next(i for i, row in enumerate(rows) if "• A letter from the" in row)
        column = rows[first].index("•")
        name = [rows[first][column + 2 :].strip()]
        for row in rows[first + 1 :]:
            carried_on = row[column : column + 2] == "  " and row[column + 2 : column + 3].strip()
            if not carried_on:
                break
            name.append(row[column + 2 :].strip())
        assert len(name) >= 3  # the name wraps in the panel
        assert " ".join(name) == (
            "A letter from the regimental chaplain to his sister in Columbus, Ohio"
        )
        label = next(i for i, row in enumerate(rows) if "Trust with the Red Army" in row)
        value = rows[label + 1][rows[label].index("Trust") :]  # the panel's part of the row
        assert "0 (-5 to 10)" in value
        assert "│" in value  # where zero is
        assert "░" in value and "█" not in value  # at 0: nothing filled


# ---------------------------------------------------------------- B12: more below


async def test_more_below_shows_until_the_end_of_a_long_passage() -> None:
    app = build_app(READING)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        screen = play_screen(app)
        more = screen.query_one("#more")
        passage = screen.query_one(Passage)
        assert more.display
        assert "▼ more below: PgDn" in screen_text(app)
        for _ in range(10):
            if passage.scroll_y >= passage.max_scroll_y:
                break
            await pilot.press("pagedown")
            await settle(pilot)
        await wait_for(pilot, lambda: passage.scroll_y >= passage.max_scroll_y, seconds=10)
        await wait_for(pilot, lambda: not more.display, seconds=10)
        assert "more below" not in screen_text(app)
        await pilot.press("pageup")
        await wait_for(pilot, lambda: more.display, seconds=10)
        assert "▼ more below: PgDn" in screen_text(app)


@pytest.mark.parametrize("size", [SMALL, (100, 30), LARGE], ids=["80x24", "100x30", "120x40"])
async def test_the_play_screen_lays_itself_out_once_and_then_rests(
    size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The "more below" line, shown or hidden on figures taken mid-resize, moved the layout
    and fired again: the screen was laid out every frame, and every key in the command
    palette took seconds. Once settled, nothing is laid out until something happens."""
    from textual.widget import Widget

    layouts: list[str] = []
    size_updated = Widget._size_updated

    def counted(self: Widget, *args: object, **kwargs: object) -> None:
        if isinstance(self, Passage):
            layouts.append(str(args[0]))
        size_updated(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Widget, "_size_updated", counted)
    app = build_app()
    async with app.run_test(size=size) as pilot:
        await start_game(pilot)
        await pilot.pause(0.3)
        layouts.clear()
        await pilot.pause(0.5)
        assert layouts == []
        passage = play_screen(app).query_one(Passage)
        more = play_screen(app).query_one("#more")
        assert more.display == (passage.max_scroll_y > 0)


# ---------------------------------------------------------------- stat feedback


async def test_a_changed_stat_is_told_unless_the_setting_is_off(
    isolated_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hold_notices(monkeypatch)
    app = build_app(READING)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert notices(app) == ["Trust with the Red Army +1."]
        await pilot.press("u")
        await settle(pilot)
        await open_settings(pilot)
        for _ in range(4):  # past the theme, the reading width, the typewriter, its speed
            await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "stat_changes"
        await pilot.press("down", "enter")  # Off
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert not app.settings.stat_changes
        play_screen(app).query_one("#notices", Notices).clear()
        await pilot.press("1")
        await settle(pilot)
        assert shown_passage(app)[0] == "The road east"
        assert app.session.engine.state.vars["trust"] == 1  # it changed, untold
        assert notices(app) == []
    saved = json.loads((isolated_config / "settings.json").read_text(encoding="utf-8"))
    assert saved["stat_changes"] is False


# ---------------------------------------------------------------- skip read


async def test_skip_read_passes_text_read_in_earlier_games_and_stops_at_new_text_or_a_choice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = build_app(READING)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)  # the first game: the camp and the road read
        messages = record_notifications(app)
        await pilot.press(">")  # nothing was read before this game
        await settle(pilot)
        assert shown_passage(app)[0] == "The camp at Trebsen"
        assert messages[-1].startswith("Nothing to skip")
        await pilot.press("1", "1")
        await settle(pilot)
        assert shown_passage(app)[0] == "The bridge at Leckwitz"
        await leave_game(pilot)

        await start_game(pilot)  # the second: through the camp and the road
        await pilot.press(">")
        await settle(pilot)
        assert shown_passage(app)[0] == "The bridge at Leckwitz"  # new text: stop
        assert shown(app, "#strip-turn") == "Turn 3"
        assert messages[-1] == "Skipped 2 passage(s) you had read before."
        await pilot.press("1", "1")  # the bridge read, and the fork, at the river
        await settle(pilot)
        assert app.session.view().ending is not None
        await pilot.press("escape")  # after an ending Escape leaves at once
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)

        await start_game(pilot)  # the third: all read up to the fork, a real choice
        await pilot.press(">")
        await settle(pilot)
        assert shown_passage(app)[0] == "The fork in the road"
        assert shown(app, "#strip-turn") == "Turn 4"
        assert messages[-1] == "Skipped 3 passage(s) you had read before."
        assert [e.title for e in app.session.journal()] == [
            "The camp at Trebsen",
            "The road east",
            "The bridge at Leckwitz",
            "The fork in the road",
        ]
        await pilot.press(">")
        await settle(pilot)
        assert shown_passage(app)[0] == "The fork in the road"
        assert messages[-1].startswith("Nothing to skip")


# ---------------------------------------------------------------- scrollback


async def test_the_journal_rereads_a_passage_as_read_and_goes_back_to_it() -> None:
    app = build_app(READING)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("1", "1", "1")  # the road (trust 1), the bridge (3), the fork
        await settle(pilot)
        assert shown_passage(app)[0] == "The fork in the road"
        assert app.session.engine.state.vars["trust"] == 3
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("up", "up", "enter")  # from "you are here" up to the road
        await settle(pilot)
        reread = app.screen
        assert isinstance(reread, RereadScreen)
        text = reread.query_one("#reread-text", Markdown).source
        assert "Trust stands at 1." in text  # with the state of then, not trust 3
        assert shown(app, "#reread-choice") == "You chose: Walk on to the bridge"
        screen = screen_text(app)
        assert "The road east" in screen and "Trust stands at 1." in screen
        assert "You chose: Walk on to the bridge" in screen
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert shown(app, ".dialog-title") == "Go back to 'The road east'?"
        await pilot.press("n")  # not now: still reading, nothing undone
        await settle(pilot)
        assert app.screen is reread
        assert app.session.view().node_id == "fork"
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        title, source = shown_passage(app)
        assert title == "The road east"
        assert "Trust stands at 1." in source
        assert shown(app, "#strip-turn") == "Turn 2"
        journal = app.session.journal()
        assert [e.title for e in journal] == ["The camp at Trebsen", "The road east"]
        assert journal[-1].choice_text is None  # the journal ends there
        assert app.session.engine.state.vars["trust"] == 1


# ---------------------------------------------------------------- each game's autosave


async def test_an_earlier_games_last_autosave_is_listed_and_resumes_it() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)  # the first game: to the command post and back
        await pilot.press("1", "1")
        await settle(pilot)
        assert shown(app, "#strip-turn") == "Turn 3"
        await leave_game(pilot)
        await start_game(pilot)  # the second game: across the river
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LoadScreen)
        saves = app.screen.query_one("#saves", OptionList)
        slots = [option.id for option in saves.options if option.id]
        earlier = [slot for slot in slots if slot.startswith("autosave-")]
        assert len(earlier) == 1, slots
        assert "run" in KINDS
        text = screen_text(app)
        assert f"{earlier[0]}  {KINDS['run']}" in text
        assert f"{HALT} · 24 April 1945, 08:10 · turn 3 · Hale" in text
        assert shown(app, "#saves-note").startswith("Autosaves:")
        for _ in range(len(saves.options)):
            highlighted = saves.highlighted
            if highlighted is not None and saves.get_option_at_index(highlighted).id == earlier[0]:
                break
            await pilot.press("down")
            await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert shown_passage(app)[0] == HALT
        assert shown(app, "#strip-turn") == "Turn 3"
        state = app.session.engine.state
        assert "green_flares" in state.inventory  # from the command post, in the first game
        assert [e.choice_text for e in app.session.journal()][:2] == [
            "Draw the flares and the map case from the company command post",
            "Go back down to the river",
        ]


# ---------------------------------------------------------------- themes, reading width


async def test_a_theme_for_the_run_leaves_the_settings_alone(isolated_config: Path) -> None:
    isolated_config.mkdir(parents=True)
    settings_file = isolated_config / "settings.json"
    settings_file.write_text(json.dumps({"theme": "high-contrast"}), encoding="utf-8")
    before = settings_file.read_bytes()
    app = make_app(
        PlayOptions(story_dir=SAMPLE, saves_dir=None, seed=7, player_name="Hale"),
        theme="light",
    )
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        assert app.theme == THEME_NAMES["light"]
        assert not app.current_theme.dark
        assert app.settings.theme == "high-contrast"
    assert settings_file.read_bytes() == before
    again = build_app()
    async with again.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        assert again.theme == THEME_NAMES["high-contrast"]


async def test_the_reading_width_setting_applies_to_the_play_screen(
    isolated_config: Path,
) -> None:
    app = build_app()
    async with app.run_test(size=(160, 40)) as pilot:  # wide enough for every measure
        await start_game(pilot)
        screen = play_screen(app)
        assert screen.has_class("-measure-normal")
        normal = text_width(app)
        await open_settings(pilot)
        await pilot.press("tab")  # past the theme, to the reading width
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "measure"
        await pilot.press("down", "enter")  # Wide
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert screen.has_class("-measure-wide") and not screen.has_class("-measure-normal")
        wide = text_width(app)
        await open_settings(pilot)
        await pilot.press("tab", "up", "up", "enter")  # Narrow
        await pilot.press("escape")
        await settle(pilot)
        assert screen.has_class("-measure-narrow")
        narrow = text_width(app)
        assert narrow < normal < wide
    saved = json.loads((isolated_config / "settings.json").read_text(encoding="utf-8"))
    assert saved["measure"] == "narrow"


# ---------------------------------------------------------------- the endings gallery


async def test_the_gallery_gives_a_hint_for_each_ending_not_found() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, GalleryScreen)
        found = shown(app, "#found")
        assert "? not found yet: Keep to the five-mile line." in found
        assert "? not found yet: Go on east, past it." in found
        assert "? not found yet: Keep to the five-mile line." in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await start_game(pilot)
        await pilot.press("2", "1")  # hold at the line: the first ending
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("e")
        await settle(pilot)
        found = shown(app, "#found")
        assert "✓ The line held  (historical)" in found
        assert "Keep to the five-mile line" not in found  # found: its hint is not needed
        assert "? not found yet: Go on east, past it." in found
