"""The ending: its title, "In your story" beside "In history" as two timelines, and
the endings found so far. Dismisses with "undo", "new", "title" or None (back)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..widgets.found import KINDS, found_list

if TYPE_CHECKING:
    from ...engine import EndingSummary, EndingView
    from ...engine.format import TimelineEntry


def entry_content(entry: TimelineEntry) -> Content:
    parts: list[str | tuple[str, str]] = [(entry.when, "bold"), "\n", entry.text]
    if entry.sources:
        parts += ["\n", ("Sources: " + ", ".join(entry.sources), "italic")]
    return Content.assemble(*parts)


class EndingScreen(Screen[str | None]):
    CSS_PATH = "ending.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "finish('new')", "New game"),
        Binding("t", "finish('title')", "Title", tooltip="Back to the title screen"),
        Binding("u", "finish('undo')", "Undo", tooltip="Step back one choice"),
        Binding("escape", "finish(None)", "Back", tooltip="Back to the last passage"),
    ]

    def __init__(self, ending: EndingView, endings: list[EndingSummary]) -> None:
        super().__init__()
        self.ending = ending
        self.endings = endings

    def compose(self) -> ComposeResult:
        ending = self.ending
        yield Static("The end", classes="screen-title", markup=False)
        with VerticalScroll(id="ending-scroll"):
            kind = KINDS.get(ending.kind, ending.kind)
            yield Static(
                Content.assemble(("THE END: ", "bold"), (ending.title, "bold $accent")),
                id="ending-title",
            )
            if kind:  # a neutral ending has no label
                article = "An" if kind[0] in "aeiou" else "A"
                yield Static(f"{article} {kind} ending.", id="ending-kind", markup=False)
            with Horizontal(id="timeline"):
                yield self._column("In your story", ending.timeline.story, "story-col")
                yield self._column("In history", ending.timeline.history, "history-col")
            yield Static(found_list(self.endings, current=ending.id), id="found")
        yield Footer()

    def _column(self, heading: str, entries: Iterable[TimelineEntry], ident: str) -> Vertical:
        widgets = [Static(Content.styled(heading, "bold underline"), classes="heading")]
        entries = list(entries)
        if not entries:
            widgets.append(Static("(nothing recorded)", classes="entry", markup=False))
        widgets += [Static(entry_content(entry), classes="entry") for entry in entries]
        return Vertical(*widgets, classes="column", id=ident)

    def on_mount(self) -> None:
        self.query_one("#ending-scroll").focus()

    def action_finish(self, result: str | None) -> None:
        self.dismiss(result)
