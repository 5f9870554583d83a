"""Walkthrough tests: format, running, divergence reports and the test command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from elbe_game.authoring.common import AuthoringError
from elbe_game.authoring.walkthrough import parse_walkthrough, run_walkthrough
from elbe_game.engine import load_story
from elbe_game.engine.loader import story_files

from .conftest import SAMPLE, WALKS, Run


def walk_text(tmp_path: Path, text: str, name: str = "t.walk.yaml") -> Path:
    path = tmp_path / name
    path.write_text(f"story: {SAMPLE}\n{text}", encoding="utf-8")
    return path


def test_a_passing_walkthrough() -> None:
    walk = parse_walkthrough(WALKS / "held_the_line.walk.yaml")
    assert walk.title == "Keep to the order" and walk.seed == 7 and walk.player == "Buck"
    result = run_walkthrough(walk, load_story(SAMPLE))
    assert result.ok, result.failure
    assert result.steps_done == 6


def test_first_divergence_with_file_line_and_path() -> None:
    path = WALKS / "diverges.walk.yaml"
    result = run_walkthrough(parse_walkthrough(path), load_story(SAMPLE))
    assert not result.ok
    assert result.failure == (
        f"{path}:5: step 3: expected standing = 9, but it is 6\n"
        "  path: mulde_halt [mulde_crossing] > mulde_crossing [mulde_hold] > mulde_hold"
    )


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ("  - node: mulde_hold\n", "expected node 'mulde_hold', but the game is at 'mulde_halt'"),
        ("  - node: nowhere\n", "the story has no node 'nowhere'"),
        ("  - ending: held_the_line\n", "but the game is at node 'mulde_halt', not an ending"),
        ("  - choose: Fly away\n", "no choice 'Fly away' here; offered: mulde_supply"),
        ("  - choose: mulde_flare\n", "no choice 'mulde_flare' here"),
        ("  - choose: the\n", "'the' matches mulde_supply, mulde_crossing: use the id"),
        ("  - has: [map_case]\n", "expected to carry map_case"),
        ("  - vars: {standing: yes}\n", "'standing' is a int; 'yes' can never match"),
        ("  - vars: {morale: 1}\n", "the story has no variable 'morale'"),
        ("  - offered: [mulde_flare]\n", "expected mulde_flare on offer"),
        (
            "  - choose: mulde_crossing\n  - choose: mulde_hold\n  - choose: mulde_hold\n",
            "the game ended (held_the_line), there is nothing to choose",
        ),
    ],
)
def test_divergences(tmp_path: Path, steps: str, message: str) -> None:
    path = walk_text(tmp_path, "steps:\n" + steps)
    result = run_walkthrough(parse_walkthrough(path), load_story(SAMPLE))
    assert result.failure is not None
    assert message in result.failure
    assert result.failure.startswith(f"{path}:")


def test_a_disabled_choice_says_why(tmp_path: Path) -> None:
    path = walk_text(tmp_path, "steps:\n  - choose: mulde_crossing\n  - choose: mulde_flare\n")
    result = run_walkthrough(parse_walkthrough(path), load_story(SAMPLE))
    assert result.failure is not None
    assert "shown but not available: You have no flares" in result.failure


def test_start_at_and_set(tmp_path: Path) -> None:
    path = walk_text(
        tmp_path,
        "start_at: mulde_crossing\nset: {standing: 2, green_flares: true}\n"
        "steps:\n  - offered: [mulde_flare]\n    vars: {standing: 2}\n    choose: mulde_flare\n",
    )
    assert run_walkthrough(parse_walkthrough(path), load_story(SAMPLE)).ok


def test_bad_start_is_reported_at_its_line(tmp_path: Path) -> None:
    path = walk_text(tmp_path, "start_at: nowhere\nsteps:\n  - node: x\n")
    result = run_walkthrough(parse_walkthrough(path), load_story(SAMPLE))
    assert result.failure is not None
    assert result.failure.startswith(f"{path}:2: --start-at nowhere: the story has no node")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("steps: []\n", ":2:8: 'steps' must be a non-empty list"),
        ("seed: x\nsteps: [{node: a}]\n", ":2:7: 'seed' must be a whole number"),
        (
            "speed: 1\nsteps: [{node: a}]\n",
            ":2:1: unknown key 'speed' (known: player, seed, set, start_at, steps, story, title)",
        ),
        (
            "steps:\n  - choose: [a]\n",
            ":3:13: 'choose' takes one id (or, for 'choose', a choice's text)",
        ),
        (
            "steps:\n  - nod: a\n",
            ":3:5: unknown step key 'nod' (known: node, vars, has, offered, reply, ending, choose)",
        ),
        (
            "steps:\n  - a\n",
            ":3:5: a step is a mapping with some of: node, vars, has, offered, reply, ending, choose",
        ),
    ],
)
def test_malformed_files(tmp_path: Path, text: str, message: str) -> None:
    path = walk_text(tmp_path, text)
    with pytest.raises(AuthoringError) as info:
        parse_walkthrough(path)
    assert info.value.message == f"{path}{message}"
    assert info.value.details == []


def test_yaml_syntax_errors_carry_file_line(tmp_path: Path) -> None:
    path = walk_text(tmp_path, "steps:\n  - node: [a\n")
    with pytest.raises(AuthoringError) as info:
        parse_walkthrough(path)
    assert any("E001" in d and str(path) in d for d in info.value.details)


def test_command_runs_files_and_reports(run: Run) -> None:
    code, out, _ = run("test", WALKS / "held_the_line.walk.yaml", WALKS / "diverges.walk.yaml")
    assert code == 1
    assert "ok   " in out and "Keep to the order (6 steps)" in out
    assert "FAIL " in out and "diverges.walk.yaml:5: step 3" in out
    assert out.rstrip().endswith("1 passed, 1 failed")


def test_command_reports_a_malformed_file_without_traceback(run: Run) -> None:
    code, out, err = run("test", WALKS / "bad_key.walk.yaml")
    assert code == 1
    assert "bad_key.walk.yaml:4:5: unknown step key 'expect_node'" in out
    assert "Traceback" not in out + err


def test_missing_files_are_input_errors(run: Run, tmp_path: Path) -> None:
    code, _, err = run("test", tmp_path / "none.walk.yaml")
    assert code == 1 and "no such walkthrough file" in err
    code, _, err = run("test", "--story", tmp_path)
    assert code == 1 and "has no *.walk.yaml files" in err


def test_story_option_overrides_the_file(run: Run, tmp_path: Path) -> None:
    code, out, err = run("test", "--story", tmp_path / "nope", WALKS / "diverges.walk.yaml")
    assert code == 1 and out == ""
    assert err.strip() == f"elbe-game test: no such story folder: {tmp_path / 'nope'}"


def test_default_discovery_in_the_story_folder(run: Run, sample_copy: Path) -> None:
    (sample_copy / "walkthroughs").mkdir()
    shutil.copy(WALKS / "held_the_line.walk.yaml", sample_copy / "walkthroughs")
    text = (sample_copy / "walkthroughs" / "held_the_line.walk.yaml").read_text()
    (sample_copy / "walkthroughs" / "held_the_line.walk.yaml").write_text(
        text.replace("story: ../../../fixtures/sample\n", "")
    )
    walk = sample_copy / "walkthroughs" / "held_the_line.walk.yaml"
    assert walk not in story_files(sample_copy)
    code, out, _ = run("test", "--story", sample_copy)
    assert code == 0, out
    assert out == f"ok   {walk}: Keep to the order (6 steps)\n1 passed, 0 failed\n"
