"""The parser of ``elbe-game``: every subcommand, its description, examples, exit codes
and options (cliargs.py has what the commands share). The authors' tools add their own
(authoring/commands.py) when ``authoring`` is true: they are imported only when asked.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import __version__
from .cliargs import DIRECTORY, EXIT_STATUS, add_format, add_story, command, complete
from .host.dirs import CONFIG_ENV, SAVES_ENV

__all__ = ["COMMANDS", "DEFAULT_PORT", "build_parser"]

COMMANDS = ("play", "check", "schema", "saves", "paths", "serve", "completion")
"""cli.py's own subcommands; the authors' tools add AUTHORING_COMMANDS."""

DEFAULT_PORT = 8000

MAIN_EPILOG = f"""\
Without a command, `play`: the full-screen game in a terminal, plain text when the
input or output is not a terminal. `elbe-game COMMAND --help` tells more of each.

examples:
  elbe-game                          play in the terminal
  elbe-game play --plain             plain text, for screen readers and scripts
  elbe-game play --continue          resume the newest save
  elbe-game serve                    play in a browser (the web extra)
  elbe-game check --story my-story   check a story folder
  elbe-game paths                    where saves and settings are kept

environment:
  {SAVES_ENV}   where saves and the profile are kept (--saves-dir wins)
  {CONFIG_ENV}  where settings are kept

{EXIT_STATUS}
"""


def build_parser(authoring: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="elbe-game",
        description="Elbe 1945: lead a patrol from the Mulde to the Elbe, April 1945.",
        epilog=MAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help="print the version"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = command(
        sub,
        "play",
        "play the game (the default command)",
        "Play Elbe 1945: the full-screen game in a terminal, or plain text (numbered\n"
        "choices, one passage after another) with --plain or when the input or output\n"
        "is not a terminal. Every choice is autosaved; --continue resumes.",
        [
            "elbe-game play",
            "elbe-game play --plain --name Hale",
            "elbe-game play --load bridge",
            "printf '2\\n1\\n' | elbe-game play --plain --story tests/fixtures/sample",
            "elbe-game play --story my-story --dev --start-at a3_torgau --set trust=4",
        ],
    )
    _play_arguments(play)

    check = command(
        sub,
        "check",
        "check a story folder and report every problem",
        "Load a story folder and report every problem at once, one per line as\n"
        "file:line:col CODE message (docs/authoring.md lists the codes), then a\n"
        "summary. Exit 1 if there is an error; warnings alone pass.",
        [
            "elbe-game check",
            "elbe-game check --story my-story",
            "elbe-game check --story my-story --format json",
        ],
    )
    add_story(check, positional=True)
    add_format(check, "text", "json")

    command(
        sub,
        "schema",
        "print the JSON Schema for story files",
        "Print the JSON Schema of story files, for an editor's YAML language server\n"
        "(the repository keeps it in schema/story.schema.json).",
        ["elbe-game schema > story.schema.json"],
    )

    saves = command(
        sub,
        "saves",
        "list the saved games and what is in them",
        "List the saved games, newest first: slot, story, passage, turn and when.\n"
        "`elbe-game paths` tells where they are kept.",
        ["elbe-game saves", "elbe-game saves --format json", "elbe-game saves --delete bridge"],
    )
    _saves_dir(saves)
    add_format(saves, "text", "json", what="the list")
    saves.add_argument("--delete", metavar="NAME", help="delete the save NAME")

    paths = command(
        sub,
        "paths",
        "print where saves, settings, the profile and the story are",
        "Print the folders and files the game uses, and which rule chose each: the\n"
        f"saves folder (--saves-dir, ${SAVES_ENV}, a checkout's saves/, else the user\n"
        f"data folder), the profile, the settings (${CONFIG_ENV}, else the user\n"
        "config folder), the bundled story and the browser visitors' folders.",
        ["elbe-game paths", "elbe-game paths --format json"],
    )
    _saves_dir(paths)
    add_format(paths, "text", "json", what="the paths")

    serve = command(
        sub,
        "serve",
        "play in a browser: serve the full game on this machine (the web extra)",
        "Serve the full-screen game to web browsers (needs the web extra:\n"
        "pip install 'elbe-game[web]'). Each browser gets a cookie and its own saves,\n"
        "profile and settings; reloading the page and choosing Continue resumes the\n"
        "game. Browsers keep F1, F5, ctrl+w and ctrl+q for themselves: in the browser,\n"
        "? opens help and k quick saves. The page is drawn on a canvas, which screen\n"
        "readers cannot read: use `elbe-game play --plain` with a screen reader.",
        [
            "elbe-game serve                       then open http://127.0.0.1:8000",
            "elbe-game serve --port 8080 --story my-story",
            "elbe-game serve --host 0.0.0.0        (every machine that can reach this one)",
        ],
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1: this machine only)",
    )
    serve.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"the port to listen on (default {DEFAULT_PORT})",
    )
    add_story(serve)
    _saves_dir(serve, "where the visitors' folders go: DIR/visitors/ (default: the saves folder)")

    shells = command(
        sub,
        "completion",
        "print a shell completion script (bash or zsh)",
        "Print the completion script for bash or zsh, generated from this command\n"
        "line: subcommands, options, their choices, and folders where a folder is\n"
        "wanted. Install it where the shell looks for completions.",
        [
            "elbe-game completion bash > ~/.local/share/bash-completion/completions/elbe-game",
            "elbe-game completion zsh > ~/.zfunc/_elbe-game   (with fpath+=~/.zfunc in .zshrc)",
        ],
    )
    shells.add_argument("shell", choices=("bash", "zsh"), help="the shell: bash or zsh")

    if authoring:
        from .authoring.commands import add_commands

        add_commands(sub)
    return parser


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text} is not a port number (1 to 65535)")
    return value


def _saves_dir(parser: argparse.ArgumentParser, what: str = "where saves are kept") -> None:
    complete(parser.add_argument("--saves-dir", type=Path, metavar="DIR", help=what), DIRECTORY)


def _play_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plain", action="store_true", help="plain text: screen readers, pipes")
    parser.add_argument(
        "--width",
        type=int,
        metavar="N",
        help="plain text: wrap lines at N columns (default 80); 0 does not wrap, "
        "for screen readers and braille displays that read line by line",
    )
    parser.add_argument(
        "--theme",
        choices=("default", "high-contrast", "light", "light-high-contrast", "colour-blind"),
        help="the full-screen game's colours for this run (Settings keeps one for good)",
    )
    add_story(parser)
    _saves_dir(parser)
    parser.add_argument("--name", metavar="NAME", help="your lieutenant's name")
    parser.add_argument("--seed", type=int, metavar="N", help="fix the random generator")
    resume = parser.add_mutually_exclusive_group()
    resume.add_argument(
        "--continue", dest="continue_game", action="store_true", help="resume the newest save"
    )
    resume.add_argument("--load", metavar="NAME", help="resume the save NAME")
    dev = parser.add_argument_group("for story authors")
    dev.add_argument("--start-at", metavar="NODE", help="begin at this node")
    dev.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a variable (or give an item: NAME=true) before play; repeatable",
    )
    dev.add_argument(
        "--dev",
        action="store_true",
        help="reload the story when its files change (full-screen app only)",
    )
