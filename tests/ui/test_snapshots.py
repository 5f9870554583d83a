"""Snapshots of every main screen at 80x24 and 120x40 (pytest-textual-snapshot).

Regenerate after an intended change with ``pytest tests/ui --snapshot-update`` and
review the SVGs under ``__snapshots__`` before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

import pytest
from textual.pilot import Pilot

from .helpers import LARGE, SMALL, build_app, settle, start_game

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
