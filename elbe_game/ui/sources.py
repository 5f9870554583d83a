"""How sources are cited on screen: the key, the title and who wrote it, then the web
address as a link.

An address is never broken inside a word: it is folded after a ``/`` (or another
separator) to fit the width it has, every piece of it is the same link (a click on
any of them opens the whole address), and ``y`` on the screens that show sources
copies the addresses whole (``addresses``).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.style import Style
from textual.widget import Widget

from ..engine import Citation

__all__ = ["SourceList", "addresses", "describe", "fold_address"]

_BREAK_AFTER = re.compile(r"(?<=[/?&=#_-])")


def describe(citation: Citation) -> str:
    """The citation without its address: "[E6] Title. Author, 1966. Note."."""
    source = citation.source
    if source is None:
        return f"[{citation.key}] (not in the story's source list)"
    parts: list[str] = [source.title]
    by = ", ".join(str(p) for p in (source.author, source.year) if p)
    if by:
        parts.append(by)
    text = ". ".join(parts) + "."
    if source.note:
        text += f" {source.note}."
    return f"[{citation.key}] {text}"


def fold_address(address: str, width: int) -> list[str]:
    """``address`` in lines of at most ``width``, broken only after a separator (a
    piece longer than the width on its own is the one exception)."""
    if width <= 0 or len(address) <= width:
        return [address]
    lines: list[str] = []
    line = ""
    for piece in _BREAK_AFTER.split(address):
        if line and len(line) + len(piece) > width:
            lines.append(line)
            line = ""
        while len(piece) > width:
            lines.append(piece[:width])
            piece = piece[width:]
        line += piece
    if line:
        lines.append(line)
    return lines


def addresses(citations: Sequence[Citation]) -> list[str]:
    return [c.source.url for c in citations if c.source is not None and c.source.url]


class SourceList(Widget, can_focus=False):
    """The citations, one after another; laid out again for every width."""

    DEFAULT_CSS = """
    SourceList {
        height: auto;
    }
    """

    def __init__(self, citations: Sequence[Citation] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.citations = tuple(citations)

    def show(self, citations: Sequence[Citation]) -> None:
        self.citations = tuple(citations)
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Content]:
        lines: list[Content] = []
        for citation in self.citations:
            text = describe(citation)
            key = f"[{citation.key}]"
            for number, line in enumerate(textwrap.wrap(text, max(width - 2, 10)) or [text]):
                indent = "" if number == 0 else "  "
                if number == 0 and line.startswith(key):
                    lines.append(Content.assemble((key, "bold"), line[len(key) :]))
                else:
                    lines.append(Content(indent + line))
            source = citation.source
            if source is not None and source.url:
                link = Style(link=source.url, underline=True)
                for piece in fold_address(source.url, max(width - 2, 10)):
                    lines.append(Content.assemble("  ", (piece, link)))
        return lines

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.size.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))
