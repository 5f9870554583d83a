"""The command line, as a person uses it: subprocesses, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, PROJECT, SAMPLE


def run(*args: str, stdin: str = "", cwd: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.run(
        [sys.executable, "-m", "elbe_game", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr


def test_check_text() -> None:
    result = run("check", str(SAMPLE))
    assert result.returncode == 0
    assert (
        result.stdout.strip()
        == "0 errors, 0 warnings; 6 nodes, 8 choices, 2 endings, 282 words, 6 reachable"
    )


def test_check_json() -> None:
    result = run("check", str(SAMPLE), "--format", "json")
    data = json.loads(result.stdout)
    assert data["errors"] == [] and data["warnings"] == []
    for key in (
        "nodes",
        "choices",
        "endings",
        "words",
        "variables",
        "history_notes",
        "codex_entries",
        "reachable_nodes",
    ):
        assert isinstance(data["stats"][key], int)
    assert data["stats"]["nodes"] == 6 and data["stats"]["history_notes"] == 2


def test_check_reports_problems_with_places() -> None:
    case = FIXTURES / "checker" / "E009_unknown_target"
    result = run("check", str(case.relative_to(PROJECT)))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "tests/fixtures/checker/E009_unknown_target/nodes.yaml:10:13: E009 unknown target node 'nowhere'"
    )
    data = json.loads(run("check", str(case), "--format", "json").stdout)
    (error,) = data["errors"]
    assert error["line"] == 10 and error["column"] == 13
    assert error["code"] == "E009" and error["severity"] == "error"
    assert error["file"].endswith("nodes.yaml")


def test_check_missing_folder() -> None:
    result = run("check", "no/such/story")
    assert result.returncode == 1
    assert "E024 no such file or folder" in result.stdout
    no_traceback(result)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "--format", "xml"), "invalid choice: 'xml'"),
        (("fly",), "unknown command 'fly'"),
        (("play", "--seed", "many"), "invalid int value: 'many'"),
        (("--no-such-flag",), "unrecognized arguments"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    no_traceback(result)


def test_schema_command_prints_the_committed_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    committed = json.loads((PROJECT / "schema" / "story.schema.json").read_text())
    assert json.loads(result.stdout) == committed


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("elbe-game ")
    assert "check" in run("--help").stdout


def test_plain_play_to_an_ending_through_stdin() -> None:
    result = run("play", "--plain", "--story", str(SAMPLE), "--seed", "1", stdin="2\n1\n")
    assert result.returncode == 0
    assert "The halt on the Mulde\n24 April 1945" in result.stdout
    assert "The end: The line held." in result.stdout
    assert "In history:" in result.stdout
    no_traceback(result)


def test_plain_is_used_when_output_is_not_a_terminal() -> None:
    result = run("--story", str(SAMPLE), stdin="quit\n")
    assert result.returncode == 0
    assert "Choices:" in result.stdout and "Goodbye." in result.stdout


def test_end_of_input_quits_cleanly() -> None:
    result = run("play", "--plain", "--story", str(SAMPLE))
    assert result.returncode == 0
    assert result.stdout.rstrip().endswith(">")
    no_traceback(result)


def test_play_a_broken_story() -> None:
    case = FIXTURES / "checker" / "E009_unknown_target"
    result = run("play", "--plain", "--story", str(case))
    assert result.returncode == 1
    assert "has errors" in result.stderr and "E009 unknown target node 'nowhere'" in result.stderr
    assert "nodes.yaml:10:13" in result.stderr
    no_traceback(result)


def test_play_a_missing_story() -> None:
    result = run("play", "--plain", "--story", "nowhere")
    assert result.returncode == 1
    assert "E024" in result.stderr
    no_traceback(result)


def test_authoring_tools_are_loaded_only_when_asked() -> None:
    code = (
        "import sys, elbe_game.cli\n"
        "print(sorted(m for m in sys.modules if m.startswith('elbe_game.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT)
    # the command names only (elbe_game.authoring imports nothing), the shared
    # arguments and the folders
    assert out.stdout.strip() == str(
        [
            "elbe_game.authoring",
            "elbe_game.cli",
            "elbe_game.cliargs",
            "elbe_game.cliparser",
            "elbe_game.host",
            "elbe_game.host.dirs",
        ]
    )
