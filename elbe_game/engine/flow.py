"""Flow-on passages that never stop: the checker's E028.

A flow-on passage (``next:``) has no choice but "Continue". If every way on from some
flow-on passages leads only to other flow-on passages of the same group, the player
presses Continue for ever. This finds those groups from the passages alone: every arm of
a computed ``next:`` counts as a way on, whatever its condition, so what is reported is
a loop that no state of the game can leave.
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import Node


def flow_loops(nodes: Mapping[str, Node]) -> list[list[str]]:
    """Each group of flow-on passages the player could never leave, as its node ids in
    story order (the first is where it is reported)."""
    flows = {n: node.choices[0].targets for n, node in nodes.items() if node.flow}
    escapes = {n for n in flows if any(t not in flows for t in flows[n])}
    changed = True
    while changed:  # a flow-on passage escapes when any way on escapes
        changed = False
        for n, targets in flows.items():
            if n not in escapes and any(t in escapes for t in targets):
                escapes.add(n)
                changed = True
    trapped = [n for n in nodes if n in flows and n not in escapes]
    reach = {n: _reach(n, flows) for n in trapped}
    loops: dict[frozenset[str], list[str]] = {}
    for n in trapped:
        if all(n in reach[m] for m in reach[n]):  # n is in a loop nothing leads out of
            loops.setdefault(frozenset(reach[n]), []).append(n)
    return list(loops.values())


def _reach(start: str, flows: Mapping[str, tuple[str, ...]]) -> set[str]:
    seen: set[str] = set()
    todo = list(flows[start])
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo.extend(flows.get(n, ()))
    return seen
