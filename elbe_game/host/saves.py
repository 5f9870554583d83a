"""The saved games in one folder: named saves, the autosave and its backups, the quick
save, written atomically and listed newest first.

    store = SaveStore(folders.saves)
    store.save("bridge", story, state, meta)    # SlotNameError, SaveIOError
    store.autosave(story, state, meta)           # older autosaves kept as backups
    store.quicksave(story, state, meta)          # the one quick slot
    result = store.load("bridge", story)         # LoadResult(engine, notes, info)
    store.list()                                 # SaveInfo, newest first; damaged ones too
    store.newest(story)                          # what Continue resumes, or None
    store.delete("bridge")

Slot names are checked here (``check_slot_name``); what is inside a file is the engine's
business (``engine.savefile``: bytes <-> state, versions, migrations) and so is resuming
a state in an edited story (``engine.resume``). Every method does its job or raises a
``SaveError`` with a message fit to show the player; a failed load changes nothing.
"""

from __future__ import annotations

import builtins
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..engine import Engine, GameState, Story
from ..engine.errors import (
    DamagedSaveError,
    NodeGoneError,
    SaveError,
    SaveIOError,
    SaveNotFoundError,
    SlotNameError,
    StateError,
    WrongStoryError,
)
from ..engine.resume import restore
from ..engine.savefile import MAX_SAVE_BYTES, Envelope, SaveMeta, decode, encode
from .files import (
    atomic_write,
    commit,
    describe_os_error,
    discard,
    link_temp,
    read_limited,
    write_temp,
)

__all__ = [
    "AUTOSAVE_BACKUPS",
    "AUTOSAVE_SLOT",
    "QUICKSAVE_SLOT",
    "LoadResult",
    "SaveInfo",
    "SaveStore",
    "check_slot_name",
    "new_run",
    "run_slot",
    "slot_kind",
]

AUTOSAVE_SLOT = "autosave"
QUICKSAVE_SLOT = "quicksave"
AUTOSAVE_BACKUPS = 3  # autosave.1.json (newest) .. autosave.3.json
MAX_SLOT_LENGTH = 64
PROFILE_NAME = "profile"  # profile.json shares the folder; no slot may take the name


# ------------------------------------------------------------------ slot names

_WINDOWS_DEVICES = {"con", "prn", "aux", "nul"} | {
    f"{p}{i}" for p in ("com", "lpt") for i in range(10)
}
_NOT_IN_NAMES = set('/\\:*?"<>|')
_AUTOSAVE_FILE = re.compile(rf"{AUTOSAVE_SLOT}(\.[1-9][0-9]*)?", re.IGNORECASE)
_RUN_FILE = re.compile(rf"{AUTOSAVE_SLOT}-[\w-]+", re.IGNORECASE)
EARLIER_RUNS_KEPT = 8  # the last autosave of this many earlier games is kept


def check_slot_name(name: str, *, for_saving: bool = True) -> str:
    """The slot name, normalised; SlotNameError says why a name cannot be one.
    Names the game keeps for itself (autosave, quicksave) may be loaded, not saved to."""
    if not isinstance(name, str):
        raise SlotNameError("a save name must be text")
    slot = unicodedata.normalize("NFC", name.strip())

    def refuse(why: str) -> SlotNameError:
        return SlotNameError(f"{slot[:MAX_SLOT_LENGTH]!r} cannot be a save name: {why}", slot)

    if not slot:
        raise SlotNameError("give the save a name, for example: save bridge")
    if len(slot) > MAX_SLOT_LENGTH:
        raise refuse(f"it is longer than {MAX_SLOT_LENGTH} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in slot):
        raise refuse("it contains control or invisible characters")
    if "/" in slot or "\\" in slot:
        raise refuse("it contains a path separator")
    if ".." in slot:
        raise refuse("it contains '..'")
    bad = sorted(set(slot) & _NOT_IN_NAMES)
    if bad:
        raise refuse(f"it contains {' '.join(bad)}")
    if slot.startswith(".") or slot.endswith("."):
        raise refuse("it starts or ends with a dot")
    if slot.split(".")[0].strip().lower() in _WINDOWS_DEVICES:
        raise refuse("it is a device name on Windows")
    if is_profile_file(slot):
        raise refuse("the game keeps that name for the profile")
    game_names = (_AUTOSAVE_FILE.fullmatch(slot), _RUN_FILE.fullmatch(slot))
    if for_saving and (slot.lower() == QUICKSAVE_SLOT or any(game_names)):
        raise refuse("the game keeps that name for its own saves")
    return slot


def is_profile_file(stem: str) -> bool:
    """``profile`` and ``profile.damaged``: the profile's files, never saves."""
    return stem.lower().split(".")[0] == PROFILE_NAME


def slot_kind(slot: str) -> str:
    """'auto', 'backup' (an older autosave of the same game), 'run' (the last autosave
    of an earlier game), 'quick' or 'manual'."""
    lowered = slot.lower()
    if lowered == AUTOSAVE_SLOT:
        return "auto"
    if _AUTOSAVE_FILE.fullmatch(slot):
        return "backup"
    if _RUN_FILE.fullmatch(slot):
        return "run"
    return "quick" if lowered == QUICKSAVE_SLOT else "manual"


def run_slot(run: str) -> str:
    """Where the last autosave of an earlier game is kept."""
    return f"{AUTOSAVE_SLOT}-{run}"


# ------------------------------------------------------------------ what a save holds


@dataclass(frozen=True, slots=True)
class SaveInfo:
    """One save as the load screen shows it. ``problem`` is set for a damaged file,
    which is listed (never hidden) but cannot be loaded."""

    slot: str
    kind: str  # manual, auto, backup, run, quick
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
    run: str = ""

    @property
    def damaged(self) -> bool:
        return self.problem is not None

    def fits(self, story: Story) -> bool:
        return not self.damaged and self.story_id == story.id

    def unusable(self, story: Story | None) -> str | None:
        """Why this save cannot be loaded into ``story``, or None if it can."""
        if self.problem is not None:
            return self.problem
        if story is not None and self.story_id != story.id:
            return f"a save of another story ({self.story_title or self.story_id})"
        return None

    def to_dict(self) -> dict[str, object]:
        """Plain data, as ``elbe-game saves --format json`` prints it."""
        return {
            "slot": self.slot,
            "kind": self.kind,
            "path": str(self.path),
            "problem": self.problem,
            "saved_at": self.saved_at.isoformat() if self.saved_at else None,
            "play_time": self.play_time,
            "player_name": self.player_name,
            "story": {"id": self.story_id, "title": self.story_title, "hash": self.content_hash},
            "passage": {
                "node": self.node,
                "title": self.title,
                "date": self.date,
                "time": self.time,
            },
            "turn": self.turn,
        }

    @classmethod
    def of(cls, slot: str, path: Path, env: Envelope) -> SaveInfo:
        """What the load screen shows of a checked save file."""
        passage = env.passage
        when = datetime.fromisoformat(env.saved_at)
        return cls(
            slot=slot,
            kind=slot_kind(slot),
            path=path,
            saved_at=when if when.tzinfo else when.astimezone(),
            play_time=env.play_time,
            player_name=env.player_name,
            story_id=env.story.id,
            story_title=env.story.title,
            content_hash=env.story.content_hash,
            node=passage.node if passage else env.state.node,
            title=passage.title if passage else "",
            date=passage.date if passage else "",
            time=passage.time if passage else "",
            place=passage.place if passage else "",
            turn=passage.turn if passage else env.state.turn,
            version=env.version,
            run=env.run,
        )


@dataclass
class LoadResult:
    engine: Engine
    notes: list[str]  # what changed to fit an edited story, for the player to read
    info: SaveInfo


# ------------------------------------------------------------------ the store


def new_run() -> str:
    """A name for a new game: when it began (to the second) and a little chance."""
    return datetime.now().strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(2)


def _run_of(env: Envelope) -> str:
    """A run name for a save written before games had one (release 0.1): its date."""
    when = datetime.fromisoformat(env.saved_at)
    return when.strftime("%Y%m%d-%H%M%S-old")


class SaveStore:
    """The saves in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, slot: str) -> Path:
        return self._file(check_slot_name(slot, for_saving=False))

    def _file(self, slot: str) -> Path:
        """The file of a slot whose name is already checked."""
        return self.folder / f"{slot}.json"

    # ---------------------------------------------------------- writing

    def save(self, slot: str, story: Story, state: GameState, meta: SaveMeta) -> SaveInfo:
        """A named save; replaces an earlier save of the same name."""
        return self._write(check_slot_name(slot), story, state, meta)

    def quicksave(self, story: Story, state: GameState, meta: SaveMeta) -> SaveInfo:
        return self._write(QUICKSAVE_SLOT, story, state, meta)

    def autosave(self, story: Story, state: GameState, meta: SaveMeta) -> SaveInfo:
        """Write the autosave of the game ``meta.run``.

        The previous autosave of the same game becomes autosave.1 (and .1 .. .N-1 move
        down one). The previous autosave of another game is kept whole instead, as
        ``autosave-RUN`` (the last autosave of each earlier game, up to
        EARLIER_RUNS_KEPT of them), and that game's backups go.

        At every moment autosave.json is the old save or the new one. The data is
        written first, under temporary names, and only then renamed into place, so a
        failure to write (a full disk, say) changes nothing; renames need no space."""
        current = self._file(AUTOSAVE_SLOT)
        data = encode(AUTOSAVE_SLOT, "auto", story, state, meta)
        made: list[Path] = []
        try:
            new = write_temp(current, data)
            made.append(new)
            previous = self._previous(current)
            if previous is not None and previous.run == meta.run:
                backup = link_temp(current, self._file(f"{AUTOSAVE_SLOT}.1"))
                made.append(backup)
                for i in range(AUTOSAVE_BACKUPS - 1, 0, -1):
                    older = self._file(f"{AUTOSAVE_SLOT}.{i}")
                    if older.exists():
                        os.replace(older, self._file(f"{AUTOSAVE_SLOT}.{i + 1}"))
                commit(backup, self._file(f"{AUTOSAVE_SLOT}.1"))
            elif previous is not None:
                kept = self._file(run_slot(previous.run or _run_of(previous)))
                backup = link_temp(current, kept)
                made.append(backup)
                commit(backup, kept)
                for i in range(1, AUTOSAVE_BACKUPS + 1):
                    self._file(f"{AUTOSAVE_SLOT}.{i}").unlink(missing_ok=True)
            commit(new, current)
            if meta.run:  # this game is the current one again: no second copy of it
                self._file(run_slot(meta.run)).unlink(missing_ok=True)
            self._forget_old_runs()
        except OSError as exc:
            for tmp in made:
                discard(tmp)
            why = describe_os_error(exc, self.folder)
            raise SaveIOError(f"could not save: {why}", AUTOSAVE_SLOT, current) from exc
        return SaveInfo.of(AUTOSAVE_SLOT, current, decode(data, AUTOSAVE_SLOT, current))

    def _previous(self, current: Path) -> Envelope | None:
        """The autosave there, if it is one to keep (a damaged one is not)."""
        try:
            raw = read_limited(current, MAX_SAVE_BYTES)
        except FileNotFoundError:
            return None
        try:
            return decode(raw, AUTOSAVE_SLOT, current)
        except SaveError:
            return None

    def _forget_old_runs(self) -> None:
        """Keep the last autosave of EARLIER_RUNS_KEPT earlier games; older ones go."""
        runs = sorted(
            (p for p in self.folder.glob(f"{AUTOSAVE_SLOT}-*.json") if _RUN_FILE.fullmatch(p.stem)),
            key=lambda p: p.stat().st_mtime_ns,
            reverse=True,
        )
        for path in runs[EARLIER_RUNS_KEPT:]:
            path.unlink(missing_ok=True)

    def _write(self, slot: str, story: Story, state: GameState, meta: SaveMeta) -> SaveInfo:
        data = encode(slot, slot_kind(slot), story, state, meta)
        path = self._put(slot, data)
        return SaveInfo.of(slot, path, decode(data, slot, path))

    def _put(self, slot: str, data: bytes) -> Path:
        path = self._file(slot)
        try:
            atomic_write(path, data)
        except OSError as exc:
            why = describe_os_error(exc, self.folder)
            raise SaveIOError(f"could not save: {why}", slot, path) from exc
        return path

    def delete(self, slot: str) -> None:
        path = self.path(slot)
        try:
            path.unlink()
        except FileNotFoundError:
            raise SaveNotFoundError(f"there is no save named {slot!r}", slot, path) from None
        except OSError as exc:
            why = describe_os_error(exc, self.folder)
            raise SaveIOError(f"could not delete {slot!r}: {why}", slot, path) from exc

    # ---------------------------------------------------------- reading

    def _read(self, slot: str) -> tuple[str, Path, Envelope]:
        slot = check_slot_name(slot, for_saving=False)
        path = self._file(slot)
        try:
            raw = read_limited(path, MAX_SAVE_BYTES)
        except FileNotFoundError:
            raise SaveNotFoundError(
                f"there is no save named {slot!r} in {self.folder}", slot, path
            ) from None
        except OSError as exc:
            why = describe_os_error(exc, self.folder)
            raise SaveIOError(f"could not read {slot!r}: {why}", slot, path) from exc
        return slot, path, decode(raw, slot, path)

    def info(self, slot: str) -> SaveInfo:
        slot, path, envelope = self._read(slot)
        return SaveInfo.of(slot, path, envelope)

    def load(self, slot: str, story: Story, *, fallback: bool = False) -> LoadResult:
        """Resume the game saved as ``slot``. If the story lost the saved passage this
        raises NodeGoneError, unless ``fallback`` says to resume where it suggests."""
        slot, path, env = self._read(slot)
        if env.story.id != story.id:
            raise WrongStoryError(
                f"the save {slot!r} belongs to another story ({env.story.title or env.story.id})",
                slot,
                path,
            )
        title = env.passage.title if env.passage else env.state.node
        try:
            engine, notes = restore(
                story,
                env.state,
                same_story=env.story.content_hash == story.content_hash,
                player_name=env.player_name,
                saved_title=title,
                fallback=fallback,
            )
        except NodeGoneError as exc:
            raise NodeGoneError(
                exc.message,
                exc.fallback_node,
                exc.fallback_title,
                exc.saved_title,
                slot=slot,
                path=path,
            ) from None
        except StateError as exc:
            raise DamagedSaveError(
                f"the save {slot!r} does not fit the story it was saved from: {exc}", slot, path
            ) from None
        return LoadResult(engine, notes, SaveInfo.of(slot, path, env))

    def list(self) -> builtins.list[SaveInfo]:
        """Every save in the folder, newest first; damaged ones with their problem."""
        try:
            files = [p for p in self.folder.glob("*.json") if not p.name.startswith(".")]
        except OSError:
            return []
        found: builtins.list[tuple[float, int, SaveInfo]] = []
        for path in files:
            if is_profile_file(path.stem):  # profile.json, profile.damaged.json
                continue
            try:
                stat = path.stat()
            except OSError:
                continue  # deleted while we looked
            mtime, tie = stat.st_mtime, stat.st_mtime_ns
            try:
                info = self.info(path.stem)
                found.append((info.saved_at.timestamp() if info.saved_at else mtime, tie, info))
            except SaveNotFoundError:
                continue  # deleted while we looked
            except SaveError as exc:
                damaged = SaveInfo(path.stem, slot_kind(path.stem), path, exc.message)
                found.append((mtime, tie, damaged))
        found.sort(key=lambda entry: entry[:2], reverse=True)
        return [info for _, _, info in found]

    def newest(self, story: Story | None = None) -> SaveInfo | None:
        """The most recent save (of ``story``, and loadable into it, if given): what
        Continue resumes. A save whose passage is gone counts: loading offers a fallback."""
        for info in self.list():
            if info.damaged or (story is not None and info.story_id != story.id):
                continue
            if story is not None:
                try:
                    self.load(info.slot, story)
                except NodeGoneError:
                    pass
                except SaveError:
                    continue
            return info
        return None
