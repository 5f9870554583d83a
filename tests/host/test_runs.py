"""Each game keeps its last autosave when another game is played (a game: one new game
and everything played from it)."""

from __future__ import annotations

import json
from pathlib import Path

from elbe_game.engine import Story
from elbe_game.host.saves import EARLIER_RUNS_KEPT, SaveStore, run_slot

from ..conftest import session_for


def kinds(folder: Path) -> dict[str, str]:
    return {info.slot: info.kind for info in SaveStore(folder).list()}


def test_a_new_game_keeps_the_last_autosave_of_the_one_before(
    tmp_path: Path, sample_story: Story
) -> None:
    saves = tmp_path / "saves"
    session = session_for(sample_story, saves)
    session.new_game()
    session.choose("mulde_supply")
    session.choose("mulde_halt")
    first = json.loads((saves / "autosave.json").read_text())
    session.new_game()
    session.choose("mulde_crossing")
    other = json.loads((saves / "autosave.json").read_text())["run"]
    earlier = run_slot(first["run"])
    assert kinds(saves) == {"autosave": "auto", earlier: "run"}  # the old backups went
    kept = json.loads((saves / f"{earlier}.json").read_text())
    assert kept["state"] == first["state"]
    # Continue would resume the new game; the first can be loaded and played on
    loaded = session.load(earlier, ask=lambda q: False)
    assert loaded is not None and loaded.view.node_id == "mulde_halt"
    second = json.loads((saves / "autosave.json").read_text())
    assert second["run"] == first["run"]  # the autosave is the first game's again
    assert kinds(saves) == {"autosave": "auto", run_slot(other): "run"}  # the second kept
    assert earlier not in kinds(saves)  # no second copy of the game being played


def test_the_same_game_rotates_its_backups(tmp_path: Path, sample_story: Story) -> None:
    saves = tmp_path / "saves"
    session = session_for(sample_story, saves)
    session.new_game()
    for choice in ("mulde_supply", "mulde_halt", "mulde_crossing", "mulde_hold"):
        session.choose(choice)
    assert kinds(saves) == {
        "autosave": "auto",
        "autosave.1": "backup",
        "autosave.2": "backup",
        "autosave.3": "backup",
    }


def test_loading_a_named_save_continues_its_game(tmp_path: Path, sample_story: Story) -> None:
    saves = tmp_path / "saves"
    session = session_for(sample_story, saves)
    session.new_game()
    session.choose("mulde_crossing")
    session.save("bridge")
    session.new_game()
    session.choose("mulde_supply")  # another game: the first game's autosave is kept
    assert sorted(kinds(saves).values()) == ["auto", "manual", "run"]
    session.load("bridge", ask=lambda q: False)  # the first game again
    assert sorted(kinds(saves).values()) == ["auto", "manual", "run"]
    runs = {json.loads(p.read_text())["run"] for p in saves.glob("autosave*.json")}
    assert len(runs) == 2


def test_only_so_many_earlier_games_are_kept(tmp_path: Path, sample_story: Story) -> None:
    saves = tmp_path / "saves"
    session = session_for(sample_story, saves)
    for _ in range(EARLIER_RUNS_KEPT + 3):
        session.new_game()
        session.choose("mulde_crossing")
    assert list(kinds(saves).values()).count("run") == EARLIER_RUNS_KEPT


def test_a_save_of_release_0_1_without_a_game_name_is_kept_as_an_earlier_game(
    tmp_path: Path, sample_story: Story
) -> None:
    saves = tmp_path / "saves"
    saves.mkdir()
    released = Path(__file__).resolve().parents[1] / "saves" / "released" / "v1" / "sample"
    (saves / "autosave.json").write_bytes((released / "autosave.json").read_bytes())
    session = session_for(sample_story, saves)
    session.new_game()
    session.choose("mulde_crossing")
    old = [slot for slot, kind in kinds(saves).items() if kind == "run"]
    assert len(old) == 1 and old[0].endswith("-old")
