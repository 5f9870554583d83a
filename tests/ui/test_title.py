"""The title screen: the menu, focus, the disabled save entries, quitting."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from elbe_game.ui.screens.codex import CodexScreen
from elbe_game.ui.screens.gallery import GalleryScreen
from elbe_game.ui.screens.name import NameScreen
from elbe_game.ui.screens.play import PlayScreen
from elbe_game.ui.screens.settings_dialog import SettingsScreen
from elbe_game.ui.screens.title import TitleScreen

from .helpers import (
    SMALL,
    build_app,
    option_texts,
    record_notifications,
    screen_text,
    shown,
    wait_ready,
)

pytestmark = pytest.mark.asyncio


async def test_title_menu_has_focus_on_new_game() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        assert isinstance(app.screen, TitleScreen)
        menu = app.screen.query_one("#menu", OptionList)
        assert app.focused is menu
        assert menu.highlighted == 0
        assert menu.get_option_at_index(0).id == "new_game"
        text = screen_text(app)
        for label in ("New game", "Continue", "Load", "Endings", "Codex", "Settings", "Quit"):
            assert label in text
        assert "Elbe 1945 (sample)" in text
        assert "no saved games yet" in text


async def test_continue_and_load_are_disabled() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        menu = app.screen.query_one("#menu", OptionList)
        assert menu.get_option("continue_game").disabled
        assert menu.get_option("load_game").disabled
        await pilot.press("down")  # skips the disabled entries
        assert menu.get_option_at_index(menu.highlighted or 0).id == "endings"
        notes = record_notifications(app)
        await pilot.press("c", "l")  # their keys do nothing at all: no screen, no message
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert notes == []
        assert menu.get_option_at_index(menu.highlighted or 0).id == "endings"
        assert shown(app, "#menu-note") == "Continue and Load: no saved games yet."


async def test_enter_starts_a_new_game_with_the_given_name() -> None:
    app = build_app(player_name="Kotzebue")
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.session.engine.state.vars["player_name"] == "Kotzebue"


async def test_new_game_asks_for_a_name_and_enter_accepts_the_default() -> None:
    app = build_app(player_name=None)
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.session.engine.state.vars["player_name"] == "Hale"


async def test_name_can_be_typed_and_escape_goes_back() -> None:
    app = build_app(player_name=None)
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"Robertson", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.session.engine.state.vars["player_name"] == "Robertson"


async def test_endings_codex_and_settings_open_from_the_title() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, GalleryScreen)
        assert "0 of 2" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, CodexScreen)
        assert "No entries yet" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert option_texts(app, "#theme") == [
            "◉ Dark",
            "○ Dark, high contrast",
            "○ Light",
            "○ Light, high contrast",
            "○ Dark, colours for colour blindness",
        ]
        assert option_texts(app, "#measure") == [
            "○ Narrow (about 60 letters a line)",
            "◉ Normal (about 80)",
            "○ Wide (about 110)",
        ]
        assert option_texts(app, "#stat_changes") == [
            "◉ On: a line such as 'Mercy on the road +1'",
            "○ Off",
        ]
        assert option_texts(app, "#typewriter") == [
            "◉ Off: show passages at once",
            "○ On: any key completes it",
        ]
        assert option_texts(app, "#speed") == ["○ Slow", "◉ Normal", "○ Fast"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


async def test_q_quits_on_the_title_screen() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_q_quits_from_the_play_screen() -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("q")  # q alone does nothing while playing
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
