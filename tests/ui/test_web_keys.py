"""The game in a browser moves the keys browsers keep (webkeys.py); in a terminal the
keys stay as they were. ``is_web`` is Textual's own test of the web driver, set here
as the web driver sets it (the browser test plays the served game for real)."""

from __future__ import annotations

from pathlib import Path

import pytest

from elbe_game.ui.app import ElbeApp
from elbe_game.ui.screens.help import HelpScreen, help_markdown

from .helpers import (
    SMALL,
    build_app,
    record_notifications,
    screen_text,
    settle,
    start_game,
    wait_ready,
)


@pytest.fixture
def in_a_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ElbeApp, "is_web", property(lambda app: True))


@pytest.mark.asyncio
async def test_in_a_browser_k_quick_saves_and_f5_does_not(
    in_a_browser: None, tmp_path: Path
) -> None:
    app = build_app(saves_dir=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        messages = record_notifications(app)
        await pilot.press("f5")
        await settle(pilot)
        assert not (tmp_path / "quicksave.json").exists()
        await pilot.press("k")
        await settle(pilot)
        assert any(m.startswith("Quick saved at The halt on the Mulde") for m in messages)
        assert (tmp_path / "quicksave.json").is_file()


@pytest.mark.asyncio
async def test_in_a_terminal_f5_quick_saves_and_k_does_not(tmp_path: Path) -> None:
    app = build_app(saves_dir=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("k")
        await settle(pilot)
        assert not (tmp_path / "quicksave.json").exists()
        await pilot.press("f5")
        await settle(pilot)
        assert (tmp_path / "quicksave.json").is_file()


@pytest.mark.asyncio
async def test_in_a_browser_question_mark_is_help_and_the_title_says_so(
    in_a_browser: None,
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        title = screen_text(app)
        assert "? help" in title and "F1 help" not in title
        await pilot.press("f1")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "In the browser: keys the browser keeps" in screen_text(app)


def test_help_in_a_browser_lists_the_browsers_keys_and_moves_ours() -> None:
    web = help_markdown(web=True)
    terminal = help_markdown()
    assert "## In the browser: keys the browser keeps" in web
    assert "- `F5` reloads the page: press k to quick save" in web
    assert "- `k` Quick save: save to the quick slot" in web
    assert "- `F5` Quick save: save to the quick slot" not in web
    assert "- `?` Help\n" in web and "- `F1 / ?` Help\n" in terminal
    assert "Ctrl+Q` Quit" not in web and "- `Ctrl+Q` Quit" in terminal
    assert "In the browser" not in terminal
    assert "- `F5` Quick save: save to the quick slot" in terminal


def test_the_quick_save_key_of_the_browser_is_free_on_the_play_screen() -> None:
    from textual.binding import Binding

    from elbe_game.ui.screens.play import PlayScreen
    from elbe_game.ui.webkeys import QUICK_SAVE_ID, WEB_KEYMAP

    others = {b.key for b in Binding.make_bindings(PlayScreen.BINDINGS) if b.id != QUICK_SAVE_ID}
    assert WEB_KEYMAP[QUICK_SAVE_ID] not in others
