"""Save files: versioned JSON around a GameState, written atomically, resumed safely.

    store = SaveStore(saves_folder(cli_value))      # --saves-dir, $ELBE_GAME_SAVES, ...
    store.save("bridge", engine, SaveMeta(play_time=812.5))
    store.autosave(engine, meta)       # after every choice; older ones kept as backups
    store.quicksave(engine, meta)      # the one quick slot (F5); store.quickload(story) is F9
    result = store.load("bridge", story)            # LoadResult(engine, notes, info)
    store.list()                       # SaveInfo, newest first; damaged files have .problem
    store.newest(story)                # what "Continue" loads, or None
    store.delete("bridge")

The file format is documented in docs/saves.md. A game is resumed by replaying its saved
path from the start (so undo and the journal reach back to the beginning); when the
story was edited since, the state is fitted to it and every change is reported in
``LoadResult.notes``. The errors, all ``ElbeError``s and defined here:

    SaveError              .slot, .path
    ├── SlotNameError      the name cannot be a slot
    ├── SaveNotFoundError  no save under that name
    ├── DamagedSaveError   empty, cut short, not JSON, wrong shape, or does not fit
    ├── SaveVersionError   written by a newer version of the game
    ├── WrongStoryError    a save of another story
    ├── NodeGoneError      the saved passage is gone; load(..., fallback=True) resumes
    │                      at .fallback_node, the last passage on the path still there
    └── SaveIOError        the folder is missing, read-only or full
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import json
import math
import os
import re
import secrets
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec
import platformdirs

from .. import __version__
from ..paths import checkout_root
from .errors import ElbeError, StateError
from .model import Story
from .runtime import Engine, check_state
from .state import GameState, Step
from .validate import PLAYER_NAME

FORMAT = "elbe-1945-save"
SAVE_VERSION = 1  # bump it, and add a step to _MIGRATIONS, whenever the format changes
ENV_VAR = "ELBE_GAME_SAVES"
AUTOSAVE_SLOT = "autosave"
QUICKSAVE_SLOT = "quicksave"
AUTOSAVE_BACKUPS = 3  # autosave.1.json (newest) .. autosave.3.json
MAX_SLOT_LENGTH = 64
MAX_SAVE_BYTES = 16 * 1024 * 1024
PROFILE_NAME = "profile"  # profile.json shares the folder; no slot may take the name

# Migrations: version n -> a function turning a version-n dict into a version n+1 dict.
_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


# ------------------------------------------------------------------ errors


class SaveError(ElbeError):
    """A save that cannot be written, read or used; ``slot`` and ``path`` say which."""

    def __init__(self, message: str, slot: str = "", path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.slot = slot
        self.path = path


class SlotNameError(SaveError):
    pass


class SaveNotFoundError(SaveError):
    pass


class DamagedSaveError(SaveError):
    pass


class SaveVersionError(SaveError):
    pass


class WrongStoryError(SaveError):
    pass


class SaveIOError(SaveError):
    pass


class NodeGoneError(SaveError):
    """The story no longer has the saved passage. ``fallback_node`` (and its title) is
    where ``SaveStore.load(..., fallback=True)`` would resume instead."""

    def __init__(self, message: str, fallback_node: str, fallback_title: str) -> None:
        super().__init__(message)
        self.fallback_node = fallback_node
        self.fallback_title = fallback_title


# ------------------------------------------------------------------ the folder


def saves_folder(explicit: Path | None = None, environ: Any = None) -> Path:
    """Where saves live: ``explicit`` (--saves-dir), else $ELBE_GAME_SAVES, else
    ``saves/`` in a checkout, else the user data folder."""
    if explicit is not None:
        return Path(explicit).expanduser()
    env = (os.environ if environ is None else environ).get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    root = checkout_root()
    if root is not None:
        return root / "saves"
    return platformdirs.user_data_path("elbe-game", appauthor=False) / "saves"


def describe_os_error(exc: OSError, folder: Path) -> str:
    """One plain sentence for a failed read or write."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: f"the folder {folder} is read-only",
        errno.EACCES: f"there is no permission to write in {folder}",
        errno.EPERM: f"there is no permission to write in {folder}",
        errno.ENOENT: f"the folder {folder} does not exist",
        errno.ENOTDIR: f"{folder} is not a folder",
        errno.EEXIST: f"{folder} is not a folder",  # from mkdir over a file
    }
    return reasons.get(exc.errno or 0, f"{exc.strerror or exc} ({folder})")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash at any moment leaves the old file
    or the new one: a temporary file in the same folder, flushed, fsynced, renamed."""
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # the folder is the problem; the message says so
            tmp.unlink(missing_ok=True)
        raise SaveIOError(f"could not save: {describe_os_error(exc, folder)}", path=path) from exc
    _sync_folder(folder)
    _clean_stale_temps(folder, path.name)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on folders; the data is already synced
    finally:
        os.close(fd)


def _clean_stale_temps(folder: Path, name: str, older_than: float = 60.0) -> None:
    """Remove temporary files left by a writer that was killed mid-save."""
    now = time.time()
    for leftover in folder.glob(f".{glob_escape(name)}.*.tmp"):
        try:
            if now - leftover.stat().st_mtime > older_than:
                leftover.unlink()
        except OSError:
            continue  # another writer's, or already gone


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


# ------------------------------------------------------------------ slot names

_WINDOWS_DEVICES = {"con", "prn", "aux", "nul"} | {
    f"{p}{i}" for p in ("com", "lpt") for i in range(10)
}
_NOT_IN_NAMES = set('/\\:*?"<>|')
_AUTOSAVE_FILE = re.compile(rf"{AUTOSAVE_SLOT}(\.[1-9][0-9]*)?", re.IGNORECASE)


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
    lowered = slot.lower()
    if lowered.split(".")[0] == PROFILE_NAME:
        raise refuse("the game keeps that name for the profile")
    if for_saving and (lowered == QUICKSAVE_SLOT or _AUTOSAVE_FILE.fullmatch(slot)):
        raise refuse("the game keeps that name for its own saves")
    return slot


def slot_kind(slot: str) -> str:
    """'auto', 'backup' (an older autosave), 'quick' or 'manual'."""
    lowered = slot.lower()
    if lowered == AUTOSAVE_SLOT:
        return "auto"
    if _AUTOSAVE_FILE.fullmatch(slot):
        return "backup"
    return "quick" if lowered == QUICKSAVE_SLOT else "manual"


# ------------------------------------------------------------------ the format


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


class _Envelope(msgspec.Struct, kw_only=True):
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


@dataclass
class LoadResult:
    engine: Engine
    notes: list[str]  # what changed to fit an edited story, for the player to read
    info: SaveInfo


def encode(slot: str, engine: Engine, meta: SaveMeta | None = None) -> bytes:
    """The bytes of a save file for ``engine``'s game."""
    meta = meta or SaveMeta()
    state, node, story = engine.state, engine.node, engine.story
    start = engine.undo_stack[0] if engine.undo_stack else state
    name = start.vars.get(PLAYER_NAME)
    envelope = _Envelope(
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


def decode(raw: bytes, slot: str = "", path: Path | None = None) -> _Envelope:
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
        where = f"line {exc.lineno}, column {exc.colno}"
        raise damaged(f"it is cut short or not JSON ({exc.msg} at {where})") from None
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
        envelope = msgspec.convert(data, _Envelope, strict=True)
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


def _info(slot: str, path: Path, env: _Envelope) -> SaveInfo:
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


# ------------------------------------------------------------------ the store


class SaveStore:
    """The saves in one folder. Every method either does its job or raises a SaveError
    with a message fit to show the player; nothing is overwritten on a failed load."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, slot: str) -> Path:
        return self.folder / f"{check_slot_name(slot, for_saving=False)}.json"

    # ---------------------------------------------------------- writing

    def save(self, slot: str, engine: Engine, meta: SaveMeta | None = None) -> SaveInfo:
        """A named save; replaces an earlier save of the same name."""
        return self._write(check_slot_name(slot), engine, meta)

    def quicksave(self, engine: Engine, meta: SaveMeta | None = None) -> SaveInfo:
        return self._write(QUICKSAVE_SLOT, engine, meta)

    def autosave(self, engine: Engine, meta: SaveMeta | None = None) -> SaveInfo:
        """Write the autosave, first keeping the previous ones as autosave.1 .. .N.
        At every moment autosave.json is the old save or the new one."""
        current = self.folder / f"{AUTOSAVE_SLOT}.json"
        try:
            for i in range(AUTOSAVE_BACKUPS - 1, 0, -1):
                older = self.folder / f"{AUTOSAVE_SLOT}.{i}.json"
                if older.exists():
                    os.replace(older, self.folder / f"{AUTOSAVE_SLOT}.{i + 1}.json")
            previous = current.read_bytes() if current.exists() else None
        except OSError as exc:
            why = describe_os_error(exc, self.folder)
            raise SaveIOError(f"could not autosave: {why}", AUTOSAVE_SLOT, current) from exc
        if previous is not None and AUTOSAVE_BACKUPS:
            atomic_write(self.folder / f"{AUTOSAVE_SLOT}.1.json", previous)
        return self._write(AUTOSAVE_SLOT, engine, meta)

    def _write(self, slot: str, engine: Engine, meta: SaveMeta | None) -> SaveInfo:
        data = encode(slot, engine, meta)
        path = self.folder / f"{slot}.json"
        try:
            atomic_write(path, data)
        except SaveIOError as exc:
            raise SaveIOError(exc.message, slot, path) from exc
        return _info(slot, path, decode(data, slot, path))

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

    def _read(self, slot: str) -> tuple[str, Path, _Envelope]:
        slot = check_slot_name(slot, for_saving=False)
        path = self.folder / f"{slot}.json"
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
        return _info(slot, path, envelope)

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
        return LoadResult(engine, notes, _info(slot, path, env))

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
            if path.stem.lower().split(".")[0] == PROFILE_NAME:  # profile(.damaged).json
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


# ------------------------------------------------------------------ resuming

_REPLAY_ERRORS = (ElbeError, LookupError, TypeError, ValueError, ArithmeticError)


def _value_type(value: object) -> str:
    return "bool" if isinstance(value, bool) else "int" if isinstance(value, int) else "str"


def _replay(
    story: Story, seed: int, player_name: str | None, path: builtins.list[Step]
) -> tuple[builtins.list[GameState], str | None]:
    """Play ``path`` again from the start. Returns the states reached (the state before
    step i is reached[i]) and, if the replay stopped early, why."""
    try:
        engine = Engine.new_game(story, seed=seed, player_name=player_name)
    except _REPLAY_ERRORS as exc:
        return [], f"the story's beginning cannot be played again ({exc})"
    for turn, step in enumerate(path, 1):
        here = engine.state.node
        if here != step.node:
            problem = f"at turn {turn} the story now leads to {engine.node.title!r}"
            return [*engine.undo_stack, engine.state], problem
        try:
            engine.choose(step.choice)
        except _REPLAY_ERRORS as exc:
            problem = f"at turn {turn}, in {engine.node.title!r}: {exc}"
            return [*engine.undo_stack, engine.state], problem
    return [*engine.undo_stack, engine.state], None


def _fit(story: Story, state: GameState) -> builtins.list[str]:
    """Fit a saved state to an edited story, in place; returns what was changed."""
    notes = []
    dropped = [name for name in state.vars if name not in story.variables]
    for name in dropped:
        del state.vars[name]
    added, reset = [], []
    for name, var in story.variables.items():
        if name not in state.vars:
            state.vars[name] = var.default
            added.append(name)
        elif _value_type(state.vars[name]) != var.type:
            state.vars[name] = var.default
            reset.append(name)
        else:
            state.vars[name] = var.clamp(state.vars[name])
    if added:
        notes.append(f"New in the story, starting at their defaults: {', '.join(added)}.")
    if dropped:
        notes.append(f"No longer in the story, so dropped: {', '.join(dropped)}.")
    if reset:
        notes.append(f"Changed type in the story, so reset to their defaults: {', '.join(reset)}.")
    for key, table, what in (
        ("inventory", story.items, "items"),
        ("codex", story.codex, "codex entries"),
    ):
        kept = [i for i in getattr(state, key) if i in table]
        gone = [i for i in getattr(state, key) if i not in table]
        setattr(state, key, kept)
        if gone:
            notes.append(f"These {what} are no longer in the story: {', '.join(gone)}.")
    state.endings = [e for e in state.endings if e in story.endings]
    state.visit_counts = {n: c for n, c in state.visit_counts.items() if n in story.nodes}
    state.last_visit = {n: t for n, t in state.last_visit.items() if n in story.nodes}
    kept_steps = []
    for step in state.path:
        node = story.nodes.get(step.node)
        if node is not None and node.choice(step.choice) is not None:
            kept_steps.append(step)
    if len(kept_steps) < len(state.path):
        gone_steps = len(state.path) - len(kept_steps)
        notes.append(
            f"{gone_steps} earlier step(s) passed through parts of the story that are gone; the journal leaves them out."
        )
        state.path = kept_steps
    return notes


def restore(
    story: Story,
    saved: GameState,
    *,
    same_story: bool,
    player_name: str | None,
    saved_title: str,
    fallback: bool = False,
) -> tuple[Engine, builtins.list[str]]:
    """An engine for ``saved``, with its undo history rebuilt by replaying the path.

    ``same_story``: the story's content hash is the one the save was made with; then
    the state must fit exactly (StateError if not). Otherwise it is fitted to the story
    and the notes say what changed; NodeGoneError if the saved passage is gone and not
    ``fallback``."""
    state = saved.copy()
    notes: builtins.list[str] = []
    if same_story:
        check_state(story, state)
    else:
        notes.append("The story has been edited since this save was made.")
    path = builtins.list(saved.path)
    if state.node not in story.nodes:
        index = next((i for i in range(len(path) - 1, -1, -1) if path[i].node in story.nodes), None)
        target = story.start if index is None else path[index].node
        target_title = story.nodes[target].title
        if not fallback:
            raise NodeGoneError(
                f"the passage this game was saved at ({saved_title!r}) is no longer in the "
                f"story; it can resume at {target_title!r}, the last passage on its path "
                "that still exists",
                target,
                target_title,
            )
        reached, problem = _replay(story, saved.seed, player_name, path)
        notes.append(f"The passage {saved_title!r} is gone; resuming at {target_title!r}.")
        index = 0 if index is None else index
        if index < len(reached) and reached[index].node == target:
            state = reached[index].copy()
            undo = reached[:index]
        else:
            state.node, state.path, state.turn = target, path[:index], index
            notes += _fit(story, state)
            notes.append(
                f"The rest of the game could not be replayed ({problem}); your state is kept as it was saved."
            )
            undo = reached
        check_state(story, state)
        return Engine(story, state, undo_stack=undo), notes
    if not same_story:
        notes += _fit(story, state)
        check_state(story, state)
    reached, problem = _replay(story, saved.seed, player_name, path)
    if problem is None:
        undo = reached[:-1]
    else:
        undo = reached
        notes.append(
            f"Undo reaches back through {len(reached)} passage(s) only: replaying the saved "
            f"path stopped {problem}."
        )
    return Engine(story, state, undo_stack=undo), notes
