"""Resuming after the story was edited: fit what can be fitted, say so, never crash."""

from __future__ import annotations

import json
from typing import Any

import pytest

from elbe_game.engine import Engine, Story
from elbe_game.engine.errors import NodeGoneError
from elbe_game.host.saves import SaveStore

from ..conftest import game
from .conftest import EditStory


def remove_crossing(manifest: dict[str, Any], nodes: dict[str, Any]) -> None:
    """The passage `played` was saved at goes; the halt now leads straight to the hold."""
    del nodes["mulde_crossing"]
    nodes["mulde_halt"]["choices"][1]["to"] = "mulde_hold"
    nodes["mulde_flare"]["choices"].clear()
    nodes["mulde_flare"]["choices"].append({"text": "Hold", "to": "mulde_hold"})


def test_an_edited_passage_text_only_gives_a_note(
    store: SaveStore, played: Engine, edit_story: EditStory
) -> None:
    story = edit_story(lambda m, n: n["mulde_hold"].update(text="A new ending text."))
    store.save("s", *game(played))
    result = store.load("s", story)
    assert result.notes == ["The story has been edited since this save was made."]
    assert result.engine.state.to_dict() == played.state.to_dict()
    assert len(result.engine.undo_stack) == 3
    assert store.info("s").content_hash != story.content_hash


def test_variable_added_and_removed(
    store: SaveStore, played: Engine, edit_story: EditStory
) -> None:
    def change(manifest: dict[str, Any], nodes: dict[str, Any]) -> None:
        del manifest["variables"]["patrol_safety"]
        manifest["variables"]["morale"] = {"type": "int", "default": 3, "label": "Morale"}
        nodes["mulde_crossing"]["choices"][1]["effects"] = {"add": {"standing": -2}}
        nodes["mulde_beyond"]["text"] = "You are past the line now."

    story = edit_story(change)
    store.save("s", *game(played))
    result = store.load("s", story)
    assert result.engine.state.vars == {"player_name": "Kim", "standing": 5, "morale": 3}
    text = " ".join(result.notes)
    assert "starting at their defaults: morale" in text
    assert "dropped: patrol_safety" in text
    engine = result.engine
    assert engine.choose("mulde_beyond").ending is not None  # still playable
    assert engine.undo().node_id == "mulde_crossing"
    while engine.can_undo:  # undo reaches the start
        engine.undo()
    assert engine.state.turn == 0


def test_saved_passage_removed_offers_the_last_one_still_there(
    store: SaveStore, played: Engine, edit_story: EditStory
) -> None:
    story = edit_story(remove_crossing)
    store.save("s", *game(played))
    with pytest.raises(NodeGoneError) as caught:
        store.load("s", story)
    error = caught.value
    assert error.fallback_node == "mulde_halt" and error.fallback_title == "The halt on the Mulde"
    assert "'Across the Mulde'" in error.message and error.slot == "s"
    result = store.load("s", story, fallback=True)
    engine = result.engine
    assert engine.state.node == "mulde_halt" and engine.state.turn == 2
    assert set(engine.state.inventory) == {"green_flares", "map_case"}
    assert "resuming at 'The halt on the Mulde'" in " ".join(result.notes)
    assert [c.id for c in engine.view().choices] == ["mulde_hold"]  # supply was once-only
    assert engine.undo().node_id == "mulde_supply"
    assert engine.undo().node_id == "mulde_halt" and not engine.can_undo
    # The file itself is untouched; saving the resumed game gives a clean save.
    assert json.loads(store.path("s").read_text())["state"]["node"] == "mulde_crossing"
    store.save("again", *game(engine))
    assert store.load("again", story).notes == []


def test_a_choice_on_the_path_removed_keeps_what_can_be_rebuilt(
    store: SaveStore, played: Engine, edit_story: EditStory
) -> None:
    def change(manifest: dict[str, Any], nodes: dict[str, Any]) -> None:
        del nodes["mulde_halt"]["choices"][0]  # the supply run is gone

    story = edit_story(change)
    store.save("s", *game(played))
    result = store.load("s", story)
    text = " ".join(result.notes)
    assert "replaying the saved path stopped at turn 1" in text
    assert "1 earlier step(s)" in text
    engine = result.engine
    assert engine.state.node == "mulde_crossing"
    assert [s.choice for s in engine.state.path] == ["mulde_halt", "mulde_crossing"]
    assert len(engine.journal()) == 3
    assert engine.undo().node_id == "mulde_halt" and not engine.can_undo


def test_passage_and_path_both_broken(
    store: SaveStore, played: Engine, edit_story: EditStory
) -> None:
    def change(manifest: dict[str, Any], nodes: dict[str, Any]) -> None:
        remove_crossing(manifest, nodes)
        del nodes["mulde_halt"]["choices"][0]
        del manifest["items"]["map_case"]
        nodes["mulde_supply"]["on_enter"] = {"give": ["green_flares"]}

    story = edit_story(change)
    store.save("s", *game(played))
    result = store.load("s", story, fallback=True)
    engine = result.engine
    assert engine.state.node == "mulde_halt"
    assert engine.state.inventory == ["green_flares"]
    assert "map_case" in " ".join(result.notes)
    assert engine.view().choices  # playable
    engine.choose(engine.view().choices[0].id)


def test_start_passage_gone_and_nothing_left_on_the_path(
    store: SaveStore, sample_story: Story, edit_story: EditStory
) -> None:
    def change(manifest: dict[str, Any], nodes: dict[str, Any]) -> None:
        del nodes["mulde_halt"]
        manifest["story"]["start"] = "mulde_supply"
        nodes["mulde_supply"]["choices"][0]["to"] = "mulde_crossing"

    story = edit_story(change)
    store.save("s", *game(Engine.new_game(sample_story, seed=9)))
    with pytest.raises(NodeGoneError) as caught:
        store.load("s", story)
    assert caught.value.fallback_node == "mulde_supply"
    engine = store.load("s", story, fallback=True).engine
    assert engine.state.node == "mulde_supply" and not engine.can_undo


def test_changed_variable_type_resets_to_the_default(
    store: SaveStore, played: Engine, sample_story: Story
) -> None:
    store.save("s", *game(played))
    data = json.loads(store.path("s").read_text())
    data["story"]["content_hash"] = "sha256:an-older-story"
    data["state"]["vars"]["standing"] = "high"
    data["state"]["vars"]["standing_old"] = 4
    store.path("s").write_text(json.dumps(data))
    result = store.load("s", sample_story)
    assert result.engine.state.vars["standing"] == 5
    assert "reset to their defaults: standing" in " ".join(result.notes)
    assert "dropped: standing_old" in " ".join(result.notes)
