"""Shown when the story cannot be loaded: the checker's messages, never a traceback."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..context import session_of

STORY_ERROR_EXIT = 1


class StoryErrorScreen(Screen[None]):
    CSS_PATH = "error.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "leave", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        session = session_of(self)
        errors = [d for d in session.diagnostics if d.severity == "error"]
        warnings = [d for d in session.diagnostics if d.severity != "error"]
        yield Static("The story could not be loaded", classes="screen-title", markup=False)
        yield Static(
            Content.assemble(
                "The story in ",
                (str(session.options.story_dir), "bold"),
                f" has {len(errors)} error{'s' if len(errors) != 1 else ''}"
                + (
                    f" and {len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
                    if warnings
                    else ""
                )
                + ":",
            ),
            id="error-summary",
        )
        with VerticalScroll(id="diagnostics"):
            for diagnostic in [*errors, *warnings]:
                label = "ERROR  " if diagnostic.severity == "error" else "warning"
                yield Static(
                    Content.assemble(
                        (label, "bold $error" if diagnostic.severity == "error" else "bold"),
                        " ",
                        diagnostic.format(),
                    ),
                    classes="diagnostic",
                )
        yield Static(
            Content.assemble(
                "Fix these, or run ",
                (f"elbe-game check {session.options.story_dir}", "bold"),
                " for the full report.",
            ),
            classes="hint",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#diagnostics").focus()

    def action_leave(self) -> None:
        self.app.exit(return_code=STORY_ERROR_EXIT)
