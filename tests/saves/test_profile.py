"""The profile: endings and codex entries kept across games."""

from __future__ import annotations

import json
from pathlib import Path

from elbe_game.engine import Engine, Story
from elbe_game.host.profile import Profile
from elbe_game.host.saves import SaveStore

from ..conftest import plain_game


def test_record_and_reload(tmp_path: Path, sample_story: Story) -> None:
    profile = Profile.load(tmp_path, sample_story.id)
    assert profile.endings == {} and profile.codex == [] and profile.problem is None
    engine = Engine.new_game(sample_story, seed=1)
    assert profile.record(engine.state) == ["mulde_line"]
    assert profile.record(engine.state) == []  # nothing new, nothing written again
    engine.choose("mulde_crossing")
    engine.choose("mulde_hold")
    assert profile.record(engine.state) == ["held_the_line", "five_mile_limit"]
    # A new game finds another ending; both are kept.
    second = Engine.new_game(sample_story, seed=2)
    second.choose("mulde_crossing")
    second.choose("mulde_beyond")
    again = Profile.load(tmp_path, sample_story.id)
    again.record(second.state)
    final = Profile.load(tmp_path, sample_story.id)
    assert set(final.endings) == {"held_the_line", "toward_the_elbe"}
    assert final.codex == ["mulde_line", "five_mile_limit", "kotzebue"]
    assert Profile.load(tmp_path, "another-story").endings == {}


def test_stories_are_kept_apart_in_one_file(tmp_path: Path, sample_story: Story) -> None:
    (tmp_path / "profile.json").write_text(
        json.dumps(
            {
                "format": "elbe-1945-profile",
                "version": 1,
                "stories": {"other": {"endings": {"x": "2025-01-01"}, "codex": ["y"]}},
            }
        )
    )
    Profile.load(tmp_path, sample_story.id).record(Engine.new_game(sample_story, seed=1).state)
    data = json.loads((tmp_path / "profile.json").read_text())
    assert data["stories"]["other"] == {"endings": {"x": "2025-01-01"}, "codex": ["y"]}
    assert data["stories"][sample_story.id]["codex"] == ["mulde_line"]


def test_a_damaged_profile_is_kept_aside(tmp_path: Path, sample_story: Story) -> None:
    (tmp_path / "profile.json").write_text('{"format": "elbe-1945-prof')
    profile = Profile.load(tmp_path, sample_story.id)
    assert profile.problem is not None and "damaged" in profile.problem
    profile.record(Engine.new_game(sample_story, seed=1).state)
    assert (tmp_path / "profile.damaged.json").read_text() == '{"format": "elbe-1945-prof'
    assert Profile.load(tmp_path, sample_story.id).codex == ["mulde_line"]


def test_the_plain_game_records_endings(tmp_path: Path, sample_story: Story) -> None:
    folder = tmp_path / "saves"
    game, _ = plain_game(sample_story, folder, "2\n2\n")
    assert game.run() == 0
    profile = Profile.load(folder, sample_story.id)
    assert list(profile.endings) == ["toward_the_elbe"]
    assert [i.slot for i in SaveStore(folder).list()] == ["autosave", "autosave.1"]
