"""Live reload for ``play --dev``: notice edited story files, move the game onto the new
story.

    async for changed in story_changes(story_dir):        # ["act1.yaml"], as they change
        report = await asyncio.to_thread(check_story, story_dir)   # checking is slow
        outcome = session.reload_story(report, changed)    # Reloaded or Broken

The files are watched with watchfiles (the operating system's file notifications; set
``WATCHFILES_FORCE_POLLING=1`` where those do not work, as on some network drives).
Only files the story loader reads count. Moving the game is ``reload_engine``: the
state and every undo step fitted with the engine's ``fit_state``, the one fitting that
loading a save uses too, so the journal keeps the words of every choice.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from ..engine import Diagnostic, Engine, PassageView, Story
from ..engine.fit import fallback_point, fit_state
from ..engine.loader import STORY_SUFFIXES, WALKTHROUGH_SUFFIX
from ..engine.runtime import check_state

__all__ = [
    "Broken",
    "Reloaded",
    "describe_changes",
    "is_story_file",
    "reload_engine",
    "story_changes",
]

DEBOUNCE_MS = 300
"""Changes this close together are one reload (an editor's save is often several)."""


@dataclass(frozen=True)
class Reloaded:
    """The edited story loaded; the game plays on in it."""

    view: PassageView
    changed: list[str]
    notes: list[str] = field(default_factory=list)

    def message(self) -> str:
        lines = [f"Story reloaded: {describe_changes(self.changed)}."]
        lines += [f"• {note}" for note in self.notes]
        return "\n".join(lines)


@dataclass(frozen=True)
class Broken:
    """The edited files do not load: the checker's errors; the old story plays on."""

    errors: list[Diagnostic]
    changed: list[str]

    def lines(self) -> list[str]:
        return [d.format() for d in self.errors]


def describe_changes(changed: list[str]) -> str:
    if not changed:
        return "the story files changed"
    shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
    return f"{shown} changed"


def is_story_file(root: Path, path: Path) -> bool:
    """Whether the story loader reads ``path`` (a file of the story in ``root``)."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return False
    return (
        path.suffix in STORY_SUFFIXES
        and not path.name.endswith(WALKTHROUGH_SUFFIX)
        and not any(part.startswith(".") for part in parts)
    )


async def story_changes(
    root: Path, stop_event: asyncio.Event | None = None
) -> AsyncIterator[list[str]]:
    """The story files changed (relative to ``root``), each time some change; runs until
    ``stop_event`` is set or the caller stops. OSError if ``root`` cannot be watched."""
    from watchfiles import awatch  # only for play --dev

    root = Path(root).resolve()

    def wanted(_change: object, name: str) -> bool:
        return is_story_file(root, Path(name))

    async for changes in awatch(
        root,
        watch_filter=wanted,
        debounce=DEBOUNCE_MS,
        stop_event=stop_event,
    ):
        names = sorted({Path(name).relative_to(root).as_posix() for _, name in changes})
        if names:
            yield names


def reload_engine(engine: Engine, story: Story) -> tuple[Engine, list[str]]:
    """``engine``'s game moved onto ``story``: the same passage where it still exists,
    else the last passage on the path that does; the notes say what changed."""
    saved = engine.state
    title = engine.story.nodes[saved.node].title_for(saved)
    state, notes = fit_state(story, saved, saved_title=title)
    undo = [fit_state(story, s)[0] for s in engine.undo_stack]
    if saved.node not in story.nodes:
        # back at an earlier passage: its undo step is the state as it was there
        index, node = fallback_point(story, saved)
        at = index or 0
        if at < len(undo) and undo[at].node == node:
            state = undo[at]
        undo = undo[:at]
    check_state(story, state)  # a failure here is a bug of ours, not the author's
    return Engine(story, state, undo), notes
