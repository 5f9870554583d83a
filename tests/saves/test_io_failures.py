"""A save folder that is missing, read-only or full: a message, and the game goes on."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from elbe_game.engine import Engine, Story
from elbe_game.engine.errors import SaveIOError
from elbe_game.host import files as files_module
from elbe_game.host.saves import SaveStore

from ..conftest import game, plain_game


def test_a_missing_folder_is_created(tmp_path: Path, played: Engine, sample_story: Story) -> None:
    store = SaveStore(tmp_path / "deep" / "er" / "saves")
    assert store.list() == []
    store.save("s", *game(played))
    assert store.load("s", sample_story).engine.state == played.state


def test_a_folder_that_is_a_file(tmp_path: Path, played: Engine, sample_story: Story) -> None:
    (tmp_path / "saves").write_text("I am a file")
    store = SaveStore(tmp_path / "saves")
    not_a_folder = f"could not save: {tmp_path / 'saves'} is not a folder"
    for write in (lambda: store.save("s", *game(played)), lambda: store.autosave(*game(played))):
        with pytest.raises(SaveIOError) as info:
            write()
        assert info.value.message == not_a_folder
    with pytest.raises(SaveIOError, match="could not read"):
        store.load("s", sample_story)
    assert store.list() == [] and store.newest() is None
    assert (tmp_path / "saves").read_text() == "I am a file"


@pytest.mark.parametrize(
    ("code", "message"),
    [(errno.ENOSPC, "the disk is full"), (errno.EDQUOT, "quota")],
)
def test_a_full_disk_keeps_the_old_save(
    monkeypatch: pytest.MonkeyPatch,
    store: SaveStore,
    played: Engine,
    sample_story: Story,
    code: int,
    message: str,
) -> None:
    store.save("s", *game(played))
    store.autosave(*game(played))
    before = {p.name: p.read_bytes() for p in store.folder.iterdir()}
    played.choose("mulde_hold")

    def full(fd: int, data: bytes) -> None:
        os.write(fd, data[:10])
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files_module, "_write_all", full)
    with pytest.raises(SaveIOError, match=message):
        store.save("s", *game(played))
    with pytest.raises(SaveIOError, match=message):
        store.quicksave(*game(played))
    with pytest.raises(SaveIOError, match=message):
        store.autosave(*game(played))
    assert store.load("s", sample_story).engine.state.node == "mulde_crossing"
    # every file as it was (the save, the autosave), no quick save, no temporary files
    assert {p.name: p.read_bytes() for p in store.folder.iterdir()} == before


def test_a_read_only_folder(
    monkeypatch: pytest.MonkeyPatch, store: SaveStore, played: Engine, sample_story: Story
) -> None:
    store.save("s", *game(played))
    real_open = os.open

    def read_only(path: object, flags: int, *args: object) -> int:
        if flags & os.O_CREAT and str(store.folder) in str(path):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(os, "open", read_only)
        with pytest.raises(SaveIOError, match="read-only"):
            store.save("s", *game(played))
        assert store.load("s", sample_story).engine.state == played.state  # reading works


def test_plain_game_goes_on_when_saving_fails(tmp_path: Path, sample_story: Story) -> None:
    (tmp_path / "saves").write_text("I am a file")
    commands = "1\n1\nsave bridge\nload bridge\nsaves\n1\nquit\n"
    game, out = plain_game(sample_story, tmp_path / "saves", commands)
    assert game.run() == 0
    text = out.getvalue()
    assert text.count("(Autosave failed:") == 1  # told once, not every turn
    assert "is not a folder. The game goes on.)" in " ".join(text.split())
    assert "Not saved: could not save:" in text
    assert "Not loaded: could not read 'bridge'" in text
    assert "Across the Mulde\n24 April 1945" in text and text.endswith("Goodbye.\n")
