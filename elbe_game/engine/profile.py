"""The player's profile: endings reached and codex entries unlocked, over every game.

    profile = Profile.load(saves_folder(), story.id)
    profile.record(engine)     # after each choice; writes profile.json when something is new
    profile.endings            # ending id -> when it was first reached (ISO 8601)
    profile.codex              # codex ids, in the order they were first unlocked

``profile.json`` lives beside the saves and holds one entry per story id, so the endings
gallery and the codex on the title screen can show what earlier games found. A damaged
profile is reported in ``problem``, read as empty, and moved aside to
``profile.damaged.json`` before the next write, never silently overwritten.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from .errors import SaveIOError
from .runtime import Engine
from .storage import PROFILE_NAME, atomic_write, describe_os_error

FORMAT = "elbe-1945-profile"
PROFILE_VERSION = 1


def _read(path: Path) -> tuple[dict[str, Any], str | None]:
    """The profile's stories (story id -> entry) and the problem, if it is damaged."""
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
    if not isinstance(version, int) or version > PROFILE_VERSION:
        return {}, "the profile was written by a newer version of the game"
    stories = data.get("stories")
    if not isinstance(stories, dict):
        return {}, "the profile file has the wrong shape; it will be kept aside"
    return stories, None


def _clean(entry: Any) -> tuple[dict[str, str], list[str]]:
    if not isinstance(entry, dict):
        return {}, []
    endings = entry.get("endings")
    codex = entry.get("codex")
    return (
        {k: v for k, v in endings.items() if isinstance(v, str)}
        if isinstance(endings, dict)
        else {},
        [c for c in codex if isinstance(c, str)] if isinstance(codex, list) else [],
    )


class Profile:
    def __init__(
        self,
        folder: Path,
        story_id: str,
        endings: dict[str, str] | None = None,
        codex: list[str] | None = None,
        problem: str | None = None,
    ) -> None:
        self.folder = Path(folder)
        self.story_id = story_id
        self.endings: dict[str, str] = dict(endings or {})
        self.codex: list[str] = list(codex or [])
        self.problem = problem  # set when the file on disk could not be used

    @property
    def path(self) -> Path:
        return self.folder / f"{PROFILE_NAME}.json"

    @classmethod
    def load(cls, folder: Path, story_id: str) -> Profile:
        """The profile for ``story_id``; empty (with ``problem`` set) if unreadable."""
        profile = cls(folder, story_id)
        stories, profile.problem = _read(profile.path)
        profile.endings, profile.codex = _clean(stories.get(story_id))
        return profile

    def record(self, engine: Engine) -> list[str]:
        """Add the game's endings and codex entries; returns the ids that are new and
        writes the profile when there are any (SaveIOError if it cannot)."""
        new: list[str] = []
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        for ending in engine.state.endings:
            if ending not in self.endings:
                self.endings[ending] = now
                new.append(ending)
        for entry in engine.state.codex:
            if entry not in self.codex:
                self.codex.append(entry)
                new.append(entry)
        if new:
            self.save()
        return new

    def save(self) -> None:
        stories, problem = _read(self.path)
        if problem is not None and self.path.exists():
            try:  # keep the damaged file for a person to look at
                os.replace(self.path, self.folder / f"{PROFILE_NAME}.damaged.json")
            except OSError as exc:
                why = describe_os_error(exc, self.folder)
                raise SaveIOError(f"could not update the profile: {why}") from exc
            stories = {}
        endings, codex = _clean(stories.get(self.story_id))
        endings.update({k: v for k, v in self.endings.items() if k not in endings})
        codex += [c for c in self.codex if c not in codex]
        stories[self.story_id] = {"endings": endings, "codex": codex}
        data = {"format": FORMAT, "version": PROFILE_VERSION, "stories": stories}
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        atomic_write(self.path, text.encode("utf-8"))
        self.endings, self.codex, self.problem = endings, codex, None
