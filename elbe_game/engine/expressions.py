"""The condition and effect language, compiled once at load time.

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum)?
    sum     := unary (("+" | "-") unary)*
    unary   := "-" unary | atom
    atom    := INT | STRING | "true" | "false" | NAME | NAME "(" [expr ("," expr)*] ")"
             | "(" expr ")"

Values are ints, bools and strings. Every expression is parsed, resolved against the
story's declarations, type-checked and turned into a tree of small closures, so that
evaluation is a few Python calls and story text never reaches eval or exec.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from .errors import ExpressionError

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
    and item ids. ``allow_random`` is true only for effects."""

    variables: Mapping[str, str]
    nodes: frozenset[str] | set[str]
    items: frozenset[str] | set[str]
    allow_random: bool = False


Evaluator = Callable[[Context], Any]


@dataclass(frozen=True)
class Expression:
    """A compiled expression: its source, its static type and its evaluator."""

    source: str
    type: str
    evaluate: Evaluator = field(repr=False, compare=False)
    reads: frozenset[str] = frozenset()  # variables it reads
    stateful: bool = False  # calls visited/has/... or random: not a constant of variables

    def __call__(self, ctx: Context) -> Any:
        return self.evaluate(ctx)


# --------------------------------------------------------------------------- lexer

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<int>\d+(?![\w.]))
  | (?P<str>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|<|>|\+|-|\(|\)|,)
    """,
    re.VERBOSE,
)
_NUMBERISH = re.compile(r"[\w.]+")
_KEYWORDS = {"and", "or", "not", "true", "false"}
_HINTS = {
    "&&": "use 'and' instead of '&&'",
    "||": "use 'or' instead of '||'",
    "!": "use 'not' instead of '!'",
    "=": "use '==' to compare (effects set values with 'set:')",
    "*": "only + and - are in the language",
    "/": "only + and - are in the language",
    ".": "numbers are whole numbers; names have no dots",
}
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'"}
MAX_LENGTH = 2000
MAX_DEPTH = 60


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # int, str, name, op, kw, end
    text: str
    pos: int


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if m is None:
            rest = source[pos:]
            hint = next((h for k, h in _HINTS.items() if rest.startswith(k)), None)
            if rest[0] in "\"'":
                raise ExpressionError("string is not closed", pos)
            if rest[0].isdigit():
                word = _NUMBERISH.match(rest)
                shown = word.group() if word else rest[0]
                raise ExpressionError(f"not a whole number: {shown!r}", pos)
            raise ExpressionError(hint or f"unexpected character {rest[0]!r}", pos)
        kind = m.lastgroup or ""
        if kind != "ws":
            text = m.group()
            if kind == "name" and text in _KEYWORDS:
                kind = "kw"
            tokens.append(Token(kind, text, pos))
        pos = m.end()
    tokens.append(Token("end", "", len(source)))
    return tokens


def _unquote(text: str, pos: int) -> str:
    out: list[str] = []
    i = 1
    while i < len(text) - 1:
        ch = text[i]
        if ch == "\\":
            nxt = text[i + 1]
            if nxt not in _ESCAPES:
                raise ExpressionError(f"unknown escape '\\{nxt}' in string", pos + i)
            out.append(_ESCAPES[nxt])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


# --------------------------------------------------------------------------- parser

# An AST node is a tuple: (kind, pos, ...). Small and immutable.
Ast = tuple[Any, ...]
_COMPARE = {"==", "!=", "<", "<=", ">", ">="}


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = tokenize(source)
        self.i = 0
        self.depth = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> Token:
        if self.tok.text != text or self.tok.kind not in ("op", "kw"):
            raise ExpressionError(f"expected {text!r}, found {self._describe()}", self.tok.pos)
        return self.advance()

    def _describe(self) -> str:
        return "the end of the expression" if self.tok.kind == "end" else repr(self.tok.text)

    def parse(self) -> Ast:
        if self.tok.kind == "end":
            raise ExpressionError("the expression is empty", 0)
        node = self.or_()
        if self.tok.kind != "end":
            raise ExpressionError(f"unexpected {self._describe()}", self.tok.pos)
        return node

    def _nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError("the expression is nested too deeply", self.tok.pos)

    def or_(self) -> Ast:
        node = self.and_()
        while self.tok.kind == "kw" and self.tok.text == "or":
            pos = self.advance().pos
            node = ("or", pos, node, self.and_())
        return node

    def and_(self) -> Ast:
        node = self.not_()
        while self.tok.kind == "kw" and self.tok.text == "and":
            pos = self.advance().pos
            node = ("and", pos, node, self.not_())
        return node

    def not_(self) -> Ast:
        if self.tok.kind == "kw" and self.tok.text == "not":
            pos = self.advance().pos
            self._nest()
            node = ("not", pos, self.not_())
            self.depth -= 1
            return node
        return self.compare()

    def compare(self) -> Ast:
        node = self.sum_()
        if self.tok.kind == "op" and self.tok.text in _COMPARE:
            op = self.advance()
            node = ("cmp", op.pos, op.text, node, self.sum_())
            if self.tok.kind == "op" and self.tok.text in _COMPARE:
                raise ExpressionError(
                    "comparisons cannot be chained; join them with 'and'", self.tok.pos
                )
        return node

    def sum_(self) -> Ast:
        node = self.unary()
        while self.tok.kind == "op" and self.tok.text in ("+", "-"):
            op = self.advance()
            node = ("arith", op.pos, op.text, node, self.unary())
        return node

    def unary(self) -> Ast:
        if self.tok.kind == "op" and self.tok.text == "-":
            pos = self.advance().pos
            self._nest()
            node = ("neg", pos, self.unary())
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Ast:
        tok = self.tok
        if tok.kind == "int":
            self.advance()
            return ("lit", tok.pos, int(tok.text))
        if tok.kind == "str":
            self.advance()
            return ("lit", tok.pos, _unquote(tok.text, tok.pos))
        if tok.kind == "kw" and tok.text in ("true", "false"):
            self.advance()
            return ("lit", tok.pos, tok.text == "true")
        if tok.kind == "name":
            self.advance()
            if self.tok.kind == "op" and self.tok.text == "(":
                self.advance()
                args: list[Ast] = []
                if not (self.tok.kind == "op" and self.tok.text == ")"):
                    args.append(self._argument())
                    while self.tok.kind == "op" and self.tok.text == ",":
                        self.advance()
                        args.append(self._argument())
                self.expect(")")
                return ("call", tok.pos, tok.text, tuple(args))
            return ("name", tok.pos, tok.text)
        if tok.kind == "op" and tok.text == "(":
            self.advance()
            self._nest()
            node = self.or_()
            self.depth -= 1
            self.expect(")")
            return node
        raise ExpressionError(f"expected a value, found {self._describe()}", tok.pos)

    def _argument(self) -> Ast:
        self._nest()
        node = self.or_()
        self.depth -= 1
        return node


def parse(source: str) -> Ast:
    """Parse ``source`` into an AST, or raise ExpressionError."""
    if not isinstance(source, str):
        raise ExpressionError(f"an expression must be text, not {type(source).__name__}")
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"the expression is longer than {MAX_LENGTH} characters")
    return _Parser(source).parse()


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


class _Compiler:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def compile(self, node: Ast) -> _Compiled:
        method: Callable[[Ast], _Compiled] = getattr(self, "c_" + node[0])
        return method(node)

    def c_lit(self, node: Ast) -> _Compiled:
        value = node[2]
        return _Compiled(TYPE_OF[type(value)], constant(value), set(), False)

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
            raise ExpressionError(f"unknown variable {name!r}{hint}", pos, "E010")
        return _Compiled(vtype, _variable(name), {name}, False)

    def _want(self, part: _Compiled, want: str, pos: int, what: str) -> None:
        if part.type != want:
            raise ExpressionError(f"{what} needs {want}, got {part.type}", pos, "E016")

    def c_not(self, node: Ast) -> _Compiled:
        inner = self.compile(node[2])
        self._want(inner, BOOL, node[2][1], "'not'")
        f = inner.fn
        return _Compiled(BOOL, lambda c: not f(c), inner.reads, inner.stateful)

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
        left, right = self.compile(lnode), self.compile(rnode)
        if left.type != right.type:
            raise ExpressionError(
                f"cannot compare {left.type} with {right.type} using {op!r}", pos, "E016"
            )
        if op not in ("==", "!=") and left.type == BOOL:
            raise ExpressionError(f"{op!r} compares numbers or text, not bool", pos, "E016")
        f, lf, rf = _CMP_OPS[op], left.fn, right.fn
        return self._join(BOOL, lambda c: f(lf(c), rf(c)), left, right)

    def c_arith(self, node: Ast) -> _Compiled:
        _, _pos, op, lnode, rnode = node
        left, right = self.compile(lnode), self.compile(rnode)
        if op == "+" and left.type == STR and right.type == STR:
            lf, rf = left.fn, right.fn
            return self._join(STR, lambda c: lf(c) + rf(c), left, right)
        self._want(left, INT, lnode[1], f"{op!r}")
        self._want(right, INT, rnode[1], f"{op!r}")
        lf, rf = left.fn, right.fn
        fn: Evaluator = (lambda c: lf(c) + rf(c)) if op == "+" else (lambda c: lf(c) - rf(c))
        return self._join(INT, fn, left, right)

    def c_neg(self, node: Ast) -> _Compiled:
        inner = self.compile(node[2])
        self._want(inner, INT, node[2][1], "'-'")
        f = inner.fn
        return _Compiled(INT, lambda c: -f(c), inner.reads, inner.stateful)

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
            reads = low.reads | high.reads
            return _Compiled(INT, lambda c: c.random(lf(c), hf(c)), reads, True)
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
        return _Compiled(result, fn, set(), True)

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
            raise ExpressionError(f"unknown {kind} {ident!r} in {func}()", arg[1], code)
        return str(ident)

    @staticmethod
    def _join(type_: str, fn: Evaluator, *parts: _Compiled) -> _Compiled:
        reads: set[str] = set().union(*(p.reads for p in parts))
        return _Compiled(type_, fn, reads, any(p.stateful for p in parts))


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
        source, compiled.type, compiled.fn, frozenset(compiled.reads), compiled.stateful
    )
