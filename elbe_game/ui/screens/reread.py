"""One passage of the journal, read again as it was read: its text (rendered with the
state the game had then), the choice taken there and what it answered. ``b`` goes back
to it (after a yes: everything after it is undone, as undo would). Dismisses with the
turn to go back to, or None."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from .confirm import ConfirmScreen

if TYPE_CHECKING:
    from ...engine import JournalEntry

GONE = "(This text cannot be shown again: the story was edited since the game was saved.)"


class RereadScreen(ModalScreen[int | None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back to the journal"),
        Binding("b", "go_back", "Go back here", tooltip="Undo everything after this passage"),
    ]

    def __init__(self, entry: JournalEntry, text: str | None) -> None:
        super().__init__()
        self.entry = entry
        self.text = text

    def compose(self) -> ComposeResult:
        entry = self.entry
        with VerticalScroll(classes="dialog", id="reread-box"):
            head = Content.assemble((f"{entry.turn + 1}. ", "bold"), (entry.title, "bold"))
            when = entry.header.line()
            if when:
                head = Content.assemble(head, ("  " + when, "$text-muted"))
            yield Static(head, classes="dialog-title")
            if self.text is None:
                yield Static(GONE, markup=False)
            else:
                yield Markdown(self.text, id="reread-text", open_links=False)
            if entry.choice_text is not None:
                yield Static(
                    Content.assemble(("You chose: ", "bold"), entry.choice_text), id="reread-choice"
                )
                if entry.reply:
                    yield Markdown(entry.reply, id="reread-reply", open_links=False)
                yield Static("b: go back to this passage   Escape: back", classes="hint")
            else:
                yield Static("You are here.   Escape: back", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#reread-box").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go_back":
            return True if self.entry.choice_text is not None else None
        return True

    def action_go_back(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(self.entry.turn)

        self.app.push_screen(
            ConfirmScreen(
                f"Go back to '{self.entry.title}'?",
                "Every choice after it is undone, as undo would do one by one; the journal "
                "then ends there.",
            ),
            answered,
        )

    def action_close(self) -> None:
        self.dismiss(None)
