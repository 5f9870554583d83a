"""Authors' options in the app: ``--dev`` live reload with the error panel, and
``--start-at`` / ``--set`` for new games."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from elbe_game.ui.screens.play import PlayScreen
from elbe_game.ui.widgets.devpanel import DevPanel

from .helpers import (
    SAMPLE,
    SMALL,
    build_app,
    play_screen,
    record_notifications,
    screen_text,
    settle,
    start_game,
    wait_for,
)

pytestmark = pytest.mark.asyncio


async def test_dev_reloads_keeps_the_node_and_shows_then_hides_errors(tmp_path: Path) -> None:
    story = tmp_path / "story"
    shutil.copytree(SAMPLE, story)
    act = story / "act1_mulde.yaml"
    original = act.read_text(encoding="utf-8")
    app = build_app(story=story, saves_dir=tmp_path / "saves", dev=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = play_screen(app)
        panel = screen.query_one(DevPanel)
        assert not panel.broken
        assert not panel.display
        messages = record_notifications(app)
        old_story = app.session.story

        act.write_text(original.replace("Across the Mulde", "Over the Mulde"), encoding="utf-8")
        await wait_for(pilot, lambda: app.session.story is not old_story)
        await settle(pilot)
        assert app.session.view().node_id == "mulde_crossing"
        assert app.session.engine.state.turn == 1
        assert "Over the Mulde" in screen_text(app)
        assert any(m.startswith("Story reloaded: act1_mulde.yaml changed") for m in messages)
        assert app.session.engine.story is app.session.story

        good = app.session.engine
        act.write_text("nodes:\n  mulde_halt: [\n", encoding="utf-8")
        await wait_for(pilot, lambda: panel.broken)
        await settle(pilot)
        assert panel.display
        text = screen_text(app)
        assert "act1_mulde.yaml:" in text and "E001" in text
        assert app.session.engine is good  # the last good version plays on
        await pilot.press("1")
        await settle(pilot)
        assert app.session.view().node_id == "mulde_hold"

        act.write_text(original, encoding="utf-8")
        await wait_for(pilot, lambda: not panel.broken)
        await settle(pilot)
        assert not panel.display
        assert app.session.view().node_id == "mulde_hold"
        assert "Across the Mulde" not in screen_text(app)  # at the hold, new story


async def test_without_dev_there_is_no_panel(tmp_path: Path) -> None:
    app = build_app(saves_dir=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        assert not play_screen(app).query(DevPanel)


async def test_start_at_and_set_place_the_new_game(tmp_path: Path) -> None:
    app = build_app(
        saves_dir=tmp_path, start_at="mulde_crossing", sets=("standing=8", "green_flares=true")
    )
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        state = app.session.engine.state
        assert state.node == "mulde_crossing"
        assert state.vars["standing"] == 8
        assert "green_flares" in state.inventory
        assert "Fire a green flare" in screen_text(app)


async def test_a_bad_start_at_given_to_make_app_is_told_not_raised(tmp_path: Path) -> None:
    app = build_app(saves_dir=tmp_path, start_at="nowhere")
    async with app.run_test(size=SMALL) as pilot:
        from .helpers import wait_ready

        await wait_ready(pilot)
        messages = record_notifications(app)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, PlayScreen)
        assert any("the story has no node 'nowhere'" in m for m in messages)
        assert "Cannot start: --start-at nowhere" in screen_text(app)
