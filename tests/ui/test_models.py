"""The Textual-free parts of the UI: settings storage, the session profile.

(The map is the story's now: tests/engine/test_storymap.py.)
"""

from __future__ import annotations

from pathlib import Path

from elbe_game.engine import Engine, load_story
from elbe_game.ui.session import Profile
from elbe_game.ui.settings import Settings, SettingsStore

from .helpers import SAMPLE


def test_settings_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    assert store.load() == (Settings(), None)
    wanted = Settings(theme="high-contrast", typewriter=True, speed="fast")
    assert store.save(wanted) is None
    assert store.load() == (wanted, None)


def test_bad_values_fall_back_one_by_one(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(
        '{"theme": "purple", "typewriter": "yes", "speed": "fast"}', encoding="utf-8"
    )
    settings, problem = SettingsStore(tmp_path).load()
    assert settings == Settings(speed="fast")
    assert problem is not None and "theme, typewriter" in problem


def test_unwritable_settings_give_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert SettingsStore(blocker / "sub").save(Settings()) is not None


def test_profile_remembers_endings_across_undo_and_games() -> None:
    story = load_story(SAMPLE)
    profile = Profile()
    game = Engine.new_game(story, seed=1)
    profile.add(game)
    game.choose("mulde_crossing")
    game.choose("mulde_hold")
    profile.observe(game)
    game.undo()
    assert profile.endings() == ["held_the_line"]
    second = Engine.new_game(story, seed=2)
    profile.add(second)
    assert profile.endings() == ["held_the_line"]
    assert "five_mile_limit" in profile.codex()
