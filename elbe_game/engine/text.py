"""Passage text: ``{expr}`` substitution and ``{if}``/``{elif}``/``{else}``/``{end}``.

    The river was {if visited(strehla)}familiar now{else}wider than the maps said{end}.
    Trust: {trust}.   Literal braces: {{ and }}.

A template is parsed and its expressions compiled once, at load time; rendering walks
a tuple of parts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .errors import ExpressionError
from .expressions import BOOL, Context, Expression, Scope, compile_expression

# A part is a literal string, an Expression to insert, or a _Branch.


@dataclass(frozen=True)
class _Branch:
    arms: tuple[tuple[Expression | None, tuple[object, ...]], ...]  # None = else


@dataclass(frozen=True)
class Template:
    source: str
    parts: tuple[object, ...]
    reads: frozenset[str]

    def render(self, ctx: Context) -> str:
        return _render(self.parts, ctx)


def _render(parts: tuple[object, ...], ctx: Context) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Expression):
            value = part(ctx)
            out.append(("true" if value else "false") if isinstance(value, bool) else str(value))
        else:
            assert isinstance(part, _Branch)
            for cond, body in part.arms:
                if cond is None or cond(ctx):
                    out.append(_render(body, ctx))
                    break
    return "".join(out)


def compile_template(source: str, scope: Scope) -> Template:
    """Compile passage text. Errors carry the offset into ``source``."""
    tags = list(_scan(source))
    reads: set[str] = set()

    def compile_at(expr: str, at: int, want: str | None) -> Expression:
        return _compile(expr, at, want, scope, reads)

    parts, _, _ = _parse_block(tags, 0, compile_at, top=True)
    return Template(source, tuple(parts), frozenset(reads))


def _compile(expr: str, at: int, want: str | None, scope: Scope, reads: set[str]) -> Expression:
    lead = len(expr) - len(expr.lstrip())
    try:
        compiled = compile_expression(expr.strip(), scope, want)
    except ExpressionError as exc:
        raise ExpressionError(exc.message, at + lead + exc.offset, exc.code) from None
    reads |= compiled.reads
    return compiled


_SPECIAL = re.compile(r"\{\{|\}\}|\{[^{}\n]*\}|[{}]")


def _scan(source: str) -> list[tuple[str, str, int]]:
    """Split into ("text", s, pos) and ("tag", inner, pos_of_inner) pieces."""
    pieces: list[tuple[str, str, int]] = []
    buf: list[str] = []
    pos = 0
    for m in _SPECIAL.finditer(source):
        buf.append(source[pos : m.start()])
        pos = m.end()
        token = m.group()
        if token in ("{{", "}}"):
            buf.append(token[0])
        elif token == "}":
            raise ExpressionError("'}' without '{'; write }} for a literal brace", m.start())
        elif token == "{":
            raise ExpressionError(
                "'{' is not closed on this line; write {{ for a literal brace", m.start()
            )
        else:
            if any(buf):
                pieces.append(("text", "".join(buf), m.start()))
            buf = []
            pieces.append(("tag", token[1:-1], m.start() + 1))
    buf.append(source[pos:])
    if any(buf):
        pieces.append(("text", "".join(buf), len(source)))
    return pieces


def _keyword(inner: str) -> tuple[str, str]:
    stripped = inner.strip()
    word, _, rest = stripped.partition(" ")
    if word in ("if", "elif") and rest.strip():
        return word, rest
    if stripped in ("else", "end"):
        return stripped, ""
    if word in ("if", "elif"):
        return word, ""
    return "expr", inner


def _parse_block(
    tags: list[tuple[str, str, int]],
    i: int,
    compile_at: Callable[[str, int, str | None], Expression],
    top: bool,
) -> tuple[list[object], int, str]:
    parts: list[object] = []
    while i < len(tags):
        kind, value, pos = tags[i]
        if kind == "text":
            parts.append(value)
            i += 1
            continue
        word, rest = _keyword(value)
        if word == "expr":
            if not value.strip():
                raise ExpressionError("empty {}; write {{}} for literal braces", pos - 1)
            parts.append(compile_at(value, pos, None))
            i += 1
        elif word == "if":
            if not rest:
                raise ExpressionError("{if} needs a condition: {if trust > 2}", pos)
            i = _parse_if(tags, i, compile_at, parts)
        elif top:
            raise ExpressionError(f"{{{word}}} without a matching {{if}}", pos - 1)
        else:
            return parts, i, word
    return parts, i, ""


def _parse_if(
    tags: list[tuple[str, str, int]],
    i: int,
    compile_at: Callable[[str, int, str | None], Expression],
    parts: list[object],
) -> int:
    _, value, pos = tags[i]
    opening = pos
    _, rest = _keyword(value)
    arms: list[tuple[Expression | None, tuple[object, ...]]] = []
    cond: Expression | None = compile_at(rest, pos + value.index(rest), BOOL)
    i += 1
    while True:
        body, i, closer = _parse_block(tags, i, compile_at, top=False)
        if not closer:
            raise ExpressionError("{if} is not closed: add {end}", opening - 1)
        arms.append((cond, tuple(body)))
        _, value, pos = tags[i]
        if closer == "end":
            parts.append(_Branch(tuple(arms)))
            return i + 1
        if cond is None:
            raise ExpressionError(f"{{{closer}}} after {{else}}", pos - 1)
        if closer == "else":
            cond = None
        else:  # elif
            _, rest = _keyword(value)
            if not rest:
                raise ExpressionError("{elif} needs a condition", pos)
            cond = compile_at(rest, pos + value.index(rest), BOOL)
        i += 1
