"""The save file: its format version, its fields, migrations, encoding and checking.

    data = encode("bridge", engine, SaveMeta(play_time=812.5))   # the file's bytes
    envelope = decode(data, "bridge", path)   # checked and migrated; DamagedSaveError,
                                              # SaveVersionError
    info = save_info("bridge", path, envelope)    # what the load screen shows

The format is documented in docs/saves.md. When it changes, bump ``SAVE_VERSION`` and add
a step to ``_MIGRATIONS``, the one place where older saves are converted.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec

from .. import __version__
from .errors import DamagedSaveError, SaveVersionError
from .model import PLAYER_NAME, Story
from .runtime import Engine
from .state import GameState
from .storage import slot_kind

FORMAT = "elbe-1945-save"
SAVE_VERSION = 1  # bump it, and add a step to _MIGRATIONS, whenever the format changes
MAX_SAVE_BYTES = 16 * 1024 * 1024

# Migrations: version n -> a function turning a version-n dict into a version n+1 dict.
_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


# ------------------------------------------------------------------ the fields


class _StoryRef(msgspec.Struct, kw_only=True):
    id: str
    content_hash: str
    title: str = ""


class _Passage(msgspec.Struct, kw_only=True):
    node: str
    title: str = ""
    date: str = ""
    time: str = ""
    place: str = ""
    turn: int = 0


class Envelope(msgspec.Struct, kw_only=True):
    """A whole save file: the state and what is known about it."""

    format: str
    version: int
    game_version: str = ""
    slot: str = ""
    kind: str = "manual"
    saved_at: str
    play_time: float = 0.0
    player_name: str | None = None
    story: _StoryRef
    passage: _Passage | None = None
    state: GameState


@dataclass(frozen=True, slots=True)
class SaveMeta:
    """What the front end knows and the engine does not."""

    play_time: float = 0.0  # seconds played in this game, over all sessions
    player_name: str | None = None  # when the story has no player_name variable


@dataclass(frozen=True, slots=True)
class SaveInfo:
    """One save as the load screen shows it. ``problem`` is set for a damaged file,
    which is listed (never hidden) but cannot be loaded."""

    slot: str
    kind: str  # manual, auto, backup, quick
    path: Path
    problem: str | None = None
    saved_at: datetime | None = None
    play_time: float = 0.0
    player_name: str | None = None
    story_id: str = ""
    story_title: str = ""
    content_hash: str = ""
    node: str = ""
    title: str = ""  # the passage's title
    date: str = ""  # in the story
    time: str = ""
    place: str = ""
    turn: int = 0
    version: int = 0

    @property
    def damaged(self) -> bool:
        return self.problem is not None

    def fits(self, story: Story) -> bool:
        return not self.damaged and self.story_id == story.id

    def story_changed(self, story: Story) -> bool:
        return self.fits(story) and self.content_hash != story.content_hash


# ------------------------------------------------------------------ writing and reading


def encode(slot: str, engine: Engine, meta: SaveMeta | None = None) -> bytes:
    """The bytes of a save file for ``engine``'s game."""
    meta = meta or SaveMeta()
    state, node, story = engine.state, engine.node, engine.story
    start = engine.undo_stack[0] if engine.undo_stack else state
    name = start.vars.get(PLAYER_NAME)
    envelope = Envelope(
        format=FORMAT,
        version=SAVE_VERSION,
        game_version=__version__,
        slot=slot,
        kind=slot_kind(slot),
        saved_at=datetime.now().astimezone().isoformat(timespec="microseconds"),
        play_time=round(max(0.0, meta.play_time), 3),
        player_name=name if isinstance(name, str) else meta.player_name,
        story=_StoryRef(id=story.id, content_hash=story.content_hash, title=story.title),
        passage=_Passage(
            node=node.id,
            title=node.title,
            date=node.date,
            time=node.time,
            place=node.place,
            turn=state.turn,
        ),
        state=state,
    )
    text = json.dumps(msgspec.to_builtins(envelope), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def decode(raw: bytes, slot: str = "", path: Path | None = None) -> Envelope:
    """Parse and check a save file's bytes; DamagedSaveError or SaveVersionError."""

    def damaged(why: str) -> DamagedSaveError:
        return DamagedSaveError(f"the save {slot!r} is damaged: {why}", slot, path)

    if not raw.strip():
        raise damaged("the file is empty")
    if len(raw) > MAX_SAVE_BYTES:
        raise damaged("the file is too large to be a save")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise damaged("the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        what = re.sub(r"\s+(starting\s+)?at$", "", exc.msg).lower()
        where = f"line {exc.lineno}, column {exc.colno}"
        raise damaged(f"it is cut short or not JSON ({what} at {where})") from None
    except RecursionError:
        raise damaged("it is nested too deeply") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise damaged("it is not an Elbe 1945 save file")
    version = data.get("version")
    if type(version) is not int:
        raise damaged("it has no format version")
    if version > SAVE_VERSION:
        raise SaveVersionError(
            f"the save {slot!r} was written by a newer version of the game (save format "
            f"{version}; this version reads up to {SAVE_VERSION}): update the game to load it",
            slot,
            path,
        )
    while version < SAVE_VERSION:
        step = _MIGRATIONS.get(version)
        if step is None:
            raise damaged(f"save format {version} is unknown and cannot be converted")
        data = step(data)
        version += 1
        data["version"] = version
    try:
        envelope = msgspec.convert(data, Envelope, strict=True)
    except msgspec.ValidationError as exc:
        message, _, where = str(exc).partition(" - at ")
        key = where.strip("`").removeprefix("$").lstrip(".")
        raise damaged(f"{message[:1].lower()}{message[1:]} at {key or 'the top'}") from None
    try:
        datetime.fromisoformat(envelope.saved_at)
    except ValueError:
        raise damaged(f"saved_at {envelope.saved_at!r} is not a date and time") from None
    if not math.isfinite(envelope.play_time) or envelope.play_time < 0:
        envelope.play_time = 0.0
    return envelope


def save_info(slot: str, path: Path, env: Envelope) -> SaveInfo:
    """What the load screen shows of a checked save file."""
    passage = env.passage or _Passage(node=env.state.node)
    when = datetime.fromisoformat(env.saved_at)
    return SaveInfo(
        slot=slot,
        kind=slot_kind(slot),
        path=path,
        saved_at=when if when.tzinfo else when.astimezone(),
        play_time=env.play_time,
        player_name=env.player_name,
        story_id=env.story.id,
        story_title=env.story.title,
        content_hash=env.story.content_hash,
        node=passage.node,
        title=passage.title,
        date=passage.date,
        time=passage.time,
        place=passage.place,
        turn=passage.turn,
        version=env.version,
    )
