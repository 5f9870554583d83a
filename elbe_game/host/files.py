"""The one way the game writes a file, and the one way it describes a failed read or write.

    atomic_write(path, data)          # the old file or the new one, never half of either
    read_limited(path, limit)         # bytes, at most limit + 1 of them
    describe_os_error(exc, folder)    # "the disk is full", "the folder … is read-only"

No game code here (it imports nothing of the engine, so the settings can use it before
the story loads). Saves, the profile and the settings all go through ``atomic_write``: a temporary file
in the same folder, written, flushed and fsynced, renamed over the old one, then the
folder itself fsynced, so a crash or a full disk at any moment leaves the old file or
the new one. Temporary files left by a writer that was killed are cleaned up later.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import secrets
import time
from pathlib import Path

__all__ = [
    "STALE_SECONDS",
    "atomic_write",
    "clean_stale_temps",
    "describe_os_error",
    "read_limited",
]

STALE_SECONDS = 60.0
"""A temporary file older than this was left by a writer that died: it is removed."""


def describe_os_error(exc: OSError, folder: Path) -> str:
    """One plain sentence for a failed read or write in ``folder``."""
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


def read_limited(path: Path, limit: int) -> bytes:
    """The file's bytes, reading no more than ``limit + 1`` (so a caller can tell that a
    file is too large without reading all of it). OSError as ``open`` raises it."""
    with path.open("rb") as handle:
        return handle.read(limit + 1)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``. On failure the OSError is raised with the old
    file untouched and no temporary file left behind (``describe_os_error`` says why
    in a sentence)."""
    commit(write_temp(path, data), path)


def temp_name(path: Path) -> Path:
    """A fresh temporary name beside ``path`` (``clean_stale_temps`` knows the form)."""
    return path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


def write_temp(path: Path, data: bytes) -> Path:
    """``data`` written and fsynced to a temporary file beside ``path``, for ``commit``
    (the folder is made if need be). On failure nothing is left behind."""
    folder = path.parent
    tmp = temp_name(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        discard(tmp)  # the folder or the disk is the problem, not the file
        raise
    return tmp


def link_temp(path: Path, beside: Path) -> Path:
    """A temporary second name for the file ``path``, beside ``beside``: a hard link
    (no data is copied, so a full disk does not stop it), or a copy where the file
    system has no hard links."""
    tmp = temp_name(beside)
    try:
        os.link(path, tmp)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.ENOENT):
            raise
        return write_temp(beside, path.read_bytes())
    return tmp


def commit(tmp: Path, path: Path) -> None:
    """Rename the temporary file ``tmp`` over ``path`` and make the rename durable."""
    try:
        os.replace(tmp, path)
    except OSError:
        discard(tmp)
        raise
    sync_folder(path.parent)
    clean_stale_temps(path.parent, path.name)


def discard(tmp: Path) -> None:
    """Remove a temporary file that will not be committed (quietly: it may be gone)."""
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on folders; the data is already synced
    finally:
        os.close(fd)


def clean_stale_temps(folder: Path, name: str, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove temporary files of ``name`` left by a writer that was killed mid-write;
    returns those removed. Younger ones may belong to a writer still at work."""
    now = time.time()
    removed = []
    for leftover in folder.glob(f".{glob.escape(name)}.*.tmp"):
        try:
            if now - leftover.stat().st_mtime > older_than:
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            continue  # another writer's, or already gone
    return removed
