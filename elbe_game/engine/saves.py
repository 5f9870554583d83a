"""Save files: versioned JSON around a GameState, written atomically, resumed safely.

    store = SaveStore(saves_folder(cli_value))      # --saves-dir, $ELBE_GAME_SAVES, ...
    store.save("bridge", engine, SaveMeta(play_time=812.5))
    store.autosave(engine, meta)       # after every choice; older ones kept as backups
    store.quicksave(engine, meta)      # the one quick slot (F5); store.quickload(story) is F9
    result = store.load("bridge", story)            # LoadResult(engine, notes, info)
    store.list()                       # SaveInfo, newest first; damaged files have .problem
    store.newest(story)                # what "Continue" loads, or None
    store.delete("bridge")

This module is what front ends import: ``SaveStore`` and every name they need, from the
modules that do the work:

    storage      the folder (saves_folder), slot names, atomic writes
    savefile     the file format: SAVE_VERSION, migrations, encode/decode, SaveInfo
    resume       restore(): replaying the saved path, fitting the state to an edited story

The file format is documented in docs/saves.md. A game is resumed by replaying its saved
path from the start (so undo and the journal reach back to the beginning); when the
story was edited since, the state is fitted to it and every change is reported in
``LoadResult.notes``.
"""

from __future__ import annotations

import builtins
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import (
    DamagedSaveError,
    NodeGoneError,
    SaveError,
    SaveIOError,
    SaveNotFoundError,
    SaveVersionError,
    SlotNameError,
    StateError,
    WrongStoryError,
)
from .model import Story
from .resume import restore
from .runtime import Engine
from .savefile import (
    FORMAT,
    MAX_SAVE_BYTES,
    SAVE_VERSION,
    Envelope,
    SaveInfo,
    SaveMeta,
    decode,
    encode,
    save_info,
)
from .storage import (
    AUTOSAVE_SLOT,
    ENV_VAR,
    MAX_SLOT_LENGTH,
    PROFILE_NAME,
    QUICKSAVE_SLOT,
    atomic_write,
    check_slot_name,
    describe_os_error,
    is_profile_file,
    saves_folder,
    slot_kind,
)

__all__ = [
    "AUTOSAVE_BACKUPS",
    "AUTOSAVE_SLOT",
    "ENV_VAR",
    "FORMAT",
    "MAX_SAVE_BYTES",
    "MAX_SLOT_LENGTH",
    "PROFILE_NAME",
    "QUICKSAVE_SLOT",
    "SAVE_VERSION",
    "DamagedSaveError",
    "LoadResult",
    "NodeGoneError",
    "SaveError",
    "SaveIOError",
    "SaveInfo",
    "SaveMeta",
    "SaveNotFoundError",
    "SaveStore",
    "SaveVersionError",
    "SlotNameError",
    "WrongStoryError",
    "atomic_write",
    "check_slot_name",
    "decode",
    "describe_os_error",
    "encode",
    "restore",
    "saves_folder",
    "slot_kind",
]

AUTOSAVE_BACKUPS = 3  # autosave.1.json (newest) .. autosave.3.json


@dataclass
class LoadResult:
    engine: Engine
    notes: list[str]  # what changed to fit an edited story, for the player to read
    info: SaveInfo


class SaveStore:
    """The saves in one folder. Every method either does its job or raises a SaveError
    with a message fit to show the player; nothing is overwritten on a failed load."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, slot: str) -> Path:
        return self._file(check_slot_name(slot, for_saving=False))

    def _file(self, slot: str) -> Path:
        """The file of a slot whose name is already checked."""
        return self.folder / f"{slot}.json"

    # ---------------------------------------------------------- writing

    def save(self, slot: str, engine: Engine, meta: SaveMeta | None = None) -> SaveInfo:
        """A named save; replaces an earlier save of the same name."""
        return self._write(check_slot_name(slot), engine, meta)

    def quicksave(self, engine: Engine, meta: SaveMeta | None = None) -> SaveInfo:
        return self._write(QUICKSAVE_SLOT, engine, meta)

    def autosave(self, engine: Engine, meta: SaveMeta | None = None) -> SaveInfo:
        """Write the autosave, first keeping the previous ones as autosave.1 .. .N.
        At every moment autosave.json is the old save or the new one."""
        current = self._file(AUTOSAVE_SLOT)
        try:
            previous = current.read_bytes() if current.exists() else None
            if previous is not None:
                try:
                    decode(previous, AUTOSAVE_SLOT, current)
                except SaveError:
                    previous = None  # a damaged autosave is not worth keeping as a backup
            if previous is not None and AUTOSAVE_BACKUPS:
                for i in range(AUTOSAVE_BACKUPS - 1, 0, -1):
                    older = self._file(f"{AUTOSAVE_SLOT}.{i}")
                    if older.exists():
                        os.replace(older, self._file(f"{AUTOSAVE_SLOT}.{i + 1}"))
        except OSError as exc:
            why = describe_os_error(exc, self.folder)
            raise SaveIOError(f"could not autosave: {why}", AUTOSAVE_SLOT, current) from exc
        if previous is not None and AUTOSAVE_BACKUPS:
            atomic_write(self._file(f"{AUTOSAVE_SLOT}.1"), previous)
        return self._write(AUTOSAVE_SLOT, engine, meta)

    def _write(self, slot: str, engine: Engine, meta: SaveMeta | None) -> SaveInfo:
        data = encode(slot, engine, meta)
        path = self._file(slot)
        try:
            atomic_write(path, data)
        except SaveIOError as exc:
            raise SaveIOError(exc.message, slot, path) from exc
        return save_info(slot, path, decode(data, slot, path))

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
            with path.open("rb") as handle:
                raw = handle.read(MAX_SAVE_BYTES + 1)
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
        return save_info(slot, path, envelope)

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
            exc.slot, exc.path = slot, path
            raise
        except StateError as exc:
            raise DamagedSaveError(
                f"the save {slot!r} does not fit the story it was saved from: {exc}", slot, path
            ) from None
        return LoadResult(engine, notes, save_info(slot, path, env))

    def quickload(self, story: Story, *, fallback: bool = False) -> LoadResult:
        return self.load(QUICKSAVE_SLOT, story, fallback=fallback)

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
            except (SaveError, OSError) as exc:
                problem = exc.message if isinstance(exc, SaveError) else str(exc)
                damaged = SaveInfo(path.stem, slot_kind(path.stem), path, problem)
                found.append((mtime, tie, damaged))
        found.sort(key=lambda entry: entry[:2], reverse=True)
        return [info for _, _, info in found]

    def newest(self, story: Story | None = None) -> SaveInfo | None:
        """The most recent save (of ``story``, and loadable into it, if given): what
        Continue loads. A save whose passage is gone counts: loading offers a fallback."""
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
