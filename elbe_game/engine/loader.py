"""Story folder -> checked, compiled ``Story``, with every problem reported at once.

check_story(path)  -> CheckReport(story or None, diagnostics, stats)
load_story(path)   -> Story, or StoryError carrying the diagnostics
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .analysis import Facts
from .compiler import compile_story
from .diagnostics import Diagnostic, sort_key
from .errors import StoryError
from .format import LANGUAGE_CURRENT, LANGUAGE_MINIMUM, StoryFile
from .merge import convert_sections, merge_files
from .model import Story
from .stats import story_stats
from .structure import check_structure
from .warnings import story_warnings
from .yamlsrc import SourceFile, parse_file

STORY_SUFFIXES = (".yaml", ".yml")
#: walkthrough tests live beside a story but are not part of it
WALKTHROUGH_SUFFIX = ".walk.yaml"
#: problems that leave a file's content unknown
UNREADABLE = ("E001", "E002", "E003")


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


def _digest_file(digest: Any, root: Path, path: Path, raw: bytes) -> None:
    """Add one story file to the story's content hash (its name and its bytes)."""
    rel = path.name if root.is_file() else path.relative_to(root).as_posix()
    digest.update(rel.encode() + b"\0" + raw + b"\0")


def content_hash(root: str | os.PathLike[str]) -> str:
    """The content hash the story in ``root`` would load with, from the files' bytes
    alone (nothing is parsed): cheap enough to tell whether the files changed."""
    root = Path(root)
    digest = hashlib.sha256()
    for path in story_files(root) if root.exists() else []:
        try:
            _digest_file(digest, root, path, path.read_bytes())
        except OSError:
            continue
    return "sha256:" + digest.hexdigest()


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
    sources: list[SourceFile] = []
    for path in files:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            diagnostics.append(
                Diagnostic(display_path(path), 0, 0, "E024", f"cannot read: {exc.strerror}")
            )
            continue
        _digest_file(digest, root, path, raw)
        source = parse_file(display_path(path), raw)
        diagnostics.extend(source.diagnostics)
        if source.data is None or any(d.code in UNREADABLE for d in source.diagnostics):
            incomplete = incomplete or bool(source.diagnostics)
            continue  # unreadable, or empty: nothing to merge
        sources.append(source)
    newer = _newer_language(sources)
    if newer is not None:  # the rest is in a language this game cannot read: say only that
        diagnostics.append(newer)
        diagnostics.sort(key=sort_key)
        return CheckReport(None, diagnostics, story_stats(None, files))
    for source in sources:
        problems = check_structure(source, StoryFile)
        diagnostics.extend(d for _, d in problems)
        parsed.append((source, convert_sections(source.data, {p[:2] for p, _ in problems})))

    merged = merge_files(parsed, diagnostics)
    story: Story | None = None
    if merged.info is None:
        if not any(d.code in UNREADABLE for d in diagnostics):
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
    elif merged.info.value is not None:  # (else its errors are reported already)
        shown = tuple(display_path(f) for f in files)
        story, compile_problems = compile_story(
            merged, root, "sha256:" + digest.hexdigest(), shown, incomplete
        )
        diagnostics.extend(compile_problems)
    reached: set[str] | None = None
    if any(d.severity == "error" for d in diagnostics):
        story = None
    elif story is not None:
        facts = Facts(story)
        reached = facts.reachable
        diagnostics.extend(story_warnings(story, merged, facts))
    diagnostics.sort(key=sort_key)
    return CheckReport(story, diagnostics, story_stats(story, files, reached))


def _newer_language(sources: list[SourceFile]) -> Diagnostic | None:
    """E026 when the manifest declares a story language newer than this game reads."""
    for source in sources:
        data = source.data
        info = data.get("story") if isinstance(data, dict) else None
        language = info.get("language") if isinstance(info, dict) else None
        if type(language) is int and language > LANGUAGE_CURRENT:
            return source.error(
                ("story", "language"),
                "E026",
                f"this story is written in story language {language}; this version of the "
                f"game reads languages {LANGUAGE_MINIMUM} to {LANGUAGE_CURRENT}: update the game",
            )
    return None


def load_story(root: str | os.PathLike[str]) -> Story:
    """The compiled story, or StoryError listing every error found."""
    report = check_story(root)
    if report.story is None:
        raise StoryError(report.diagnostics)
    return report.story
