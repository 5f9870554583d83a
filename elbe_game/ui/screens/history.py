"""The history lens: what really happened at this point of the story, with sources."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from ..sources import SourceList, addresses

if TYPE_CHECKING:
    from ...engine import HistoryView


class HistoryScreen(ModalScreen[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h,q", "close", "Back to the story"),
        Binding("y", "copy", "Copy addresses", tooltip="Copy the sources' web addresses"),
    ]

    def __init__(self, note: HistoryView) -> None:
        super().__init__()
        self.note = note

    def compose(self) -> ComposeResult:
        note = self.note
        with VerticalScroll(classes="dialog", id="history-box"):
            yield Static(
                Content.styled("※ What really happened here", "bold"), classes="dialog-title"
            )
            if note.disputed:
                yield Static(
                    Content.assemble(("Disputed: ", "bold"), "the sources disagree on this point."),
                    id="disputed",
                )
            yield Markdown(note.text, id="history-text", open_links=False)
            if note.sources:
                yield Static(Content.styled("Sources", "bold underline"))
                yield SourceList(note.sources, id="history-sources")
            hint = "Escape or h: back to the story"
            if addresses(note.sources):
                hint += "   y: copy the addresses (or click one)"
            yield Static(hint, classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#history-box").focus()

    def action_copy(self) -> None:
        found = addresses(self.note.sources)
        if not found:
            self.notify("These sources have no web addresses.", timeout=3)
            return
        self.app.copy_to_clipboard("\n".join(found))
        self.notify(f"Copied {len(found)} address(es).", timeout=3)

    def action_close(self) -> None:
        self.dismiss(None)
