"""The endings gallery: every ending of the story, those found in any game (earlier
runs, kept in the profile beside the saves, and this one) named, the others hidden."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..context import session_of
from ..widgets.found import found_list


class GalleryScreen(Screen[None]):
    CSS_PATH = "ending.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,e,q", "close", "Back")]

    def compose(self) -> ComposeResult:
        session = session_of(self)
        yield Static("Endings", classes="screen-title", markup=False)
        with VerticalScroll(id="endings-scroll"):
            yield Static(found_list(session.endings()), id="found")
            yield Static(
                "Endings found in every game you have played are listed; "
                "they are kept beside the saved games.",
                classes="hint",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#endings-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
