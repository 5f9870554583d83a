"""The cli.py integration: add_commands / run_command, also from a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys

from elbe_game.authoring.commands import COMMANDS

from .conftest import SAMPLE, Run, make_parser


def test_commands_are_registered() -> None:
    parser = make_parser()
    for command in COMMANDS:
        assert parser.parse_args([command]).command == command


def test_other_commands_are_left_to_cli(run: Run) -> None:
    assert run("check") == (None, "", "")


def test_usage_errors_exit_2() -> None:
    parser = make_parser()
    try:
        parser.parse_args(["playtest", "--runs", "-3"])
    except SystemExit as exc:
        assert exc.code == 2
    else:  # pragma: no cover
        raise AssertionError("argparse accepted a negative run count")


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
