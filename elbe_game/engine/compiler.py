"""Merged story files -> the frozen, compiled ``Story``.

Resolves every reference (targets, variables, items, codex entries, sources), compiles
every expression and template, and reports each problem at its file:line:column.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import format as fmt
from .diagnostics import Diagnostic
from .errors import ExpressionError
from .expressions import (
    BOOL,
    INT,
    STR,
    TYPE_OF,
    Expression,
    Scope,
    compile_expression,
    constant,
)
from .mapcompile import compile_map
from .merge import Definition, Merged
from .model import Choice, Effect, Ending, HistoryNote, Location, Node, Story, VariableDef
from .text import Template, compile_template
from .yamlsrc import Path as DataPath
from .yamlsrc import SourceFile

#: "unknown X" problems, which a file we could not read may explain
REFERENCE_CODES = frozenset({"E009", "E010", "E011", "E012", "E013", "E014", "E017"})


class _Compiler:
    def __init__(self, merged: Merged, incomplete: bool = False) -> None:
        self.merged = merged
        self.incomplete = incomplete
        self.problems: list[Diagnostic] = []
        sections = merged.sections
        self.known = {name: set(table) for name, table in sections.items()}
        var_types = {
            name: d.value.type for name, d in sections["variables"].items() if d.value is not None
        }
        names = set(self.known["nodes"])
        items = set(self.known["items"])
        self.scope = Scope(var_types, names, items)
        self.effect_scope = Scope(var_types, names, items, allow_random=True)

    # ----------------------------------------------------------------- reporting

    def error(
        self, src: SourceFile, path: DataPath, code: str, message: str, key: bool = False
    ) -> None:
        self._report(src.error(path, code, message, key=key))

    def _report(self, problem: Diagnostic) -> None:
        if not (self.incomplete and problem.code in REFERENCE_CODES):
            self.problems.append(problem)

    def location(self, d: Definition) -> Location:
        line, col = d.source.where(d.path, key=True)
        return Location(d.source.path, line, col)

    def expression(
        self,
        src: SourceFile,
        path: DataPath,
        source: str,
        want: str | None,
        scope: Scope | None = None,
    ) -> Expression | None:
        try:
            return compile_expression(source, scope or self.scope, want)
        except ExpressionError as exc:
            self._expression_problem(src, path, exc)
            return None

    def template(self, src: SourceFile, path: DataPath, source: str) -> Template | None:
        try:
            return compile_template(source, self.scope)
        except ExpressionError as exc:
            self._expression_problem(src, path, exc)
            return None

    def _expression_problem(self, src: SourceFile, path: DataPath, exc: ExpressionError) -> None:
        line, col = src.text_position(path, exc.offset)
        self._report(Diagnostic(src.path, line, col, exc.code, exc.message))

    def refs(self, src: SourceFile, path: DataPath, ids: list[str], kind: str) -> list[str]:
        section = {"item": "items", "codex entry": "codex", "source": "sources"}[kind]
        code = {"item": "E011", "codex entry": "E013", "source": "E014"}[kind]
        good = []
        for i, ident in enumerate(ids):
            if ident in self.known[section]:
                good.append(ident)
            else:
                where = (*path, i) if len(ids) > 1 or (*path, i) in src.values else path
                self.error(
                    src, where, code, f"unknown {kind} {ident!r}: declare it under '{section}:'"
                )
        return good

    # ----------------------------------------------------------------- parts

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
        )

    def effects(self, src: SourceFile, path: DataPath, e: fmt.Effects | None) -> tuple[Effect, ...]:
        out: list[Effect] = []
        if e is not None:
            for name, value in e.set.items():
                expr = self._effect_value(src, (*path, "set", name), name, value, "set")
                if expr is not None:
                    out.append(Effect("set", name, expr))
            for name, value in e.add.items():
                expr = self._effect_value(src, (*path, "add", name), name, value, "add")
                if expr is not None:
                    out.append(Effect("add", name, expr))
            for op in ("take", "give", "unlock"):
                ids = getattr(e, op)
                ids = [ids] if isinstance(ids, str) else list(ids)
                kind = "codex entry" if op == "unlock" else "item"
                out.extend(Effect(op, i) for i in self.refs(src, (*path, op), ids, kind))
        return tuple(out)

    def _effect_value(
        self, src: SourceFile, path: DataPath, name: str, value: Any, op: str
    ) -> Expression | None:
        vtype = self.scope.variables.get(name)
        if vtype is None:
            if name not in self.known["variables"]:
                self.error(
                    src,
                    path,
                    "E010",
                    f"unknown variable {name!r}: declare it under 'variables:'",
                    key=True,
                )
            return None
        if op == "add" and vtype != INT:
            self.error(
                src, path, "E016", f"'add' needs an int variable; {name!r} is {vtype}", key=True
            )
            return None
        if isinstance(value, str):
            try:
                expr = compile_expression(value, self.effect_scope, vtype)
            except ExpressionError as exc:
                if vtype == STR and exc.code == "E010":
                    exc = ExpressionError(
                        exc.message + f"; to set text, quote it: \"'{value}'\"",
                        exc.offset,
                        exc.code,
                    )
                self._expression_problem(src, path, exc)
                return None
            return expr
        if TYPE_OF[type(value)] != vtype:
            self.error(src, path, "E016", f"{name!r} is {vtype}; {value!r} is not")
            return None
        return Expression(repr(value), vtype, constant(value))

    def choice(
        self, src: SourceFile, path: DataPath, c: fmt.Choice, seen: dict[str, DataPath]
    ) -> Choice | None:
        cid = c.id or c.to
        if cid in seen:
            hint = "" if c.id else "; two choices lead to the same node, so give each an 'id:'"
            self.error(src, path, "E019", f"choice id {cid!r} is used twice in this node{hint}")
        seen[cid] = path
        if c.to not in self.known["nodes"]:
            self.error(src, (*path, "to"), "E009", f"unknown target node {c.to!r}")
        text = self.template(src, (*path, "text"), c.text)
        cond = self.expression(src, (*path, "if"), c.if_, BOOL) if c.if_ is not None else None
        effects = self.effects(src, (*path, "effects"), c.effects)
        if text is None or (c.if_ is not None and cond is None):
            return None
        line, col = src.where(path)
        return Choice(
            cid,
            text,
            c.to,
            cond,
            c.reason,
            c.once,
            c.fallback,
            effects,
            Location(src.path, line, col),
        )

    def node(self, node_id: str, d: Definition) -> Node | None:
        n: fmt.Node = d.value
        src, path = d.source, d.path
        before = len(self.problems)
        text = self.template(src, (*path, "text"), n.text)
        on_enter = self.effects(src, (*path, "on_enter"), n.on_enter)
        unlocks = self.refs(src, (*path, "unlocks"), list(n.unlocks), "codex entry")
        seen: dict[str, DataPath] = {}
        choices = [
            self.choice(src, (*path, "choices", i), c, seen) for i, c in enumerate(n.choices)
        ]
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
            ending = Ending(n.ending.id, n.ending.title, n.ending.kind, n.ending.timeline)
            if n.choices:
                self.error(
                    src,
                    (*path, "ending"),
                    "E022",
                    "an ending node has no choices; move them or drop 'ending:'",
                    key=True,
                )
        elif not n.choices:
            self.error(
                src,
                path,
                "E018",
                f"node {node_id!r} has no choices and is not an ending: add choices, or an 'ending:'",
                key=True,
            )
        if len(self.problems) > before or text is None:
            return None
        effects = on_enter + tuple(Effect("unlock", u) for u in unlocks)
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
        )


def compile_story(
    merged: Merged, root: Path, content_hash: str, files: tuple[str, ...], incomplete: bool = False
) -> tuple[Story | None, list[Diagnostic]]:
    assert merged.info is not None
    comp = _Compiler(merged, incomplete)
    sections = merged.sections
    info: fmt.StoryInfo = merged.info.value
    if info.start not in comp.known["nodes"]:
        comp.error(
            merged.info.source,
            ("story", "start"),
            "E017",
            f"the start node {info.start!r} is not defined",
        )
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
