"""Story folder -> checked, compiled ``Story``, with every problem reported at once.

check_story(path)  -> CheckReport(story or None, diagnostics, stats)
load_story(path)   -> Story, or StoryError carrying the diagnostics
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from .compiler import compile_story
from .diagnostics import Diagnostic, sort_key
from .errors import StoryError
from .format import SECTION_TYPES, SECTIONS, StoryFile
from .model import Story
from .structure import check_structure
from .validate import story_stats, validate_story
from .yamlsrc import SourceFile, parse_file

STORY_SUFFIXES = (".yaml", ".yml")
#: walkthrough tests live beside a story but are not part of it
WALKTHROUGH_SUFFIX = ".walk.yaml"
#: problems that leave a file's content unknown
UNREADABLE = ("E001", "E002", "E003")


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


@dataclass
class CheckReport:
    story: Story | None
    diagnostics: list[Diagnostic]
    stats: dict[str, int]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def display_path(path: Path) -> str:
    """A path as people will want to see it: relative to the working folder if inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def story_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    found = [
        p
        for p in root.rglob("*")
        if p.suffix in STORY_SUFFIXES
        and not p.name.endswith(WALKTHROUGH_SUFFIX)
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    return sorted(found)


def check_story(root: str | os.PathLike[str]) -> CheckReport:
    """Load and check a story folder (or a single file). Never raises for bad content."""
    root = Path(root)
    shown_root = display_path(root)
    if not root.exists():
        diag = Diagnostic(shown_root, 0, 0, "E024", "no such file or folder")
        return CheckReport(None, [diag], story_stats(None, []))
    files = story_files(root)
    if not files:
        diag = Diagnostic(shown_root, 0, 0, "E024", "no .yaml story files in this folder")
        return CheckReport(None, [diag], story_stats(None, []))

    digest = hashlib.sha256()
    diagnostics: list[Diagnostic] = []
    parsed: list[tuple[SourceFile, dict[str, Any]]] = []
    incomplete = False  # a file could not be read: references into it cannot be checked
    for path in files:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            diagnostics.append(
                Diagnostic(display_path(path), 0, 0, "E024", f"cannot read: {exc.strerror}")
            )
            continue
        rel = path.name if root.is_file() else path.relative_to(root).as_posix()
        digest.update(rel.encode() + b"\0" + raw + b"\0")
        source = parse_file(display_path(path), raw)
        diagnostics.extend(source.diagnostics)
        if source.data is None or any(d.code in UNREADABLE for d in source.diagnostics):
            incomplete = incomplete or bool(source.diagnostics)
            continue  # unreadable, or empty: nothing to merge
        problems = check_structure(source, StoryFile)
        diagnostics.extend(d for _, d in problems)
        parsed.append((source, _convert(source.data, {p[:2] for p, _ in problems})))

    merged = _merge(parsed, diagnostics)
    story: Story | None = None
    if merged.info is None:
        if not any(d.code in ("E001", "E002", "E003") for d in diagnostics):
            # (a file we could not read might hold the manifest: then say nothing)
            diagnostics.append(
                Diagnostic(
                    shown_root,
                    0,
                    0,
                    "E020",
                    "no file has a 'story:' section (the manifest); add one, usually in story.yaml",
                )
            )
    else:
        shown = tuple(display_path(f) for f in files)
        story, compile_problems = compile_story(
            merged, root, "sha256:" + digest.hexdigest(), shown, incomplete
        )
        diagnostics.extend(compile_problems)
    if any(d.severity == "error" for d in diagnostics):
        story = None
    elif story is not None:
        diagnostics.extend(validate_story(story, merged))
    diagnostics.sort(key=sort_key)
    return CheckReport(story, diagnostics, story_stats(story, files))


def load_story(root: str | os.PathLike[str]) -> Story:
    """The compiled story, or StoryError listing every error found."""
    report = check_story(root)
    if report.story is None:
        raise StoryError(report.diagnostics)
    return report.story


def _convert(data: Any, broken: set[tuple[str | int, ...]]) -> dict[str, Any]:
    """The file's sections as structs. A definition with structural problems becomes
    None: its id still counts as defined, so it causes no follow-on errors elsewhere."""
    if not isinstance(data, dict) or () in broken:
        return {}
    parts: dict[str, Any] = {}
    if data.get("story") is not None and ("story",) not in broken:
        parts["story"] = msgspec.convert(data["story"], SECTION_TYPES["story"])
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


def _merge(files: list[tuple[SourceFile, dict[str, Any]]], diagnostics: list[Diagnostic]) -> Merged:
    merged = Merged()
    for source, content in files:
        if content.get("story") is not None:
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
