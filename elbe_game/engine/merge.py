"""The story's files merged into one table per section, each id with where it was defined.

    parts = convert_sections(source.data, broken)   # one file's sections as structs
    merged = merge_files([(source, parts), ...], diagnostics)   # E008, a second manifest

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
    sections: dict[str, dict[str, Definition]] = field(
        default_factory=lambda: {name: {} for name in SECTIONS}
    )


def convert_sections(data: Any, broken: set[tuple[str | int, ...]]) -> dict[str, Any]:
    """The file's sections as structs. A definition with structural problems becomes
    None: its id still counts as defined, so it causes no follow-on errors elsewhere."""
    if not isinstance(data, dict) or () in broken:
        return {}
    parts: dict[str, Any] = {}
    if data.get("story") is not None:
        bad = any(path[:1] == ("story",) for path in broken)
        parts["story"] = None if bad else msgspec.convert(data["story"], SECTION_TYPES["story"])
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
        if "story" in content:  # None when it has structural errors
            if merged.info is not None:
                first = merged.info.source
                line, _ = first.where(("story",), key=True)
                diagnostics.append(
                    source.error(
                        ("story",),
                        "E020",
                        f"a second 'story:' section; the manifest is already in {first.path}:{line}",
                        key=True,
                    )
                )
            else:
                merged.info = Definition(source, ("story",), content["story"])
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
