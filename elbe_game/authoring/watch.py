"""Live reload: notice edited story files, and move a running game onto the new story.

    watcher = StoryWatcher(story_dir)        # remembers every story file's mtime and size
    if watcher.changed():                    # poll, e.g. twice a second from a UI timer
        result = reload_engine(engine, story_dir)
        if isinstance(result, CheckReport):  # the edit broke the story: show diagnostics,
            ...                              # keep playing the old engine
        else:
            engine = result                  # same node and state where they still exist

Polling needs no dependency and works on every file system, editors' atomic saves
included. ``migrate_state`` is the pure part, usable without touching the disk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..engine import CheckReport, Engine, GameState, Step, Story, check_story
from ..engine.expressions import TYPE_OF
from ..engine.loader import story_files
from ..engine.runtime import check_state

Snapshot = dict[str, tuple[int, int]]


def snapshot(root: Path) -> Snapshot:
    """path -> (mtime in ns, size) of every file the story loader would read."""
    out: Snapshot = {}
    if not root.exists():
        return out
    for path in story_files(root):
        try:
            stat = path.stat()
        except OSError:
            continue  # deleted between listing and stat: the next poll sees it gone
        out[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return out


class StoryWatcher:
    """Reports whether any story file was added, removed or changed since last asked."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self._last = snapshot(self.root)

    def changed(self) -> bool:
        now = snapshot(self.root)
        if now == self._last:
            return False
        self._last = now
        return True


@dataclass
class Migration:
    state: GameState
    notes: list[str] = field(default_factory=list)  # what could not be kept, for people


def migrate_state(old: GameState, story: Story) -> Migration:
    """``old`` fitted onto ``story``: values kept where the variable still exists with the
    same type (clamped to its range), defaults for new variables, dropped ones removed;
    unknown items, codex entries, endings and path steps dropped; a vanished current node
    replaced by the last node on the path that still exists (else the start)."""
    notes: list[str] = []
    variables: dict[str, int | bool | str] = {}
    for name, var in story.variables.items():
        if name in old.vars and TYPE_OF[type(old.vars[name])] == var.type:
            variables[name] = var.clamp(old.vars[name])
        else:
            variables[name] = var.default
            if name in old.vars:
                notes.append(f"variable {name!r} changed type: reset to {var.default!r}")
    dropped = sorted(set(old.vars) - set(story.variables))
    if dropped:
        notes.append(f"variables no longer in the story: {', '.join(dropped)}")
    path = [
        Step(s.node, s.choice)
        for s in old.path
        if s.node in story.nodes and story.nodes[s.node].choice(s.choice) is not None
    ]
    node = old.node
    if node not in story.nodes:
        alive = [s.node for s in reversed(old.path) if s.node in story.nodes]
        node = alive[0] if alive else story.start
        notes.append(f"node {old.node!r} is gone: moved back to {node!r}")
    state = GameState(
        node=node,
        vars=variables,
        inventory=[i for i in old.inventory if i in story.items],
        visit_counts={n: c for n, c in old.visit_counts.items() if n in story.nodes},
        last_visit={n: t for n, t in old.last_visit.items() if n in story.nodes},
        turn=old.turn,
        codex=[c for c in old.codex if c in story.codex],
        endings=[e for e in old.endings if e in story.endings],
        path=path,
        rng=old.rng,
        seed=old.seed,
    )
    check_state(story, state)  # a bug here is ours, not the author's: let it raise
    return Migration(state, notes)


def reload_engine(engine: Engine, root: str | os.PathLike[str]) -> Engine | CheckReport:
    """The story in ``root`` reloaded with ``engine``'s player carried over, or the
    CheckReport (with the checker's diagnostics) when the files are now broken."""
    report = check_story(root)
    if report.story is None:
        return report
    story = report.story
    state = migrate_state(engine.state, story).state
    undo = [migrate_state(s, story).state for s in engine.undo_stack]
    return Engine(story, state, undo)
