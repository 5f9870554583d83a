"""The cli.py integration: add_commands / run_command, also from a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from elbe_game.authoring.commands import COMMANDS

from .conftest import SAMPLE, Run, make_parser


def test_commands_are_registered() -> None:
    parser = make_parser()
    for command in COMMANDS:
        assert parser.parse_args([command]).command == command


def test_other_commands_are_left_to_cli(run: Run) -> None:
    assert run("check") == (None, "", "")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["playtest", "--runs", "-3"], "argument --runs: -3 is negative"),
        (["playtest", "--max-steps", "x"], "argument --max-steps: 'x' is not a whole number"),
        (["stats", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as info:
        make_parser().parse_args(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith(f"elbe-game {argv[0]}: error: {message}")


def test_run_command_from_python_c() -> None:
    code = (
        "import argparse, sys\n"
        "from elbe_game.authoring.commands import add_commands, run_command\n"
        "p = argparse.ArgumentParser(); s = p.add_subparsers(dest='command'); add_commands(s)\n"
        f"sys.exit(run_command(p.parse_args(['playtest', {str(SAMPLE)!r}, '--runs', '30',"
        " '--format', 'json'])))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["runs"] == 30 and done.stderr == ""
