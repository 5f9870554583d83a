"""The exhaustive pass of ``playtest`` (after ChoiceScript's *quicktest*).

A breadth-first search over game states from the start: at every state it takes every
available choice, so every condition is tried on each side the reachable states
allow. States count as the same when nothing the story tests can tell them apart:

* the node, and the once-only choices already taken;
* the variables that conditions read (directly, or through the effects that set the
  ones they read), and the items ``has()`` asks about; the others only change what a
  passage says, never where it goes;
* for each node that ``visited``, ``visits`` or ``turns_since`` names: whether it was
  visited, or its count and turns since capped just past the largest number they are
  compared with (counts only grow, so two counts past every such number stay past
  them); where they are used in arithmetic, capped at ``VISIT_CAP`` (an approximation);
* not the random generator: where an effect calls ``random()``, the transition is
  tried with ``RANDOM_SAMPLES`` different generator states instead;
* not text variation, which never changes where the story goes.

A node that would take more than its share of the bound is explored by coverage: past
its share, a new state there is followed only when it shows something no earlier state
at that node did (``_Coverage``); the others are counted in ``sampled``. The search
stops after following ``max_states`` states (the bound); the result says whether it
finished, and what it did not reach is then only "not reached yet".
Every text branch shown along the way is recorded, for the report of branches never
shown.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from ..engine import ElbeError, Engine, GameState, Story
from ..engine.expressions import Expression, Term
from ..engine.model import EffectGroup, Node, each_effect

VISIT_CAP = 3
RANDOM_SAMPLES = 8
DEFAULT_MAX_STATES = 100_000
SHARE_PARTS = 4  # a node's share of the bound: max_states / (SHARE_PARTS * nodes) ...
SHARE_FLOOR = 16  # ... and never fewer
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
    arms: set[object] = field(default_factory=set)  # (site, arm) of every text branch shown
    # node -> states set aside there by coverage; empty when the search was exact
    sampled: dict[str, int] = field(default_factory=dict)

    @property
    def exact(self) -> bool:
        """Finished, and every state found was expanded."""
        return self.complete and not self.sampled


def _uses_random(groups: Iterable[EffectGroup]) -> bool:
    return any(e.value is not None and e.value.random for e in each_effect(groups))


def story_conditions(story: Story) -> list[Expression]:
    """Every condition of the story: choices, computed targets, effects, text."""
    out: list[Expression] = []
    for node in story.nodes.values():
        for template in node.templates():
            out.extend(template.conditions)
        for group in (*node.on_enter, *(g for c in node.choices for g in c.effects)):
            if group.condition is not None:
                out.append(group.condition)
        for choice in node.choices:
            if choice.condition is not None:
                out.append(choice.condition)
            out.extend(cond for cond, _ in choice.route.arms if cond is not None)
    return out


def _splitmix(value: int) -> int:
    z = (value + 0x9E3779B97F4A7C15) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


def visit_cap(consts: Iterable[object], free: bool) -> int:
    """How far a visit count (or turns since) is told apart: one past the largest number
    it is compared with, or VISIT_CAP where it is used in arithmetic."""
    numbers = [c for c in consts if isinstance(c, int) and not isinstance(c, bool)]
    exact = max(numbers, default=0) + 1
    return max(exact, VISIT_CAP) if free else exact


class _Keyer:
    """A game state -> what the story's conditions can tell apart of it."""

    def __init__(self, story: Story) -> None:
        conditions = story_conditions(story)
        terms: dict[Term, set[object]] = {}
        free: set[Term] = set()
        for cond in conditions:
            for term, found in cond.terms.items():
                terms.setdefault(term, set()).update(found)
            free |= cond.complex_terms
        # variables set from expressions pass on what those expressions read
        effects = [
            e
            for node in story.nodes.values()
            for groups in (node.on_enter, *(c.effects for c in node.choices))
            for e in each_effect(groups)
            if e.value is not None
        ]
        variables = {name for kind, name in terms if kind == "var"}
        changed = True
        while changed:
            changed = False
            for e in effects:
                if e.target in variables:
                    for term in e.value.terms if e.value is not None else ():
                        if term not in terms:
                            terms[term] = set()
                            free.add(term)
                            changed = True
                        if term[0] == "var" and term[1] not in variables:
                            variables.add(term[1])
                            changed = True
        self.variables = tuple(sorted(variables))
        self.items = tuple(sorted(name for kind, name in terms if kind == "has"))
        visits: dict[str, int] = {}
        since: dict[str, int] = {}
        flags: set[str] = set()
        for (kind, name), consts in terms.items():
            if kind == "visited":
                flags.add(name)
            elif kind == "visits":
                visits[name] = max(visits.get(name, 0), visit_cap(consts, (kind, name) in free))
            elif kind == "turns_since":
                since[name] = max(since.get(name, 0), visit_cap(consts, (kind, name) in free))
        self.visits = visits
        self.since = since
        self.flags = tuple(sorted(flags - set(visits) - set(since)))
        self.once = {(n.id, c.id) for n in story.nodes.values() for c in n.choices if c.once}

    def __call__(self, state: GameState) -> Hashable:
        taken = frozenset((s.node, s.choice) for s in state.path if (s.node, s.choice) in self.once)
        values = state.vars
        counts = state.visit_counts
        return (
            state.node,
            tuple(values[n] for n in self.variables),
            tuple(i in state.inventory for i in self.items),
            taken,
            tuple(counts.get(n, 0) > 0 for n in self.flags),
            tuple(min(counts.get(n, 0), cap) for n, cap in self.visits.items()),
            tuple(min(state.turns_since(n), cap) for n, cap in self.since.items()),
        )


class _Coverage:
    """Which states of a crowded node are still worth expanding: once a node has had
    its share of the bound, a new state there is expanded only when it shows something
    no earlier state at that node did: a side of one of the node's own conditions (its
    choices, computed targets, effects and text), or a value of one of the story's
    tested variables, items or visit counts."""

    def __init__(self, story: Story, keyer: _Keyer, share: int) -> None:
        self.share = share
        self.keyer = keyer
        self.local = {n.id: _node_conditions(n) for n in story.nodes.values()}
        self.count: dict[str, int] = {}
        self.seen: dict[str, set[tuple[int, object]]] = {}  # node -> sides and values shown

    def wanted(self, state: GameState, key: Hashable) -> bool:
        node = state.node
        count = self.count.get(node, 0)
        self.count[node] = count + 1
        sides = [(-1 - i, bool(c(state))) for i, c in enumerate(self.local[node])]
        parts = [(i, v) for i, part in enumerate(key[1:]) for v in _flat(part, i)]  # type: ignore[index]
        seen = self.seen.setdefault(node, set())
        novel = any(p not in seen for p in (*sides, *parts))
        seen.update(sides)
        seen.update(parts)
        return count < self.share or novel


def _flat(part: object, index: int) -> list[object]:
    if isinstance(part, tuple):
        return [(j, v) for j, v in enumerate(part)]
    if isinstance(part, frozenset):
        return [(index, v) for v in part]
    return [part]


def _node_conditions(node: Node) -> list[Expression]:
    out: list[Expression] = []
    for template in node.templates():
        out.extend(template.conditions)
    for group in (*node.on_enter, *(g for c in node.choices for g in c.effects)):
        if group.condition is not None:
            out.append(group.condition)
    for choice in node.choices:
        if choice.condition is not None:
            out.append(choice.condition)
        out.extend(cond for cond, _ in choice.route.arms if cond is not None)
    return out


def explore(
    story: Story,
    max_states: int = DEFAULT_MAX_STATES,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
) -> ExploreResult:
    """Search every state reachable from the start, up to ``max_states`` of them; a node
    that would take more than its share of them is explored by coverage (``_Coverage``)."""
    keyer = _Keyer(story)
    start = Engine.new_game(story, seed=seed).state
    result = ExploreResult(states=1, complete=True, max_states=max_states)
    share = max(SHARE_FLOOR, max_states // (SHARE_PARTS * max(1, len(story.nodes))))
    coverage = _Coverage(story, keyer, share)
    seen = {keyer(start)}
    expanded = 1  # states queued to be expanded (those set aside are not counted)
    queue: deque[GameState] = deque([start])
    random_choices = {
        (n.id, c.id)
        for n in story.nodes.values()
        for c in n.choices
        if _uses_random(c.effects) or any(_uses_random(story.nodes[t].on_enter) for t in c.targets)
    }
    while queue:
        state = queue.popleft()
        for new_state in _expand(story, state, result, random_choices):
            key = keyer(new_state)
            if key in seen:
                continue
            seen.add(key)
            try:
                wanted = coverage.wanted(new_state, key)
            except Exception:  # a failing condition: expand it, so that it is reported
                wanted = True
            if not wanted:
                result.sampled[new_state.node] = result.sampled.get(new_state.node, 0) + 1
                continue
            if expanded >= max_states:
                result.complete = False
                queue.clear()
                break
            expanded += 1
            queue.append(new_state)
            if progress is not None:
                progress(1)
    result.states = expanded
    return result


def _expand(
    story: Story, state: GameState, result: ExploreResult, random_choices: set[tuple[str, str]]
) -> list[GameState]:
    path: Path = [(s.node, s.choice) for s in state.path]
    node = story.nodes[state.node]
    result.nodes.add(node.id)
    try:
        view = Engine(story, state, seen_arms=result.arms).view()
    except Exception as exc:  # a bug in the story or the engine: report, never crash
        kind, message = describe_exception(exc)
        add_problem(result.problems, Problem(kind, node.id, message, path))
        return []
    if node.ending is not None:
        result.endings.add(node.ending.id)
        return []
    for choice in node.choices:
        tests = [(choice.id, choice.condition)]
        tests += [(f"{choice.id}.to[{i}]", c) for i, (c, _) in enumerate(choice.route.arms, 1)]
        for ref, cond in tests:
            if cond is None:
                continue
            try:
                holds = bool(cond(state))
            except Exception:  # reported below, when the view or the choice fails
                continue
            (result.cond_true if holds else result.cond_false).add((node.id, ref))
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
            engine = Engine(story, state.copy(), seen_arms=result.arms)
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
