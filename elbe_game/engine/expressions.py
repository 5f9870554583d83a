"""The condition and effect language, compiled once at load time.

The grammar is in ``exprparse``, which reads the text; this module resolves names
against the story's declarations, checks types and compiles.

Values are ints, bools and strings. Every expression is parsed, resolved against the
story's declarations, type-checked and turned into a tree of small closures, so that
evaluation is a few Python calls and story text never reaches eval or exec.
"""

from __future__ import annotations

import difflib
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from .errors import ExpressionError
from .exprparse import Ast, parse  # parse: re-exported for callers

Value = int | bool | str
INT, BOOL, STR = "int", "bool", "str"
TYPE_OF: dict[type, str] = {bool: BOOL, int: INT, str: STR}


class Context(Protocol):
    """What a compiled expression may ask of the running game."""

    @property
    def vars(self) -> Mapping[str, Value]: ...

    def visits(self, node: str) -> int: ...
    def turns_since(self, node: str) -> int: ...
    def has(self, item: str) -> bool: ...
    def random(self, low: int, high: int) -> int: ...


@dataclass(frozen=True)
class Scope:
    """The names an expression may use: declared variables and their types, node ids
    and item ids. ``allow_random`` is true only for effects. ``values`` holds the
    declared values of enumerated str variables."""

    variables: Mapping[str, str]
    nodes: frozenset[str] | set[str]
    items: frozenset[str] | set[str]
    allow_random: bool = False
    values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


Evaluator = Callable[[Context], Any]

Term = tuple[str, str]
"""What a condition can read of the game: ("var", name), ("has", item), or ("visited" |
"visits" | "turns_since", node). The checker's exact analysis works over terms."""


@dataclass(frozen=True)
class Expression:
    """A compiled expression: its source, its static type and its evaluator.

    ``terms`` maps each term the expression reads to the constants it is compared
    with (``trust >= 3``: {("var", "trust"): {3}}); ``complex_terms`` are those used
    any other way (in arithmetic, compared with another term), whose truth the
    constants alone do not decide. ``literal`` is the value of a constant expression.
    ``strings`` is the set of text values the expression can have, when known (a
    literal, an enumerated variable)."""

    source: str
    type: str
    evaluate: Evaluator = field(repr=False, compare=False)
    reads: frozenset[str] = frozenset()  # variables it reads
    stateful: bool = False  # calls visited/has/... or random: not a constant of variables
    terms: Mapping[Term, frozenset[Value]] = field(default_factory=dict, compare=False)
    complex_terms: frozenset[Term] = frozenset()
    literal: Value | None = None
    strings: frozenset[str] | None = None
    random: bool = False  # calls random()

    def __call__(self, ctx: Context) -> Any:
        return self.evaluate(ctx)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """ "; did you mean 'x'?" when a known name is close to ``name``, else ""."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.7)
    return f"; did you mean {close[0]!r}?" if close else ""


def value_problem(var: str, value: str, values: tuple[str, ...]) -> str:
    """The message for a text that is not one of an enumerated variable's values."""
    close = difflib.get_close_matches(value, values, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{value!r} is not one of the values of {var!r} ({', '.join(values)}){hint}"


# --------------------------------------------------------------------------- compiler

_CMP_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def constant(value: Value) -> Evaluator:
    return lambda _ctx: value


def _variable(name: str) -> Evaluator:
    return lambda ctx: ctx.vars[name]


# name -> (kind of each argument, result type). "node"/"item" arguments are ids.
FUNCTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "visited": (("node",), BOOL),
    "visits": (("node",), INT),
    "turns_since": (("node",), INT),
    "has": (("item",), BOOL),
    "random": ((INT, INT), INT),
}


@dataclass
class _Compiled:
    type: str
    fn: Evaluator
    reads: set[str]
    stateful: bool
    terms: dict[Term, set[Value]] = field(default_factory=dict)
    complex: set[Term] = field(default_factory=set)
    bare: Term | None = None  # the expression is exactly this term
    const: Value | None = None  # the expression is exactly this constant
    strings: frozenset[str] | None = None
    random: bool = False

    def used_freely(self) -> _Compiled:
        """Its terms, now used in arithmetic or compared with something not constant."""
        self.complex |= set(self.terms)
        return self


class _Compiler:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def compile(self, node: Ast) -> _Compiled:
        method: Callable[[Ast], _Compiled] = getattr(self, "c_" + node[0])
        return method(node)

    def c_lit(self, node: Ast) -> _Compiled:
        value = node[2]
        strings = frozenset({value}) if isinstance(value, str) else None
        return _Compiled(
            TYPE_OF[type(value)], constant(value), set(), False, const=value, strings=strings
        )

    def c_name(self, node: Ast) -> _Compiled:
        _, pos, name = node
        vtype = self.scope.variables.get(name)
        if vtype is None:
            hint = ""
            if name in self.scope.nodes:
                hint = f"; to test a node, write visited({name})"
            elif name in self.scope.items:
                hint = f"; to test an item, write has({name})"
            elif name in FUNCTIONS:
                hint = f"; {name} is a function: call it as {name}(...)"
            else:
                hint = did_you_mean(name, self.scope.variables)
            raise ExpressionError(f"unknown variable {name!r}{hint}", pos, "E010")
        term = ("var", name)
        values = self.scope.values.get(name)
        return _Compiled(
            vtype,
            _variable(name),
            {name},
            False,
            terms={term: set()},
            bare=term,
            strings=frozenset(values) if values is not None else None,
        )

    def _want(self, part: _Compiled, want: str, pos: int, what: str) -> None:
        if part.type != want:
            raise ExpressionError(f"{what} needs {want}, got {part.type}", pos, "E016")

    def c_not(self, node: Ast) -> _Compiled:
        inner = self.compile(node[2])
        self._want(inner, BOOL, node[2][1], "'not'")
        f = inner.fn
        const = (not inner.const) if inner.const is not None else None
        return self._join(BOOL, lambda c: not f(c), inner, const=const)

    def _logic(self, node: Ast, is_and: bool) -> _Compiled:
        word = "and" if is_and else "or"
        left, right = self.compile(node[2]), self.compile(node[3])
        self._want(left, BOOL, node[2][1], f"'{word}'")
        self._want(right, BOOL, node[3][1], f"'{word}'")
        lf, rf = left.fn, right.fn
        fn: Evaluator = (lambda c: lf(c) and rf(c)) if is_and else (lambda c: lf(c) or rf(c))
        return self._join(BOOL, fn, left, right)

    def c_and(self, node: Ast) -> _Compiled:
        return self._logic(node, True)

    def c_or(self, node: Ast) -> _Compiled:
        return self._logic(node, False)

    def c_cmp(self, node: Ast) -> _Compiled:
        _, pos, op, lnode, rnode = node
        left, right = self._sides(lnode, rnode)
        if left.type != right.type:
            raise ExpressionError(
                f"cannot compare {left.type} with {right.type} using {op!r}", pos, "E016"
            )
        if op not in ("==", "!=") and left.type == BOOL:
            raise ExpressionError(f"{op!r} compares numbers or text, not bool", pos, "E016")
        for this, other, other_node in ((left, right, rnode), (right, left, lnode)):
            if this.bare is not None and this.bare[0] == "var" and isinstance(other.const, str):
                values = self.scope.values.get(this.bare[1])
                if values is not None and other.const not in values:
                    raise ExpressionError(
                        value_problem(this.bare[1], other.const, values), other_node[1], "E029"
                    )
        f, lf, rf = _CMP_OPS[op], left.fn, right.fn
        out = self._join(BOOL, lambda c: f(lf(c), rf(c)), left, right)
        if left.bare is not None and right.const is not None:
            out.terms[left.bare].add(right.const)
        elif right.bare is not None and left.const is not None:
            out.terms[right.bare].add(left.const)
        elif not (left.const is not None and right.const is not None):
            out.used_freely()
        return out

    def _sides(self, lnode: Ast, rnode: Ast) -> tuple[_Compiled, _Compiled]:
        """Both sides of a comparison; a bare unknown name compared with text gets the
        hint that text needs quotes (``route == torgau``)."""
        compiled: list[_Compiled | ExpressionError] = []
        for side in (lnode, rnode):
            try:
                compiled.append(self.compile(side))
            except ExpressionError as exc:
                compiled.append(exc)
        for i, (side, part) in enumerate(zip((lnode, rnode), compiled, strict=True)):
            other = compiled[1 - i]
            if (
                isinstance(part, ExpressionError)
                and part.code == "E010"
                and side[0] == "name"
                and isinstance(other, _Compiled)
                and other.type == STR
            ):
                word = side[2]
                raise ExpressionError(
                    f"unknown variable {word!r}; to compare with text, quote it: '{word}'",
                    part.offset,
                    "E010",
                )
        for part in compiled:
            if isinstance(part, ExpressionError):
                raise part
        left, right = compiled
        assert isinstance(left, _Compiled) and isinstance(right, _Compiled)
        return left, right

    def c_arith(self, node: Ast) -> _Compiled:
        _, _pos, op, lnode, rnode = node
        left, right = self.compile(lnode), self.compile(rnode)
        if op == "+" and left.type == STR and right.type == STR:
            lf, rf = left.fn, right.fn
            return self._join(STR, lambda c: lf(c) + rf(c), left, right).used_freely()
        self._want(left, INT, lnode[1], f"{op!r}")
        self._want(right, INT, rnode[1], f"{op!r}")
        lf, rf = left.fn, right.fn
        fn: Evaluator = (lambda c: lf(c) + rf(c)) if op == "+" else (lambda c: lf(c) - rf(c))
        const = None
        if isinstance(left.const, int) and isinstance(right.const, int):
            const = left.const + right.const if op == "+" else left.const - right.const
        return self._join(INT, fn, left, right, const=const).used_freely()

    def c_neg(self, node: Ast) -> _Compiled:
        inner = self.compile(node[2])
        self._want(inner, INT, node[2][1], "'-'")
        f = inner.fn
        const = -inner.const if isinstance(inner.const, int) else None
        return self._join(INT, lambda c: -f(c), inner, const=const).used_freely()

    def c_call(self, node: Ast) -> _Compiled:
        _, pos, name, args = node
        if name not in FUNCTIONS:
            known = ", ".join(sorted(FUNCTIONS))
            raise ExpressionError(f"unknown function {name!r} (known: {known})", pos, "E015")
        kinds, result = FUNCTIONS[name]
        if len(args) != len(kinds):
            raise ExpressionError(
                f"{name}() takes {len(kinds)} argument{'s' if len(kinds) != 1 else ''}, "
                f"got {len(args)}",
                pos,
                "E016",
            )
        if name == "random":
            if not self.scope.allow_random:
                raise ExpressionError(
                    "random() may be used in effects only, not in conditions or text",
                    pos,
                    "E016",
                )
            low, high = (self.compile(a) for a in args)
            for part, arg in zip((low, high), args, strict=True):
                self._want(part, INT, arg[1], "random()")
            lf, hf = low.fn, high.fn
            out = self._join(INT, lambda c: c.random(lf(c), hf(c)), low, high).used_freely()
            out.stateful = out.random = True
            return out
        ident = self._id_argument(args[0], kinds[0], name)
        fn: Evaluator
        if name == "visited":
            fn = lambda c: c.visits(ident) > 0  # noqa: E731
        elif name == "visits":
            fn = lambda c: c.visits(ident)  # noqa: E731
        elif name == "turns_since":
            fn = lambda c: c.turns_since(ident)  # noqa: E731
        else:
            fn = lambda c: c.has(ident)  # noqa: E731
        term = (name, ident)
        return _Compiled(result, fn, set(), True, terms={term: set()}, bare=term)

    def _id_argument(self, arg: Ast, kind: str, func: str) -> str:
        """A node or item argument: a bare id or a string literal naming one."""
        if arg[0] == "name" or (arg[0] == "lit" and isinstance(arg[2], str)):
            ident = arg[2]
        else:
            raise ExpressionError(
                f"{func}() takes a {kind} id, like {func}(some_id)", arg[1], "E016"
            )
        known = self.scope.nodes if kind == "node" else self.scope.items
        if ident not in known:
            code = "E012" if kind == "node" else "E011"
            hint = did_you_mean(str(ident), known)
            raise ExpressionError(f"unknown {kind} {ident!r} in {func}(){hint}", arg[1], code)
        return str(ident)

    @staticmethod
    def _join(
        type_: str, fn: Evaluator, *parts: _Compiled, const: Value | None = None
    ) -> _Compiled:
        reads: set[str] = set().union(*(p.reads for p in parts))
        terms: dict[Term, set[Value]] = {}
        for part in parts:
            for term, consts in part.terms.items():
                terms.setdefault(term, set()).update(consts)
        return _Compiled(
            type_,
            fn,
            reads,
            any(p.stateful for p in parts),
            terms=terms,
            complex=set().union(*(p.complex for p in parts)),
            const=const,
            random=any(p.random for p in parts),
        )


def compile_expression(source: str, scope: Scope, want: str | None = None) -> Expression:
    """Parse, resolve, type-check and compile ``source``.

    ``want`` is the type the caller needs (``bool`` for a condition); any other type is
    an ExpressionError. Nothing else is ever raised for any input string.
    """
    tree = parse(source)
    compiled = _Compiler(scope).compile(tree)
    if want is not None and compiled.type != want:
        raise ExpressionError(f"expected a {want} expression, got {compiled.type}", 0, "E016")
    return Expression(
        source,
        compiled.type,
        compiled.fn,
        frozenset(compiled.reads),
        compiled.stateful,
        terms={t: frozenset(c) for t, c in compiled.terms.items()},
        complex_terms=frozenset(compiled.complex),
        literal=compiled.const,
        strings=compiled.strings,
        random=compiled.random,
    )
