"""Live reload for ``elbe-game play --dev``: notice edited story files and move the game
on screen onto the new story. No Textual here; ``poll`` is safe in a worker thread
because it works on a copy of the engine taken by ``snapshot_engine`` on the UI thread.

    reloader = DevReloader(story_dir, watcher)
    outcome = reloader.poll(snapshot_engine(engine))   # None, Reloaded or Broken
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..authoring.watch import StoryWatcher
    from ..engine import Diagnostic, Engine

__all__ = ["Broken", "DevReloader", "Reloaded", "snapshot_engine"]


@dataclass
class Reloaded:
    """The new story loaded: ``engine`` carries the player over."""

    engine: Engine
    changed: list[str]
    notes: list[str] = field(default_factory=list)

    def message(self) -> str:
        lines = [f"Story reloaded: {describe_changes(self.changed)}."]
        lines += [f"• {note}" for note in self.notes]
        return "\n".join(lines)


@dataclass
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


def snapshot_engine(engine: Engine) -> Engine:
    """A copy of ``engine`` that a worker may read while the player goes on."""
    from ..engine import Engine

    return Engine(engine.story, engine.state.copy(), [s.copy() for s in engine.undo_stack])


class DevReloader:
    def __init__(self, root: Path, watcher: StoryWatcher) -> None:
        from ..authoring.watch import snapshot

        self.root = Path(root)
        self.watcher = watcher
        self._files = snapshot(self.root)
        self.forced = False  # reload on the next poll even without a change

    def poll(self, engine: Engine) -> Reloaded | Broken | None:
        """None when nothing changed; otherwise the outcome of reloading ``engine``."""
        changed = self.watcher.changed()
        if not (changed or self.forced):
            return None
        self.forced = False
        return self.reload(engine)

    def _changed_files(self) -> list[str]:
        from ..authoring.watch import snapshot

        now = snapshot(self.root)
        names = sorted(
            path for path in set(now) | set(self._files) if now.get(path) != self._files.get(path)
        )
        self._files = now
        out = []
        for name in names:
            try:
                out.append(str(Path(name).relative_to(self.root)))
            except ValueError:
                out.append(name)
        return out

    def reload(self, engine: Engine) -> Reloaded | Broken:
        from ..authoring.watch import migrate_state, reload_engine
        from ..engine import CheckReport

        changed = self._changed_files()
        result = reload_engine(engine, self.root)
        if isinstance(result, CheckReport):
            return Broken(list(result.errors), changed)
        notes = migrate_state(engine.state, result.story).notes
        return Reloaded(result, changed, notes)
