"""The command line's conventions, for every command alike: --help with a description,
examples and the exit codes, help on every option, one way to name the story, one
exit code for a missing path, `paths`, and shell completion generated from the parser."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from elbe_game import cliparser
from elbe_game.host.dirs import bundled_story_dir

from .conftest import PROJECT, SAMPLE
from .test_cli import no_traceback, run
from .web.conftest import free_port

EVERY_COMMAND = (*cliparser.COMMANDS, "playtest", "graph", "stats", "test")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = cliparser.build_parser(authoring=True)
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_every_command_is_in_the_parser() -> None:
    assert sorted(subcommands()) == sorted(EVERY_COMMAND)


@pytest.mark.parametrize("name", EVERY_COMMAND)
def test_every_commands_help_has_a_description_examples_and_exit_codes(name: str) -> None:
    parser = subcommands()[name]
    text = parser.format_help()
    assert parser.description and len(parser.description) > 40
    examples = text.split("examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert examples and all(f"elbe-game {name}" in line for line in examples)
    assert "exit status:\n  0    fine\n  1    the input has errors" in text
    assert "2    a usage error" in text


@pytest.mark.parametrize("name", EVERY_COMMAND)
def test_every_option_has_help(name: str) -> None:
    for action in subcommands()[name]._actions:
        if action.dest == "story_positional":
            assert action.help == argparse.SUPPRESS  # the older spelling, not advertised
            continue
        assert action.help, f"{name} {action.option_strings or action.dest} has no help"


def test_the_main_help_names_the_environment_and_the_exit_codes() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "ELBE_GAME_SAVES_DIR   where saves and the profile are kept" in result.stdout
    assert "ELBE_GAME_CONFIG_DIR  where settings are kept" in result.stdout
    assert "exit status:" in result.stdout and "elbe-game paths" in result.stdout


def test_a_subcommands_help_from_the_command_line() -> None:
    result = run("stats", "--help")
    assert result.returncode == 0
    assert "Count the story: words a player reads" in result.stdout
    assert "--format {text,json}  how to print the counts: text or json (default: text)" in (
        result.stdout
    )


# ------------------------------------------------------------------ a missing path

MISSING = "no/such/story"
STORY_COMMANDS = [
    ("play", "--plain", "--story", MISSING),
    ("check", "--story", MISSING),
    ("check", MISSING),
    ("playtest", "--story", MISSING),
    ("playtest", MISSING),
    ("graph", "--story", MISSING),
    ("graph", MISSING),
    ("stats", "--story", MISSING),
    ("stats", MISSING),
    ("test", "--story", MISSING),
    ("test", "no/such/file.walk.yaml"),
    ("serve", "--port", "0", "--story", MISSING),
]


@pytest.mark.parametrize("args", STORY_COMMANDS, ids=" ".join)
def test_a_missing_story_or_file_is_an_input_error_everywhere(args: tuple[str, ...]) -> None:
    if args[0] == "serve":
        args = tuple(str(free_port()) if a == "0" else a for a in args)
    result = run(*args)
    assert result.returncode == 1, result.stdout + result.stderr
    missing = args[-1]
    assert missing in result.stdout + result.stderr
    no_traceback(result)


@pytest.mark.parametrize("command", ["saves", "paths"])
def test_a_saves_folder_not_made_yet_is_no_error(command: str, tmp_path: Path) -> None:
    """It is made with the first save: `saves` lists nothing, `paths` names it."""
    folder = tmp_path / "not-yet"
    result = run(command, "--saves-dir", str(folder))
    assert result.returncode == 0
    assert str(folder) in result.stdout
    assert not folder.exists()


def test_every_command_that_takes_a_path_is_tried_missing() -> None:
    tried = {args[0] for args in STORY_COMMANDS} | {"saves", "paths"}
    assert tried == set(EVERY_COMMAND) - {"schema", "completion"}  # these take no path


def test_the_story_may_be_given_as_before_or_with_story_but_once() -> None:
    assert run("stats", str(SAMPLE)).stdout == run("stats", "--story", str(SAMPLE)).stdout
    assert run("check", str(SAMPLE), "--story", str(SAMPLE)).returncode == 0
    twice = run("check", str(SAMPLE), "--story", "story")
    assert twice.returncode == 2
    assert f"elbe-game check: error: the story is given twice ({SAMPLE} and --story story)" in (
        twice.stderr
    )


# ------------------------------------------------------------------ paths


def test_paths_names_each_folder_and_the_rule_that_chose_it(tmp_path: Path) -> None:
    result = run("paths", "--format", "json")
    assert result.returncode == 0
    paths = json.loads(result.stdout)
    saves = Path(os.environ["ELBE_GAME_SAVES_DIR"])  # the conftest's, for every test
    config = Path(os.environ["ELBE_GAME_CONFIG_DIR"])
    assert paths["saves"] == {"path": str(saves), "from": "$ELBE_GAME_SAVES_DIR"}
    assert paths["profile"]["path"] == str(saves / "profile.json")
    assert paths["settings"] == {
        "path": str(config / "settings.json"),
        "from": "$ELBE_GAME_CONFIG_DIR",
    }
    assert paths["story"]["path"] == str(bundled_story_dir())
    assert paths["visitors"]["path"] == str(saves / "visitors")
    text = run("paths", "--saves-dir", str(tmp_path)).stdout.splitlines()
    assert text[0] == f"saves     {tmp_path}  (--saves-dir)"
    assert text[1] == f"profile   {tmp_path / 'profile.json'}  (in the saves folder)"


# ------------------------------------------------------------------ shell completion


def _help_of(name: str) -> str:
    parser = cliparser.build_parser(authoring=True)
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    (summary,) = [c.help for c in action._get_subactions() if c.dest == name]
    assert summary is not None
    return summary.replace("'", "'\"'\"'")


def complete_in_bash(script: Path, *words: str) -> list[str]:
    """What bash offers for the command line ``words`` (the last one being typed)."""
    line = " ".join(words)
    program = (
        f"source {script}\n"
        f"COMP_WORDS=({' '.join(repr(w) for w in words)}); COMP_CWORD={len(words) - 1}\n"
        f"COMP_LINE={line!r}; COMP_POINT=${{#COMP_LINE}}\n"
        '_shtab_elbe_game; printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "-c", program], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    return sorted(done.stdout.split())


def test_bash_completion_offers_commands_options_choices_and_folders(tmp_path: Path) -> None:
    result = run("completion", "bash")
    assert result.returncode == 0
    script = tmp_path / "elbe-game.bash"
    script.write_text(result.stdout)
    assert complete_in_bash(script, "elbe-game", "pl") == ["play", "playtest"]
    assert complete_in_bash(script, "elbe-game", "check", "--f") == ["--format"]
    assert complete_in_bash(script, "elbe-game", "graph", "--format", "") == ["dot", "mermaid"]
    assert complete_in_bash(script, "elbe-game", "play", "--st") == ["--start-at", "--story"]
    assert complete_in_bash(script, "elbe-game", "stats", "--story", "tests/fix") == [
        "tests/fixtures"
    ]


def test_zsh_completion_is_generated_from_the_same_parser(tmp_path: Path) -> None:
    result = run("completion", "zsh")
    assert result.returncode == 0
    assert result.stdout.startswith("#compdef elbe-game\n")
    for name in EVERY_COMMAND:  # each command, with its one-line summary
        assert f"    {name}:'{_help_of(name)}'" in result.stdout, name
    assert '"--story[the story folder' in result.stdout
    zsh = shutil.which("zsh")
    if zsh is None:
        if os.environ.get("ELBE_GAME_TEST_TOOLS") == "required":  # CI installs zsh too
            pytest.fail("zsh is not installed: CI installs it to check the script")
        pytest.skip(
            "zsh is not installed: the script's syntax is not checked (apt-get install zsh)"
        )
    script = tmp_path / "_elbe-game"
    script.write_text(result.stdout)
    check = subprocess.run([zsh, "-n", str(script)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
