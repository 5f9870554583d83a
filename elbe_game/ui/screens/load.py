"""The load screen: every save in the folder, newest first, with what is known about
it. Enter loads, ``d`` deletes (after a yes), Escape goes back. Damaged saves and
saves of another story are listed with their problem and cannot be loaded.

Dismisses with the slot to load, or None.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...engine.errors import SaveError
from ...host.game import describe_play_time
from ..context import session_of
from .confirm import ConfirmScreen

if TYPE_CHECKING:
    from ...engine import Story
    from ...host.saves import SaveInfo

KINDS = {
    "manual": "named",
    "auto": "autosave",
    "backup": "older autosave",
    "run": "last autosave of an earlier game",
    "quick": "quick save",
}

AUTOSAVES = (
    "Autosaves: the last four moves of the game you played last, and the last move of "
    "each earlier game."
)


def describe(info: SaveInfo, story: Story | None) -> Content:
    """Two lines: the slot, its kind, when it was saved and the time played; then
    where in the story (passage, in-story date, turn, player), or the problem."""
    kind = KINDS.get(info.kind, info.kind)
    first = Content.assemble((info.slot, "bold"), ("  " + kind, "$text-muted"))
    problem = info.unusable(story)
    if problem is not None:
        label = "DAMAGED" if info.problem is not None else "CANNOT LOAD"
        return Content.assemble(first, "  ", (label, "bold $error"), "\n  ", (problem, "italic"))
    when = info.saved_at.strftime("%Y-%m-%d %H:%M") if info.saved_at else "?"
    in_story = ", ".join(part for part in (info.date, info.time) if part)
    where = [info.title or info.node, in_story, f"turn {info.turn + 1}", info.player_name or ""]
    return Content.assemble(
        first,
        f"  {when}  played {describe_play_time(info.play_time)}",
        "\n  ",
        " · ".join(part for part in where if part),
    )


class LoadScreen(Screen[str | None]):
    CSS_PATH = "load.tcss"
    AUTO_FOCUS = "#saves"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "load", "Load", show=False, tooltip="Resume the highlighted save"),
        Binding("d,delete", "delete", "Delete", key_display="d", tooltip="Delete the save"),
        Binding("escape", "back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Load a saved game", classes="screen-title", markup=False)
        yield OptionList(id="saves")
        yield Static("", id="saves-note", classes="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._fill()

    def _fill(self, keep: int = 0) -> None:
        session = session_of(self)
        session.refresh_saves()
        saves = self.query_one("#saves", OptionList)
        saves.clear_options()
        story = session.story
        for number, info in enumerate(session.saves):
            if number:
                saves.add_option(None)  # a rule between saves
            saves.add_option(Option(describe(info, story), id=info.slot))
        note = self.query_one("#saves-note", Static)
        folder = session.store.folder
        if session.saves:
            saves.highlighted = min(keep, len(session.saves) - 1)
            note.update(f"{AUTOSAVES}\nSaves in {folder}. Enter: load   d: delete   Esc: back")
        else:
            note.update(f"No saved games in {folder}. Esc: back")

    def _highlighted(self) -> SaveInfo | None:
        saves = self.query_one("#saves", OptionList)
        if saves.highlighted is None:
            return None
        slot = saves.get_option_at_index(saves.highlighted).id
        return next((info for info in session_of(self).saves if info.slot == slot), None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_load()

    def action_load(self) -> None:
        info = self._highlighted()
        if info is None:
            return
        problem = info.unusable(session_of(self).story)
        if problem is not None:
            self.notify(
                f"{info.slot!r} cannot be loaded: {problem}.",
                severity="warning",
                markup=False,
            )
            return
        self.dismiss(info.slot)

    def action_delete(self) -> None:
        info = self._highlighted()
        if info is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(info)

        self.app.push_screen(
            ConfirmScreen(f"Delete the save {info.slot!r}?", "This cannot be undone."),
            answered,
        )

    def _delete(self, info: SaveInfo) -> None:
        store = session_of(self).store
        index = self.query_one("#saves", OptionList).highlighted or 0
        try:
            store.delete(info.slot)
        except SaveError as exc:
            self.notify(f"Not deleted: {exc.message}.", severity="error", markup=False)
        else:
            self.notify(f"Deleted {info.slot!r}.", markup=False)
        self._fill(keep=index)

    def action_back(self) -> None:
        self.dismiss(None)
