"""Atomic writes, bounded reads, hard-linked temporary names and the sentences for
failed reads and writes."""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from elbe_game.host import files as files_module
from elbe_game.host.files import (
    STALE_SECONDS,
    atomic_write,
    describe_os_error,
    link_temp,
    read_limited,
)


class RecordingOs:
    """Stands in for ``os`` inside ``elbe_game.host.files``: records what is done with
    descriptors (and renames), and hands every call on to the real ``os``."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.link: Callable[[Any, Any], None] = os.link  # a test may make it fail

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def open(self, path: Any, flags: int, *args: Any) -> int:
        fd = os.open(path, flags, *args)
        self.calls.append(("open", Path(path), fd))
        return fd

    def fsync(self, fd: int) -> None:
        self.calls.append(("fsync", fd))
        os.fsync(fd)

    def close(self, fd: int) -> None:
        self.calls.append(("close", fd))
        os.close(fd)

    def replace(self, src: Any, dst: Any) -> None:
        self.calls.append(("replace", Path(src), Path(dst)))
        os.replace(src, dst)

    def trace(self, role_of: Callable[[Path], str | None]) -> list[tuple[str, str]]:
        """The calls as (what, whose): each descriptor named by the role ``role_of``
        gives the path it was opened on (descriptor numbers are reused)."""
        roles: dict[int, str] = {}
        out: list[tuple[str, str]] = []
        for call in self.calls:
            if call[0] == "open":
                role = role_of(call[1])
                if role is not None:
                    roles[call[2]] = role
                    out.append(("open", role))
            elif call[0] == "replace":
                out.append(("replace", call[2].name))
            elif call[1] in roles:
                out.append((call[0], roles[call[1]]))
                if call[0] == "close":
                    del roles[call[1]]
        return out


@pytest.fixture
def fake_os(monkeypatch: pytest.MonkeyPatch) -> RecordingOs:
    recording = RecordingOs()
    monkeypatch.setattr(files_module, "os", recording)
    return recording


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def errname(value: object) -> str | None:
    """Test ids that read ENOSPC rather than 28."""
    return errno.errorcode.get(value) if isinstance(value, int) else None


def temp_form(name: str) -> re.Pattern[str]:
    """The temporary names beside a file called ``name``: .NAME.PID.HEX.tmp"""
    return re.compile(rf"\.{re.escape(name)}\.\d+\.[0-9a-f]{{8}}\.tmp")


def roles_for(path: Path) -> Callable[[Path], str | None]:
    def role_of(opened: Path) -> str | None:
        if opened == path.parent:
            return "folder"
        if opened.parent == path.parent and temp_form(path.name).fullmatch(opened.name):
            return "temp"
        return None

    return role_of


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# ------------------------------------------------------------------ atomic_write


def test_atomic_write_writes_the_bytes_and_replaces_the_old_ones(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b"the old contents, longer than the new ones")
    atomic_write(path, b"new \x00\xff bytes")
    assert path.read_bytes() == b"new \x00\xff bytes"
    assert names(tmp_path) == {"f.json"}


def test_atomic_write_makes_the_file_readable_by_all_writable_by_its_owner(
    tmp_path: Path, umask_022: None
) -> None:
    path = tmp_path / "f.json"
    atomic_write(path, b"{}")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_atomic_write_creates_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "f.json"
    atomic_write(path, b"{}")
    assert path.read_bytes() == b"{}"
    assert names(path.parent) == {"f.json"}


def test_the_data_is_fsynced_on_the_files_own_descriptor_which_is_closed(
    tmp_path: Path, fake_os: RecordingOs
) -> None:
    path = tmp_path / "f.json"
    atomic_write(path, b"data")
    trace = fake_os.trace(roles_for(path))
    assert [step for step in trace if step[1] == "temp"] == [
        ("open", "temp"),
        ("fsync", "temp"),
        ("close", "temp"),
    ]
    # the data is on the disk before the new name points at it
    assert trace.index(("fsync", "temp")) < trace.index(("replace", "f.json"))


def test_the_folder_is_fsynced_after_the_rename(tmp_path: Path, fake_os: RecordingOs) -> None:
    path = tmp_path / "f.json"
    atomic_write(path, b"data")
    trace = fake_os.trace(roles_for(path))
    assert [step for step in trace if step[1] == "folder"] == [
        ("open", "folder"),
        ("fsync", "folder"),
        ("close", "folder"),
    ]
    assert trace.index(("replace", "f.json")) < trace.index(("fsync", "folder"))


def test_a_failed_write_raises_and_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, fake_os: RecordingOs, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b"the old save")
    raised: list[OSError] = []

    def full(fd: int, data: bytes) -> None:
        os.write(fd, data[:3])
        raised.append(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
        raise raised[0]

    monkeypatch.setattr(files_module, "_write_all", full)
    with pytest.raises(OSError) as info:
        atomic_write(path, b"the new save")
    assert info.value is raised[0]
    assert info.value.errno == errno.ENOSPC
    assert path.read_bytes() == b"the old save"
    assert names(tmp_path) == {"f.json"}
    assert [step for step in fake_os.trace(roles_for(path)) if step[1] == "temp"] == [
        ("open", "temp"),
        ("close", "temp"),
    ]


def test_stale_temporary_files_of_the_same_name_are_removed_after_a_write(
    tmp_path: Path,
) -> None:
    now = time.time()
    stale = tmp_path / ".f.json.111.0badc0de.tmp"
    young = tmp_path / ".f.json.222.feedf00d.tmp"  # another writer still at work
    others = tmp_path / ".g.json.333.0badc0de.tmp"  # another file's
    for leftover, age in ((stale, STALE_SECONDS + 30), (young, 1), (others, STALE_SECONDS + 30)):
        leftover.write_bytes(b"half a save")
        os.utime(leftover, (now - age, now - age))
    atomic_write(tmp_path / "f.json", b"{}")
    assert names(tmp_path) == {"f.json", young.name, others.name}


# ------------------------------------------------------------------ read_limited


def test_read_limited_reads_at_most_one_byte_more_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big"
    data = bytes(range(100))
    path.write_bytes(data)
    assert read_limited(path, 10) == data[:11]
    assert read_limited(path, 1000) == data


# ------------------------------------------------------------------ link_temp


def test_link_temp_is_a_hard_link_to_the_same_file_beside_the_target(tmp_path: Path) -> None:
    source = tmp_path / "autosave.json"
    source.write_bytes(b"the autosave")
    tmp = link_temp(source, tmp_path / "autosave.1.json")
    assert tmp.parent == tmp_path
    assert temp_form("autosave.1.json").fullmatch(tmp.name)
    assert tmp.stat().st_ino == source.stat().st_ino
    assert source.stat().st_nlink == 2
    assert not (tmp_path / "autosave.1.json").exists()


@pytest.mark.parametrize("code", [errno.EPERM, errno.EXDEV], ids=errname)
def test_link_temp_copies_where_there_are_no_hard_links(
    tmp_path: Path, fake_os: RecordingOs, code: int
) -> None:
    def no_links(src: Any, dst: Any) -> None:
        raise OSError(code, os.strerror(code))

    fake_os.link = no_links
    source = tmp_path / "autosave.json"
    source.write_bytes(b"the autosave")
    tmp = link_temp(source, tmp_path / "autosave.1.json")
    assert temp_form("autosave.1.json").fullmatch(tmp.name)
    assert tmp.read_bytes() == b"the autosave"
    assert tmp.stat().st_ino != source.stat().st_ino
    assert source.read_bytes() == b"the autosave"


@pytest.mark.parametrize(
    "code", [errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.ENOENT], ids=errname
)
def test_link_temp_raises_when_the_disk_not_the_link_is_the_problem(
    tmp_path: Path, fake_os: RecordingOs, code: int
) -> None:
    def failing(src: Any, dst: Any) -> None:
        raise OSError(code, os.strerror(code))

    fake_os.link = failing
    source = tmp_path / "autosave.json"
    source.write_bytes(b"the autosave")
    with pytest.raises(OSError) as info:
        link_temp(source, tmp_path / "autosave.1.json")
    assert info.value.errno == code
    assert names(tmp_path) == {"autosave.json"}


# ------------------------------------------------------------------ describe_os_error

FOLDER = Path("/games/elbe/saves")


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "the disk quota is used up"),
        (errno.EROFS, f"the folder {FOLDER} is read-only"),
        (errno.EACCES, f"there is no permission to write in {FOLDER}"),
        (errno.ENOENT, f"the folder {FOLDER} does not exist"),
        (errno.ENOTDIR, f"{FOLDER} is not a folder"),
        (errno.EIO, f"Input/output error ({FOLDER})"),
    ],
    ids=errname,
)
def test_describe_os_error(code: int, sentence: str) -> None:
    exc = OSError(code, "Input/output error" if code == errno.EIO else os.strerror(code))
    assert describe_os_error(exc, FOLDER) == sentence


def test_describe_os_error_without_an_errno() -> None:
    assert describe_os_error(OSError("the cable is out"), FOLDER) == f"the cable is out ({FOLDER})"
