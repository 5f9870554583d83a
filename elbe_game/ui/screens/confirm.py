"""A yes/no question: ``ConfirmScreen(question)`` dismisses with True or False.

Keys that mean nothing here are not silently swallowed: the dialog says which keys
answer it (and F1 opens help over it, as everywhere).
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

ANSWER_KEYS = "y: yes    n or Escape: no    F1: help"
_OWN_KEYS = {"y", "n", "escape", "enter", "space", "tab", "shift+tab", "left", "right"}


class ConfirmScreen(ModalScreen[bool]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
        Binding("f1,question_mark", "app.help", "Help", show=False),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            if self.detail:
                yield Static(self.detail, classes="hint", markup=False)
            with Horizontal():
                yield Button("Yes (y)", id="yes", variant="warning")
                yield Button("No (n)", id="no", variant="primary")
            yield Static("", id="answer-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#answer-keys").display = False
        self.query_one("#no", Button).focus()

    def on_key(self, event: events.Key) -> None:
        if event.key not in _OWN_KEYS and event.key not in ("f1", "question_mark", "ctrl+q"):
            keys = self.query_one("#answer-keys", Static)
            keys.update(f"Answer first: {ANSWER_KEYS}")
            keys.display = True
            event.stop()
            event.prevent_default()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
