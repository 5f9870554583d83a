"""The loaded story: frozen, compiled, ready to play.

The loader turns the author's files (``format``) into these objects once. Nothing here
changes while a game runs; everything that changes lives in ``GameState``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .expressions import Expression, Value
from .format import CodexEntry, Item, Source, StoryInfo, Timeline
from .text import Template

#: the variable the front ends fill with the name the player gives
PLAYER_NAME = "player_name"


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
class Choice:
    id: str
    text: Template
    target: str
    condition: Expression | None
    reason: str | None
    once: bool
    fallback: bool
    effects: tuple[Effect, ...]
    where: Location


@dataclass(frozen=True, slots=True)
class HistoryNote:
    text: str
    sources: tuple[str, ...]
    disputed: bool


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    title: str
    kind: Literal["historical", "alternate"]
    timeline: Timeline


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    title: str
    text: Template
    date: str
    time: str
    place: str
    on_enter: tuple[Effect, ...]
    choices: tuple[Choice, ...]
    ending: Ending | None
    history: HistoryNote | None
    where: Location

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)


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
