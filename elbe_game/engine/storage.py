"""Where saves live and how they are written: the folder, slot names, atomic writes.

    folder = saves_folder(cli_value)         # --saves-dir, $ELBE_GAME_SAVES, checkout, user data
    slot = check_slot_name("  Brücke ")      # "Brücke", or SlotNameError saying why not
    atomic_write(folder / f"{slot}.json", data)  # the old file or the new one, never half

Nothing here knows what is inside a save (that is ``savefile``); ``profile.json`` uses
the same folder and the same atomic writes.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import secrets
import time
import unicodedata
from pathlib import Path
from typing import Any

import platformdirs

from ..paths import checkout_root
from .errors import SaveIOError, SlotNameError

ENV_VAR = "ELBE_GAME_SAVES"
AUTOSAVE_SLOT = "autosave"
QUICKSAVE_SLOT = "quicksave"
MAX_SLOT_LENGTH = 64
PROFILE_NAME = "profile"  # profile.json shares the folder; no slot may take the name


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


# ------------------------------------------------------------------ atomic writes


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
    for leftover in folder.glob(f".{glob.escape(name)}.*.tmp"):
        try:
            if now - leftover.stat().st_mtime > older_than:
                leftover.unlink()
        except OSError:
            continue  # another writer's, or already gone


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
    if is_profile_file(slot):
        raise refuse("the game keeps that name for the profile")
    if for_saving and (lowered == QUICKSAVE_SLOT or _AUTOSAVE_FILE.fullmatch(slot)):
        raise refuse("the game keeps that name for its own saves")
    return slot


def is_profile_file(stem: str) -> bool:
    """``profile`` and ``profile.damaged``: the profile's files, never saves."""
    return stem.lower().split(".")[0] == PROFILE_NAME


def slot_kind(slot: str) -> str:
    """'auto', 'backup' (an older autosave), 'quick' or 'manual'."""
    lowered = slot.lower()
    if lowered == AUTOSAVE_SLOT:
        return "auto"
    if _AUTOSAVE_FILE.fullmatch(slot):
        return "backup"
    return "quick" if lowered == QUICKSAVE_SLOT else "manual"
