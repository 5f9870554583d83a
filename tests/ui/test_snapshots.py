"""Snapshots of every main screen at 80x24 and 120x40 (pytest-textual-snapshot).

Regenerate after an intended change with ``pytest tests/ui --snapshot-update`` and
review the SVGs under ``__snapshots__`` before committing them.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot

from ..conftest import game
from .helpers import LARGE, SMALL, build_app, settle, start_game, write_save

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])

Compare = Callable[..., bool]


def after(*keys: str, start: bool = True) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Wait for the story, optionally start a game, press ``keys``, let it settle."""

    async def run_before(pilot: Pilot[None]) -> None:
        if start:
            await start_game(pilot)
        else:
            from .helpers import wait_ready

            await wait_ready(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def snap(snap_compare: Compare, size: tuple[int, int], keys: Sequence[str], start: bool) -> bool:
    return bool(snap_compare(build_app(), terminal_size=size, run_before=after(*keys, start=start)))


@SIZES
def test_title(snap_compare: Compare, size: tuple[int, int]) -> None:
    assert snap(snap_compare, size, (), start=False)


@SIZES
def test_play(snap_compare: Compare, size: tuple[int, int]) -> None:
    assert snap(snap_compare, size, ("2",), start=True)


@SIZES
def test_history_note(snap_compare: Compare, size: tuple[int, int]) -> None:
    assert snap(snap_compare, size, ("h",), start=True)


@SIZES
def test_codex(snap_compare: Compare, size: tuple[int, int]) -> None:
    assert snap(snap_compare, size, ("2", "c"), start=True)


@SIZES
def test_map(snap_compare: Compare, size: tuple[int, int]) -> None:
    assert snap(snap_compare, size, ("2", "m"), start=True)


@SIZES
def test_ending(snap_compare: Compare, size: tuple[int, int]) -> None:
    assert snap(snap_compare, size, ("2", "2", "1"), start=True)


@SIZES
def test_help(snap_compare: Compare, size: tuple[int, int]) -> None:
    assert snap(snap_compare, size, ("f1",), start=True)


def test_load_screen(
    snap_compare: Compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The load screen at 80x24: saves newest first, a damaged one, an autosave. The
    screen names the folder as it was given, so the saves go to a folder of this run
    (under tmp_path) given by a relative name that is the same in every run."""
    from elbe_game.engine import Engine, load_story
    from elbe_game.host.saves import SaveStore

    from .helpers import SAMPLE

    monkeypatch.chdir(tmp_path)
    folder = Path("elbe-load-snapshot")
    write_save(folder, "before the river", (), saved_at="2025-04-24T20:15:00+02:00")
    write_save(
        folder,
        "bridge",
        ("mulde_crossing",),
        saved_at="2025-04-25T09:05:00+02:00",
        play_time=754.0,
    )
    engine = Engine.new_game(load_story(SAMPLE), seed=7, player_name="Kim")
    engine.choose("mulde_supply")
    info = SaveStore(folder).autosave(*game(engine, 3725.0))
    data = json.loads(info.path.read_text(encoding="utf-8"))
    data["saved_at"] = "2025-04-25T10:30:00+02:00"
    info.path.write_text(json.dumps(data), encoding="utf-8")
    (folder / "old.json").write_text("", encoding="utf-8")
    assert snap_compare(
        build_app(saves_dir=folder),
        terminal_size=SMALL,
        run_before=after("l", start=False),
    )
