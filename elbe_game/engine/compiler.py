"""Merged story files -> the frozen, compiled ``Story``.

Resolves every reference (targets, variables, items, codex entries, sources), compiles
every expression and template, and reports each problem at its file:line:column. A
construct newer than the story's language (``format.LANGUAGE_INTRODUCED``) is an E026
that says what to add to the manifest.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import format as fmt
from .compileactions import ActionCompiler
from .diagnostics import Diagnostic
from .expressions import (
    BOOL,
    INT,
    STR,
    TYPE_OF,
    did_you_mean,
    value_problem,
)
from .flow import flow_loops
from .mapcompile import compile_map
from .merge import Definition, Merged
from .model import (
    CONTINUE,
    CONTINUE_TEXT,
    Choice,
    Effect,
    EffectGroup,
    Ending,
    HistoryNote,
    Location,
    Node,
    Story,
    VariableDef,
)
from .text import Template, compile_template
from .yamlsrc import Path as DataPath
from .yamlsrc import SourceFile


class _Compiler(ActionCompiler):
    def variable(self, name: str, d: Definition) -> VariableDef | None:
        v: fmt.Variable = d.value
        src, path = d.source, d.path
        ok = True
        if TYPE_OF[type(v.default)] != v.type:
            self.error(src, (*path, "default"), "E016", f"default {v.default!r} is not a {v.type}")
            ok = False
        if v.type != INT and (v.min is not None or v.max is not None):
            self.error(src, path, "E021", f"min and max apply to int variables, not {v.type}")
            ok = False
        if v.min is not None and v.max is not None and v.min > v.max:
            self.error(src, (*path, "min"), "E021", f"min {v.min} is greater than max {v.max}")
            ok = False
        elif ok and v.type == INT and isinstance(v.default, int):
            low, high = v.min, v.max
            if (low is not None and v.default < low) or (high is not None and v.default > high):
                self.error(
                    src, (*path, "default"), "E021", f"default {v.default} is outside {low}..{high}"
                )
                ok = False
        values: tuple[str, ...] | None = None
        if v.values is not None and self.needs(src, (*path, "values"), "'values:' on a variable"):
            ok = self._values(src, path, name, v) and ok
            values = tuple(v.values)
        if not ok:
            return None
        return VariableDef(
            name,
            v.type,
            v.default,
            v.min,
            v.max,
            v.visible,
            v.label or name,
            v.description,
            self.location(d),
            values,
        )

    def _values(self, src: SourceFile, path: DataPath, name: str, v: fmt.Variable) -> bool:
        """An enumerated variable: str, each value once, the default among them."""
        assert v.values is not None
        if v.type != STR:
            self.error(
                src,
                (*path, "values"),
                "E029",
                f"'values' apply to str variables, not {v.type}",
                key=True,
            )
            return False
        ok = True
        for i, value in enumerate(v.values):
            if value in v.values[:i]:
                self.error(
                    src, (*path, "values", i), "E029", f"the value {value!r} is listed twice"
                )
                ok = False
        if isinstance(v.default, str) and v.default not in v.values:
            message = value_problem(name, v.default, tuple(v.values))
            self.error(src, (*path, "default"), "E029", f"the default {message}")
            ok = False
        return ok

    def choice(
        self,
        src: SourceFile,
        path: DataPath,
        c: fmt.Choice,
        seen: dict[str, DataPath],
        node_id: str,
    ) -> Choice | None:
        default_id = c.to if isinstance(c.to, str) else None
        cid = c.id or default_id
        if cid is None:
            self.error(
                src,
                path,
                "E007",
                "a choice with a computed 'to:' needs an 'id:' (saves record choices by id)",
                key=True,
            )
        elif cid in seen:
            hint = "" if c.id else "; two choices lead to the same node, so give each an 'id:'"
            self.error(src, path, "E019", f"choice id {cid!r} is used twice in this node{hint}")
        if cid is not None:
            seen[cid] = path
        route = self.route(src, (*path, "to"), c.to, "'to:'")
        text = self.template(src, (*path, "text"), c.text, f"{node_id}.{cid}.text")
        cond = self.expression(src, (*path, "if"), c.if_, BOOL) if c.if_ is not None else None
        effects = self.effects(src, (*path, "effects"), c.effects)
        reply = None
        if c.reply is not None and self.needs(src, (*path, "reply"), "a choice's 'reply:'"):
            reply = self.template(src, (*path, "reply"), c.reply, f"{node_id}.{cid}.reply")
            if reply is None:
                return None
        if text is None or route is None or cid is None or (c.if_ is not None and cond is None):
            return None
        line, col = src.where(path)
        return Choice(
            cid,
            text,
            route,
            cond,
            c.reason,
            c.once,
            c.fallback,
            effects,
            Location(src.path, line, col),
            reply,
        )

    def node(self, node_id: str, d: Definition) -> Node | None:
        n: fmt.Node = d.value
        src, path = d.source, d.path
        before = len(self.problems)
        heading = None
        if self.language >= 2:
            heading = self.template(src, (*path, "title"), n.title, f"{node_id}.title")
        text = self.template(src, (*path, "text"), n.text, f"{node_id}.text")
        on_enter = self.effects(src, (*path, "on_enter"), n.on_enter)
        unlocks = self.refs(src, (*path, "unlocks"), list(n.unlocks), "codex entry")
        seen: dict[str, DataPath] = {}
        choices = [
            self.choice(src, (*path, "choices", i), c, seen, node_id)
            for i, c in enumerate(n.choices)
        ]
        flow = self._flow(src, path, n, node_id)
        if flow is not None:
            choices = [flow]
        history = None
        if n.history is not None:
            sources = self.refs(
                src, (*path, "history", "sources"), list(n.history.sources), "source"
            )
            history = HistoryNote(n.history.text, tuple(sources), n.history.disputed)
        ending = None
        if n.ending is not None:
            for column in ("story", "history"):
                for i, entry in enumerate(getattr(n.ending.timeline, column)):
                    self.refs(
                        src,
                        (*path, "ending", "timeline", column, i, "sources"),
                        list(entry.sources),
                        "source",
                    )
            if n.ending.kind == "neutral":
                self.needs(src, (*path, "ending", "kind"), "'kind: neutral'", key=False)
            ending = Ending(
                n.ending.id, n.ending.title, n.ending.kind, n.ending.timeline, n.ending.hint
            )
            if n.choices:
                self.error(
                    src,
                    (*path, "ending"),
                    "E022",
                    "an ending node has no choices; move them or drop 'ending:'",
                    key=True,
                )
        elif not n.choices and n.next is None:
            self.error(
                src,
                path,
                "E018",
                f"node {node_id!r} has no choices and is not an ending: add choices, "
                "an 'ending:', or 'next:' to flow on to another passage",
                key=True,
            )
        if len(self.problems) > before or text is None:
            return None
        effects = on_enter
        if unlocks:
            effects += (EffectGroup(None, tuple(Effect("unlock", u) for u in unlocks)),)
        return Node(
            node_id,
            n.title,
            text,
            n.date,
            n.time,
            n.place,
            effects,
            tuple(c for c in choices if c is not None),
            ending,
            history,
            self.location(d),
            heading=None if heading is None or _as_written(heading) else heading,
            flow=flow is not None,
        )

    def _flow(self, src: SourceFile, path: DataPath, n: fmt.Node, node_id: str) -> Choice | None:
        """A flow-on passage's one choice, CONTINUE, to its ``next``."""
        if n.next is None or not self.needs(src, (*path, "next"), "a flow-on passage ('next:')"):
            return None
        clash = "choices" if n.choices else "ending" if n.ending is not None else None
        if clash is not None:
            self.error(
                src,
                (*path, "next"),
                "E027",
                f"a flow-on passage ('next:') has no {clash}: drop 'next:' or the {clash}",
                key=True,
            )
            return None
        route = self.route(src, (*path, "next"), n.next, "'next:'")
        if route is None:
            return None
        text = compile_template(CONTINUE_TEXT, self.scope, f"{node_id}.{CONTINUE}.text")
        line, col = src.where((*path, "next"), key=True)
        return Choice(
            CONTINUE, text, route, None, None, False, False, (), Location(src.path, line, col)
        )


def compile_story(
    merged: Merged, root: Path, content_hash: str, files: tuple[str, ...], incomplete: bool = False
) -> tuple[Story | None, list[Diagnostic]]:
    assert merged.info is not None
    comp = _Compiler(merged, incomplete)
    sections = merged.sections
    info: fmt.StoryInfo = merged.info.value
    if info.start not in comp.known["nodes"]:
        hint = did_you_mean(info.start, comp.known["nodes"])
        comp.error(
            merged.info.source,
            ("story", "start"),
            "E017",
            f"the start node {info.start!r} is not defined{hint}",
        )
    if info.inventory and comp.needs(
        merged.info.source, ("story", "inventory"), "a starting 'inventory:'"
    ):
        comp.refs(merged.info.source, ("story", "inventory"), list(info.inventory), "item")
    variables = {
        n: comp.variable(n, d) for n, d in sections["variables"].items() if d.value is not None
    }
    for _entry_id, d in sections["codex"].items():
        if d.value is not None:
            comp.refs(d.source, (*d.path, "sources"), list(d.value.sources), "source")
    nodes = {n: comp.node(n, d) for n, d in sections["nodes"].items() if d.value is not None}
    endings: dict[str, Definition] = {}
    for _node_id, d in sections["nodes"].items():
        if d.value is not None and d.value.ending is not None:
            eid = d.value.ending.id
            if eid in endings:
                first = endings[eid]
                line, _ = first.source.where((*first.path, "ending"), key=True)
                comp.error(
                    d.source,
                    (*d.path, "ending", "id"),
                    "E008",
                    f"ending id {eid!r} is used twice (first at {first.source.path}:{line})",
                )
            endings[eid] = d
    compiled = {n: node for n, node in nodes.items() if node is not None}
    for loop in flow_loops(compiled):
        at = compiled[loop[0]].where
        others = ", ".join(loop[1:])
        comp._report(
            Diagnostic(
                at.file,
                at.line,
                at.column,
                "E028",
                f"flow-on passages that never stop: {loop[0]}"
                + (f" and {others}" if others else "")
                + " lead only to each other with no choice; give one of them choices, "
                "or a 'next:' out of the loop",
            )
        )
    story_map = None
    if merged.map is not None and merged.map.value is not None:
        story_map, map_problems = compile_map(merged.map)
        comp.problems.extend(map_problems)
    if comp.problems or any(v is None for v in (*variables.values(), *nodes.values())):
        return None, comp.problems
    if any(d.value is None for table in sections.values() for d in table.values()):
        return None, comp.problems  # structural errors were reported already

    def values(name: str) -> MappingProxyType[str, Any]:
        return MappingProxyType({k: d.value for k, d in sections[name].items()})

    story = Story(
        info=info,
        root=root,
        variables=MappingProxyType(variables),  # type: ignore[arg-type]
        items=values("items"),
        codex=values("codex"),
        sources=values("sources"),
        nodes=MappingProxyType(nodes),  # type: ignore[arg-type]
        content_hash=content_hash,
        files=files,
        map=story_map,
    )
    return story, comp.problems


def _as_written(template: Template) -> bool:
    """The text always renders as its source: no tags and no {{ }} to unescape."""
    return template.plain and "".join(str(p) for p in template.parts) == template.source
