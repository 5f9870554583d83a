"""The game session both front ends drive: moves, autosave, profile, saves, loading,
what --continue resumes, the play clock."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from elbe_game.authoring.devstart import DevStartError
from elbe_game.engine import ChoiceUnavailableError, Story, UnknownChoiceError, load_story
from elbe_game.engine.errors import SaveNotFoundError
from elbe_game.host import game as game_module
from elbe_game.host.game import GameSession, PlayClock, describe_play_time

from ..conftest import SAMPLE, session_for


def saved_state(folder: Path, slot: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((folder / f"{slot}.json").read_text(encoding="utf-8"))
    return data


def test_every_move_is_autosaved_and_recorded_in_the_profile(
    tmp_path: Path, sample_story: Story
) -> None:
    saves = tmp_path / "saves"
    session = session_for(sample_story, saves, name="Kim")
    session.new_game()
    assert not (saves / "autosave.json").exists()  # nothing yet: no move made
    session.choose("mulde_crossing")
    session.choose("mulde_hold")
    autosave = saved_state(saves, "autosave")
    assert autosave["state"] == session.engine.state.to_dict()
    assert autosave["player_name"] == "Kim"
    previous = saved_state(saves, "autosave.1")
    assert previous["state"]["node"] == "mulde_crossing"  # type: ignore[index]
    profile = json.loads((saves / "profile.json").read_text(encoding="utf-8"))
    entry = profile["stories"][sample_story.id]
    assert list(entry["endings"]) == ["held_the_line"]
    assert entry["codex"] == ["mulde_line", "five_mile_limit"]
    session.undo()
    assert saved_state(saves, "autosave")["state"]["node"] == "mulde_crossing"  # type: ignore[index]


def test_an_autosave_problem_is_told_once_and_again_when_it_changes(
    tmp_path: Path, sample_story: Story
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    told: list[str] = []
    session = session_for(sample_story, blocker, on_problem=told.append)
    session.new_game()
    session.choose("mulde_crossing")
    session.undo()
    session.choose("mulde_crossing")
    assert told == [
        f"Autosave failed: could not save: {blocker} is not a folder. The game goes on."
    ]
    blocker.unlink()  # fixed: the next move saves, and a new failure is told again
    session.choose("mulde_hold")
    assert (blocker / "autosave.json").is_file()
    shutil.rmtree(blocker)
    blocker.write_text("a file again")
    session.undo()
    assert len(told) == 2


def test_a_choice_not_on_offer_is_refused_and_nothing_is_saved(
    tmp_path: Path, sample_story: Story
) -> None:
    session = session_for(sample_story, tmp_path / "saves")
    session.new_game()
    with pytest.raises(UnknownChoiceError):
        session.choose("mulde_hold")  # not a choice of the first passage
    session.choose("mulde_supply")
    session.choose("mulde_halt")
    files = {p.name: p.read_bytes() for p in (tmp_path / "saves").iterdir()}
    with pytest.raises(ChoiceUnavailableError, match="it can be taken only once"):
        session.choose("mulde_supply")
    assert {p.name: p.read_bytes() for p in (tmp_path / "saves").iterdir()} == files


def test_named_and_quick_saves_list_and_load(tmp_path: Path, sample_story: Story) -> None:
    saves = tmp_path / "saves"
    session = session_for(sample_story, saves)
    session.new_game()
    session.choose("mulde_crossing")
    info = session.save("bridge")
    assert info.slot == "bridge" and session.saves[0].slot == "bridge"
    session.quicksave()
    session.choose("mulde_hold")
    loaded = session.load("bridge", ask=lambda question: pytest.fail(question))
    assert loaded is not None
    assert (loaded.slot, loaded.view.node_id, loaded.notes) == ("bridge", "mulde_crossing", ())
    assert loaded.message == "Loaded 'bridge': Across the Mulde."
    assert session.view().node_id == "mulde_crossing" and session.can_undo
    # loading is a move too: Continue comes back here
    assert saved_state(saves, "autosave")["state"]["node"] == "mulde_crossing"  # type: ignore[index]
    with pytest.raises(SaveNotFoundError):
        session.begin_load("nowhere")


def test_loading_the_autosave_does_not_push_a_copy_of_it_into_the_backups(
    tmp_path: Path, sample_story: Story
) -> None:
    saves = tmp_path / "saves"
    session = session_for(sample_story, saves)
    session.new_game()
    session.choose("mulde_crossing")
    session.choose("mulde_hold")
    files = {p.name: p.read_bytes() for p in saves.iterdir()}
    assert session.load("autosave", ask=lambda q: False) is not None
    session.refresh_saves()
    assert {p.name: p.read_bytes() for p in saves.iterdir()} == files


@pytest.fixture
def gone(tmp_path: Path) -> tuple[Path, Path]:
    """A save at 'Across the Mulde', and a copy of the sample where it is gone."""
    story = tmp_path / "story"
    shutil.copytree(SAMPLE, story)
    saves = tmp_path / "saves"
    session = session_for(story, saves)
    session.new_game()
    session.choose("mulde_crossing")
    session.save("bridge")
    for path in story.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("mulde_crossing", "mulde_ford"), encoding="utf-8")
    return story, saves


def test_a_save_whose_passage_is_gone_asks_before_going_back(gone: tuple[Path, Path]) -> None:
    story, saves = gone
    session = session_for(story, saves)
    session.new_game()
    session.choose("mulde_supply")
    questions: list[str] = []

    def refuse(question: str) -> bool:
        questions.append(question)
        return False

    assert session.load("bridge", ask=refuse) is None
    assert questions == [
        "The passage you saved at ('Across the Mulde') is no longer in the story. Resume at "
        "'The halt on the Mulde', the last passage on your path that still exists?"
    ]
    assert session.view().node_id == "mulde_supply"  # the game goes on where it was
    pending = session.begin_load("bridge")
    assert pending.question == questions[0]
    loaded = session.finish_load(pending)
    assert loaded.view.node_id == "mulde_halt"
    assert loaded.notes == (
        "The story has been edited since this save was made.",
        "The passage 'Across the Mulde' is gone; resuming at 'The halt on the Mulde'.",
    )


def test_continue_resumes_the_newest_save_once_and_says_what_it_skipped(
    tmp_path: Path, sample_story: Story
) -> None:
    saves = tmp_path / "saves"
    first = session_for(sample_story, saves)
    first.new_game()
    first.choose("mulde_crossing")
    first.save("older")
    time.sleep(0.01)
    first.choose("mulde_hold")
    first.close()
    (saves / "broken.json").write_text("{")
    session = session_for(sample_story, saves, continue_game=True)
    slot, notes = session.startup_resume()
    assert slot == "autosave"
    assert notes == [
        "Skipping damaged saves (broken); `elbe-game saves` says what is wrong with each."
    ]
    assert session.startup_resume() == (None, [])  # only at start-up


def test_continue_with_no_save_says_so_and_load_names_its_slot(
    tmp_path: Path, sample_story: Story
) -> None:
    empty = tmp_path / "empty"
    session = session_for(sample_story, empty, continue_game=True)
    assert session.startup_resume() == (
        None,
        [f"There is no save of this story in {empty} to continue: start a new game."],
    )
    asked = session_for(sample_story, empty, load_slot="bridge")
    assert asked.startup_resume() == ("bridge", [])
    plain = session_for(sample_story, empty)
    assert plain.startup_resume() == (None, [])


def test_endings_and_codex_found_stay_found_across_undo_and_new_games(
    tmp_path: Path, sample_story: Story
) -> None:
    session = session_for(sample_story, tmp_path / "saves")
    session.new_game()
    session.choose("mulde_crossing")
    session.choose("mulde_hold")
    session.undo()
    session.new_game()
    assert session.endings_found() == ["held_the_line"]
    assert [e.id for e in session.endings() if e.found] == ["held_the_line"]
    assert [c.id for c in session.codex()] == ["mulde_line", "five_mile_limit"]
    assert session.status().endings == (1, 2)
    # and the next run of the game knows them too
    again = session_for(sample_story, tmp_path / "saves")
    assert again.endings_found() == ["held_the_line"]


def test_a_damaged_profile_is_one_notice(tmp_path: Path, sample_story: Story) -> None:
    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / "profile.json").write_text("[")
    session = session_for(sample_story, saves)
    assert session.take_notices() == [
        "Endings and codex from earlier games: the profile file is damaged (not JSON); "
        "it will be kept aside."
    ]
    assert session.take_notices() == []


def test_a_bad_start_at_is_refused_before_any_game(tmp_path: Path, sample_story: Story) -> None:
    session = session_for(sample_story, tmp_path / "saves", start_at="nowhere")
    with pytest.raises(DevStartError, match="--start-at nowhere: the story has no node 'nowhere'"):
        session.new_game()
    assert not session.playing


def test_a_story_that_does_not_load_gives_its_diagnostics(tmp_path: Path) -> None:
    broken = tmp_path / "story"
    broken.mkdir()
    (broken / "story.yaml").write_text("story: [\n")
    session = session_for(broken, tmp_path / "saves")
    assert session.failed and session.loaded and session.story is None
    assert [d.code for d in session.diagnostics] == ["E001"]


def test_background_saves_reach_the_disk_by_close(tmp_path: Path, sample_story: Story) -> None:
    saves = tmp_path / "saves"
    session = GameSession(
        session_for(sample_story, saves).options,
        session_for(sample_story, saves).folders,
        story=sample_story,
        background_saves=True,
    )
    session.open()
    session.new_game()
    for choice in ("mulde_supply", "mulde_halt", "mulde_crossing"):
        session.choose(choice)
    session.close()
    assert saved_state(saves, "autosave")["state"] == session.engine.state.to_dict()
    assert sorted(p.name for p in saves.glob("autosave*.json")) == [
        "autosave.1.json",
        "autosave.2.json",
        "autosave.json",
    ]


def test_the_play_clock_counts_over_sessions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    now = [100.0]
    monkeypatch.setattr(game_module.time, "monotonic", lambda: now[0])
    story = load_story(SAMPLE)
    session = session_for(story, tmp_path / "saves")
    session.new_game()
    now[0] += 90.5
    assert session.save("bridge").play_time == 90.5
    session.leave()
    now[0] += 1000  # on the title screen: not counted
    loaded = session.load("bridge", ask=lambda q: True)
    assert loaded is not None
    now[0] += 9.5
    assert session.save("bridge").play_time == 100.0
    assert describe_play_time(3725.9) == "1:02:05"


def test_play_clock_stops_and_resets() -> None:
    clock = PlayClock(5.0)
    assert clock.seconds == 5.0 and not clock.running
    clock.reset(2.0)
    assert clock.running and clock.seconds >= 2.0
    clock.stop()
    stopped = clock.seconds
    assert not clock.running and clock.seconds == stopped
