"""Reading expressions: the lexer and the recursive-descent parser.

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum)?
    sum     := unary (("+" | "-") unary)*
    unary   := "-" unary | atom
    atom    := INT | STRING | "true" | "false" | NAME | NAME "(" [expr ("," expr)*] ")"
             | "(" expr ")"

``parse`` turns text into a small tuple AST, ``(kind, offset, ...)``, or raises
ExpressionError with the offset of the problem. ``expressions`` resolves, types and
compiles the AST.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .errors import ExpressionError

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
