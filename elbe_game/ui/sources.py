"""How a source is cited on screen: one line of plain text per source."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from ..engine import Citation


def cite(citation: Citation) -> Content:
    source = citation.source
    if source is None:
        return Content.assemble((f"[{citation.key}]", "bold"), " (not in the story's source list)")
    parts: list[str] = [source.title]
    by = ", ".join(str(p) for p in (source.author, source.year) if p)
    if by:
        parts.append(by)
    text = ". ".join(parts) + "."
    if source.note:
        text += f" {source.note}."
    if source.url:
        text += f" {source.url}"
    return Content.assemble((f"[{citation.key}]", "bold"), " ", text)


def cite_all(citations: Iterable[Citation]) -> Content:
    return Content("\n").join(cite(citation) for citation in citations)
