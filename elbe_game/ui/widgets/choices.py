"""The choices of a passage as an option list: numbered, unavailable ones dimmed and
marked with a cross and their reason, so that nothing depends on colour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from ...engine import ChoiceView

END_ID = "the-end"
"""The option shown on an ending passage: it opens the ending screen."""


class ChoiceList(OptionList, inherit_bindings=False):
    """Arrows and Enter move and choose; number keys are the screen's. Page up and
    page down are left to the screen, which scrolls the passage with them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Choose", show=False),
    ]

    def show_choices(self, choices: Sequence[ChoiceView]) -> None:
        options = []
        for number, choice in enumerate(choices, 1):
            key = f"{number}. " if number <= 9 else "   "
            if choice.available:
                body = Text(choice.text)  # Text, not markup: story text is shown as written
            else:
                body = Text.assemble(
                    "✗ ",
                    choice.text,
                    "\n",
                    ("unavailable: ", "italic"),
                    (choice.reason or "not possible now", "italic"),
                )
            options.append(Option(_hanging(key, body), id=choice.id, disabled=not choice.available))
        self._replace(options)

    def show_ending(self, title: str) -> None:
        prompt = Content.assemble(
            ("1. ", "bold"), "The end: ", (title, "bold"), ". Your story beside history."
        )
        self._replace([Option(prompt, id=END_ID)])

    def _replace(self, options: list[Option]) -> None:
        self.set_options(options)
        first = next((i for i, option in enumerate(options) if not option.disabled), None)
        self.highlighted = first
        self.scroll_home(animate=False)


def _hanging(key: str, body: Text) -> Table:
    """The number, then the text indented under itself when it wraps."""
    grid = Table.grid()
    grid.add_column(width=len(key), no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(key, style="bold"), body)
    return grid
