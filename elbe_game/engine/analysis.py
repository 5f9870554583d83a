"""What the checker knows without playing: the values each thing a condition reads can
take, and an exact search over them.

    facts = Facts(story)
    facts.reachable                    # the nodes some way from the start may reach
    facts.can_hold(cond, here)         # True, False, or None (cannot tell)
    facts.stuck(node)                  # an example state with no choice on offer, or None

A condition reads *terms*: variables, ``has(item)``, ``visited``/``visits``/``turns_since``
of a node. Each term has a set of values it may take anywhere in the story:

* a variable: its default and every value an effect of a reachable passage may give
  it (the literals it is set to; its whole range once it is added to or set from an
  expression; an enumerated variable's ``values``);
* ``has(item)``: true if the item is in the starting inventory or given somewhere, false
  unless it is carried from the start and never taken;
* a node's visits: none if the node is unreachable; the start and the passage being
  read are always visited.

The search tries every combination of *representative* values: all of a small finite
set, and for an integer compared only with constants, the values on each side of each
constant (which between them decide every such comparison). That is exact: whatever it
finds is a real combination of values the story allows, and when it finds none there is
none. Where it cannot be exact (an unbounded integer in arithmetic, too many
combinations) it says so (None) instead of guessing. It does not follow the order in
which a story sets things: a value the story gives a variable anywhere counts as
possible everywhere.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .expressions import BOOL, INT, STR, Expression, Term, Value
from .model import PLAYER_NAME, Choice, Node, Story, each_effect

OTHER = "\x00any other text"
"""Stands for a text no condition names (for a str variable that may hold any text)."""
MAX_COMBINATIONS = 20_000
SMALL_RANGE = 64  # an integer range this small is tried whole, arithmetic or not

Range = tuple[int | None, int | None]  # lowest and highest, None for no bound


@dataclass(frozen=True)
class Witness:
    """A combination of values that makes every choice of a node unavailable."""

    values: tuple[tuple[Term, Value], ...]
    taken: tuple[str, ...]  # once-only choices already taken

    def describe(self) -> str:
        parts = [_show(term, value) for term, value in self.values]
        parts += [f"{c!r} was taken before" for c in self.taken]
        return ", ".join(parts)


class Undecided(Exception):
    """The search cannot be exact here; ``why`` says what stands in its way."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def _show(term: Term, value: Value) -> str:
    kind, name = term
    if value == OTHER:
        return f"{name} holds some other text"
    if isinstance(value, bool):
        shown = "true" if value else "false"
    else:
        shown = f'"{value}"' if isinstance(value, str) else str(value)
    return f"{name} = {shown}" if kind == "var" else f"{kind}({name}) = {shown}"


class _Valuation:
    """An expression context that answers from one combination of values."""

    def __init__(self, values: Mapping[Term, Value], defaults: Mapping[str, Value]) -> None:
        self.values = values
        self.vars = {n: values.get(("var", n), d) for n, d in defaults.items()}

    def visits(self, node: str) -> int:
        if ("visits", node) in self.values:
            return int(self.values[("visits", node)])
        if ("turns_since", node) in self.values:
            return 1 if int(self.values[("turns_since", node)]) >= 0 else 0
        return 1 if self.values.get(("visited", node)) else 0

    def turns_since(self, node: str) -> int:
        if ("turns_since", node) in self.values:
            return int(self.values[("turns_since", node)])
        return 1 if self.visits(node) else -1

    def has(self, item: str) -> bool:
        return bool(self.values.get(("has", item)))

    def random(self, low: int, high: int) -> int:  # pragma: no cover - conditions cannot
        raise AssertionError("random() in a condition")


class Facts:
    """The story's static facts: reachability and the values terms can take."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.defaults = {n: v.default for n, v in story.variables.items()}
        nodes = set(story.nodes)
        self.reachable: set[str] = nodes
        while True:  # each round is sound and no larger than the one before
            self._values = self._variable_values(self.reachable)
            self._item_ops: dict[str, set[str]] | None = None
            self._edges: dict[str, set[str]] = {}
            reached = self._reach()
            if reached == self.reachable:
                break
            self.reachable = reached
        self._from: dict[str, set[str]] = {}

    # ------------------------------------------------------------ values of terms

    def _variable_values(self, nodes: Iterable[str]) -> dict[str, frozenset[Value] | Range | None]:
        """Each variable: a finite set of values, an int range, or None (any text)."""
        story = self.story
        literal: dict[str, set[Value]] = {n: {v.default} for n, v in story.variables.items()}
        free: set[str] = {PLAYER_NAME} & set(story.variables)  # the player types it
        strings: dict[str, set[str]] = {}
        effects = [
            e
            for n in nodes
            for node in [story.nodes[n]]
            for groups in (node.on_enter, *(c.effects for c in node.choices))
            for e in each_effect(groups)
        ]
        for effect in effects:
            if effect.op not in ("set", "add") or effect.value is None:
                continue
            name, value = effect.target, effect.value
            if effect.op == "set" and value.literal is not None:
                literal[name].add(value.literal)
            elif value.type == STR and value.strings is not None:
                strings.setdefault(name, set()).update(value.strings)
            else:
                free.add(name)
        out: dict[str, frozenset[Value] | Range | None] = {}
        for name, var in story.variables.items():
            if name not in free:
                found = literal[name] | strings.get(name, set())
                out[name] = frozenset(var.clamp(v) for v in found)
            elif var.type == BOOL:
                out[name] = frozenset({False, True})
            elif var.type == INT:
                out[name] = (var.min, var.max)
            elif var.values is not None:
                out[name] = frozenset(var.values)
            else:
                out[name] = None
        return out

    def _node_terms(self, kind: str, node: str, here: str | None) -> frozenset[Value] | Range:
        always = node == self.story.start or node == here
        if node not in self.reachable:
            return frozenset({{"visited": False, "visits": 0, "turns_since": -1}[kind]})
        if kind == "visited":
            return frozenset({True}) if always else frozenset({False, True})
        if kind == "visits":
            return (1 if always else 0, None)
        if node == here:
            return frozenset({0})
        return (0 if always else -1, None)

    def _has_values(self, item: str) -> frozenset[Value]:
        story = self.story
        if self._item_ops is None:
            ops: dict[str, set[str]] = {}
            for n in self.reachable:
                node = story.nodes[n]
                for groups in (node.on_enter, *(c.effects for c in node.choices)):
                    for e in each_effect(groups):
                        if e.op in ("give", "take"):
                            ops.setdefault(e.target, set()).add(e.op)
            self._item_ops = ops
        done = self._item_ops.get(item, set())
        start = item in story.info.inventory
        out: set[Value] = set()
        if start or "give" in done:
            out.add(True)
        if not start or "take" in done:
            out.add(False)
        return frozenset(out)

    def _candidates(
        self, term: Term, consts: Iterable[Value], free: bool, here: str | None
    ) -> list[Value]:
        """The values of ``term`` worth trying: between them they give every outcome."""
        kind, name = term
        domain: frozenset[Value] | Range | None
        if kind == "var":
            domain = self._values[name]
        elif kind == "has":
            domain = self._has_values(name)
        else:
            domain = self._node_terms(kind, name, here)
        if isinstance(domain, frozenset):
            return sorted(domain, key=repr)
        if domain is None:  # any text
            if free:
                raise Undecided(f"{name} may hold any text and is not only compared with text")
            return sorted({*(c for c in consts if isinstance(c, str)), OTHER})
        low, high = domain
        if free:
            if low is None or high is None or high - low + 1 > SMALL_RANGE:
                raise Undecided(f"{_term_name(term)} is used in arithmetic and has no small range")
            return list(range(low, high + 1))
        points = {p for c in consts if isinstance(c, int) for p in (c - 1, c, c + 1)}
        points |= {b for b in (low, high) if b is not None}
        if not points:
            points = {0}
        return sorted(
            p for p in points if (low is None or p >= low) and (high is None or p <= high)
        )

    # ------------------------------------------------------------ the search

    def _combinations(
        self, exprs: Sequence[Expression], here: str | None, extra: int = 0
    ) -> tuple[list[Term], list[list[Value]]]:
        terms: dict[Term, set[Value]] = {}
        free: set[Term] = set()
        for expr in exprs:
            for term, consts in expr.terms.items():
                terms.setdefault(term, set()).update(consts)
            free |= expr.complex_terms
        order = sorted(terms)
        candidates = [self._candidates(t, terms[t], t in free, here) for t in order]
        size = 2**extra
        for options in candidates:
            size *= len(options)
        if size > MAX_COMBINATIONS:
            raise Undecided(f"{size} combinations of values is more than the checker tries")
        return order, candidates

    def _valuations(self, order: list[Term], candidates: list[list[Value]]) -> Iterable[_Valuation]:
        for combo in itertools.product(*candidates):
            values = dict(zip(order, combo, strict=True))
            if _consistent(values):
                yield _Valuation(values, self.defaults)

    def can_hold(self, cond: Expression | None, here: str | None) -> bool | None:
        """Whether ``cond`` is true for some values the story allows (None: cannot tell)."""
        if cond is None:
            return True
        try:
            order, candidates = self._combinations([cond], here)
        except Undecided:
            return None
        return any(cond(v) for v in self._valuations(order, candidates))

    def always_holds(self, cond: Expression | None, here: str | None) -> bool:
        if cond is None:
            return True
        try:
            order, candidates = self._combinations([cond], here)
        except Undecided:
            return False
        return all(cond(v) for v in self._valuations(order, candidates))

    # ------------------------------------------------------------ reachability

    def _ways_on(self, node: Node, choice: Choice) -> list[str]:
        """The nodes ``choice`` may lead to: none if its condition can never hold."""
        if self.can_hold(choice.condition, node.id) is False:
            return []
        out = []
        for cond, target in choice.route.arms:
            if self.can_hold(cond, node.id) is False:
                continue
            out.append(target)
            if self.always_holds(cond, node.id):
                break
        return out

    def _reach(self) -> set[str]:
        story = self.story
        seen = {story.start}
        queue = deque([story.start])
        while queue:
            node = story.nodes[queue.popleft()]
            edges = self._edges.setdefault(node.id, set())
            for choice in node.choices:
                for target in self._ways_on(node, choice):
                    edges.add(target)
                    if target not in seen:
                        seen.add(target)
                        queue.append(target)
        return seen

    def leads_back(self, starts: Iterable[str], node: str) -> bool:
        """Whether some way from any of ``starts`` comes back to ``node``."""
        return any(node in self.reach_from(s) for s in starts)

    def reach_from(self, start: str) -> set[str]:
        """Every node some way from ``start`` may reach, ``start`` included."""
        if start not in self._from:
            seen = {start}
            todo = [start]
            while todo:
                for nxt in self._edges.get(todo.pop(), ()):
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
            self._from[start] = seen
        return self._from[start]

    # ------------------------------------------------------------ stuck passages

    def stuck(self, node: Node) -> Witness | None:
        """Values that leave ``node`` with no choice on offer, or None if there are
        none; Undecided when the search cannot be exact."""
        if node.ending is not None or not node.choices:
            return None
        again = {
            c.id: c.once and self.leads_back(self._next(node, c), node.id) for c in node.choices
        }
        if any(c.condition is None and not again[c.id] for c in node.choices):
            return None
        retake = [c.id for c in node.choices if again[c.id]]
        conditions = [c.condition for c in node.choices if c.condition is not None]
        order, candidates = self._combinations(conditions, node.id, extra=len(retake))
        for valuation in self._valuations(order, candidates):
            for taken in itertools.product((False, True), repeat=len(retake)):
                done = {c for c, t in zip(retake, taken, strict=True) if t}
                if all(
                    c.id in done or (c.condition is not None and not c.condition(valuation))
                    for c in node.choices
                ):
                    values = tuple(sorted(valuation.values.items()))
                    return Witness(values, tuple(c for c in retake if c in done))
        return None

    def _next(self, node: Node, choice: Choice) -> list[str]:
        return [t for t in choice.targets if t in self._edges.get(node.id, set())]


def _term_name(term: Term) -> str:
    kind, name = term
    return name if kind == "var" else f"{kind}({name})"


def _consistent(values: Mapping[Term, Value]) -> bool:
    """A node's visited, visits and turns_since agree with each other."""
    for (kind, node), value in values.items():
        if kind == "visits":
            visited = int(value) > 0
        elif kind == "turns_since":
            visited = int(value) >= 0
        else:
            continue
        if values.get(("visited", node), visited) != visited:
            return False
        other = ("turns_since" if kind == "visits" else "visits", node)
        if other in values:
            seen = int(values[other]) > 0 if other[0] == "visits" else int(values[other]) >= 0
            if seen != visited:
                return False
    return True
