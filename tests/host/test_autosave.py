"""The store's autosave on real files: backups as hard links, shifted and dropped; a
full disk that changes nothing; damaged and oversized files."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from elbe_game.engine import Engine, Story
from elbe_game.engine.errors import DamagedSaveError, SaveIOError
from elbe_game.engine.savefile import MAX_SAVE_BYTES
from elbe_game.host import files as files_module
from elbe_game.host import saves as saves_module
from elbe_game.host.saves import AUTOSAVE_BACKUPS, SaveStore

from ..conftest import game

MOVES = ["mulde_supply", "mulde_halt", "mulde_crossing", "mulde_flare", "mulde_hold"]


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


@pytest.fixture
def engine(sample_story: Story) -> Engine:
    return Engine.new_game(sample_story, seed=1)


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def inodes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in folder.iterdir()}


def test_the_previous_autosave_becomes_autosave_1_as_a_link_of_the_very_file(
    store: SaveStore, engine: Engine
) -> None:
    engine.choose(MOVES[0])
    store.autosave(*game(engine))
    old = store.folder / "autosave.json"
    old_inode, old_bytes = old.stat().st_ino, old.read_bytes()
    engine.choose(MOVES[1])
    store.autosave(*game(engine))
    backup = store.folder / "autosave.1.json"
    assert backup.stat().st_ino == old_inode
    assert backup.read_bytes() == old_bytes
    assert backup.stat().st_nlink == 1  # no temporary name left pointing at it
    assert old.stat().st_ino != old_inode
    assert set(contents(store.folder)) == {"autosave.json", "autosave.1.json"}


def test_backups_shift_and_the_oldest_beyond_the_limit_is_dropped(
    store: SaveStore, engine: Engine
) -> None:
    assert AUTOSAVE_BACKUPS == 3  # the names below are written for three
    written: list[tuple[int, bytes, int]] = []  # inode, bytes, turn of each autosave
    for move in MOVES:
        engine.choose(move)
        store.autosave(*game(engine))
        autosave = store.folder / "autosave.json"
        written.append((autosave.stat().st_ino, autosave.read_bytes(), engine.state.turn))
    files = contents(store.folder)
    assert set(files) == {"autosave.json", "autosave.1.json", "autosave.2.json", "autosave.3.json"}
    expected = {"autosave": written[4], "autosave.1": written[3], "autosave.2": written[2]}
    expected["autosave.3"] = written[1]
    for slot, (inode, data, _) in expected.items():
        assert (store.folder / f"{slot}.json").stat().st_ino == inode, slot
        assert files[f"{slot}.json"] == data, slot
    assert written[0][1] not in files.values()  # the first autosave is gone
    listed = [(i.slot, i.kind, i.turn, i.problem) for i in store.list()]
    assert listed == [
        ("autosave", "auto", written[4][2], None),
        ("autosave.1", "backup", written[3][2], None),
        ("autosave.2", "backup", written[2][2], None),
        ("autosave.3", "backup", written[1][2], None),
    ]


def test_a_full_disk_during_the_autosave_changes_nothing(
    store: SaveStore, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    for move in MOVES[:4]:
        engine.choose(move)
        store.autosave(*game(engine))
    store.save("bridge", *game(engine))
    before, before_inodes = contents(store.folder), inodes(store.folder)
    assert set(before) == {
        "autosave.json",
        "autosave.1.json",
        "autosave.2.json",
        "autosave.3.json",
        "bridge.json",
    }
    engine.choose(MOVES[4])

    def full(fd: int, data: bytes) -> None:
        os.write(fd, data[:100])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files_module, "_write_all", full)
    with pytest.raises(SaveIOError) as info:
        store.autosave(*game(engine))
    assert info.value.message == "could not save: the disk is full"
    assert contents(store.folder) == before  # the same names: no temporary files either
    assert inodes(store.folder) == before_inodes  # nothing renamed


def test_a_damaged_autosave_is_replaced_and_not_kept_as_a_backup(
    store: SaveStore, engine: Engine, sample_story: Story
) -> None:
    for move in MOVES[:2]:
        engine.choose(move)
        store.autosave(*game(engine))
    good_backup = store.folder / "autosave.1.json"
    good_inode, good_bytes = good_backup.stat().st_ino, good_backup.read_bytes()
    damaged = b'{"format": "elbe-1945-save", "vers'
    (store.folder / "autosave.json").write_bytes(damaged)
    engine.choose(MOVES[2])
    store.autosave(*game(engine))
    files = contents(store.folder)
    assert set(files) == {"autosave.json", "autosave.1.json"}
    assert damaged not in files.values()
    assert good_backup.stat().st_ino == good_inode
    assert files["autosave.1.json"] == good_bytes
    assert store.load("autosave", sample_story).engine.state == engine.state


def test_a_file_too_large_to_be_a_save_is_listed_damaged_and_read_only_in_part(
    store: SaveStore, sample_story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.folder.mkdir(parents=True)
    big = store.folder / "big.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_SAVE_BYTES + 10)  # sparse: costs no disk
    reads: list[tuple[str, int, int]] = []  # file, limit, bytes read
    real_read_limited = saves_module.read_limited

    def recording(path: Path, limit: int) -> bytes:
        data = real_read_limited(path, limit)
        reads.append((path.name, limit, len(data)))
        return data

    monkeypatch.setattr(saves_module, "read_limited", recording)
    problem = "the save 'big' is damaged: the file is too large to be a save"
    listed = store.list()
    assert [(i.slot, i.kind, i.damaged, i.problem) for i in listed] == [
        ("big", "manual", True, problem)
    ]
    assert reads == [("big.json", MAX_SAVE_BYTES, MAX_SAVE_BYTES + 1)]
    with pytest.raises(DamagedSaveError) as info:
        store.load("big", sample_story)
    assert info.value.message == problem
    assert reads[1:] == [("big.json", MAX_SAVE_BYTES, MAX_SAVE_BYTES + 1)]
