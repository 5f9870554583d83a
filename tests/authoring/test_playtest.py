"""playtest: the exhaustive pass, the random pass, the report and the command."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from elbe_game.authoring import explore as explore_mod
from elbe_game.authoring.explore import explore
from elbe_game.authoring.playtest import playtest, random_runs
from elbe_game.engine import Engine, PassageView, load_story

from .conftest import BROKEN, DICE, LOOPING, SAMPLE, Run, write_generated_story


def test_sample_passes_with_every_ending_counted(run: Run) -> None:
    began = time.perf_counter()
    code, out, err = run("playtest", SAMPLE, "--runs", "200", "--format", "json")
    elapsed = time.perf_counter() - began
    assert code == 0, err
    data = json.loads(out)
    assert data["runs"] == 200
    assert data["nodes_total"] == data["nodes_visited"] == 6
    assert data["unvisited"] == [] and data["errors"] == []
    assert set(data["endings"]) == {"held_the_line", "toward_the_elbe"}
    assert sum(data["endings"].values()) == 200
    assert data["steps"] > 200
    # the time the two passes took: measured (not zero), within the command's own time
    assert 0 < data["seconds"] <= round(elapsed, 3)
    assert data["exhaustive"]["complete"] is True


def test_broken_fixture_reports_unreachable_ending_and_dead_end(run: Run) -> None:
    code, out, _ = run("playtest", BROKEN, "--runs", "100", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["endings"] == {"the_vault": 0, "home": 50}
    assert data["endings_never_reached"] == ["the_vault"]
    assert data["unvisited"] == ["b_vault"]
    [error] = data["errors"]
    assert error["kind"] == "dead-end" and error["node"] == "b_cellar"
    assert error["path"] == [{"node": "b_start", "choice": "b_cellar"}]
    assert error["run"] is not None and error["seed"] is not None
    assert "b_gate.b_vault" in data["exhaustive"]["conditions_never_true"]


def test_broken_fixture_text_names_file_and_line(run: Run) -> None:
    code, out, _ = run("playtest", BROKEN, "--runs", "20")
    assert code == 1
    assert "the_vault       0  NEVER REACHED" in out
    assert "broken/story.yaml:44:3: dead-end at b_cellar" in out
    assert "path: b_start [b_cellar] > b_cellar" in out
    assert "replay with --seed 0 --runs" in out


def test_a_loop_is_stopped_and_reported(run: Run) -> None:
    code, out, _ = run("playtest", LOOPING, "--runs", "5", "--max-steps", "30", "--format", "json")
    assert code == 1
    data = json.loads(out)
    kinds = {e["kind"] for e in data["errors"]}
    assert kinds == {"loop"}
    assert "kept circling l_hut, l_yard" in data["errors"][0]["message"]
    assert data["errors"][0]["count"] == 5


def test_random_effects_are_sampled_by_the_exhaustive_pass() -> None:
    result = explore(load_story(DICE))
    assert result.endings == {"won", "lost"}
    assert result.complete


def test_the_bound_stops_the_search() -> None:
    story = load_story(SAMPLE)
    result = explore(story, max_states=3)
    assert not result.complete and result.states == 3


HUB_STORY = """\
story: {id: hub, title: Hub, start: h_square}
nodes:
  h_square:
    title: Square
    text: The square.{if visits(h_square) > 2} You know it well by now.{end}
    choices:
      - {text: To the well, to: h_well}
      - {text: To the inn, to: h_inn}
      - {text: Leave, to: h_gone, if: visits(h_well) >= 2}
  h_well: {title: Well, text: The well., choices: [{text: Back, to: h_square}]}
  h_inn: {title: Inn, text: The inn., choices: [{text: Back, to: h_square}]}
  h_gone: {title: Gone, text: Gone., ending: {id: gone, title: Gone}}
"""


def test_the_visit_cap_keeps_hub_stories_finite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hub whose text and conditions count visits: counts are told apart only up to
    one past the largest number they are compared with (2 and 3 here); without the cap
    every lap is a new state and the search only stops at its bound."""
    (tmp_path / "story.yaml").write_text(HUB_STORY, encoding="utf-8")
    story = load_story(tmp_path)
    result = explore(story, max_states=5_000)
    assert result.exact
    assert result.endings == {"gone"}
    assert result.nodes == {"h_square", "h_well", "h_inn", "h_gone"}
    assert ("h_square.text", 0) in result.arms  # "You know it well by now" was shown
    keyer = explore_mod._Keyer(story)
    assert keyer.visits == {"h_square": 3, "h_well": 3}
    monkeypatch.setattr(explore_mod, "visit_cap", lambda consts, free: 10**9)
    uncapped = explore(story, max_states=5_000)
    assert not uncapped.complete and uncapped.states == 5_000


def test_visit_counts_in_arithmetic_are_capped_at_the_visit_cap() -> None:
    assert explore_mod.visit_cap({2}, free=False) == 3
    assert explore_mod.visit_cap({7}, free=True) == 8
    assert explore_mod.visit_cap(set(), free=True) == explore_mod.VISIT_CAP


def test_a_story_without_visit_counts_is_searched_by_its_variables() -> None:
    result = explore(load_story(LOOPING))
    assert result.complete
    # l_yard with laps 0..3, l_hut with laps 1..3 (the walk there adds one), nothing else
    assert result.states == 7
    assert result.endings == set()


def test_same_seed_same_games_different_seed_different_games() -> None:
    story = load_story(SAMPLE)
    a, b = random_runs(story, 50, seed=3), random_runs(story, 50, seed=3)
    assert a.choice_hits == b.choice_hits
    assert a.steps == b.steps and a.ending_hits == b.ending_hits
    other = random_runs(story, 50, seed=4)
    assert other.choice_hits != a.choice_hits
    # one game each: seed 0 goes straight to the crossing, seed 3 fetches supplies first
    assert random_runs(story, 1, seed=0).steps == 2
    assert random_runs(story, 1, seed=3).steps == 5


def test_unexpected_exception_is_reported_with_seed_and_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = Engine.choose

    def flaky(self: Engine, choice_id: str) -> PassageView:
        if self.state.node == "mulde_crossing":
            raise ZeroDivisionError("boom")
        return real(self, choice_id)

    monkeypatch.setattr(Engine, "choose", flaky)
    report = playtest(load_story(SAMPLE), runs=10, seed=5)
    problems = {p.kind: p for p in report.problems}
    assert "exception" in problems
    p = problems["exception"]
    assert p.message == "ZeroDivisionError: boom"
    assert p.node == "mulde_crossing"
    # the exhaustive pass's shortest path, ending with the choice that raised
    assert p.path == [("mulde_halt", "mulde_crossing"), ("mulde_crossing", "mulde_hold")]
    # and the first random run that met it (run 0: engine seed 5 + 0), to replay it
    assert (p.run, p.seed) == (0, 5)
    # every one of the ten random games reaches the crossing; each reports and goes on
    assert report.random.problems[p.key].count == 10
    assert not report.ok


def test_engine_errors_are_caught_per_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from elbe_game.engine import StateError

    def bad_view(self: Engine) -> PassageView:
        raise StateError("bad", "vars.x")

    monkeypatch.setattr(Engine, "view", bad_view)
    report = playtest(load_story(SAMPLE), runs=3)
    assert {p.kind for p in report.problems} == {"engine-error"}


def test_broken_story_gives_the_checker_diagnostics(run: Run, tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text("story: {id: x, title: X, start: nowhere}\n")
    code, out, err = run("playtest", tmp_path)
    assert code == 1 and out == ""
    assert "has 1 error" in err
    assert "story.yaml:1:" in err and "E017" in err
    assert "Traceback" not in err


def test_missing_folder_is_an_input_error(run: Run, tmp_path: Path) -> None:
    code, _, err = run("playtest", tmp_path / "nope")
    assert code == 1
    assert err.strip() == f"elbe-game playtest: no such story folder: {tmp_path / 'nope'}"


def test_no_progress_bar_when_not_a_terminal(run: Run) -> None:
    _, out, err = run("playtest", SAMPLE, "--runs", "10")
    assert "━" not in out + err


def test_progress_callbacks_are_advanced() -> None:
    seen: dict[str, int] = {}

    def progress(label: str, total: int | None) -> Callable[[int], None]:
        seen[label] = 0

        def advance(n: int) -> None:
            seen[label] += n

        return advance

    playtest(load_story(SAMPLE), runs=7, progress=progress)
    assert seen["random"] == 7 and seen["exhaustive"] > 0


def test_generated_thousand_node_story(tmp_path: Path) -> None:
    story = load_story(write_generated_story(tmp_path / "big", 1000))
    began = time.perf_counter()
    report = playtest(story, runs=100)
    assert time.perf_counter() - began < 60
    assert report.ok, report.problems
    assert len(report.visited) == 1000


CLOAK = SAMPLE.parent / "cloak"


def test_stopping_at_the_bound_is_not_ok(run: Run) -> None:
    code, out, _ = run("playtest", SAMPLE, "--runs", "20", "--max-states", "3")
    assert code == 1
    assert "exhaustive pass: 3 distinct states (STOPPED at the bound of 3 states" in out
    assert (
        out.rstrip()
        .splitlines()[-1]
        .startswith("FAILED: the exhaustive pass stopped at its bound (")
    )
    code, out, _ = run("playtest", SAMPLE, "--runs", "20", "--format", "json", "--max-states", "3")
    data = json.loads(out)
    assert code == 1 and data["ok"] is False
    assert data["failures"] == ["the exhaustive pass stopped at its bound"]


def test_cloak_of_darkness_is_playtested_to_both_endings(run: Run) -> None:
    code, out, _ = run("playtest", CLOAK, "--strict", "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert data["exhaustive"]["complete"] and data["exhaustive"]["sampled_nodes"] == {}
    assert sorted(data["exhaustive"]["endings_reached"]) == ["lost", "won"]
    assert data["endings"]["won"] > 0 and data["endings"]["lost"] > 0
    assert data["errors"] == [] and data["text_branches_never_shown"] == []
    code, out, _ = run("test", "--story", CLOAK)
    assert code == 0 and out.splitlines()[-1] == "2 passed, 0 failed"


BRANCHES = """\
story: {id: br, title: Br, start: a, language: 2}
variables:
  n: {type: int, default: 0, min: 0, max: 3}
nodes:
  a:
    title: A
    text: "{if n > 5}Never.{elif n > 0}Sometimes.{else}At first.{end} {cycle: one | two}"
    choices:
      - {text: More, to: a, id: more, if: n < 2, effects: {add: {n: 1}}}
      - {text: Far, to: b, id: far, if: n > 2}
      - {text: Stop, to: c}
  b: {title: B, text: B., ending: {id: b, title: B}}
  c: {title: C, text: C., ending: {id: c, title: C}}
"""


def test_text_branches_no_game_showed_are_reported(run: Run, tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(BRANCHES, encoding="utf-8")
    code, out, _ = run("playtest", tmp_path, "--runs", "50", "--format", "json")
    data = json.loads(out)
    assert [(b["node"], b["branch"]) for b in data["text_branches_never_shown"]] == [
        ("a", "{if n > 5}")
    ]
    assert data["text_branches_never_shown"][0]["where"].endswith("story.yaml:7:12")
    # ending b needs n > 2, and n stops at 2: an ending missed fails, strict or not
    assert code == 1 and data["endings_never_reached"] == ["b"]


def test_strict_fails_on_nodes_never_reached_and_conditions_never_true(
    run: Run, tmp_path: Path
) -> None:
    story = BRANCHES.replace(
        "  b: {title: B, text: B., ending: {id: b, title: B}}",
        "  b: {title: B, text: B., choices: [{text: On, to: c}]}",
    )
    (tmp_path / "story.yaml").write_text(story, encoding="utf-8")
    code, out, _ = run("playtest", tmp_path, "--runs", "50")
    assert code == 0 and out.rstrip().endswith(")") and "OK (" in out
    assert "conditions never true in the exhaustive pass:" in out
    code, out, _ = run("playtest", tmp_path, "--runs", "50", "--strict")
    assert code == 1
    assert "FAILED: 1 nodes never reached, 1 conditions never true (" in out


def test_a_crowded_node_is_explored_by_coverage(tmp_path: Path) -> None:
    """Forty independent switches make 2**40 states; with a share of 16 states a node,
    the search still finishes, and every switch is seen both ways."""
    switches = [f"s{i}" for i in range(40)]
    lines = ["story: {id: sw, title: Sw, start: hub}", "variables:"]
    lines += [f"  {s}: {{type: bool, default: false}}" for s in switches]
    shown = "".join(f"{{if {s}}}{s} {{end}}" for s in switches)  # each switch is read
    lines += ["nodes:", "  hub:", "    title: Hub", f"    text: 'Hub. {shown}'", "    choices:"]
    lines += [
        f"      - {{text: Flip {s}, to: hub, id: {s}, effects: {{set: {{{s}: 'not {s}'}}}}}}"
        for s in switches
    ]
    lines += ["      - {text: End, to: end, if: " + " and ".join(switches[:3]) + "}"]
    lines += ["  end: {title: End, text: End., ending: {id: end, title: End}}"]
    (tmp_path / "story.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    story = load_story(tmp_path)
    result = explore(story, max_states=40 * 16 * 4)
    assert result.complete and not result.exact
    assert set(result.sampled) == {"hub"}
    assert result.endings == {"end"}
    assert ("hub", "end") in result.cond_true and ("hub", "end") in result.cond_false
