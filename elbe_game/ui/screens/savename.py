"""Ask for a save's name. The store's own rules check it: a bad name shows the store's
message under the field and the dialog stays open."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...engine.errors import SlotNameError
from ...host.saves import check_slot_name


class SaveNameScreen(ModalScreen[str | None]):
    """Returns the checked slot name, or None when cancelled."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back")]

    def __init__(self, suggestion: str = "", existing: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.suggestion = suggestion
        self.existing = existing

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Save the game as…", classes="dialog-title", markup=False)
            yield Input(value=self.suggestion, placeholder="a name, e.g. bridge", id="slot")
            yield Static("", id="slot-problem", markup=False)
            yield Static("Enter: save    Escape: back", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#slot", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        note = self.query_one("#slot-problem", Static)
        name = event.value.strip()
        note.set_class(False, "-error")
        note.update(f"Replaces the save {name!r}." if name in self.existing else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        note = self.query_one("#slot-problem", Static)
        if not event.value.strip():
            note.update("Give the save a name.")
            note.set_class(True, "-error")
            return
        try:
            slot = check_slot_name(event.value)
        except SlotNameError as exc:
            note.update(exc.sentence)
            note.set_class(True, "-error")
            return
        self.dismiss(slot)

    def action_cancel(self) -> None:
        self.dismiss(None)
