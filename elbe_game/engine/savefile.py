"""The save file: its format version, its fields, migrations, encoding and checking.

    data = encode("bridge", "manual", story, state, SaveMeta(play_time=812.5))
    envelope = decode(data, "bridge", path)   # checked and migrated; DamagedSaveError,
                                              # SaveVersionError

Pure: bytes in, bytes out. Where the files live and how they are written is the host's
business (``elbe_game.host.saves``).

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
from .model import Story
from .state import GameState

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
    run: str = ""  # the game this save belongs to: one new game and all played from it
    story: _StoryRef
    passage: _Passage | None = None
    state: GameState


@dataclass(frozen=True, slots=True)
class SaveMeta:
    """What the host knows and the engine does not."""

    play_time: float = 0.0  # seconds played in this game, over all sessions
    player_name: str | None = None  # the name the game began with, for the load screen
    run: str = ""  # which game this is (the autosave keeps the last of each)


# ------------------------------------------------------------------ writing and reading


def encode(slot: str, kind: str, story: Story, state: GameState, meta: SaveMeta) -> bytes:
    """The bytes of a save file of ``state`` (a game of ``story``) in the slot ``slot``
    of the given ``kind`` (manual, auto, quick)."""
    node = story.nodes[state.node]
    envelope = Envelope(
        format=FORMAT,
        version=SAVE_VERSION,
        game_version=__version__,
        slot=slot,
        kind=kind,
        saved_at=datetime.now().astimezone().isoformat(timespec="microseconds"),
        play_time=round(max(0.0, meta.play_time), 3),
        player_name=meta.player_name,
        run=meta.run,
        story=_StoryRef(id=story.id, content_hash=story.content_hash, title=story.title),
        passage=_Passage(
            node=node.id,
            title=node.title_for(state),
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

    if len(raw) > MAX_SAVE_BYTES:
        raise damaged("the file is too large to be a save")
    if not raw.strip():
        raise damaged("the file is empty")
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
