"""What a front end is shown: plain, frozen data built from the story and the state.

Front ends never read the model or the state; they get these. ``Engine.view()`` gives
a ``PassageView``; ``Engine.status()``, ``Engine.journal()`` and the catalogue functions
below (which work for any set of ids, so that the title screen can show the codex and
the endings found in earlier games) give the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .expressions import Value
from .format import Source, Timeline
from .model import HistoryNote, Story
from .state import GameState

__all__ = [
    "ChoiceView",
    "Citation",
    "CodexView",
    "EndingSummary",
    "EndingView",
    "Header",
    "HistoryView",
    "JournalEntry",
    "PassageView",
    "StatChange",
    "StatView",
    "StatusView",
    "cite",
    "codex_views",
    "ending_summaries",
    "history_view",
    "stat_changes",
    "status_view",
]


@dataclass(frozen=True, slots=True)
class ChoiceView:
    id: str
    text: str
    available: bool
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Header:
    date: str
    time: str
    place: str

    def line(self, separator: str = " · ") -> str:
        """Date, time and place, those that are given."""
        return separator.join(part for part in (self.date, self.time, self.place) if part)


@dataclass(frozen=True, slots=True)
class Citation:
    """A source key and what the story's bibliography says of it (None if nothing)."""

    key: str
    source: Source | None


@dataclass(frozen=True, slots=True)
class HistoryView:
    text: str
    disputed: bool
    sources: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class EndingView:
    id: str
    title: str
    kind: str
    timeline: Timeline


@dataclass(frozen=True, slots=True)
class PassageView:
    """One passage as the player sees it. ``reply`` is the reply of the choice that led
    here (shown above the passage; "" when there is none). ``flow_on``: the passage
    flows on to the next, and its one choice is "Continue" (front ends give it the
    continue key)."""

    node_id: str
    title: str
    header: Header
    text: str
    choices: tuple[ChoiceView, ...]
    ending: EndingView | None
    history: HistoryView | None
    turn: int
    reply: str = ""
    flow_on: bool = False

    @property
    def available(self) -> tuple[ChoiceView, ...]:
        return tuple(c for c in self.choices if c.available)


@dataclass(frozen=True, slots=True)
class JournalEntry:
    turn: int
    node_id: str
    title: str
    header: Header
    choice_id: str | None  # None for the passage being read now
    choice_text: str | None
    reply: str = ""  # the reply the choice was given ("" when none)


@dataclass(frozen=True, slots=True)
class StatView:
    """One visible variable: its label, value, range (for ints that have one) and what
    it means."""

    name: str
    label: str
    value: Value
    low: int | None
    high: int | None
    description: str


@dataclass(frozen=True, slots=True)
class StatChange:
    """A visible variable that a move changed: "Trust with the Red Army +1"."""

    label: str
    before: Value
    after: Value

    def describe(self) -> str:
        if isinstance(self.after, bool):
            return f"{self.label}: {'yes' if self.after else 'no'}"
        if isinstance(self.after, int) and isinstance(self.before, int):
            delta = self.after - self.before
            return f"{self.label} {'+' if delta > 0 else '−'}{abs(delta)}"
        return f"{self.label}: {self.after}"


@dataclass(frozen=True, slots=True)
class StatusView:
    stats: tuple[StatView, ...]
    items: tuple[str, ...]  # the names of the items carried
    codex: tuple[int, int]  # unlocked in this game, of all
    endings: tuple[int, int]  # reached in this game, of all
    turn: int


@dataclass(frozen=True, slots=True)
class CodexView:
    id: str
    title: str
    category: str
    text: str
    sources: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class EndingSummary:
    """One ending of the story for the gallery: its title and kind only once found."""

    id: str
    title: str
    kind: str
    found: bool
    hint: str = ""  # what leads there, shown while it is not found


def cite(story: Story, keys: Iterable[str]) -> tuple[Citation, ...]:
    return tuple(Citation(key, story.sources.get(key)) for key in keys)


def history_view(story: Story, note: HistoryNote | None) -> HistoryView | None:
    if note is None:
        return None
    return HistoryView(note.text, note.disputed, cite(story, note.sources))


def status_view(story: Story, state: GameState) -> StatusView:
    stats = tuple(
        StatView(name, var.label, state.vars[name], var.min, var.max, var.description)
        for name, var in story.variables.items()
        if var.visible and name in state.vars
    )
    items = tuple(story.items[i].name for i in state.inventory if i in story.items)
    return StatusView(
        stats,
        items,
        codex=(len(state.codex), len(story.codex)),
        endings=(len(state.endings), len(story.endings)),
        turn=state.turn,
    )


def stat_changes(before: StatusView, after: StatusView) -> tuple[StatChange, ...]:
    """The visible variables whose value differs between two moments, in order."""
    was = {stat.name: stat.value for stat in before.stats}
    return tuple(
        StatChange(stat.label, was[stat.name], stat.value)
        for stat in after.stats
        if stat.name in was and was[stat.name] != stat.value
    )


def codex_views(story: Story, ids: Iterable[str]) -> list[CodexView]:
    """The codex entries ``ids`` (those the story has), in that order."""
    out = []
    for ident in ids:
        entry = story.codex.get(ident)
        if entry is not None:
            out.append(
                CodexView(
                    ident, entry.title, entry.category, entry.text, cite(story, entry.sources)
                )
            )
    return out


def ending_summaries(story: Story, found: Iterable[str]) -> list[EndingSummary]:
    """Every ending of the story, in story order, marked found or not."""
    found = set(found)
    out = []
    for ident, node in story.endings.items():
        ending = node.ending
        assert ending is not None
        out.append(EndingSummary(ident, ending.title, ending.kind, ident in found, ending.hint))
    return out
