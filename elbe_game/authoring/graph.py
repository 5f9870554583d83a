"""``elbe-game graph``: the story map as Mermaid (GitHub renders it) or Graphviz DOT.

Nodes are grouped by act when every node id carries an act prefix (``a1_``, ``a2_``...)
and by file otherwise (``--cluster`` chooses). The start is drawn bold, endings as
rounded boxes (alternate-history endings in their own colour), nodes with a history
note marked with a dagger. Each edge is labelled with the choice's text; a conditional
choice is a dashed edge whose label adds ``if ...``, and a computed target has one
dashed edge per arm (``if ...``, the last ``otherwise``). A flow-on passage's edge is
labelled "Continue".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePath

from ..engine import Story
from ..engine.model import Choice, Node

_ACT = re.compile(r"^(a\d+)_")
_LABEL_MAX = 40
_TEXT_MAX = 30


def clusters(story: Story, by: str = "auto") -> dict[str, list[Node]]:
    """Cluster name -> its nodes, in story order. ``by``: "act", "file" or "auto"."""
    if by == "auto":
        by = "act" if story.nodes and all(_ACT.match(n) for n in story.nodes) else "file"
    out: dict[str, list[Node]] = {}
    for node in story.nodes.values():
        match = _ACT.match(node.id) if by == "act" else None
        name = match.group(1) if match else PurePath(node.where.file).name
        out.setdefault(name, []).append(node)
    return out


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _LABEL_MAX else text[: _LABEL_MAX - 1] + "…"


def _short_to(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _edge_label(choice: Choice, arm: int) -> tuple[str, bool]:
    """The label of the edge for ``arm`` of ``choice``'s route, and whether it is dashed
    (it depends on a condition)."""
    conditions = []
    if choice.condition is not None:
        conditions.append(f"if {choice.condition.source}")
    if choice.route.computed:
        cond = choice.route.arms[arm][0]
        conditions.append(f"if {cond.source}" if cond is not None else "otherwise")
    label = _short_to(choice.text.source, _TEXT_MAX)
    if conditions:
        label += " · " + _short_to("; ".join(conditions), _LABEL_MAX)
    return label, bool(conditions)


def _node_title(node: Node) -> str:
    mark = " †" if node.history is not None else ""
    return f"{_short(node.title)}{mark}"


_MERMAID_WORDS = {"end", "graph", "subgraph", "flowchart", "class", "classdef", "style", "click"}


def _mid(node_id: str) -> str:
    """A Mermaid-safe id: a few words are keywords there."""
    return f"{node_id}_" if node_id.lower() in _MERMAID_WORDS else node_id


def mermaid(story: Story, by: str = "auto") -> str:
    def q(text: str) -> str:
        return '"' + text.replace('"', "#quot;") + '"'

    lines = ["flowchart TD"]
    for index, (name, nodes) in enumerate(clusters(story, by).items()):
        lines.append(f"  subgraph c{index}[{q(name)}]")
        for node in nodes:
            label = q(f"{node.id}<br/>{_node_title(node)}")
            shape = f"([{label}])" if node.ending is not None else f"[{label}]"
            lines.append(f"    {_mid(node.id)}{shape}")
        lines.append("  end")
    for node, choice, arm, target in _edges(story):
        label, dashed = _edge_label(choice, arm)
        if dashed:
            lines.append(f"  {_mid(node.id)} -. {q(label)} .-> {_mid(target)}")
        else:
            lines.append(f"  {_mid(node.id)} -- {q(label)} --> {_mid(target)}")
    lines += [
        "  classDef start stroke-width:4px,stroke:#1f6f3f",
        "  classDef ending fill:#e8e0c8,stroke:#6b5a2e",
        "  classDef alternate fill:#f3d9d9,stroke:#8a2d2d",
        "  classDef history stroke:#123b6e,stroke-width:2px",
    ]
    for cls, ids in _classes(story).items():
        if ids:
            lines.append(f"  class {','.join(_mid(i) for i in ids)} {cls}")
    return "\n".join(lines) + "\n"


def dot(story: Story, by: str = "auto") -> str:
    def q(text: str) -> str:
        escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'

    lines = [
        f"digraph {q(story.id)} {{",
        f"  label={q(story.title)}; labelloc=t; rankdir=TB;",
        '  node [shape=box, style="rounded", fontname="Helvetica"];',
    ]
    for index, (name, nodes) in enumerate(clusters(story, by).items()):
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(f"    label={q(name)}; style=dashed;")
        for node in nodes:
            attrs = [f"label={q(node.id + chr(10) + _node_title(node))}"]
            if node.id == story.start:
                attrs.append("penwidth=3")
            if node.ending is not None:
                colour = "#f3d9d9" if node.ending.kind == "alternate" else "#e8e0c8"
                attrs += ["shape=doubleoctagon", "style=filled", f"fillcolor={q(colour)}"]
            if node.history is not None:
                attrs.append('color="#123b6e"')
            lines.append(f"    {q(node.id)} [{', '.join(attrs)}];")
        lines.append("  }")
    for node, choice, arm, target in _edges(story):
        label, dashed = _edge_label(choice, arm)
        style = "style=dashed, " if dashed else ""
        lines.append(f"  {q(node.id)} -> {q(target)} [{style}label={q(label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _edges(story: Story) -> Iterator[tuple[Node, Choice, int, str]]:
    """(node, choice, arm number, target) for every way on."""
    for node in story.nodes.values():
        for choice in node.choices:
            for arm, (_, target) in enumerate(choice.route.arms):
                yield node, choice, arm, target


def _classes(story: Story) -> dict[str, list[str]]:
    nodes = story.nodes.values()
    return {
        "start": [story.start],
        "ending": [n.id for n in nodes if n.ending is not None and n.ending.kind != "alternate"],
        "alternate": [n.id for n in nodes if n.ending is not None and n.ending.kind == "alternate"],
        "history": [n.id for n in nodes if n.history is not None and n.ending is None],
    }
