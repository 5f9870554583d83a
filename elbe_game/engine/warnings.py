"""Whole-story checks that are warnings, not errors: unreachable passages, variables
never read or never set, passages where the player could be stuck, reasons that can
never show, items given again on every entry, codex entries and items nothing hands
out, map places no passage is at.

Reachability and "could be stuck" come from ``analysis.Facts``, which is exact: a
passage is unreachable only when every way in needs a condition that no value the story
allows makes true, and W105 names an example of the values that leave the player with
nothing to choose. Where the analysis cannot be exact, W112 says so.
"""

from __future__ import annotations

from .analysis import Facts, Undecided
from .diagnostics import Diagnostic
from .merge import Merged
from .model import PLAYER_NAME, Effect, Node, Story, each_effect
from .storymap import place_on_map


def _all_effects(story: Story) -> list[Effect]:
    effects: list[Effect] = []
    for node in story.nodes.values():
        effects.extend(each_effect(node.on_enter))
        for choice in node.choices:
            effects.extend(each_effect(choice.effects))
    return effects


def variables_set(story: Story) -> set[str]:
    return {e.target for e in _all_effects(story) if e.op in ("set", "add")} | {PLAYER_NAME}


def variables_read(story: Story) -> set[str]:
    reads: set[str] = set()
    for node in story.nodes.values():
        for template in node.templates():
            reads |= template.reads
        groups = [*node.on_enter, *(g for c in node.choices for g in c.effects)]
        for group in groups:
            if group.condition is not None:
                reads |= group.condition.reads
        for effect in each_effect(groups):
            if effect.value is not None:
                reads |= effect.value.reads
        for choice in node.choices:
            if choice.condition is not None:
                reads |= choice.condition.reads
            for cond, _ in choice.route.arms:
                if cond is not None:
                    reads |= cond.reads
    return reads


def reachable(story: Story) -> set[str]:
    """The nodes some way from the start may reach (exact: see ``analysis``)."""
    return Facts(story).reachable


def story_warnings(story: Story, merged: Merged, facts: Facts | None = None) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    facts = facts or Facts(story)
    reached = facts.reachable

    def warn(node: Node, code: str, message: str) -> None:
        w = node.where
        out.append(Diagnostic(w.file, w.line, w.column, code, message))

    for node in story.nodes.values():
        if node.id not in reached:
            if node.ending is not None:
                warn(
                    node,
                    "W104",
                    f"ending {node.ending.id!r} ({node.id}) is reached by no path from the start",
                )
            else:
                warn(node, "W101", f"node {node.id!r} is reached by no path from the start")
        _stuck(facts, node, warn)
        if not node.text.source.strip():
            warn(node, "W106", f"node {node.id!r} has no text")
        for choice in node.choices:
            if choice.reason is not None and choice.condition is None:
                w = choice.where
                out.append(
                    Diagnostic(
                        w.file,
                        w.line,
                        w.column,
                        "W110",
                        f"choice {node.id}.{choice.id} has a 'reason:' but no 'if:', so the "
                        "reason is never shown: add the condition it explains, or drop it",
                    )
                )
    out.extend(_given_again(story, facts))

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
    given = {e.target for e in effects if e.op == "give"} | set(story.info.inventory)
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


def _stuck(facts: Facts, node: Node, warn: object) -> None:
    """W105 with an example of the values that leave no choice on offer; W112 when the
    analysis cannot tell."""
    assert callable(warn)
    try:
        witness = facts.stuck(node)
    except Undecided as why:
        warn(
            node,
            "W112",
            f"the checker cannot tell whether {node.id!r} always offers a choice ({why.why}): "
            "add a fallback choice, or run playtest",
        )
        return
    if witness is None:
        return
    example = witness.describe()
    fallback = any(c.fallback for c in node.choices)
    which = "every choice of" if not fallback else "every choice, the fallback too, of"
    warn(
        node,
        "W105",
        f"{which} {node.id!r} can be unavailable"
        + ("" if fallback else " and none is a fallback")
        + ": the player could be stuck"
        + (f" (for example when {example})" if example else ""),
    )


def _given_again(story: Story, facts: Facts) -> list[Diagnostic]:
    """W111: an item given on every entry of a passage the player can come back to
    after the item was taken away (a way from the passage to a 'take' of the item, and
    from there back to the passage)."""
    takes: dict[str, list[tuple[str, tuple[str, ...]]]] = {}  # item -> (where, ways on)
    for node in story.nodes.values():
        ways_on = tuple(facts._edges.get(node.id, ()))
        for e in each_effect(node.on_enter):
            if e.op == "take":
                takes.setdefault(e.target, []).append((node.id, ways_on))
        for choice in node.choices:
            for e in each_effect(choice.effects):
                if e.op == "take":
                    takes.setdefault(e.target, []).append((node.id, choice.targets))
    out = []
    for node in story.nodes.values():
        if node.id not in facts.reachable:
            continue
        gives = [
            e.target
            for group in node.on_enter
            if group.condition is None
            for e in group.effects
            if e.op == "give"
        ]
        onward = facts.reach_from(node.id)
        for item in dict.fromkeys(gives):
            if not any(
                where in onward and facts.leads_back(ways_on, node.id)
                for where, ways_on in takes.get(item, ())
            ):
                continue
            w = node.where
            out.append(
                Diagnostic(
                    w.file,
                    w.line,
                    w.column,
                    "W111",
                    f"{node.id!r} gives {item!r} each time it is entered, and the player "
                    f"can come back after {item!r} is taken: give it under "
                    f"'if: visits({node.id}) == 1', or in the choice that leads here",
                )
            )
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
