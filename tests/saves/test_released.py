"""Every save, profile and settings file a released version wrote still loads.

The files under ``released/`` were written by the game as released and are never
regenerated (see ``released/README.md``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from elbe_game.engine import load_story
from elbe_game.host.dirs import bundled_story_dir
from elbe_game.host.profile import Profile
from elbe_game.host.saves import SaveStore
from elbe_game.host.settings import SettingsStore

from ..conftest import SAMPLE

RELEASED = Path(__file__).resolve().parent / "released"
VERSIONS = sorted(p for p in RELEASED.iterdir() if p.is_dir())
STORIES = {"sample": SAMPLE, "story": bundled_story_dir()}


def _saves(version: Path) -> list[tuple[Path, Path]]:
    found = []
    for name, story in STORIES.items():
        for path in sorted((version / name).glob("*.json")):
            if path.stem != "profile":
                found.append((path, story))
    return found


def test_there_are_released_saves() -> None:
    assert [v.name for v in VERSIONS] == ["v1"]
    assert len(_saves(VERSIONS[0])) == 6


@pytest.mark.parametrize(
    ("path", "story_dir"),
    [
        pytest.param(p, s, id=f"{v.name}/{p.parent.name}/{p.stem}")
        for v in VERSIONS
        for p, s in _saves(v)
    ],
)
def test_every_released_save_loads(path: Path, story_dir: Path, tmp_path: Path) -> None:
    story = load_story(story_dir)
    saved = json.loads(path.read_text(encoding="utf-8"))
    folder = tmp_path / "saves"
    folder.mkdir()
    shutil.copy(path, folder / path.name)
    store = SaveStore(folder)
    [info] = store.list()
    assert info.problem is None
    assert (info.slot, info.play_time) == (path.stem, saved["play_time"])
    result = store.load(path.stem, story, fallback=True)
    state = result.engine.state
    if saved["story"]["content_hash"] == story.content_hash:
        # the story is as it was: the game is exactly the one saved
        assert result.notes == []
        assert state.to_dict() == saved["state"]
        assert len(result.engine.undo_stack) == len(saved["state"]["path"])
    else:
        assert state.node in story.nodes
    journal = result.engine.journal()
    assert [e.choice_text for e in journal[:-1]] == [s["text"] for s in saved["state"]["path"]][
        : len(journal) - 1
    ]


def test_a_released_save_keeps_its_values_in_an_edited_story(tmp_path: Path) -> None:
    """Bool, int and text variables survive a story edit (a variable added)."""
    root = tmp_path / "edited"
    shutil.copytree(bundled_story_dir(), root)
    manifest = root / "story.yaml"
    data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    data["variables"]["added_later"] = {"type": "bool", "default": False}
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    story = load_story(root)
    path = VERSIONS[0] / "story" / "at the castle.json"
    saved = json.loads(path.read_text(encoding="utf-8"))["state"]
    folder = tmp_path / "saves"
    folder.mkdir()
    shutil.copy(path, folder / path.name)
    result = SaveStore(folder).load(path.stem, story, fallback=True)
    kept = {k: v for k, v in saved["vars"].items() if k in story.variables}
    bools = {
        k: v for k, v in kept.items() if isinstance(v, bool) and v != story.variables[k].default
    }
    assert bools, "the save should set some bool away from its default"
    for name, value in kept.items():
        assert result.engine.state.vars[name] == value, name
    assert result.engine.state.vars["added_later"] is False


@pytest.mark.parametrize("version", VERSIONS, ids=[v.name for v in VERSIONS])
def test_released_profiles_load(version: Path) -> None:
    for name, story_dir in STORIES.items():
        saved = json.loads((version / name / "profile.json").read_text(encoding="utf-8"))
        story = load_story(story_dir)
        profile = Profile.load(version / name, story.id)
        assert profile.problem is None
        entry = saved["stories"][story.id]
        assert profile.endings == entry["endings"]
        assert profile.codex == entry["codex"]
        assert profile.codex, "the released profile should hold codex entries"


@pytest.mark.parametrize("version", VERSIONS, ids=[v.name for v in VERSIONS])
def test_released_settings_load(version: Path) -> None:
    settings, problem = SettingsStore(version / "config").load()
    assert problem is None
    assert (settings.theme, settings.typewriter, settings.speed) == ("high-contrast", True, "fast")
