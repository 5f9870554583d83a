"""Saving and loading keep every part of a game; slots, listing and the folder."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from elbe_game.engine import Engine, Story
from elbe_game.engine.errors import SaveNotFoundError, SlotNameError
from elbe_game.engine.savefile import SAVE_VERSION
from elbe_game.host.saves import AUTOSAVE_BACKUPS, SaveStore

from ..conftest import game


def test_round_trip_keeps_every_part_of_the_state(
    store: SaveStore, played: Engine, sample_story: Story
) -> None:
    store.save("bridge", *game(played, 754.25))
    result = store.load("bridge", sample_story)
    loaded = result.engine
    assert result.notes == []
    # The whole state, field by field, so a new field cannot slip through unnoticed.
    for field in played.state.__struct_fields__:
        assert getattr(loaded.state, field) == getattr(played.state, field), field
    assert loaded.state.rng == played.state.rng and loaded.state.seed == 1234
    assert loaded.state.vars["player_name"] == "Kim"
    assert set(loaded.state.inventory) == {"green_flares", "map_case"}
    assert loaded.state.codex == ["mulde_line", "five_mile_limit"]
    # The undo history is rebuilt from the path, back to the start.
    assert [s.to_dict() for s in loaded.undo_stack] == [s.to_dict() for s in played.undo_stack]
    assert loaded.journal() == played.journal()
    assert loaded.view() == played.view()
    # The random generator goes on exactly where it was.
    assert loaded.state.random(1, 1000) == played.state.random(1, 1000)


def test_metadata_for_the_load_screen(store: SaveStore, played: Engine) -> None:
    before = datetime.now().astimezone()
    info = store.save("bridge", *game(played, 754.25))
    assert info.slot == "bridge" and info.kind == "manual" and not info.damaged
    assert info.story_id == "elbe-sample" and info.content_hash == played.story.content_hash
    assert (info.node, info.title, info.date, info.time, info.place, info.turn) == (
        "mulde_crossing",
        "Across the Mulde",
        "24 April 1945",
        "09:30",
        "Kühren",
        3,
    )
    assert info.player_name == "Kim" and info.play_time == 754.25
    assert info.saved_at is not None and info.saved_at >= before.replace(microsecond=0)
    data = json.loads(info.path.read_text(encoding="utf-8"))
    assert data["format"] == "elbe-1945-save" and data["version"] == SAVE_VERSION
    first = data["state"]["path"][0]
    assert (first["node"], first["choice"]) == ("mulde_halt", "mulde_supply")
    assert store.info("bridge") == info


def test_undo_and_journal_reach_the_start_after_loading(
    store: SaveStore, played: Engine, sample_story: Story
) -> None:
    store.save("bridge", *game(played))
    engine = store.load("bridge", sample_story).engine
    assert len(engine.journal()) == 4
    nodes = []
    while engine.can_undo:
        nodes.append(engine.undo().node_id)
    assert nodes == ["mulde_halt", "mulde_supply", "mulde_halt"]
    assert engine.state.turn == 0 and engine.state.path == []


def test_a_game_at_its_start_and_at_an_ending(store: SaveStore, sample_story: Story) -> None:
    fresh = Engine.new_game(sample_story, seed=5)
    store.save("start", *game(fresh))
    assert store.load("start", sample_story).engine.state == fresh.state
    ended = Engine.new_game(sample_story, seed=5)
    ended.choose("mulde_crossing")
    ended.choose("mulde_beyond")
    store.save("end", *game(ended))
    loaded = store.load("end", sample_story).engine
    assert loaded.is_over and loaded.state.endings == ["toward_the_elbe"]


def test_autosave_keeps_rotating_backups(
    store: SaveStore, sample_story: Story, tmp_path: Path
) -> None:
    engine = Engine.new_game(sample_story, seed=1)
    turns = []
    for choice in ["mulde_supply", "mulde_halt", "mulde_crossing", "mulde_flare", "mulde_hold"]:
        engine.choose(choice)
        store.autosave(*game(engine))
        turns.append(engine.state.turn)
    slots = {i.slot: i.turn for i in store.list()}
    assert slots == {"autosave": 5, "autosave.1": 4, "autosave.2": 3, "autosave.3": 2}
    assert len(slots) == 1 + AUTOSAVE_BACKUPS
    assert store.load("autosave.2", sample_story).engine.state.turn == 3
    assert store.newest(sample_story) is not None
    assert store.newest(sample_story).slot == "autosave"  # type: ignore[union-attr]


def test_quicksave_and_loading_it(store: SaveStore, played: Engine, sample_story: Story) -> None:
    info = store.quicksave(*game(played, 3))
    assert info.kind == "quick" and info.slot == "quicksave"
    played.choose("mulde_hold")
    store.quicksave(*game(played))
    assert store.load("quicksave", sample_story).engine.state.node == "mulde_hold"
    with pytest.raises(SlotNameError):
        store.save("quicksave", *game(played))  # the game's own names are not for manual saves
    with pytest.raises(SlotNameError):
        store.save("Autosave.2", *game(played))


def test_list_is_newest_first_and_delete(
    store: SaveStore, played: Engine, sample_story: Story
) -> None:
    assert store.list() == [] and store.newest() is None  # the folder does not exist yet
    for name in ("first", "second", "third"):
        store.save(name, *game(played))
    assert [i.slot for i in store.list()] == ["third", "second", "first"]
    store.save("first", *game(played))  # saving again replaces and makes it the newest
    assert [i.slot for i in store.list()] == ["first", "third", "second"]
    store.delete("third")
    assert [i.slot for i in store.list()] == ["first", "second"]
    with pytest.raises(SaveNotFoundError):
        store.delete("third")
    with pytest.raises(SaveNotFoundError):
        store.load("third", sample_story)
    with pytest.raises(SlotNameError):
        store.delete("../first")


def test_newest_prefers_saves_of_the_story(
    store: SaveStore, played: Engine, sample_story: Story, edit_story
) -> None:
    other = edit_story(lambda manifest, nodes: manifest["story"].update(id="other"))
    store.save("mine", *game(played))
    store.save("theirs", *game(Engine.new_game(other, seed=1)))
    assert store.newest().slot == "theirs"  # type: ignore[union-attr]
    assert store.newest(sample_story).slot == "mine"  # type: ignore[union-attr]


def test_unicode_names_and_files(store: SaveStore, played: Engine, sample_story: Story) -> None:
    store.save("  Brücke über die Mulde  ", *game(played))
    assert [i.slot for i in store.list()] == ["Brücke über die Mulde"]
    assert store.load("Brücke über die Mulde", sample_story).engine.state.turn == 3


def test_a_damaged_autosave_is_replaced_not_kept_as_a_backup(
    store: SaveStore, played: Engine, sample_story: Story
) -> None:
    store.autosave(*game(played))
    store.autosave(*game(played))  # autosave.1 is a good backup now
    good_backup = (store.folder / "autosave.1.json").read_bytes()
    (store.folder / "autosave.json").write_text('{"format": "elbe-1945-save", "vers')
    store.autosave(*game(played))
    assert (store.folder / "autosave.1.json").read_bytes() == good_backup
    assert not (store.folder / "autosave.2.json").exists()
    assert store.load("autosave", sample_story).engine.state == played.state
