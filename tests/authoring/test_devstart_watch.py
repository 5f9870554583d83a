"""prepare_engine (play --start-at/--set) and live reload."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from elbe_game.authoring import (
    DevStartError,
    StoryWatcher,
    migrate_state,
    prepare_engine,
    reload_engine,
)
from elbe_game.engine import CheckReport, Engine, Story, load_story

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


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))


def test_watcher_notices_edits_new_and_removed_files(sample_copy: Path) -> None:
    watcher = StoryWatcher(sample_copy)
    assert not watcher.changed()
    act = sample_copy / "act1_mulde.yaml"
    _touch(act, act.read_text() + "\n")
    assert watcher.changed() and not watcher.changed()
    _touch(sample_copy / "more.yaml", "nodes: {}\n")
    assert watcher.changed()
    (sample_copy / "more.yaml").unlink()
    assert watcher.changed()
    (sample_copy / "notes.txt").write_text("not a story file")
    assert not watcher.changed()


def test_reload_keeps_place_and_state(sample_copy: Path) -> None:
    engine = Engine.new_game(load_story(sample_copy), seed=2)
    engine.choose("mulde_supply")
    engine.choose("mulde_halt")
    engine.choose("mulde_crossing")
    engine.state.vars["standing"] = 8
    manifest = sample_copy / "story.yaml"
    text = manifest.read_text().replace(
        "  patrol_safety:", "  morale:\n    type: int\n    default: 3\n  patrol_safety:"
    )
    _touch(
        manifest,
        text.replace("visible: true\n    label: Standing", "visible: true\n    label: Standing!"),
    )
    result = reload_engine(engine, sample_copy)
    assert isinstance(result, Engine)
    assert result.state.node == "mulde_crossing"
    assert result.state.vars["standing"] == 8 and result.state.vars["morale"] == 3
    assert result.state.inventory == ["green_flares", "map_case"]
    assert len(result.undo_stack) == 3
    assert result.undo().node_id == "mulde_halt"


def test_reload_when_the_node_is_gone(sample_copy: Path) -> None:
    engine = Engine.new_game(load_story(sample_copy), seed=2)
    for choice in ("mulde_supply", "mulde_halt", "mulde_crossing", "mulde_flare"):
        engine.choose(choice)
    act = sample_copy / "act1_mulde.yaml"
    text = act.read_text()
    text = text.replace("        if: has(green_flares)\n", "").replace(
        "        to: mulde_flare\n", "        to: mulde_hold\n        id: flare_gone\n"
    )
    start = text.index("  mulde_flare:")
    end = text.index("  mulde_hold:")
    _touch(act, text[:start] + text[end:])
    result = reload_engine(engine, sample_copy)
    assert isinstance(result, Engine), result
    assert result.state.node == "mulde_crossing"  # the last node on the path still there
    migration = migrate_state(engine.state, result.story)
    assert "node 'mulde_flare' is gone: moved back to 'mulde_crossing'" in migration.notes
    assert "mulde_flare" not in result.state.visit_counts


def test_migrate_drops_removed_variables_and_resets_retyped(story: Story) -> None:
    engine = Engine.new_game(story, seed=1)
    engine.state.vars["gone"] = 4
    engine.state.vars["standing"] = "high"
    migration = migrate_state(engine.state, story)
    assert "gone" not in migration.state.vars
    assert migration.state.vars["standing"] == 5
    assert any("'standing' changed type" in n for n in migration.notes)
    assert any("no longer in the story: gone" in n for n in migration.notes)


def test_reload_of_a_broken_story_returns_the_report(sample_copy: Path) -> None:
    engine = Engine.new_game(load_story(sample_copy), seed=2)
    _touch(sample_copy / "act1_mulde.yaml", "nodes:\n  mulde_halt: [\n")
    result = reload_engine(engine, sample_copy)
    assert isinstance(result, CheckReport)
    assert result.errors and result.errors[0].code == "E001"
    assert "act1_mulde.yaml:" in result.errors[0].format()
