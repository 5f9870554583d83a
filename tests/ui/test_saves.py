"""Saving and loading in the app: named, quick and auto saves, Continue and --load, the
load screen, damaged saves, a passage gone from the story, an unwritable folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList

from elbe_game.ui.screens.confirm import ConfirmScreen
from elbe_game.ui.screens.load import LoadScreen
from elbe_game.ui.screens.play import PlayScreen
from elbe_game.ui.screens.savename import SaveNameScreen
from elbe_game.ui.screens.title import TitleScreen

from .helpers import (
    SAMPLE,
    SMALL,
    build_app,
    play_screen,
    record_notifications,
    screen_text,
    settle,
    shown,
    start_game,
    wait_ready,
    write_save,
)

pytestmark = pytest.mark.asyncio


async def test_save_quit_and_continue_in_a_new_app(tmp_path: Path) -> None:
    saves = tmp_path / "mysaves"
    app = build_app(saves_dir=saves)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("2")
        await settle(pilot)
        messages = record_notifications(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SaveNameScreen)
        await pilot.press(*"bridge", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert "Saved as 'bridge'." in messages
        saved = app.session.engine.state.to_dict()
        await pilot.press("ctrl+q")
    assert (saves / "bridge.json").is_file()
    assert (saves / "autosave.json").is_file()

    again = build_app(saves_dir=saves)
    async with again.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        menu = again.screen.query_one("#menu", OptionList)
        assert not menu.get_option("continue_game").disabled
        assert "Continue: Across the Mulde, turn 2 (bridge)." in screen_text(again)
        await pilot.press("c")
        await settle(pilot)
        play_screen(again)
        assert again.session.engine.state.to_dict() == saved
        assert "Across the Mulde" in screen_text(again)
        await pilot.press("u")
        await settle(pilot)
        assert again.session.view().node_id == "mulde_halt"


async def test_continue_flag_opens_straight_into_the_newest_save(tmp_path: Path) -> None:
    saved = write_save(tmp_path, "bridge", ("mulde_crossing",))
    app = build_app(saves_dir=tmp_path, continue_game=True)
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await settle(pilot)
        assert app.session.engine.state.to_dict() == saved


async def test_load_flag_opens_the_named_save_and_a_missing_one_says_so(tmp_path: Path) -> None:
    write_save(tmp_path, "bridge", ("mulde_crossing",))
    app = build_app(saves_dir=tmp_path, load_slot="bridge")
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await settle(pilot)
        assert app.session.view().node_id == "mulde_crossing"

    missing = build_app(saves_dir=tmp_path, load_slot="nowhere")
    async with missing.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await settle(pilot)
        assert isinstance(missing.screen, TitleScreen)
        assert "there is no save named 'nowhere'" in screen_text(missing)


async def test_continue_flag_without_saves_stays_on_the_title(tmp_path: Path) -> None:
    app = build_app(saves_dir=tmp_path / "empty", continue_game=True)
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        assert "to continue: start a new game." in screen_text(app)


async def test_quick_save_and_quick_load(tmp_path: Path) -> None:
    app = build_app(saves_dir=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        messages = record_notifications(app)
        await pilot.press("f5")
        await settle(pilot)
        assert any(m.startswith("Quick saved at The halt on the Mulde") for m in messages)
        before = app.session.engine.state.to_dict()
        await pilot.press("2")
        await settle(pilot)
        assert app.session.view().node_id == "mulde_crossing"
        await pilot.press("f9")
        await settle(pilot)
        assert app.session.engine.state.to_dict() == before
        assert any(m.startswith("Loaded 'quicksave'") for m in messages)
        assert "The halt on the Mulde" in screen_text(app)
        app.session.refresh_saves()  # the load was autosaved: Continue comes back here
        assert app.session.newest is not None
        assert app.session.newest.slot == "autosave"
        assert app.session.newest.node == "mulde_halt"


async def test_quick_load_without_a_quick_save_says_so(tmp_path: Path) -> None:
    app = build_app(saves_dir=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        messages = record_notifications(app)
        await pilot.press("f9")
        await settle(pilot)
        assert any("no save named 'quicksave'" in m for m in messages)
        assert isinstance(app.screen, PlayScreen)


async def test_a_bad_slot_name_shows_the_store_message(tmp_path: Path) -> None:
    app = build_app(saves_dir=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("s", *"a/b", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SaveNameScreen)
        assert "path separator" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert not list(tmp_path.glob("a*.json"))


async def test_load_screen_lists_newest_first_and_deletes_after_a_yes(tmp_path: Path) -> None:
    write_save(tmp_path, "alpha", (), saved_at="2025-04-25T10:00:00+02:00")
    write_save(tmp_path, "beta", ("mulde_crossing",), saved_at="2025-04-25T11:00:00+02:00")
    app = build_app(saves_dir=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LoadScreen)
        text = screen_text(app)
        assert text.index("beta") < text.index("alpha")
        assert "Across the Mulde · 24 April 1945, 09:30 · turn 2 · Hale" in text
        assert "2025-04-25 11:00" in text
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        assert (tmp_path / "beta.json").exists()
        await pilot.press("d", "y")
        await settle(pilot)
        assert isinstance(app.screen, LoadScreen)
        assert not (tmp_path / "beta.json").exists()
        assert "beta" not in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("l", "enter")
        await settle(pilot)
        assert app.session.view().node_id == "mulde_halt"


async def test_a_damaged_save_is_listed_with_its_problem_and_others_load(tmp_path: Path) -> None:
    write_save(tmp_path, "alpha", ("mulde_crossing",), saved_at="2025-04-25T10:00:00+02:00")
    (tmp_path / "broken.json").write_text('{"format": "elbe-1945-save", "vers', encoding="utf-8")
    app = build_app(saves_dir=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await pilot.press("l")
        await settle(pilot)
        text = screen_text(app)
        assert "broken" in text and "DAMAGED" in text
        assert "cut short or not JSON" in text
        messages = record_notifications(app)
        await pilot.press("enter")  # the damaged one is first: newest file
        await settle(pilot)
        assert isinstance(app.screen, LoadScreen)
        assert any("'broken' cannot be loaded" in m for m in messages)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.session.view().node_id == "mulde_crossing"


@pytest.fixture
def edited_story(tmp_path: Path) -> Path:
    """A copy of the sample whose mulde_crossing passage is saved at, then renamed."""
    story = tmp_path / "story"
    shutil.copytree(SAMPLE, story)
    write_save(tmp_path / "saves", "bridge", ("mulde_crossing",), story=story)
    for path in story.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("mulde_crossing", "mulde_ford"), encoding="utf-8")
    return story


async def test_passage_gone_asks_and_resumes_at_the_fallback(edited_story: Path) -> None:
    saves = edited_story.parent / "saves"
    app = build_app(story=edited_story, saves_dir=saves)
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == (
            "The passage you saved at ('Across the Mulde') is no longer in the story. Resume at "
            "'The halt on the Mulde', the last passage on your path that still exists?"
        )
        await pilot.press("y")
        await settle(pilot)
        assert app.session.view().node_id == "mulde_halt"


async def test_passage_gone_and_no_keeps_the_title(edited_story: Path) -> None:
    saves = edited_story.parent / "saves"
    before = (saves / "bridge.json").read_bytes()
    app = build_app(story=edited_story, saves_dir=saves, load_slot="bridge")
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert shown(app, ".dialog-title") == (
            "The passage you saved at ('Across the Mulde') is no longer in the story. Resume at "
            "'The halt on the Mulde', the last passage on your path that still exists?"
        )
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        assert shown(app, "#menu-note") == "Not loaded."
    # nothing was played, so nothing was written: the save is as it was, and alone
    assert sorted(p.name for p in saves.iterdir()) == ["bridge.json"]
    assert (saves / "bridge.json").read_bytes() == before


async def test_an_unwritable_saves_folder_is_told_and_play_goes_on(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the saves folder should be\n", encoding="utf-8")
    app = build_app(saves_dir=blocker / "saves")
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        messages = record_notifications(app)
        await pilot.press("2")
        await settle(pilot)
        assert app.session.view().node_id == "mulde_crossing"
        assert sum(m.startswith("Autosave failed:") for m in messages) == 1
        await pilot.press("1")  # the same problem is not told again
        await settle(pilot)
        assert sum(m.startswith("Autosave failed:") for m in messages) == 1
        await pilot.press("u", "f5")
        await settle(pilot)
        await pilot.press("s", *"bridge", "enter")
        await settle(pilot)
        assert sum(m.startswith("Not saved:") for m in messages) == 2
        assert isinstance(app.screen, PlayScreen)
        assert app.session.view().node_id == "mulde_crossing"


async def test_endings_and_codex_on_the_title_come_from_earlier_games(tmp_path: Path) -> None:
    app = build_app(saves_dir=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("2", "1")  # across the Mulde, then hold at the line: an ending
        await settle(pilot)
    assert (tmp_path / "profile.json").is_file()

    again = build_app(saves_dir=tmp_path)
    async with again.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        assert "five_mile_limit" in [c.id for c in again.session.codex()]
        assert again.session.endings_found()
        await pilot.press("x")
        await settle(pilot)
        assert "The five-mile limit" in screen_text(again)
        await pilot.press("escape", "e")
        await settle(pilot)
        assert "Endings found so far: 1 of" in screen_text(again)
