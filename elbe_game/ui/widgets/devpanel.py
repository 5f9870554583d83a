"""The authors' panel (``play --dev``): it polls the story folder about once a second
(in a worker thread: checking a story is slow), posts ``DevPanel.StoryReloaded`` when the
edited story loads, and shows the checker's messages, one ``file:line:col CODE
message`` per line, while the edited files are broken. Hidden while the story is fine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

if TYPE_CHECKING:
    from ...engine import Engine
    from ..devreload import Broken, DevReloader, Reloaded

POLL_SECONDS = 1.0


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
    """

    class StoryReloaded(Message):
        """The edited story loaded; ``outcome.engine`` carries the player over."""

        def __init__(self, outcome: Reloaded) -> None:
            super().__init__()
            self.outcome = outcome

    def __init__(
        self, reloader: DevReloader, current: Callable[[], Engine], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.reloader = reloader
        self.current = current  # the engine on screen now
        self._busy = False

    def compose(self) -> ComposeResult:
        yield Static("", id="dev-heading", markup=False)
        yield Static("", id="dev-messages", markup=False)

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.check_files)

    # ------------------------------------------------------------ polling

    def check_files(self) -> None:
        """Look for edited files (and reload) unless a look is already under way."""
        if self._busy:
            return
        from ..devreload import snapshot_engine

        self._busy = True
        self._poll(snapshot_engine(self.current()))

    @work(thread=True, exclusive=True, group="dev-reload", name="watch the story")
    def _poll(self, engine: Engine) -> None:
        try:
            outcome = self.reloader.poll(engine)
        except OSError as exc:  # the folder vanished or cannot be read: say so, go on
            self.app.call_from_thread(self._done, engine, None, str(exc))
            return
        self.app.call_from_thread(self._done, engine, outcome)

    def _done(
        self, engine: Engine, outcome: Reloaded | Broken | None, problem: str | None = None
    ) -> None:
        from ..devreload import Broken

        self._busy = False
        if problem is not None:
            self.show_errors([f"cannot read the story folder: {problem}"])
            return
        if outcome is None:
            return
        if isinstance(outcome, Broken):
            self.show_errors(outcome.lines())
            return
        if self.current().state != engine.state:  # the player moved meanwhile: again
            self.reloader.forced = True
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
