"""Passage text: ``{expr}`` substitution, conditions and variation.

    The river was {if visited(strehla)}familiar now{else}wider than the maps said{end}.
    Trust: {trust}.   Literal braces: {{ and }}.
    {cycle}The rain has stopped.{or}It rains again.{end}     (language 2)
    He looks {if trust > 3: pleased | wary}.                   (language 2, on one line)

Variation (language 2) shows one of several alternatives, separated by ``{or}``:
``{sequence}`` one after the other, then the last for ever; ``{cycle}`` one after the
other, round again; ``{once}`` each once, then nothing; ``{shuffle}`` one at random.
Each also has a one-line form, ``{cycle: red | green}``. Which alternative shows is
kept in the game's state (``GameState.variation``, one entry per place in the text),
and it moves on only when the passage is entered (or a reply is given), never when the
same view is drawn again, so a reload shows the same words.

A template is parsed and its expressions compiled once, at load time; rendering walks
a tuple of parts. Every arm of an ``{if}`` and every alternative is numbered, so the
authors' tools can report the ones no game ever showed (``render(..., seen=...)``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Protocol

from .errors import ExpressionError
from .expressions import BOOL, Context, Expression, Scope, compile_expression

VARIATIONS = ("sequence", "cycle", "once", "shuffle")
"""The kinds of text variation (language 2)."""


class TextContext(Context, Protocol):
    """What rendering needs beyond an expression's context: where variation stands."""

    @property
    def variation(self) -> MutableMapping[str, int]: ...


# A part is a literal string, an Expression to insert, a _Branch or a _Variation.


@dataclass(frozen=True)
class _Branch:
    arms: tuple[tuple[Expression | None, tuple[object, ...], int], ...]  # None = else; arm no.


@dataclass(frozen=True)
class _Variation:
    kind: str  # one of VARIATIONS
    key: str  # where its state is kept in GameState.variation
    arms: tuple[tuple[tuple[object, ...], int], ...]  # (body, arm number)


@dataclass(frozen=True)
class Arm:
    """One branch of the text, for the authors' tools: what it is and where."""

    label: str  # "{if trust > 3}", "{else}", "{cycle} 2 of 3"
    offset: int  # in the template's source


@dataclass(frozen=True)
class Template:
    source: str
    parts: tuple[object, ...]
    reads: frozenset[str]
    site: str = ""  # a name for this text, unique in the story: "bar.text", "bar.hook.reply"
    arms: tuple[Arm, ...] = ()
    file: str = ""  # the story file, for the arms' positions
    varies: bool = False  # has variation, so entering its passage moves it on
    # offset in the source -> (line, column) in the story file; set by the compiler
    locate: Callable[[int], tuple[int, int]] | None = field(default=None, repr=False, compare=False)

    def position(self, arm: Arm) -> tuple[int, int]:
        """Where ``arm`` is in the story file (line, column); (0, 0) if not known."""
        return self.locate(arm.offset) if self.locate is not None else (0, 0)

    @property
    def conditions(self) -> tuple[Expression, ...]:
        """The conditions of its {if} arms, nested ones too."""
        out: list[Expression] = []
        _conditions(self.parts, out)
        return tuple(out)

    @property
    def plain(self) -> bool:
        """No tags at all: it always renders as its source (with {{ }} unescaped)."""
        return all(isinstance(p, str) for p in self.parts)

    def render(
        self, ctx: TextContext | Context, *, advance: bool = False, seen: set[object] | None = None
    ) -> str:
        """The text for ``ctx``. ``advance`` moves every variation shown on by one (the
        engine does it when the passage is entered); ``seen`` collects (site, arm) of
        every arm shown."""
        return _Renderer(ctx, advance, seen, self.site).render(self.parts)


def _conditions(parts: tuple[object, ...], out: list[Expression]) -> None:
    for part in parts:
        if isinstance(part, _Branch):
            for cond, body, _ in part.arms:
                if cond is not None:
                    out.append(cond)
                _conditions(body, out)
        elif isinstance(part, _Variation):
            for body, _ in part.arms:
                _conditions(body, out)


class _Renderer:
    def __init__(self, ctx: Context, advance: bool, seen: set[object] | None, site: str) -> None:
        self.ctx = ctx
        self.advance = advance
        self.seen = seen
        self.site = site

    def render(self, parts: tuple[object, ...]) -> str:
        out: list[str] = []
        for part in parts:
            if isinstance(part, str):
                out.append(part)
            elif isinstance(part, Expression):
                value = part(self.ctx)
                out.append(
                    ("true" if value else "false") if isinstance(value, bool) else str(value)
                )
            elif isinstance(part, _Branch):
                for cond, body, number in part.arms:
                    if cond is None or cond(self.ctx):
                        self._saw(number)
                        out.append(self.render(body))
                        break
            else:
                assert isinstance(part, _Variation)
                chosen = self._choose(part)
                if chosen is not None:
                    body, number = part.arms[chosen]
                    self._saw(number)
                    out.append(self.render(body))
        return "".join(out)

    def _saw(self, number: int) -> None:
        if self.seen is not None:
            self.seen.add((self.site, number))

    def _choose(self, part: _Variation) -> int | None:
        """The alternative to show (None: nothing, a spent {once})."""
        store: MutableMapping[str, int] | None = getattr(self.ctx, "variation", None)
        count = len(part.arms)
        known = store.get(part.key) if store is not None else None
        if part.kind == "shuffle":
            if self.advance and store is not None:
                known = store[part.key] = self.ctx.random(0, count - 1)
            return known if known is not None and 0 <= known < count else 0
        shown = known or 0  # times shown so far, this time included
        if self.advance and store is not None:
            shown = store[part.key] = shown + 1
        shown = max(shown, 1)
        if part.kind == "sequence":
            return min(shown, count) - 1
        if part.kind == "cycle":
            return (shown - 1) % count
        return shown - 1 if shown <= count else None  # once


@dataclass
class _Build:
    """What one compile collects as it goes."""

    scope: Scope
    language: int
    site: str
    reads: set[str] = field(default_factory=set)
    arms: list[Arm] = field(default_factory=list)
    variations: int = 0

    def arm(self, label: str, offset: int) -> int:
        self.arms.append(Arm(label, offset))
        return len(self.arms) - 1

    def compile(self, expr: str, at: int, want: str | None) -> Expression:
        return _compile(expr, at, want, self.scope, self.reads)

    def needs_language_2(self, what: str, at: int) -> None:
        if self.language < 2:
            raise ExpressionError(
                f"{what} is story language 2; this story is language {self.language}: "
                "add 'language: 2' under 'story:'",
                at,
                "E026",
            )


def compile_template(source: str, scope: Scope, site: str = "", language: int = 2) -> Template:
    """Compile passage text. Errors carry the offset into ``source``. ``site`` names
    this text in the story (variation keeps its state under it); ``language`` is the
    story's: variation and the one-line {if c: a | b} need 2."""
    tags = _scan(source)
    build = _Build(scope, language, site)
    parts, _, _ = _parse_block(tags, 0, build, top=True)
    return Template(
        source,
        tuple(parts),
        frozenset(build.reads),
        site,
        tuple(build.arms),
        varies=build.variations > 0,
    )


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


_INLINE = re.compile(r"^\s*(sequence|cycle|once|shuffle)\s*:(.*)$", re.DOTALL)


def _colon(text: str) -> int:
    """The first ':' outside quotes, or -1."""
    quote = ""
    for i, ch in enumerate(text):
        if quote:
            if ch == "\\":
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == ":":
            return i
    return -1


def _keyword(inner: str, scope: Scope | None = None, language: int = 2) -> tuple[str, str]:
    stripped = inner.strip()
    word, _, rest = stripped.partition(" ")
    if _INLINE.match(inner):
        return "inline", inner
    if word == "if" and rest.strip() and _colon(rest) >= 0:
        return "inline-if", rest
    if word in ("if", "elif") and rest.strip():
        return word, rest
    if stripped in ("else", "end", "or"):
        return stripped, ""
    if stripped in VARIATIONS:
        declared = scope is not None and stripped in scope.variables
        if language >= 2 or not declared:
            return "variation", stripped
    if word in ("if", "elif"):
        return word, ""
    return "expr", inner


def _parse_block(
    tags: list[tuple[str, str, int]], i: int, build: _Build, top: bool
) -> tuple[list[object], int, str]:
    parts: list[object] = []
    while i < len(tags):
        kind, value, pos = tags[i]
        if kind == "text":
            parts.append(value)
            i += 1
            continue
        word, rest = _keyword(value, build.scope, build.language)
        if word == "expr":
            if not value.strip():
                raise ExpressionError("empty {}; write {{}} for literal braces", pos - 1)
            parts.append(build.compile(value, pos, None))
            i += 1
        elif word == "if":
            if not rest:
                raise ExpressionError("{if} needs a condition: {if trust > 2}", pos)
            i = _parse_if(tags, i, build, parts)
        elif word == "inline-if":
            build.needs_language_2("an inline {if cond: a | b}", pos - 1)
            parts.append(_inline_if(value, pos, build))
            i += 1
        elif word == "inline":
            build.needs_language_2(f"{{{value.split(':', 1)[0].strip()}: ...}}", pos - 1)
            parts.append(_inline_variation(value, pos, build))
            i += 1
        elif word == "variation":
            build.needs_language_2(f"{{{rest}}}", pos - 1)
            i = _parse_variation(tags, i, build, parts, rest)
        elif top:
            raise ExpressionError(f"{{{word}}} without a matching {{if}}", pos - 1)
        else:
            return parts, i, word
    return parts, i, ""


def _parse_if(tags: list[tuple[str, str, int]], i: int, build: _Build, parts: list[object]) -> int:
    _, value, pos = tags[i]
    opening = pos
    _, rest = _keyword(value)
    arms: list[tuple[Expression | None, tuple[object, ...], int]] = []
    cond: Expression | None = build.compile(rest, pos + value.index(rest), BOOL)
    label, at = "{if " + rest.strip() + "}", pos - 1
    i += 1
    while True:
        body, i, closer = _parse_block(tags, i, build, top=False)
        if not closer:
            raise ExpressionError("{if} is not closed: add {end}", opening - 1)
        if closer == "or":
            raise ExpressionError(
                "{or} separates the alternatives of a variation, not of {if}", tags[i][2] - 1
            )
        arms.append((cond, tuple(body), build.arm(label, at)))
        _, value, pos = tags[i]
        if closer == "end":
            parts.append(_Branch(tuple(arms)))
            return i + 1
        if cond is None:
            raise ExpressionError(f"{{{closer}}} after {{else}}", pos - 1)
        if closer == "else":
            cond, label = None, "{else}"
        else:  # elif
            _, rest = _keyword(value)
            if not rest:
                raise ExpressionError("{elif} needs a condition", pos)
            cond = build.compile(rest, pos + value.index(rest), BOOL)
            label = "{elif " + rest.strip() + "}"
        at = pos - 1
        i += 1


def _variation_key(build: _Build) -> str:
    key = f"{build.site}#{build.variations}"
    build.variations += 1
    return key


def _parse_variation(
    tags: list[tuple[str, str, int]], i: int, build: _Build, parts: list[object], kind: str
) -> int:
    opening = tags[i][2]
    key = _variation_key(build)
    bodies: list[tuple[tuple[object, ...], int]] = []
    at = opening - 1
    i += 1
    while True:
        body, i, closer = _parse_block(tags, i, build, top=False)
        if not closer:
            raise ExpressionError(f"{{{kind}}} is not closed: add {{end}}", opening - 1)
        if closer in ("else", "elif"):
            raise ExpressionError(
                f"{{{closer}}} belongs to {{if}}; separate alternatives with {{or}}", tags[i][2] - 1
            )
        bodies.append((tuple(body), at))
        at = tags[i][2] - 1
        i += 1
        if closer == "end":
            break
    count = len(bodies)
    arms = tuple(
        (body, build.arm(f"{{{kind}}} {n} of {count}", offset))
        for n, (body, offset) in enumerate(bodies, 1)
    )
    parts.append(_Variation(kind, key, arms))
    return i


def _split_arms(text: str) -> list[str]:
    return [arm.strip() for arm in text.split("|")]


def _inline_variation(value: str, pos: int, build: _Build) -> _Variation:
    match = _INLINE.match(value)
    assert match is not None
    kind, rest = match.group(1), match.group(2)
    alternatives = _split_arms(rest)
    if len(alternatives) < 2:
        raise ExpressionError(
            f"{{{kind}: ...}} needs at least two alternatives separated by |", pos
        )
    key = _variation_key(build)
    count = len(alternatives)
    at = pos + match.start(2)
    arms = tuple(
        ((text,), build.arm(f"{{{kind}:}} {n} of {count}", at))
        for n, text in enumerate(alternatives, 1)
    )
    return _Variation(kind, key, arms)


def _inline_if(value: str, pos: int, build: _Build) -> _Branch:
    _, rest = _keyword(value)
    start = value.index(rest)
    colon = _colon(rest)
    condition, arms_text = rest[:colon], rest[colon + 1 :]
    if not condition.strip():
        raise ExpressionError("{if cond: a | b} needs a condition before ':'", pos + start)
    cond = build.compile(condition, pos + start, BOOL)
    alternatives = _split_arms(arms_text)
    if len(alternatives) > 2:
        raise ExpressionError(
            "{if cond: a | b} takes one or two texts; for more, use {if}...{elif}...{end}",
            pos + start + colon,
        )
    label = "{if " + condition.strip() + ":}"
    arms: list[tuple[Expression | None, tuple[object, ...], int]] = [
        (cond, (alternatives[0],), build.arm(label, pos - 1))
    ]
    if len(alternatives) == 2:
        arms.append((None, (alternatives[1],), build.arm(label + " else", pos + start + colon)))
    return _Branch(tuple(arms))
