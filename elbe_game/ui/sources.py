"""How a source is cited on screen: one line of plain text per source key."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from textual.content import Content

if TYPE_CHECKING:
    from ..engine.format import Source


def cite(key: str, sources: Mapping[str, Source]) -> Content:
    source = sources.get(key)
    if source is None:
        return Content.assemble((f"[{key}]", "bold"), " (not in the story's source list)")
    parts: list[str] = [source.title]
    by = ", ".join(str(p) for p in (source.author, source.year) if p)
    if by:
        parts.append(by)
    text = ". ".join(parts) + "."
    if source.note:
        text += f" {source.note}."
    if source.url:
        text += f" {source.url}"
    return Content.assemble((f"[{key}]", "bold"), " ", text)


def cite_all(keys: Iterable[str], sources: Mapping[str, Source]) -> Content:
    return Content("\n").join(cite(key, sources) for key in keys)
