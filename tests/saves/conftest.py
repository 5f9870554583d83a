"""Helpers for the save tests: a store in tmp_path, a game in progress, edited stories."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from elbe_game.engine import Engine, Story, load_story
from elbe_game.host.saves import SaveStore

from ..conftest import SAMPLE

Change = Callable[[dict[str, Any], dict[str, Any]], None]
EditStory = Callable[[Change], Story]

# The sample played: the supply run (items, once-only choice), then across the Mulde.
PATH = ["mulde_supply", "mulde_halt", "mulde_crossing"]


@pytest.fixture(autouse=True)
def _no_real_saves(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Whatever a test forgets, the real saves/ folder is never written."""
    monkeypatch.setenv("ELBE_GAME_SAVES_DIR", str(tmp_path / "env-saves"))


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


@pytest.fixture
def played(sample_story: Story) -> Engine:
    engine = Engine.new_game(sample_story, seed=1234, player_name="Kim")
    for choice in PATH:
        engine.choose(choice)
    engine.state.random(1, 6)  # move the generator, so its state is worth checking
    return engine


@pytest.fixture
def edit_story(tmp_path: Path) -> EditStory:
    """Copy the sample, let ``change(manifest, nodes)`` edit its two files (as data, in
    place), write them back and load the result."""
    counter = iter(range(1000))

    def edit(change: Change) -> Story:
        root = tmp_path / f"story-{next(counter)}"
        shutil.copytree(SAMPLE, root)
        files = root / "story.yaml", root / "act1_mulde.yaml"
        manifest, nodes = (yaml.safe_load(f.read_text(encoding="utf-8")) for f in files)
        change(manifest, nodes["nodes"])
        for path, data in zip(files, (manifest, nodes), strict=True):
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return load_story(root)

    return edit
