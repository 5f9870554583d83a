"""The player's profile: endings reached and codex entries unlocked, over every game.

    profile = Profile.load(folders.saves, story.id)
    profile.observe(state)     # after each move: remembers what the game holds now
    profile.save()             # writes profile.json (merged with what is on disk)
    profile.record(state)      # both: observe, and save when something is new
    profile.endings            # ending id -> when it was first reached (ISO 8601)
    profile.codex              # codex ids, in the order they were first unlocked
    profile.read(digest)       # a passage read (passage_digest): skip-read knows it

One class for what earlier games found (``profile.json`` beside the saves, one entry per
story id) and what this run has found since, so that undoing past an ending does not
un-find it. A damaged profile is reported in ``problem``, read as empty, and moved aside
to ``profile.damaged.json`` before the next write, never silently overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import msgspec

from ..engine import GameState
from ..engine.errors import SaveIOError
from .files import atomic_write, describe_os_error
from .saves import PROFILE_NAME

__all__ = ["FORMAT", "PROFILE_VERSION", "Profile", "passage_digest"]

FORMAT = "elbe-1945-profile"
PROFILE_VERSION = 1


class _Entry(msgspec.Struct, kw_only=True, omit_defaults=True):
    endings: dict[str, str] = {}
    codex: list[str] = []
    seen: list[str] = []  # digests of the passages read, as read (see passage_digest)


class _File(msgspec.Struct, kw_only=True):
    format: str
    version: int
    stories: dict[str, _Entry] = {}


def _read(path: Path) -> tuple[dict[str, _Entry], str | None]:
    """The profile's stories and the problem, if the file cannot be used."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, f"the profile cannot be read: {describe_os_error(exc, path.parent)}"
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return {}, "the profile file is damaged (not JSON); it will be kept aside"
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}, "the profile file is not an Elbe 1945 profile; it will be kept aside"
    version = data.get("version")
    if type(version) is int and version > PROFILE_VERSION:
        return {}, "the profile was written by a newer version of the game"
    try:
        return msgspec.convert(data, _File, strict=True).stories, None
    except msgspec.ValidationError:
        return {}, "the profile file has the wrong shape; it will be kept aside"


def passage_digest(node_id: str, text: str) -> str:
    """A short name for one passage as it read (the same passage with other text,
    through a conditional, is another reading): what ``seen`` holds."""
    return hashlib.blake2b(f"{node_id}\0{text}".encode(), digest_size=8).hexdigest()


def _write(
    path: Path, story_id: str, endings: dict[str, str], codex: list[str], seen: list[str]
) -> None:
    """Add ``endings`` and ``codex`` to the profile file (what another game wrote there
    meanwhile is kept); SaveIOError if it cannot be written."""
    stories, problem = _read(path)
    if problem is not None and path.exists():
        try:  # keep the damaged file for a person to look at
            os.replace(path, path.with_name(f"{PROFILE_NAME}.damaged.json"))
        except OSError as exc:
            why = describe_os_error(exc, path.parent)
            raise SaveIOError(f"could not update the profile: {why}") from exc
        stories = {}
    entry = stories.get(story_id, _Entry())
    known = set(entry.seen)
    merged = _Entry(
        endings={**endings, **entry.endings},  # the earliest date wins
        codex=[*entry.codex, *(c for c in codex if c not in entry.codex)],
        seen=[*entry.seen, *(d for d in seen if d not in known)],
    )
    stories[story_id] = merged
    data = msgspec.to_builtins(_File(format=FORMAT, version=PROFILE_VERSION, stories=stories))
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        why = describe_os_error(exc, path.parent)
        raise SaveIOError(f"could not update the profile: {why}", path=path) from exc


class Profile:
    def __init__(self, folder: Path, story_id: str) -> None:
        self.path = Path(folder) / f"{PROFILE_NAME}.json"
        self.story_id = story_id
        self.endings: dict[str, str] = {}
        self.codex: list[str] = []
        self.seen: set[str] = set()  # passage readings (passage_digest) in any game
        self._seen_order: list[str] = []
        self.problem: str | None = None  # set when the file on disk could not be used
        self.dirty = False  # something new since the last write

    @classmethod
    def load(cls, folder: Path, story_id: str) -> Profile:
        """The profile for ``story_id``; empty (with ``problem`` set) if unreadable."""
        profile = cls(folder, story_id)
        stories, profile.problem = _read(profile.path)
        entry = stories.get(story_id, _Entry())
        profile.endings, profile.codex = dict(entry.endings), list(entry.codex)
        profile._seen_order = list(entry.seen)
        profile.seen = set(entry.seen)
        return profile

    def read(self, digest: str) -> bool:
        """Remember that a passage was read (as its digest says); True if it is new."""
        if digest in self.seen:
            return False
        self.seen.add(digest)
        self._seen_order.append(digest)
        self.dirty = True
        return True

    def observe(self, state: GameState) -> list[str]:
        """Remember the endings and codex entries ``state`` holds; returns the new ids."""
        new: list[str] = []
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        for ending in state.endings:
            if ending not in self.endings:
                self.endings[ending] = now
                new.append(ending)
        for entry in state.codex:
            if entry not in self.codex:
                self.codex.append(entry)
                new.append(entry)
        self.dirty = self.dirty or bool(new)
        return new

    def writer(self) -> Callable[[], None]:
        """A job that writes what the profile holds now; it may run in another thread
        (it works on copies) and raises SaveIOError if the file cannot be written."""
        path, story_id = self.path, self.story_id
        endings, codex, seen = dict(self.endings), list(self.codex), list(self._seen_order)
        self.dirty = False
        return lambda: _write(path, story_id, endings, codex, seen)

    def save(self) -> None:
        """Write the profile now (SaveIOError if it cannot be)."""
        self.writer()()
        self.problem = None

    def record(self, state: GameState) -> list[str]:
        """``observe``, then ``save`` when something is new; returns the new ids."""
        new = self.observe(state)
        if self.dirty:
            self.save()
        return new
