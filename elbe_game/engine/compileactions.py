"""What a choice does, compiled: its effects (blocks, each with an optional condition)
and where it leads (one node, or a computed target)."""

from __future__ import annotations

from typing import Any

from . import format as fmt
from .compilecore import CompilerCore
from .errors import ExpressionError
from .expressions import (
    BOOL,
    INT,
    STR,
    TYPE_OF,
    Expression,
    compile_expression,
    constant,
    did_you_mean,
    value_problem,
)
from .model import (
    Effect,
    EffectGroup,
    Route,
)
from .yamlsrc import Path as DataPath
from .yamlsrc import SourceFile


class ActionCompiler(CompilerCore):
    def effects(
        self, src: SourceFile, path: DataPath, e: fmt.Effects | list[fmt.Effects] | None
    ) -> tuple[EffectGroup, ...]:
        """Effects (a block or a list of blocks), each block with its condition."""
        if e is None:
            return ()
        if isinstance(e, list):
            if not self.needs(src, path, "a list of effects", key=False):
                return ()
            blocks = [(block, (*path, i)) for i, block in enumerate(e)]
        else:
            blocks = [(e, path)]
        groups = []
        for block, where in blocks:
            group = self._effect_block(src, where, block)
            if group is not None:
                groups.append(group)
        return tuple(groups)

    def _effect_block(self, src: SourceFile, path: DataPath, e: fmt.Effects) -> EffectGroup | None:
        cond = None
        if e.if_ is not None and self.needs(src, (*path, "if"), "'if:' on effects"):
            cond = self.expression(src, (*path, "if"), e.if_, BOOL)
            if cond is None:
                return None
        out: list[Effect] = []
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
        return EffectGroup(cond, tuple(out))

    def _effect_value(
        self, src: SourceFile, path: DataPath, name: str, value: Any, op: str
    ) -> Expression | None:
        vtype = self.scope.variables.get(name)
        if vtype is None:
            if name not in self.known["variables"]:
                hint = did_you_mean(name, self.known["variables"])
                self.error(
                    src,
                    path,
                    "E010",
                    f"unknown variable {name!r}{hint}"
                    + ("" if hint else ": declare it under 'variables:'"),
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
            values = self.values.get(name)
            if values is not None and not self._fits_values(src, path, name, expr, values):
                return None
            return expr
        if TYPE_OF[type(value)] != vtype:
            self.error(src, path, "E016", f"{name!r} is {vtype}; {value!r} is not")
            return None
        return Expression(repr(value), vtype, constant(value), literal=value)

    def _fits_values(
        self, src: SourceFile, path: DataPath, name: str, expr: Expression, values: tuple[str, ...]
    ) -> bool:
        """An enumerated variable takes one of its values: a quoted value, or another
        enumerated variable whose values are all among them."""
        if expr.strings is None:
            self.error(
                src,
                path,
                "E029",
                f"{name!r} takes one of its values ({', '.join(values)}); "
                f"{expr.source!r} could be any text: set a quoted value, e.g. \"'{values[0]}'\"",
            )
            return False
        outside = sorted(expr.strings - set(values))
        if outside:
            self.error(src, path, "E029", value_problem(name, outside[0], values))
            return False
        return True

    def route(
        self, src: SourceFile, path: DataPath, to: str | list[fmt.Target], what: str
    ) -> Route | None:
        """A destination: one node, or {if, to} arms ending in one without 'if'."""
        if isinstance(to, str):
            return Route(((None, to),)) if self.node_ref(src, path, to) else None
        if not self.needs(src, path, "a computed 'to:' (a list of {if, to})", key=False):
            return None
        if not to:
            self.error(
                src, path, "E006", f"{what} is an empty list: give at least one {{to: node}}"
            )
            return None
        arms: list[tuple[Expression | None, str]] = []
        ok = True
        for i, arm in enumerate(to):
            ok = self.node_ref(src, (*path, i, "to"), arm.to) and ok
            last = i == len(to) - 1
            if arm.if_ is None and not last:
                self.error(
                    src,
                    (*path, i),
                    "E006",
                    f"only the last arm of {what} may go without 'if' (it is taken when no "
                    "condition holds); the arms after this one could never be taken",
                )
                ok = False
            elif arm.if_ is not None and last:
                self.error(
                    src,
                    (*path, i),
                    "E006",
                    f"the last arm of {what} needs no 'if': it is where the player goes "
                    "when no condition holds; add one more arm, {to: node}, as the default",
                )
                ok = False
            cond = None
            if arm.if_ is not None:
                cond = self.expression(src, (*path, i, "if"), arm.if_, BOOL)
                ok = ok and cond is not None
            arms.append((cond, arm.to))
        return Route(tuple(arms)) if ok else None
