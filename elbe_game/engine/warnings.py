"""Whole-story checks that are warnings, not errors: unreachable passages, variables
never read or never set, passages where the player could be stuck, codex entries and
items nothing hands out, map places no passage is at.

Reachability is static: a choice counts as an edge unless its condition is false for
certain, i.e. it reads only variables that nothing ever sets and is false at their
defaults.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping

from .diagnostics import Diagnostic
from .expressions import Expression, Value
from .merge import Merged
from .model import PLAYER_NAME, Effect, Node, Story
from .storymap import place_on_map


class _Defaults:
    """An evaluation context holding only the variables' defaults."""

    def __init__(self, values: Mapping[str, Value]) -> None:
        self.vars = values

    def visits(self, node: str) -> int:  # pragma: no cover - never called: static only
        raise AssertionError

    turns_since = visits

    def has(self, item: str) -> bool:  # pragma: no cover
        raise AssertionError

    def random(self, low: int, high: int) -> int:  # pragma: no cover
        raise AssertionError


def _all_effects(story: Story) -> list[Effect]:
    effects: list[Effect] = []
    for node in story.nodes.values():
        effects.extend(node.on_enter)
        for choice in node.choices:
            effects.extend(choice.effects)
    return effects


def variables_set(story: Story) -> set[str]:
    return {e.target for e in _all_effects(story) if e.op in ("set", "add")} | {PLAYER_NAME}


def variables_read(story: Story) -> set[str]:
    reads: set[str] = set()
    for node in story.nodes.values():
        reads |= node.text.reads
        for choice in node.choices:
            reads |= choice.text.reads
            if choice.condition is not None:
                reads |= choice.condition.reads
        for effect in (*node.on_enter, *(e for c in node.choices for e in c.effects)):
            if effect.value is not None:
                reads |= effect.value.reads
    return reads


def surely_false(cond: Expression | None, fixed: set[str], defaults: _Defaults) -> bool:
    """True when ``cond`` can never hold: it reads only never-set variables."""
    if cond is None or cond.stateful or not cond.reads <= fixed:
        return False
    return not cond(defaults)


def reachable(story: Story) -> set[str]:
    fixed = set(story.variables) - variables_set(story)
    defaults = _Defaults({n: v.default for n, v in story.variables.items()})
    seen = {story.start}
    queue = deque([story.start])
    while queue:
        node = story.nodes[queue.popleft()]
        for choice in node.choices:
            if choice.target not in seen and not surely_false(choice.condition, fixed, defaults):
                seen.add(choice.target)
                queue.append(choice.target)
    return seen


def _can_all_be_unavailable(node: Node) -> bool:
    if node.ending is not None or not node.choices:
        return False
    if any(c.fallback for c in node.choices):
        return False
    return all(c.condition is not None or c.once for c in node.choices)


def story_warnings(story: Story, merged: Merged) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    reached = reachable(story)
    for node in story.nodes.values():
        w = node.where
        if node.id not in reached:
            if node.ending is not None:
                out.append(
                    Diagnostic(
                        w.file,
                        w.line,
                        w.column,
                        "W104",
                        f"ending {node.ending.id!r} ({node.id}) is reached by no path from the start",
                    )
                )
            else:
                out.append(
                    Diagnostic(
                        w.file,
                        w.line,
                        w.column,
                        "W101",
                        f"node {node.id!r} is reached by no path from the start",
                    )
                )
        if _can_all_be_unavailable(node):
            out.append(
                Diagnostic(
                    w.file,
                    w.line,
                    w.column,
                    "W105",
                    f"every choice of {node.id!r} can be unavailable and none is a fallback: the player could be stuck",
                )
            )
        if not node.text.source.strip():
            out.append(
                Diagnostic(w.file, w.line, w.column, "W106", f"node {node.id!r} has no text")
            )

    read, written = variables_read(story), variables_set(story)
    for name, var in story.variables.items():
        w = var.where
        if name not in read and not var.visible:
            out.append(
                Diagnostic(
                    w.file,
                    w.line,
                    w.column,
                    "W102",
                    f"variable {name!r} is never read (not in any condition or text, and not visible)",
                )
            )
        elif name not in written:
            out.append(
                Diagnostic(
                    w.file,
                    w.line,
                    w.column,
                    "W103",
                    f"variable {name!r} is read but never set: it always holds its default {var.default!r}",
                )
            )

    effects = _all_effects(story)
    unlocked = {e.target for e in effects if e.op == "unlock"}
    given = {e.target for e in effects if e.op == "give"}
    for section, used, code, what in (
        ("codex", unlocked, "W107", "codex entry {!r} is never unlocked"),
        ("items", given, "W108", "item {!r} is never given"),
    ):
        for ident, d in merged.sections[section].items():
            if ident not in used:
                line, col = d.source.where(d.path, key=True)
                out.append(Diagnostic(d.source.path, line, col, code, what.format(ident)))
    out.extend(_map_places_without_passages(story))
    return out


def _map_places_without_passages(story: Story) -> list[Diagnostic]:
    """W109 for each map place that no node's ``place`` leads to (landmarks aside): most
    often a place renamed in the nodes but not on the map, or the other way round."""
    story_map = story.map
    if story_map is None:
        return []
    found = (place_on_map(story_map, node.place) for node in story.nodes.values() if node.place)
    used = {place.key for place in found if place is not None}
    return [
        Diagnostic(
            p.where.file,
            p.where.line,
            p.where.column,
            "W109",
            f"map place {p.name!r} names no passage: no node's 'place' mentions it before any "
            "other map place (correct the name, or list it under 'landmarks:' if that is meant)",
        )
        for p in story_map.places
        if p.key not in used and not p.landmark
    ]
