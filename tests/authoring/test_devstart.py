"""prepare_engine: play --start-at NODE --set NAME=VALUE."""

from __future__ import annotations

from pathlib import Path

import pytest

from elbe_game.authoring.devstart import DevStartError, prepare_engine
from elbe_game.engine import Engine, Story, load_story

from .conftest import SAMPLE


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(SAMPLE)


def test_start_anywhere_with_any_state(story: Story) -> None:
    engine = prepare_engine(
        story, "mulde_supply", ["standing=9", "map_case=false"], seed=3, player_name="Buck"
    )
    assert engine.state.node == "mulde_supply"
    assert engine.state.vars["standing"] == 9 and engine.state.vars["player_name"] == "Buck"
    # on_enter of mulde_supply ran (gave both), then --set took the map case away
    assert engine.state.inventory == ["green_flares"]
    assert engine.state.visit_counts["mulde_supply"] == 1
    view = engine.choose("mulde_halt")
    assert view.node_id == "mulde_halt"


def test_defaults_are_a_plain_new_game(story: Story) -> None:
    engine = prepare_engine(story, None, [], seed=1)
    assert engine.state.to_dict() == Engine.new_game(story, seed=1).state.to_dict()


@pytest.mark.parametrize(
    ("start", "sets", "message"),
    [
        (
            "mulde_hols",
            [],
            "--start-at mulde_hols: the story has no node 'mulde_hols'"
            " (did you mean mulde_hold, mulde_halt, mulde_flare?)",
        ),
        (
            None,
            ["standin=3"],
            "--set standin=3: the story has no variable or item 'standin' (did you mean standing?)",
        ),
        (
            None,
            ["standing=high"],
            "--set standing=high: 'standing' is an int: 'high' is not a whole number",
        ),
        (None, ["standing=11"], "--set standing=11: 'standing' must be at most 10, not 11"),
        (None, ["standing=-1"], "--set standing=-1: 'standing' must be at least 0, not -1"),
        (None, ["standing"], "--set standing: write NAME=VALUE, e.g. --set standing=7"),
        (
            None,
            ["map_case=2"],
            "--set map_case=2: 'map_case' is an item: give it with =true, take it with =false",
        ),
    ],
)
def test_clear_errors(story: Story, start: str | None, sets: list[str], message: str) -> None:
    """Each message starts with the option and value at fault, then says what is wrong."""
    with pytest.raises(DevStartError) as info:
        prepare_engine(story, start, sets)
    assert str(info.value) == message


def test_bool_and_str_values(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(
        "story: {id: s, title: S, start: n}\n"
        "variables:\n  brave: {type: bool, default: false, visible: true}\n"
        "  nick: {type: str, default: x, visible: true}\n"
        "nodes:\n  n: {title: N, text: '{nick}', ending: {id: e, title: E}}\n"
    )
    story = load_story(tmp_path)
    engine = prepare_engine(story, None, ["brave=true", "nick='Red Fox'"])
    assert engine.state.vars == {"brave": True, "nick": "Red Fox"}
    with pytest.raises(DevStartError, match="'brave' is a bool: use true or false, not 'yes'"):
        prepare_engine(story, None, ["brave=yes"])
