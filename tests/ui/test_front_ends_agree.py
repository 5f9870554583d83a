"""The Textual game and plain text drive one game session: the same script of moves,
saves, loads and undos leaves the same saves and the same profile on disk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList

from elbe_game.engine import Engine, load_story

from ..conftest import plain_game
from .helpers import SAMPLE, SMALL, build_app, settle, start_game

pytestmark = pytest.mark.asyncio

SCRIPT: list[tuple[str, str]] = [
    ("choose", "mulde_supply"),
    ("choose", "mulde_halt"),
    ("save", "first"),
    ("undo", ""),
    ("choose", "mulde_halt"),
    ("choose", "mulde_crossing"),
    ("save", "second"),
    ("choose", "mulde_flare"),
    ("load", "first"),
    ("choose", "mulde_crossing"),
    ("undo", ""),
    ("choose", "mulde_crossing"),
    ("choose", "mulde_hold"),  # the other ending
]


def numbers() -> list[str]:
    """The choice number each 'choose' is, as a player would press it."""
    engine = Engine.new_game(load_story(SAMPLE), seed=7)
    saved: dict[str, Engine] = {}
    out = []
    for action, arg in SCRIPT:
        if action == "choose":
            out.append(str([c.id for c in engine.view().choices].index(arg) + 1))
            engine.choose(arg)
        elif action == "save":
            saved[arg] = Engine(engine.story, engine.state.copy(), list(engine.undo_stack))
        elif action == "load":
            engine = saved[arg]
        else:
            engine.undo()
    return out


def on_disk(folder: Path) -> dict[str, Any]:
    """Every file in the folder, without what differs by the clock (when, how long)."""
    found: dict[str, Any] = {}
    runs: dict[str, str] = {}  # each game's name is new every time: name them by order
    for path in sorted(folder.iterdir()):
        data = json.loads(path.read_text(encoding="utf-8"))
        if path.name == "profile.json":
            for entry in data["stories"].values():
                entry["endings"] = sorted(entry["endings"])  # ids; the values are dates
        else:
            data.pop("saved_at")
            data.pop("play_time")
            data["run"] = runs.setdefault(data["run"], f"game {len(runs) + 1}")
        found[path.name] = data
    return found


def plain_run(saves: Path) -> None:
    keys = iter(numbers())
    lines = []
    for action, arg in SCRIPT:
        if action == "choose":
            lines.append(next(keys))
        elif action == "undo":
            lines.append("undo")
        else:
            lines.append(f"{action} {arg}")
    game, out = plain_game(SAMPLE, saves, "\n".join(lines) + "\n", seed=7)
    assert game.run() == 0
    game.session.close()
    assert "Loaded 'first'." in out.getvalue()


async def textual_run(saves: Path) -> None:
    keys = iter(numbers())
    app = build_app(saves_dir=saves, seed=7)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        for action, arg in SCRIPT:
            if action == "choose":
                await pilot.press(next(keys))
            elif action == "undo":
                await pilot.press("u")
            elif action == "save":
                await pilot.press("s")
                await settle(pilot)
                app.screen.query_one(Input).value = arg
                await pilot.press("enter")
            else:
                await pilot.press("l")
                await settle(pilot)
                saves_list = app.screen.query_one("#saves", OptionList)
                ids = [saves_list.get_option_at_index(i).id for i in range(saves_list.option_count)]
                saves_list.highlighted = ids.index(arg)
                await pilot.press("enter")
            await settle(pilot)
        assert app.session.view().ending is not None
    # leaving the app writes the last autosave (the session is closed on unmount)


async def test_plain_text_and_the_textual_game_leave_the_same_files(tmp_path: Path) -> None:
    plain_run(tmp_path / "plain")
    await textual_run(tmp_path / "textual")
    plain, textual = on_disk(tmp_path / "plain"), on_disk(tmp_path / "textual")
    assert sorted(plain) == [
        "autosave.1.json",
        "autosave.2.json",
        "autosave.3.json",
        "autosave.json",
        "first.json",
        "profile.json",
        "second.json",
    ]
    assert textual == plain
    assert plain["profile.json"]["stories"]["elbe-sample"]["endings"] == ["held_the_line"]
    assert plain["autosave.json"]["passage"]["node"] == "mulde_hold"
