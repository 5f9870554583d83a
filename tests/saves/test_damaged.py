"""Damaged, foreign and future saves: one clear message, the rest untouched."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from elbe_game.engine import Engine, Story
from elbe_game.engine import savefile as saves_module
from elbe_game.engine.errors import DamagedSaveError, SaveError, SaveVersionError, WrongStoryError
from elbe_game.host.saves import SaveStore

from ..conftest import game


def edit_json(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def state(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["state"].__setitem__(key, value)


def full(store: SaveStore) -> bytes:
    return store.path("bad").read_bytes()


CASES: dict[str, tuple[Callable[[Path], object], type[SaveError], str]] = {
    "empty": (lambda p: p.write_bytes(b""), DamagedSaveError, "the file is empty"),
    "blank": (lambda p: p.write_bytes(b"  \n"), DamagedSaveError, "the file is empty"),
    "cut short": (
        lambda p: p.write_bytes(p.read_bytes()[:200]),
        DamagedSaveError,
        "cut short or not JSON",
    ),
    "last byte gone": (
        lambda p: p.write_bytes(p.read_bytes().rstrip()[:-1]),
        DamagedSaveError,
        "cut short or not JSON",
    ),
    "not JSON": (lambda p: p.write_text("node = crossing"), DamagedSaveError, "not JSON"),
    "not text": (lambda p: p.write_bytes(b"\xff\xfe\x00{"), DamagedSaveError, "not UTF-8"),
    "too deep": (lambda p: p.write_text("[" * 100_000), DamagedSaveError, "nested too deeply"),
    "a list": (lambda p: p.write_text("[1, 2]"), DamagedSaveError, "not an Elbe 1945 save"),
    "other JSON": (lambda p: p.write_text('{"a": 1}'), DamagedSaveError, "not an Elbe 1945 save"),
    "no version": (
        lambda p: edit_json(p, lambda d: d.pop("version")),
        DamagedSaveError,
        "no format version",
    ),
    "no story": (
        lambda p: edit_json(p, lambda d: d.pop("story")),
        DamagedSaveError,
        "missing required field `story`",
    ),
    "turn is text": (
        lambda p: edit_json(p, state("turn", "three")),
        DamagedSaveError,
        "expected `int`, got `str` at state.turn",
    ),
    "bad date": (
        lambda p: edit_json(p, lambda d: d.__setitem__("saved_at", "yesterday")),
        DamagedSaveError,
        "not a date and time",
    ),
    "unknown node": (
        lambda p: edit_json(p, state("node", "nowhere")),
        DamagedSaveError,
        "the story has no node 'nowhere'",
    ),
    "unknown choice": (
        lambda p: edit_json(p, lambda d: d["state"]["path"][1].__setitem__("choice", "fly")),
        DamagedSaveError,
        "node 'mulde_supply' has no choice 'fly'",
    ),
    "unknown item": (
        lambda p: edit_json(p, state("inventory", ["tank"])),
        DamagedSaveError,
        "no item 'tank'",
    ),
    "newer format": (
        lambda p: edit_json(p, lambda d: d.__setitem__("version", 99)),
        SaveVersionError,
        "newer version of the game",
    ),
    "unknown old format": (
        lambda p: edit_json(p, lambda d: d.__setitem__("version", 0)),
        DamagedSaveError,
        "save format 0 is unknown",
    ),
    "another story": (
        lambda p: edit_json(p, lambda d: d["story"].__setitem__("id", "other")),
        WrongStoryError,
        "belongs to another story",
    ),
}


FITS_ONLY = {"unknown node", "unknown choice", "unknown item", "another story"}


@pytest.mark.parametrize("case", CASES)
def test_damaged_save(case: str, store: SaveStore, played: Engine, sample_story: Story) -> None:
    damage, error, message = CASES[case]
    store.save("good", *game(played))
    store.save("bad", *game(played))
    damage(store.path("bad"))
    before = full(store)
    with pytest.raises(error) as caught:
        store.load("bad", sample_story)
    assert message in caught.value.message
    assert caught.value.slot == "bad" and "Traceback" not in caught.value.message
    # The others are still listed and loadable; the damaged one is listed, not hidden.
    infos = {i.slot: i for i in store.list()}
    assert set(infos) == {"good", "bad"}
    assert not infos["good"].damaged
    if case in FITS_ONLY:  # the file is sound; only loading it into this story fails
        assert not infos["bad"].damaged
        assert infos["bad"].fits(sample_story) is (error is not WrongStoryError)
    else:
        assert infos["bad"].damaged and message in (infos["bad"].problem or "")
    assert store.load("good", sample_story).engine.state == played.state
    assert store.newest(sample_story).slot == "good"  # type: ignore[union-attr]
    assert full(store) == before  # nothing overwritten


def test_migrations_run_in_one_place(
    monkeypatch: pytest.MonkeyPatch, store: SaveStore, played: Engine, sample_story: Story
) -> None:
    store.save("old", *game(played))
    edit_json(store.path("old"), lambda d: d.update(version=1, when=d.pop("saved_at")))

    def one_to_two(data: dict[str, Any]) -> dict[str, Any]:
        data["saved_at"] = data.pop("when")
        return data

    monkeypatch.setattr(saves_module, "SAVE_VERSION", 2)
    monkeypatch.setattr(saves_module, "_MIGRATIONS", {1: one_to_two})
    result = store.load("old", sample_story)
    assert result.engine.state == played.state and result.info.version == 2


def test_stray_files_in_the_folder(store: SaveStore, played: Engine) -> None:
    store.save("good", *game(played))
    (store.folder / ".good.json.123.abcd.tmp").write_text("half a sa")
    (store.folder / "notes.txt").write_text("not a save")
    (store.folder / "profile.json").write_text("{}")
    (store.folder / "profile.damaged.json").write_text("{")
    (store.folder / "we?ird.json").write_text("{}")
    infos = {i.slot: i for i in store.list()}
    assert set(infos) == {"good", "we?ird"}
    assert "cannot be a save name" in (infos["we?ird"].problem or "")
