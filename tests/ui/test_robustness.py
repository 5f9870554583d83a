"""Bad input never crashes: markup in story text, a broken story, damaged settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Markdown

from elbe_game.ui.screens.codex import CodexScreen
from elbe_game.ui.screens.error import StoryErrorScreen
from elbe_game.ui.screens.history import HistoryScreen
from elbe_game.ui.screens.play import PlayScreen
from elbe_game.ui.screens.settings_dialog import SettingsScreen
from elbe_game.ui.screens.title import TitleScreen
from elbe_game.ui.widgets.passage import Passage

from ..authoring.conftest import write_generated_story
from .helpers import (
    BROKEN,
    MARKUP,
    SMALL,
    build_app,
    option_texts,
    record_notifications,
    screen_text,
    settle,
    shown,
    shown_passage,
    start_game,
    wait_ready,
)

pytestmark = pytest.mark.asyncio


async def test_markup_in_story_text_renders_literally() -> None:
    app = build_app(MARKUP, player_name=None)
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        assert "Markup [bold]test[/bold] story" in screen_text(app)
        await start_game(pilot)
        text = screen_text(app)
        assert app.is_running
        assert "[25] April 1945 · [/] · [Berlin]" in text
        assert "The [bold]start[/bold]" in text
        assert "Lieutenant [red]Hale[/] reads [bold]this[/bold] and [/] and" in text
        assert "[link=https://example.com]a link[/link]." in text
        assert "[@click=app.quit]quit[/] must do nothing" in text
        assert "1. Go [bold]on[/bold] [/]" in text
        assert "unavailable: Not enough [b]nerve[/b] [/]" in text
        await pilot.press("2")  # the unavailable one: its reason in a notification
        await pilot.press("i")
        await pilot.pause()
        text = screen_text(app)
        assert "Nerve [b]x[/b]" in text
        assert "A [dim]bracket[/dim]" in text
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert "History [red]in red[/red] and [/]." in text
        assert "[S1] [b]Bold[/b] source. A [i]Writer[/i], 1999." in text
        await pilot.press("escape", "c")
        await settle(pilot)
        assert isinstance(app.screen, CodexScreen)
        assert "The [square] bracket" in screen_text(app)
        await pilot.press("escape", "m")
        await settle(pilot)
        text = screen_text(app)
        assert "You are at [Berlin] (off this map)." in text
        assert "Map of [bold]markup[/bold] [/]" in text
        assert "[Berlin] ─── [b]road[/b] ─── Torgau ○ [/]" in text
        assert "○ not yet   ─ [red]road[/red] [/]" in text
        await pilot.press("escape", "j")
        await settle(pilot)
        assert "The [bold]start[/bold]" in screen_text(app)
        await pilot.press("escape", "1", "1")
        await settle(pilot)
        text = screen_text(app)
        assert "THE END: End [bold]of[/bold] markup [/]" in text
        assert "You [b]won[/b] [/]" in text and "It [i]happened[/i] [/]" in text
        assert "An alternate-history ending." in text
        assert app.is_running


async def test_a_broken_story_shows_the_checker_messages() -> None:
    app = build_app(BROKEN)
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        assert isinstance(app.screen, StoryErrorScreen)
        text = screen_text(app)
        assert "The story could not be loaded" in text
        assert "E017" in text and "E009" in text
        assert "elbe-game check" in text
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1


async def test_a_missing_story_folder_shows_the_error_screen(tmp_path: Path) -> None:
    app = build_app(tmp_path / "nowhere")
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        assert isinstance(app.screen, StoryErrorScreen)
        assert "E024" in screen_text(app)


async def test_new_game_pressed_before_the_story_loads_waits_for_it(tmp_path: Path) -> None:
    # 500 passages take a tenth of a second or more to load: Enter comes first
    app = build_app(write_generated_story(tmp_path / "big", 500))
    notes = record_notifications(app)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        await wait_ready(pilot)
        await settle(pilot)
        assert notes == ["The story is still loading…"]
        # then one new game, begun once the story is there, at its first passage
        assert [type(s) for s in app.screen_stack] == [TitleScreen, PlayScreen]
        assert shown_passage(app) == ("Node 0", "Passage 0. Score 0.")
        assert shown(app, "#strip-turn") == "Turn 1"


async def test_damaged_settings_fall_back_to_defaults_and_say_so(isolated_config: Path) -> None:
    isolated_config.mkdir(parents=True)
    (isolated_config / "settings.json").write_text("{not json", encoding="utf-8")
    app = build_app()
    notes = record_notifications(app)
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        assert app.settings.theme == "default"
        assert len(notes) == 1 and "damaged" in notes[0]


async def test_settings_persist_between_runs(isolated_config: Path) -> None:
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("down", "enter")  # theme: high contrast
        await pilot.press("tab", "tab", "down", "enter")  # (past the reading width) typewriter on
        await pilot.pause()
        assert option_texts(app, "#theme")[:2] == ["○ Dark", "◉ Dark, high contrast"]
        assert option_texts(app, "#typewriter")[1] == "◉ On: any key completes it"
        assert app.theme == "elbe-high-contrast"
    saved = json.loads((isolated_config / "settings.json").read_text(encoding="utf-8"))
    assert saved["theme"] == "high-contrast"
    assert saved["typewriter"] is True
    again = build_app()
    async with again.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        assert again.theme == "elbe-high-contrast"
        assert again.settings.typewriter


async def test_typewriter_reveals_and_any_key_completes(isolated_config: Path) -> None:
    isolated_config.mkdir(parents=True)
    (isolated_config / "settings.json").write_text(
        json.dumps({"theme": "default", "typewriter": True, "speed": "slow"}), encoding="utf-8"
    )
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await wait_ready(pilot)
        await pilot.press("enter")
        await pilot.pause(0.2)
        passage = app.screen.query_one(Passage)
        markdown = app.screen.query_one("#passage-text", Markdown)
        full = app.session.view().text
        assert passage.revealing
        assert len(markdown.source) < len(full)
        await pilot.press("x")  # any key: completes, and does nothing else
        await settle(pilot)
        assert not passage.revealing
        assert markdown.source == full
        assert isinstance(app.screen, PlayScreen)


async def test_no_color_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        assert app.no_color
        # Meaning survives without colour: symbols and words, not hues.
        await pilot.press("2")
        await settle(pilot)
        assert "✗" in screen_text(app) and "unavailable:" in screen_text(app)
