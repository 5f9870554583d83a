"""The loaded story: frozen, compiled, ready to play.

The loader turns the author's files (``format``) into these objects once. Nothing here
changes while a game runs; everything that changes lives in ``GameState``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .expressions import Context, Expression, Value
from .format import CodexEntry, Item, Source, StoryInfo, Timeline
from .text import Template

#: the variable the front ends fill with the name the player gives
PLAYER_NAME = "player_name"
#: the one choice of a flow-on passage (a node with ``next:``)
CONTINUE = "continue"
CONTINUE_TEXT = "Continue"


@dataclass(frozen=True, slots=True)
class Location:
    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class VariableDef:
    name: str
    type: Literal["int", "bool", "str"]
    default: Value
    min: int | None
    max: int | None
    visible: bool
    label: str
    description: str
    where: Location
    values: tuple[str, ...] | None = None  # an enumerated str variable's values

    def clamp(self, value: Value) -> Value:
        if self.type == "int" and isinstance(value, int):
            if self.min is not None and value < self.min:
                return self.min
            if self.max is not None and value > self.max:
                return self.max
        return value


@dataclass(frozen=True, slots=True)
class Effect:
    """One change. ``op`` is set, add, take, give or unlock; ``value`` is the compiled
    expression for set and add."""

    op: Literal["set", "add", "take", "give", "unlock"]
    target: str
    value: Expression | None = None


@dataclass(frozen=True, slots=True)
class EffectGroup:
    """Effects applied together, only when ``condition`` holds (checked once, first)."""

    condition: Expression | None
    effects: tuple[Effect, ...]


def each_effect(groups: Iterable[EffectGroup]) -> Iterator[Effect]:
    """Every effect of ``groups``, conditional or not."""
    for group in groups:
        yield from group.effects


@dataclass(frozen=True, slots=True)
class Route:
    """Where a choice (or a flow-on passage) leads: the first arm whose condition holds;
    the last arm has none."""

    arms: tuple[tuple[Expression | None, str], ...]

    def resolve(self, ctx: Context) -> str:
        for condition, node in self.arms:
            if condition is None or condition(ctx):
                return node
        return self.arms[-1][1]  # pragma: no cover - the compiler ends every route so

    @property
    def nodes(self) -> tuple[str, ...]:
        """Every node it may lead to, once each, in order."""
        return tuple(dict.fromkeys(node for _, node in self.arms))

    @property
    def computed(self) -> bool:
        return len(self.arms) > 1


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    text: Template
    route: Route
    condition: Expression | None
    reason: str | None
    once: bool
    fallback: bool
    effects: tuple[EffectGroup, ...]
    where: Location
    reply: Template | None = None

    @property
    def targets(self) -> tuple[str, ...]:
        return self.route.nodes


@dataclass(frozen=True, slots=True)
class HistoryNote:
    text: str
    sources: tuple[str, ...]
    disputed: bool


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    title: str
    kind: Literal["historical", "alternate", "neutral"]
    timeline: Timeline
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    title: str  # as written; ``heading`` renders it (a template in language 2)
    text: Template
    date: str
    time: str
    place: str
    on_enter: tuple[EffectGroup, ...]
    choices: tuple[Choice, ...]
    ending: Ending | None
    history: HistoryNote | None
    where: Location
    heading: Template | None = None  # the title as a template (language 2)
    flow: bool = False  # a flow-on passage: its one choice is CONTINUE

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    def title_for(self, ctx: Context) -> str:
        """The title as the player reads it in ``ctx`` (the game's state)."""
        return self.heading.render(ctx) if self.heading is not None else self.title

    def templates(self) -> Iterator[Template]:
        """Every text of this node that is rendered: title, passage, choices, replies."""
        if self.heading is not None:
            yield self.heading
        yield self.text
        for choice in self.choices:
            yield choice.text
            if choice.reply is not None:
                yield choice.reply


@dataclass(frozen=True, slots=True)
class MapPlace:
    name: str
    key: str  # the name as passages' places are matched against it (storymap.normalise)
    row: int  # of its marker in the drawing, from 0
    column: int
    landmark: bool  # no passage is meant to be here
    where: Location  # the name in 'places:'


@dataclass(frozen=True, slots=True)
class StoryMap:
    """The story's map: the drawing, and its places in marker order (row, then column)."""

    title: str
    lines: tuple[str, ...]
    places: tuple[MapPlace, ...]
    legend: str
    where: Location


@dataclass(frozen=True)
class Story:
    info: StoryInfo
    root: Path
    variables: Mapping[str, VariableDef]
    items: Mapping[str, Item]
    codex: Mapping[str, CodexEntry]
    sources: Mapping[str, Source]
    nodes: Mapping[str, Node]
    content_hash: str
    files: tuple[str, ...] = field(default=())
    map: StoryMap | None = None

    @property
    def language(self) -> int:
        return self.info.language

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def title(self) -> str:
        return self.info.title

    @property
    def start(self) -> str:
        return self.info.start

    @property
    def endings(self) -> dict[str, Node]:
        """Ending id -> the node that carries it."""
        return {n.ending.id: n for n in self.nodes.values() if n.ending is not None}
