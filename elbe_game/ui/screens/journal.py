"""The journal: the path so far, every passage read and the choice made there. Enter
reads a passage again as it was read (``RereadScreen``), and from there the game can
go back to it. Dismisses with the turn to go back to, or None."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..context import session_of
from .reread import RereadScreen

if TYPE_CHECKING:
    from ...engine import JournalEntry


class JournalScreen(Screen[int | None]):
    CSS_PATH = "journal.tcss"
    AUTO_FOCUS = "#journal"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "reread", "Read again", tooltip="The passage as you read it"),
        Binding("escape,j,q", "close", "Back"),
    ]

    def __init__(self, entries: list[JournalEntry]) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        entries = self.entries
        yield Static(
            f"Journal: {len(entries)} passage{'s' if len(entries) != 1 else ''} read",
            classes="screen-title",
            markup=False,
        )
        options = []
        for entry in entries:
            when = entry.header.line()
            head = Content.assemble((f"{entry.turn + 1:>3}. ", "bold"), (entry.title, "bold"))
            if when:
                head = Content.assemble(head, ("  " + when, "$text-muted"))
            if entry.choice_text is None:
                tail = Content.assemble("     ", ("▶ you are here", "italic"))
            else:
                tail = Content.assemble("     → ", entry.choice_text)
                if entry.reply:
                    tail = Content.assemble(
                        tail, "\n       ", (" ".join(entry.reply.split()), "italic")
                    )
            options.append(Option(Content("\n").join([head, tail])))
        yield OptionList(*options, id="journal")
        yield Footer()

    def on_mount(self) -> None:
        journal = self.query_one("#journal", OptionList)
        journal.highlighted = journal.option_count - 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._reread(event.option_index)

    def action_reread(self) -> None:
        highlighted = self.query_one("#journal", OptionList).highlighted
        if highlighted is not None:
            self._reread(highlighted)

    def _reread(self, index: int) -> None:
        entry = self.entries[index]
        text = session_of(self).text_as_read(entry.turn)
        self.app.push_screen(RereadScreen(entry, text), self._went_back)

    def _went_back(self, turn: int | None) -> None:
        if turn is not None:
            self.dismiss(turn)

    def action_close(self) -> None:
        self.dismiss(None)
