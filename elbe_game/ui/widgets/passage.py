"""The passage: Markdown in a scrolling box, with an optional typewriter reveal.

Story text goes through the Markdown widget only, never through Textual markup, so
``[`` and ``[/]`` in a passage show as written.
"""

from __future__ import annotations

import asyncio

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

FRAMES_PER_SECOND = 20


class Passage(VerticalScroll, can_focus=False):
    """Shows one passage; ``revealing`` is True while the typewriter is running."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.revealing = False
        self._text = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="passage-title", markup=False)
        yield Markdown(id="passage-text", open_links=False)

    def show(self, title: str, text: str, chars_per_second: int = 0) -> None:
        """Show a passage at once, or reveal it at ``chars_per_second``."""
        self._text = text
        self.workers.cancel_group(self, "typewriter")
        self.query_one("#passage-title", Static).update(Content.styled(title, "bold"))
        self.scroll_home(animate=False)
        markdown = self.query_one("#passage-text", Markdown)
        if chars_per_second > 0 and text:
            self.revealing = True
            self._reveal(text, chars_per_second)
        else:
            self.revealing = False
            markdown.update(text)

    def complete(self) -> None:
        """Finish a typewriter reveal now."""
        if self.revealing:
            self.revealing = False
            self.workers.cancel_group(self, "typewriter")
            self.query_one("#passage-text", Markdown).update(self._text)

    @work(exclusive=True, group="typewriter", name="typewriter")
    async def _reveal(self, text: str, chars_per_second: int) -> None:
        """Reveal by the clock, not by frames, so slow redraws do not slow the text."""
        markdown = self.query_one("#passage-text", Markdown)
        loop = asyncio.get_running_loop()
        started = loop.time()
        shown = 0
        while shown < len(text):
            due = int((loop.time() - started) * chars_per_second) + 1
            shown = min(len(text), max(due, shown + 1))
            await markdown.update(text[:shown])
            await asyncio.sleep(1 / FRAMES_PER_SECOND)
        self.revealing = False
