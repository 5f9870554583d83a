"""What every ``elbe-game`` subcommand shares: how it takes a story, what its ``--help``
says (a description, examples, the exit codes) and what shell completion offers.

    sub = parser.add_subparsers(...)
    p = command(sub, "stats", "words, passages...", DESCRIPTION, ["elbe-game stats"])
    add_story(p, positional=True)     # --story DIR, and the older positional STORY_DIR
    story_dir(args)                   # the folder asked for, else the bundled story

Exit codes, one rule for every command:

    0  fine
    1  the input has errors: a story with errors, a story folder or file that does not
       exist, a save that cannot be read, a failed playtest or walkthrough
    2  a usage error: what the command line itself gets wrong (an unknown command or
       option, a value of the wrong kind, options that exclude each other)
    130 interrupted (ctrl+c)

A missing story folder is an input error (1), not a usage error: the checker reports
it as E024 like any other problem of a story (``check --format json`` included), and a
story can be named inside a file (a walkthrough's ``story:``), not only on the
command line. Exit 2 is kept for what can be seen from the command line alone.

Nothing here imports the engine, the host beyond its folders, or a front end.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .host.dirs import bundled_story_dir

__all__ = [
    "DIRECTORY",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_STATUS",
    "EXIT_USAGE",
    "FILE",
    "add_format",
    "add_story",
    "command",
    "story_dir",
]

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

EXIT_STATUS = (
    "exit status:\n"
    "  0    fine\n"
    "  1    the input has errors (a story with errors, a story folder or file that\n"
    "       does not exist, a save that cannot be read, a failed test)\n"
    "  2    a usage error (an unknown command or option, a bad value)\n"
    "  130  interrupted"
)

# Completion hints read by shtab (``elbe-game completion``): the same values as
# shtab.DIRECTORY and shtab.FILE, written out so that parsing never imports shtab.
DIRECTORY = {"bash": "_shtab_compgen_dirs", "zsh": "_files -/", "tcsh": "d"}
FILE = {"bash": "_shtab_compgen_files", "zsh": "_files", "tcsh": "f"}


def complete(action: argparse.Action, hint: dict[str, str]) -> argparse.Action:
    """Tell shell completion what ``action`` takes (a folder, a file)."""
    action.complete = hint  # type: ignore[attr-defined]  # read by shtab
    return action


def command(
    subparsers: Any,
    name: str,
    summary: str,
    description: str,
    examples: Sequence[str],
) -> argparse.ArgumentParser:
    """A subcommand whose ``--help`` has a description, examples and the exit codes."""
    lines = ["examples:", *(f"  {example}" for example in examples), "", EXIT_STATUS]
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name,
        help=summary,
        description=description,
        epilog="\n".join(lines),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(command_parser=parser)  # for usage errors found after parsing
    return parser


def add_story(parser: argparse.ArgumentParser, positional: bool = False) -> None:
    """``--story DIR`` (every command that reads a story takes it so); with
    ``positional``, a folder given without ``--story`` is accepted too, as before 0.2."""
    complete(
        parser.add_argument(
            "--story",
            type=Path,
            metavar="DIR",
            help="the story folder (default: the story that comes with the game)",
        ),
        DIRECTORY,
    )
    if positional:
        complete(
            parser.add_argument(
                "story_positional",
                nargs="?",
                type=Path,
                metavar="STORY_DIR",
                help=argparse.SUPPRESS,
            ),
            DIRECTORY,
        )


def story_dir(args: argparse.Namespace) -> Path:
    """The story folder asked for (``--story`` or the positional one), else the
    bundled story. Both, naming different folders, is a usage error (exit 2)."""
    given: Path | None = args.story
    old: Path | None = getattr(args, "story_positional", None)
    if given is not None and old is not None and given != old:
        args.command_parser.error(
            f"the story is given twice ({old} and --story {given}); give it once"
        )
    return given or old or bundled_story_dir()


def add_format(parser: argparse.ArgumentParser, *choices: str, what: str = "the report") -> None:
    """``--format``: the first choice is the default."""
    parser.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=f"how to print {what}: {' or '.join(choices)} (default: {choices[0]})",
    )
