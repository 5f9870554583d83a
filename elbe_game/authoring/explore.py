"""The exhaustive pass of ``playtest`` (after ChoiceScript's *quicktest*).

A breadth-first search over game states from the start: at every state it takes every
available choice, so every condition is tried on each side the reachable states
allow. States are deduplicated by what the story's conditions can see:

* the node, every variable's value and the inventory;
* the once-only choices already taken;
* visit counts and turns-since, capped at ``VISIT_CAP``, and only when the story
  calls ``visited``/``visits``/``turns_since`` at all;
* not the random generator: where an effect calls ``random()``, the transition is
  tried with ``RANDOM_SAMPLES`` different generator states instead.

The search stops after ``max_states`` distinct states (the bound); the result says
whether it finished, and what it did not reach is then only "not reached yet".
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from ..engine import ElbeError, Engine, GameState, Story
from ..engine.model import Effect

VISIT_CAP = 3
RANDOM_SAMPLES = 8
DEFAULT_MAX_STATES = 100_000
_RANDOM = re.compile(r"\brandom\s*\(")
_VISITS = re.compile(r"\b(visited|visits|turns_since)\s*\(")
_MASK = (1 << 64) - 1

Path = list[tuple[str, str]]  # (node, choice) pairs taken from the start


@dataclass
class Problem:
    """Something that went wrong in a playthrough, with the path that led there."""

    kind: str  # "dead-end", "loop", "engine-error", "exception"
    node: str
    message: str
    path: Path
    run: int | None = None  # random pass: which run (0-based) and its engine seed
    seed: int | None = None
    count: int = 1

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.node, self.message)

    def path_text(self) -> str:
        steps = [f"{node} [{choice}]" for node, choice in self.path]
        return " > ".join([*steps, self.node])

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "node": self.node,
            "message": self.message,
            "path": [{"node": n, "choice": c} for n, c in self.path],
            "run": self.run,
            "seed": self.seed,
            "count": self.count,
        }


def add_problem(problems: dict[tuple[str, str, str], Problem], problem: Problem) -> None:
    """Keep the first occurrence of each distinct problem and count the rest."""
    known = problems.get(problem.key)
    if known is None:
        problems[problem.key] = problem
    else:
        known.count += 1


def describe_exception(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, ElbeError):
        return "engine-error", str(exc)
    return "exception", f"{type(exc).__name__}: {exc}"


@dataclass
class ExploreResult:
    states: int
    complete: bool  # False: the bound stopped the search
    max_states: int
    nodes: set[str] = field(default_factory=set)
    choices: set[tuple[str, str]] = field(default_factory=set)
    endings: set[str] = field(default_factory=set)
    cond_true: set[tuple[str, str]] = field(default_factory=set)
    cond_false: set[tuple[str, str]] = field(default_factory=set)
    problems: dict[tuple[str, str, str], Problem] = field(default_factory=dict)


def _uses_random(effects: tuple[Effect, ...]) -> bool:
    return any(e.value is not None and _RANDOM.search(e.value.source) for e in effects)


def _uses_visits(story: Story) -> bool:
    sources: list[str] = []
    for node in story.nodes.values():
        sources.append(node.text.source)
        for choice in node.choices:
            if choice.condition is not None:
                sources.append(choice.condition.source)
        for effect in (*node.on_enter, *(e for c in node.choices for e in c.effects)):
            if effect.value is not None:
                sources.append(effect.value.source)
    return any(_VISITS.search(s) for s in sources)


def _splitmix(value: int) -> int:
    z = (value + 0x9E3779B97F4A7C15) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


class _Keyer:
    def __init__(self, story: Story) -> None:
        self.visits = _uses_visits(story)
        self.once = {(n.id, c.id) for n in story.nodes.values() for c in n.choices if c.once}

    def __call__(self, state: GameState) -> Hashable:
        taken = frozenset((s.node, s.choice) for s in state.path if (s.node, s.choice) in self.once)
        seen: tuple[tuple[str, int, int], ...] = ()
        if self.visits:
            seen = tuple(
                sorted(
                    (node, min(count, VISIT_CAP), min(state.turns_since(node), VISIT_CAP))
                    for node, count in state.visit_counts.items()
                )
            )
        return (
            state.node,
            tuple(sorted(state.vars.items())),
            tuple(sorted(state.inventory)),
            taken,
            seen,
        )


def explore(
    story: Story,
    max_states: int = DEFAULT_MAX_STATES,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
) -> ExploreResult:
    """Search every state reachable from the start, up to ``max_states`` of them."""
    keyer = _Keyer(story)
    start = Engine.new_game(story, seed=seed).state
    result = ExploreResult(states=1, complete=True, max_states=max_states)
    seen = {keyer(start)}
    queue: deque[GameState] = deque([start])
    random_choices = {
        (n.id, c.id)
        for n in story.nodes.values()
        for c in n.choices
        if _uses_random(c.effects) or _uses_random(story.nodes[c.target].on_enter)
    }
    while queue:
        state = queue.popleft()
        for new_state in _expand(story, state, result, random_choices):
            key = keyer(new_state)
            if key in seen:
                continue
            if len(seen) >= max_states:
                result.complete = False
                queue.clear()
                break
            seen.add(key)
            queue.append(new_state)
            if progress is not None:
                progress(1)
    result.states = len(seen)
    return result


def _expand(
    story: Story, state: GameState, result: ExploreResult, random_choices: set[tuple[str, str]]
) -> list[GameState]:
    path: Path = [(s.node, s.choice) for s in state.path]
    node = story.nodes[state.node]
    result.nodes.add(node.id)
    try:
        view = Engine(story, state).view()
    except Exception as exc:  # a bug in the story or the engine: report, never crash
        kind, message = describe_exception(exc)
        add_problem(result.problems, Problem(kind, node.id, message, path))
        return []
    if node.ending is not None:
        result.endings.add(node.ending.id)
        return []
    for choice in node.choices:
        if choice.condition is not None:
            try:
                holds = bool(choice.condition(state))
            except Exception:  # reported below, when the view or the choice fails
                continue
            (result.cond_true if holds else result.cond_false).add((node.id, choice.id))
    available = view.available
    if not available:
        message = "no choice is available here and there is no fallback: the player is stuck"
        add_problem(result.problems, Problem("dead-end", node.id, message, path))
        return []
    out: list[GameState] = []
    for option in available:
        result.choices.add((node.id, option.id))
        samples = RANDOM_SAMPLES if (node.id, option.id) in random_choices else 1
        for sample in range(samples):
            engine = Engine(story, state.copy())
            if sample:
                engine.state.rng = _splitmix(state.rng + sample)
            try:
                engine.choose(option.id)
            except Exception as exc:
                kind, message = describe_exception(exc)
                add_problem(
                    result.problems, Problem(kind, node.id, message, [*path, (node.id, option.id)])
                )
                continue
            out.append(engine.state)
    return out
