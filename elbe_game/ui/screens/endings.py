"""The endings gallery: every ending of the story, those found in any game (the profile
kept beside the saves, and this session) named, the others hidden. ``found_list`` is shared with the ending screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..context import session_of

if TYPE_CHECKING:
    from ...engine import Story

KINDS = {"historical": "historical", "alternate": "alternate-history"}


def found_list(story: Story, found: list[str], current: str | None = None) -> Content:
    """One line per ending: ✓ and its title when found, ? and a blank when not."""
    endings = story.endings
    count = sum(1 for ident in endings if ident in found)
    lines = [Content.assemble(("Endings found so far: ", "bold"), f"{count} of {len(endings)}")]
    for ident, node in endings.items():
        ending = node.ending
        assert ending is not None
        if ident in found:
            line = Content.assemble(
                "  ✓ ", (ending.title, "bold"), f"  ({KINDS.get(ending.kind, ending.kind)})"
            )
            if ident == current:
                line = Content.assemble(line, ("  ◀ this one", "italic"))
        else:
            line = Content.assemble("  ? ", ("not found yet", "italic"))
        lines.append(line)
    return Content("\n").join(lines)


class EndingsScreen(Screen[None]):
    CSS_PATH = "ending.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,e,q", "close", "Back")]

    def compose(self) -> ComposeResult:
        session = session_of(self)
        yield Static("Endings", classes="screen-title", markup=False)
        with VerticalScroll(id="endings-scroll"):
            if session.story is None:
                yield Static("The story has not loaded.", markup=False)
            else:
                yield Static(found_list(session.story, session.profile.endings()), id="found")
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
