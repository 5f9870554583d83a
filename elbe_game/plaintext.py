"""Passage Markdown as plain text for the plain front end: what a screen reader, a
braille display or a pipe should get.

    render("The *Soldbuch*,\\nin his pocket.\\n\\n- one\\n- two", width=80)
    # 'The Soldbuch, in his pocket.\\n\\n  - one\\n  - two'

The text is parsed with markdown-it (the parser the Textual game's Markdown widget
uses), so emphasis that crosses a line break, nested lists and links come out right.
No markup survives: emphasis loses its stars, a quotation is indented rather than
marked with ``>``, a link reads "text (address)", a table is one line per row with its
cells separated by semicolons. Paragraphs are joined and wrapped at ``width``, or not
wrapped at all when ``width`` is 0 (a screen reader reads line by line, and a sentence
broken at column 80 is read as two). List items hang under their marker.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = ["DEFAULT_WIDTH", "render", "wrap"]

DEFAULT_WIDTH = 80

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def wrap(text: str, width: int, indent: str = "", hanging: str | None = None) -> str:
    """One paragraph of plain text: wrapped at ``width`` (not at all when 0), the first
    line starting with ``indent`` and the others with ``hanging`` (default: the same)."""
    rest = indent if hanging is None else hanging
    lines = text.split("\n")  # hard line breaks stay
    if width <= 0:
        return "\n".join(
            (indent if i == 0 else rest) + line.strip() for i, line in enumerate(lines)
        )
    out = []
    for i, line in enumerate(lines):
        first = indent if i == 0 else rest
        filled = textwrap.fill(
            " ".join(line.split()),
            width,
            initial_indent=first,
            subsequent_indent=rest,
            break_long_words=False,  # addresses stay whole, to be copied
            break_on_hyphens=False,
        )
        out.append(filled or first.rstrip())
    return "\n".join(out)


def render(markdown: str, width: int = DEFAULT_WIDTH) -> str:
    """``markdown`` as plain text (see the module's docstring)."""
    renderer = _Renderer(width)
    renderer.blocks(_PARSER.parse(markdown))
    return "\n\n".join(block for block in renderer.out if block.strip())


@dataclass
class _Item:
    marker: str  # "- " or "3. "
    depth: int


@dataclass
class _Renderer:
    width: int
    out: list[str] = field(default_factory=list)
    quote: int = 0  # blockquote depth
    items: list[_Item] = field(default_factory=list)
    ordered: list[int | None] = field(default_factory=list)  # per open list: next number
    fresh_item: bool = False  # the next paragraph is the first of a list item
    row: list[str] = field(default_factory=list)
    in_table: bool = False
    tight: bool = False  # the paragraph being read is an item of a tight list
    joined: bool = False  # the next block goes on the last one's next line

    def indent(self) -> str:
        return "  " * (self.quote + len(self.items))

    def blocks(self, tokens: list[Token]) -> None:
        for token in tokens:
            kind = token.type
            if kind == "paragraph_open":
                self.tight = token.hidden
            elif kind == "blockquote_open":
                self.quote += 1
            elif kind == "blockquote_close":
                self.quote -= 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                if not self.ordered:
                    self.joined = False  # a list begins a block of its own
                start = token.attrs.get("start", 1) if kind == "ordered_list_open" else None
                self.ordered.append(None if start is None else int(start))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.ordered.pop()
                if not self.ordered:
                    self.joined = False
            elif kind == "list_item_open":
                number = self.ordered[-1] if self.ordered else None
                if number is None:
                    marker = "- "
                else:
                    marker = f"{number}. "
                    self.ordered[-1] = number + 1
                self.items.append(_Item(marker, len(self.items)))
                self.fresh_item = True
            elif kind == "list_item_close":
                self.items.pop()
            elif kind in ("table_open", "table_close"):
                self.in_table = kind == "table_open"
                self.joined = False
            elif kind == "inline" and self.in_table:
                self.row.append(_inline(token.children or []))
            elif kind == "tr_close":
                self._add(wrap("; ".join(c for c in self.row if c), self.width, self.indent()))
                self.row = []
                self.joined = True
            elif kind == "inline":
                self._paragraph(_inline(token.children or []))
            elif kind in ("fence", "code_block"):
                lines = token.content.rstrip("\n").splitlines()
                self.out.append("\n".join(self.indent() + "  " + line for line in lines))
            elif kind == "hr":
                self.out.append("")

    def _add(self, block: str) -> None:
        if self.joined and self.out:
            self.out[-1] += "\n" + block
        else:
            self.out.append(block)

    def _paragraph(self, text: str) -> None:
        if not text.strip():
            return
        if self.items:
            item = self.items[-1]
            base = "  " * (self.quote + item.depth)
            hanging = base + " " * len(item.marker)
            first = base + item.marker if self.fresh_item else hanging
            self._add(wrap(text, self.width, first, hanging))
            self.fresh_item = False
            self.joined = self.tight
            return
        self.joined = False
        self._add(wrap(text, self.width, self.indent()))


def _inline(children: list[Token]) -> str:
    parts: list[str] = []
    link: list[str] = []  # the address of the link being read
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "link_open":
            link.append(str(child.attrs.get("href", "")))
        elif kind == "link_close":
            href = link.pop() if link else ""
            if href and not "".join(parts).rstrip().endswith(href):
                parts.append(f" ({href})")
        elif kind == "image":
            parts.append(child.content or str(child.attrs.get("alt", "")))
        # em, strong, s: the words stay, the markers go; html_inline: dropped
    return "".join(parts)
