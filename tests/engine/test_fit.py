"""fit_state: a saved state fitted to an edited story (used by loading and live reload)."""

from __future__ import annotations

from pathlib import Path

import pytest

from elbe_game.engine import Engine, GameState, Step, Story, load_story
from elbe_game.engine.fit import fallback_point, fit_state

from ..conftest import MINIMAL, WriteStory

NODES = """\
    nodes:
      start:
        title: Start
        text: Begin.
        choices:
          - {text: Go on, to: middle, effects: {set: {brave: true, name: "'Zoe'"}, add: {courage: 4}, give: lamp, unlock: river}}
      middle:
        title: Middle
        text: Halfway.
        choices:
          - {text: Finish, to: end}
      end:
        title: End
        text: Done.
        ending: {id: done, title: Done}
    """


@pytest.fixture
def story(write_story: WriteStory) -> Story:
    return load_story(write_story({"story.yaml": MINIMAL, "nodes.yaml": NODES}))


@pytest.fixture
def played(story: Story) -> GameState:
    engine = Engine.new_game(story, seed=3)
    engine.choose("middle")
    return engine.state


def edited(write_story: WriteStory, manifest: str = MINIMAL, nodes: str = NODES) -> Story:
    return load_story(write_story({"story.yaml": manifest, "nodes.yaml": nodes}, folder="edited"))


def test_an_unchanged_story_keeps_everything(story: Story, played: GameState) -> None:
    state, notes = fit_state(story, played)
    assert state == played and state is not played
    assert notes == []


def test_values_of_every_type_are_kept_and_the_input_is_not_changed(
    write_story: WriteStory, played: GameState
) -> None:
    before = played.to_dict()
    manifest = MINIMAL.replace("variables:\n", "variables:\n      extra: {type: int, default: 2}\n")
    story = edited(write_story, manifest)
    state, notes = fit_state(story, played)
    assert (state.vars["brave"], state.vars["courage"], state.vars["name"]) == (True, 4, "Zoe")
    assert state.vars["extra"] == 2
    assert notes == ["New in the story, starting at their defaults: extra."]
    assert played.to_dict() == before


def test_a_narrower_range_clamps_and_a_new_type_resets(
    write_story: WriteStory, played: GameState
) -> None:
    manifest = MINIMAL.replace("max: 5", "max: 3").replace(
        'name: {type: str, default: "Anna"}', "name: {type: int, default: 0}"
    )
    nodes = NODES.replace("name: \"'Zoe'\"", "name: 1")
    state, notes = fit_state(edited(write_story, manifest, nodes), played)
    assert state.vars["courage"] == 3  # clamped to the new maximum
    assert state.vars["name"] == 0  # a str is no int: the default
    assert state.vars["brave"] is True
    assert notes == ["Changed type in the story, so reset to their defaults: name."]


def test_removed_variables_items_and_codex_entries_are_dropped_with_a_note(
    write_story: WriteStory, played: GameState
) -> None:
    manifest = (
        MINIMAL.replace("      brave: {type: bool, default: false}\n", "")
        .replace("    items:\n      lamp: {name: Lamp}\n", "")
        .replace("    codex:\n      river: {title: River, category: place, text: A river.}\n", "")
    )
    nodes = NODES.replace("set: {brave: true, name:", "set: {name:").replace(
        ", give: lamp, unlock: river", ""
    )
    state, notes = fit_state(edited(write_story, manifest, nodes), played)
    assert "brave" not in state.vars and state.inventory == [] and state.codex == []
    assert notes == [
        "No longer in the story, so dropped: brave.",
        "These items are no longer in the story: lamp.",
        "These codex entries are no longer in the story: river.",
    ]


def test_a_gone_passage_moves_back_along_the_path_and_keeps_the_choice_words(
    write_story: WriteStory, story: Story
) -> None:
    engine = Engine.new_game(story, seed=3)
    engine.choose("middle")
    engine.choose("end")
    saved = engine.state
    nodes = NODES.replace("to: end}", "to: middle, id: stay}")
    nodes = nodes[: nodes.index("      end:")]
    shorter = edited(write_story, nodes=nodes)
    assert fallback_point(shorter, saved) == (1, "middle")
    state, notes = fit_state(shorter, saved, saved_title="End")
    assert (state.node, state.turn) == ("middle", 1)
    assert state.path == [Step("start", "middle", "Go on")]  # the words as read
    assert "end" not in state.visit_counts and state.endings == []
    assert notes == ["The passage 'End' is gone; resuming at 'Middle'."]


def test_steps_through_removed_choices_leave_the_path(
    write_story: WriteStory, played: GameState
) -> None:
    nodes = NODES.replace("{text: Go on, to: middle,", "{text: Go on, to: middle, id: onward,")
    state, notes = fit_state(edited(write_story, nodes=nodes), played)
    assert state.path == []
    assert notes == [
        "1 earlier step(s) passed through parts of the story that are gone; "
        "the journal leaves them out."
    ]


def test_with_no_passage_of_the_path_left_the_game_goes_back_to_the_start(
    story: Story, tmp_path: Path
) -> None:
    saved = GameState(node="gone", path=[Step("also_gone", "x", "X")], turn=1)
    assert fallback_point(story, saved) == (None, "start")
    state, _ = fit_state(story, saved)
    assert (state.node, state.path, state.turn) == ("start", [], 0)
