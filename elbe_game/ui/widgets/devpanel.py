"""The authors' panel (``play --dev``): it watches the story folder, checks the edited
story in a thread (checking is slow), hands it to the game session, and posts
``DevPanel.StoryReloaded`` when the game moved onto it. While the edited files are
broken it shows the checker's messages, one ``file:line:col CODE message`` per line,
and the game goes on in the story that last loaded. Hidden while the story is fine.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from ...engine import check_story
from ...engine.loader import content_hash
from ...host.reload import Broken, Reloaded, story_changes
from ..context import session_of


class DevPanel(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    DevPanel {
        dock: bottom;
        height: auto;
        max-height: 8;
        display: none;
        border-top: heavy $error;
        background: $surface;
        padding: 0 1;
    }
    DevPanel.-broken {
        display: block;
    }
    DevPanel #dev-heading {
        text-style: bold;
        color: $error;
    }
    DevPanel #dev-messages {
        width: 100%;
    }
    """

    class StoryReloaded(Message):
        """The game moved onto the edited story (``outcome.view`` is where it is)."""

        def __init__(self, outcome: Reloaded) -> None:
            super().__init__()
            self.outcome = outcome

    def compose(self) -> ComposeResult:
        yield Static("", id="dev-heading", markup=False)
        yield Static("", id="dev-messages", markup=False)

    def on_mount(self) -> None:
        self.watch_story()

    @work(exclusive=True, group="dev-reload", name="watch the story")
    async def watch_story(self) -> None:
        session = session_of(self)
        root = session.options.story_dir
        story = session.story
        # an edit made while the title screen was up is not missed
        if story is not None and await asyncio.to_thread(content_hash, root) != story.content_hash:
            await self.reload([])
        try:
            async for changed in story_changes(root):
                await self.reload(changed)
        except OSError as exc:  # the folder vanished or cannot be read: say so
            self.show_errors([f"cannot watch the story folder {root}: {exc.strerror or exc}"])

    async def reload(self, changed: list[str]) -> None:
        session = session_of(self)
        report = await asyncio.to_thread(check_story, session.options.story_dir)
        outcome = session.reload_story(report, changed)
        if isinstance(outcome, Broken):
            self.show_errors(outcome.lines())
            return
        self.clear()
        self.post_message(self.StoryReloaded(outcome))

    # ------------------------------------------------------------ showing

    def show_errors(self, lines: Sequence[str]) -> None:
        """Show the checker's messages (and the panel)."""
        count = len(lines)
        self.query_one("#dev-heading", Static).update(
            f"The edited story has {count} error{'s' if count != 1 else ''}: "
            "still playing the last version that loaded"
        )
        self.query_one("#dev-messages", Static).update(Content("\n".join(lines)))
        self.add_class("-broken")

    def clear(self) -> None:
        self.remove_class("-broken")

    @property
    def broken(self) -> bool:
        return self.has_class("-broken")
