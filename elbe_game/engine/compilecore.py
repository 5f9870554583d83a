"""The compiler's core: the names a story declares, and how each problem is reported.

``CompilerCore`` knows the merged sections and the story language, compiles one
expression or text at a time, resolves references (with a did-you-mean), and turns
every problem into a Diagnostic at its file:line:column. ``compileactions`` adds what a
choice does (effects, where it leads); ``compiler`` adds the rest and builds the Story.
"""

from __future__ import annotations

import dataclasses

from . import format as fmt
from .diagnostics import Diagnostic
from .errors import ExpressionError
from .expressions import (
    STR,
    Expression,
    Scope,
    compile_expression,
    did_you_mean,
)
from .merge import Definition, Merged
from .model import Location
from .text import Template, compile_template
from .yamlsrc import Path as DataPath
from .yamlsrc import SourceFile

#: "unknown X" problems, which a file we could not read may explain
REFERENCE_CODES = frozenset({"E009", "E010", "E011", "E012", "E013", "E014", "E017"})


class CompilerCore:
    def __init__(self, merged: Merged, incomplete: bool = False) -> None:
        self.merged = merged
        self.incomplete = incomplete
        self.problems: list[Diagnostic] = []
        assert merged.info is not None
        self.language: int = merged.info.value.language
        sections = merged.sections
        self.known = {name: set(table) for name, table in sections.items()}
        variables = [(n, d.value) for n, d in sections["variables"].items() if d.value is not None]
        var_types = {name: v.type for name, v in variables}
        values = {
            name: tuple(v.values)
            for name, v in variables
            if v.values is not None and v.type == STR and self.language >= 2
        }
        names = set(self.known["nodes"])
        items = set(self.known["items"])
        self.values = values
        self.scope = Scope(var_types, names, items, values=values)
        self.effect_scope = Scope(var_types, names, items, allow_random=True, values=values)

    def needs(self, src: SourceFile, path: DataPath, construct: str, key: bool = True) -> bool:
        """True when the story's language has ``construct``; else an E026 saying so."""
        wanted = fmt.LANGUAGE_INTRODUCED[construct]
        if self.language >= wanted:
            return True
        self.error(
            src,
            path,
            "E026",
            f"{construct} is story language {wanted}; this story is language "
            f"{self.language}: add 'language: {wanted}' under 'story:'",
            key=key,
        )
        return False

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

    def template(self, src: SourceFile, path: DataPath, source: str, site: str) -> Template | None:
        """Compile a text; ``site`` names it in the story (for variation and the tools)."""
        try:
            template = compile_template(source, self.scope, site, self.language)
        except ExpressionError as exc:
            self._expression_problem(src, path, exc)
            return None

        def locate(offset: int) -> tuple[int, int]:
            return src.text_position(path, offset)

        return dataclasses.replace(template, file=src.path, locate=locate)

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
                hint = did_you_mean(ident, self.known[section])
                todo = (
                    f" (or declare it under '{section}:')"
                    if hint
                    else f": declare it under '{section}:'"
                )
                self.error(src, where, code, f"unknown {kind} {ident!r}{hint}{todo}")
        return good

    def node_ref(self, src: SourceFile, path: DataPath, ident: str) -> bool:
        if ident in self.known["nodes"]:
            return True
        hint = did_you_mean(ident, self.known["nodes"])
        self.error(src, path, "E009", f"unknown target node {ident!r}{hint}")
        return False

    # ----------------------------------------------------------------- parts
