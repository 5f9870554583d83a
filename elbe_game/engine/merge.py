"""The story's files merged into one table per section, each id with where it was defined.

    parts = convert_sections(source.data, broken)   # one file's sections as structs
    merged = merge_files([(source, parts), ...], diagnostics)   # E008; a second manifest or map

The compiler and the warnings read a ``Merged``; the loader builds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import msgspec

from .diagnostics import Diagnostic
from .format import SECTION_TYPES, SECTIONS
from .yamlsrc import SourceFile


@dataclass
class Definition:
    """One id defined in one file: where, and what the author wrote."""

    source: SourceFile
    path: tuple[str, ...]
    value: Any


@dataclass
class Merged:
    """All files' sections merged: section -> id -> Definition."""

    info: Definition | None = None
    map: Definition | None = None
    sections: dict[str, dict[str, Definition]] = field(
        default_factory=lambda: {name: {} for name in SECTIONS}
    )


#: the sections a story has at most once -> the code for a second one, and what it is
SINGLE = {"story": ("E020", "the manifest"), "map": ("E025", "the map")}


def convert_sections(data: Any, broken: set[tuple[str | int, ...]]) -> dict[str, Any]:
    """The file's sections as structs. A definition with structural problems becomes
    None: its id still counts as defined, so it causes no follow-on errors elsewhere."""
    if not isinstance(data, dict) or () in broken:
        return {}
    parts: dict[str, Any] = {}
    for single in SINGLE:
        if data.get(single) is not None:
            bad = any(path[:1] == (single,) for path in broken)
            parts[single] = None if bad else msgspec.convert(data[single], SECTION_TYPES[single])
    for section in SECTIONS:
        entries = data.get(section)
        if not isinstance(entries, dict) or (section,) in broken:
            continue
        parts[section] = {
            ident: None
            if (section, ident) in broken
            else msgspec.convert(value, SECTION_TYPES[section])
            for ident, value in entries.items()
        }
    return parts


def merge_files(
    files: list[tuple[SourceFile, dict[str, Any]]], diagnostics: list[Diagnostic]
) -> Merged:
    merged = Merged()
    for source, content in files:
        # (a section with structural errors is there, as None)
        if "story" in content:
            merged.info = _only_one(merged.info, source, content, "story", diagnostics)
        if "map" in content:
            merged.map = _only_one(merged.map, source, content, "map", diagnostics)
        for section in SECTIONS:
            table = merged.sections[section]
            for ident, value in content.get(section, {}).items():
                if ident in table:
                    earlier = table[ident]
                    line, _ = earlier.source.where(earlier.path, key=True)
                    kind = "codex entry" if section == "codex" else section.rstrip("s")
                    diagnostics.append(
                        source.error(
                            (section, ident),
                            "E008",
                            f"{kind} {ident!r} is defined twice (first at {earlier.source.path}:{line})",
                            key=True,
                        )
                    )
                    continue
                table[ident] = Definition(source, (section, ident), value)
    return merged


def _only_one(
    first: Definition | None,
    source: SourceFile,
    content: dict[str, Any],
    section: str,
    diagnostics: list[Diagnostic],
) -> Definition:
    """The section's one definition: the first found, with an error for any other."""
    if first is None:
        return Definition(source, (section,), content[section])
    code, what = SINGLE[section]
    line, _ = first.source.where((section,), key=True)
    diagnostics.append(
        source.error(
            (section,),
            code,
            f"a second '{section}:' section; {what} is already in {first.source.path}:{line}",
            key=True,
        )
    )
    return first
