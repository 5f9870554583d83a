"""The play screen's notices: a line of their own above the passage, never over it.

    notices.add("Quick saved at Trebsen.", severity="information", timeout=4)

Each notice stays for its time and then goes; while any is shown the passage below is
pushed down (at 80x24 that costs a line or two of prose, never a word of it). The app
sends every notification made while the play screen is on top here instead of to
Textual's toasts, which are drawn over whatever is under them.
"""

from __future__ import annotations

from itertools import count

from textual.content import Content
from textual.widgets import Static

__all__ = ["Notices"]

STYLES = {"information": "", "warning": "bold $warning", "error": "bold $error"}


class Notices(Static, can_focus=False):
    DEFAULT_CSS = """
    Notices {
        height: auto;
        padding: 0 2;
        background: $boost;
        display: none;
    }
    Notices.-shown {
        display: block;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._shown: dict[int, tuple[str, str]] = {}
        self._ids = count()

    def add(
        self, message: str, *, title: str = "", severity: str = "information", timeout: float = 4
    ) -> None:
        text = f"{title}: {message}" if title and not message.startswith(title) else message
        for old, (shown, _) in list(self._shown.items()):
            if shown == text:  # the same again: shown once, for the new time
                del self._shown[old]
        ident = next(self._ids)
        self._shown[ident] = (text, severity)
        self.set_timer(max(timeout, 1.0), lambda: self._expire(ident))
        self._draw()

    def clear(self) -> None:
        self._shown.clear()
        self._draw()

    @property
    def texts(self) -> list[str]:
        return [text for text, _ in self._shown.values()]

    def _expire(self, ident: int) -> None:
        self._shown.pop(ident, None)
        self._draw()

    def _draw(self) -> None:
        self.set_class(bool(self._shown), "-shown")
        lines = [
            Content.assemble(("› ", "bold"), (text, STYLES.get(severity, "")))
            for text, severity in self._shown.values()
        ]
        self.update(Content("\n").join(lines))
