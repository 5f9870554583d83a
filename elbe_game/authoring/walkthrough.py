"""Walkthrough tests: a path through the story and what must hold along it.

A walkthrough is a ``*.walk.yaml`` file (the suffix keeps the story loader away)::

    title: Keep to the order            # optional: shown in reports
    story: ../                          # optional: story folder, relative to this file
    seed: 7                             # optional (default 0): the game's random seed
    player: Hale                        # optional: the player's name
    start_at: mulde_crossing            # optional: begin here (as play --start-at)
    set: {standing: 7, map_case: true}  # optional: then set these (as play --set)
    steps:
      - node: mulde_halt                # expect: we are at this node
        choose: mulde_crossing          # then take this choice (its id, or its text)
      - vars: {standing: 5}             # expect: these variables hold these values
        has: [map_case]                 # expect: the player carries these items
        offered: [mulde_hold]           # expect: these choices are available
        choose: Hold at the line        # text: exact, or a unique part of it (any case)
      - reply: nobody answers           # expect: the reply shown contains this text
        choose: continue                # a flow-on passage's one choice
      - ending: held_the_line           # expect: the game ended with this ending

In a step the expectations are checked first, against the passage being shown, and
then ``choose`` is taken. The run stops at the first divergence, reported with the
walkthrough's file:line and the path the game took.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine import ElbeError, Engine, PassageView, Story
from ..engine.expressions import TYPE_OF
from ..engine.yamlsrc import SourceFile, parse_file
from .common import AuthoringError
from .devstart import prepare_engine
from .walkformat import STEP_KEYS, TOP_KEYS

SUFFIX = ".walk.yaml"


@dataclass
class Walkthrough:
    source: SourceFile
    title: str
    story: Path | None
    seed: int
    player: str | None
    start_at: str | None
    sets: list[str]
    steps: list[dict[str, Any]] = field(default_factory=list)

    def at(self, *path: str | int) -> str:
        line, _ = self.source.where(path)
        return f"{self.source.path}:{line}"


@dataclass
class WalkResult:
    walk: Walkthrough
    steps_done: int
    failure: str | None = None  # "file:line: what diverged", then the path

    @property
    def ok(self) -> bool:
        return self.failure is None


def find_walkthroughs(story_dir: Path) -> list[Path]:
    return sorted((story_dir / "walkthroughs").glob(f"*{SUFFIX}"))


def parse_walkthrough(path: Path) -> Walkthrough:
    """Read one walkthrough file; AuthoringError with file:line when it is malformed."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AuthoringError(f"{path}: cannot read: {exc.strerror}") from None
    source = parse_file(str(path), raw)
    if source.diagnostics:
        raise AuthoringError(
            f"{path}: not a valid walkthrough:", [d.format() for d in source.diagnostics]
        )
    data = source.data

    def bad(where: tuple[str | int, ...], message: str, key: bool = False) -> AuthoringError:
        line, col = source.where(where, key=key)
        return AuthoringError(f"{path}:{line}:{col}: {message}")

    if not isinstance(data, dict):
        raise bad(
            (),
            "a walkthrough is a mapping with 'steps:' (see 'Writing a new branch' in docs/authoring.md)",
        )
    for key in data:
        if key not in TOP_KEYS:
            raise bad((key,), f"unknown key {key!r} (known: {', '.join(sorted(TOP_KEYS))})", True)
    for key in ("title", "story", "player", "start_at"):
        if key in data and not isinstance(data[key], str):
            raise bad((key,), f"{key!r} must be text")
    seed = data.get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise bad(("seed",), "'seed' must be a whole number")
    sets = data.get("set", {})
    if not isinstance(sets, dict):
        raise bad(("set",), "'set' must be a mapping of name: value")
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        raise bad(("steps",) if "steps" in data else (), "'steps' must be a non-empty list")
    for i, step in enumerate(steps):
        _check_step(step, ("steps", i), bad)
    story = data.get("story")
    return Walkthrough(
        source=source,
        title=data.get("title") or path.name.removesuffix(SUFFIX),
        story=(path.parent / story) if story else None,
        seed=seed,
        player=data.get("player"),
        start_at=data.get("start_at"),
        sets=[f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in sets.items()],
        steps=steps,
    )


def _check_step(step: Any, where: tuple[str | int, ...], bad: Any) -> None:
    if not isinstance(step, dict) or not step:
        raise bad(where, f"a step is a mapping with some of: {', '.join(STEP_KEYS)}")
    for key, value in step.items():
        at = (*where, key)
        if key not in STEP_KEYS:
            raise bad(at, f"unknown step key {key!r} (known: {', '.join(STEP_KEYS)})", True)
        if key in ("node", "ending", "choose") and not isinstance(value, str):
            raise bad(at, f"{key!r} takes one id (or, for 'choose', a choice's text)")
        if key == "reply" and not isinstance(value, str):
            raise bad(at, "'reply' takes the text (or a part of it) the reply shows")
        if key in ("has", "offered") and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            raise bad(at, f"{key!r} takes a list of ids")
        if key == "vars" and not isinstance(value, dict):
            raise bad(at, "'vars' takes a mapping of variable: expected value")


def run_walkthrough(walk: Walkthrough, story: Story) -> WalkResult:
    """Play ``walk`` on ``story``; stop at the first divergence."""
    try:
        engine = prepare_engine(story, walk.start_at, walk.sets, walk.seed, walk.player)
    except ElbeError as exc:
        key = "start_at" if str(exc).startswith("--start-at") else "set"
        return WalkResult(walk, 0, f"{walk.at(key)}: {exc}")
    view = engine.view()
    for i, step in enumerate(walk.steps):
        for key in STEP_KEYS:
            if key not in step:
                continue
            where = walk.at("steps", i, key)
            try:
                problem, view = _apply(engine, view, key, step[key])
            except ElbeError as exc:  # a runtime error in the story itself
                problem = f"the engine failed: {exc}"
            if problem is not None:
                path = _path(engine)
                return WalkResult(walk, i, f"{where}: step {i + 1}: {problem}\n  path: {path}")
    return WalkResult(walk, len(walk.steps))


def _path(engine: Engine) -> str:
    steps = [f"{s.node} [{s.choice}]" for s in engine.state.path]
    return " > ".join([*steps, engine.state.node])


def _apply(
    engine: Engine, view: PassageView, key: str, want: Any
) -> tuple[str | None, PassageView]:
    story, state = engine.story, engine.state
    if key == "node":
        if want not in story.nodes:
            return f"the story has no node {want!r}", view
        if view.node_id != want:
            return f"expected node {want!r}, but the game is at {view.node_id!r}", view
    elif key == "ending":
        if want not in story.endings:
            return f"the story has no ending {want!r}", view
        got = view.ending.id if view.ending else None
        if got != want:
            now = f"ending {got!r}" if got else f"node {view.node_id!r}, not an ending"
            return f"expected ending {want!r}, but the game is at {now}", view
    elif key == "vars":
        for name, value in want.items():
            var = story.variables.get(name)
            if var is None:
                return f"the story has no variable {name!r}", view
            if TYPE_OF.get(type(value)) != var.type:
                return f"{name!r} is a {var.type}; {value!r} can never match", view
            if state.vars[name] != value:
                return f"expected {name} = {value!r}, but it is {state.vars[name]!r}", view
    elif key == "has":
        missing = [item for item in want if item not in state.inventory]
        if missing:
            return f"expected to carry {', '.join(missing)}; carrying {state.inventory}", view
    elif key == "offered":
        offered = [c.id for c in view.available]
        missing = [c for c in want if c not in offered]
        if missing:
            return f"expected {', '.join(missing)} on offer; offered: {', '.join(offered)}", view
    elif key == "reply":
        shown = " ".join(view.reply.split())
        if " ".join(want.split()).casefold() not in shown.casefold():
            got = f"the reply was {shown!r}" if shown else "there was no reply"
            return f"expected a reply with {want!r}, but {got}", view
    else:
        return _choose(engine, view, want)
    return None, view


def _choose(engine: Engine, view: PassageView, want: str) -> tuple[str | None, PassageView]:
    if view.ending is not None:
        return f"the game ended ({view.ending.id}), there is nothing to choose", view
    shown = view.choices
    by_id = [c for c in shown if c.id == want]
    if not by_id:
        needle = " ".join(want.split()).casefold()
        texts = [(c, " ".join(c.text.split()).casefold()) for c in shown]
        by_id = [c for c, t in texts if t == needle] or [c for c, t in texts if needle in t]
    offered = "; ".join(f"{c.id} ({c.text!r})" for c in view.available) or "nothing"
    if not by_id:
        if engine.node.choice(want) is not None:
            return f"choice {want!r} is not offered now (hidden); offered: {offered}", view
        return f"no choice {want!r} here; offered: {offered}", view
    if len(by_id) > 1:
        return f"{want!r} matches {', '.join(c.id for c in by_id)}: use the id", view
    pick = by_id[0]
    if not pick.available:
        return f"choice {pick.id!r} is shown but not available: {pick.reason}", view
    return None, engine.choose(pick.id)
