"""The authoring subcommands of ``elbe-game``: playtest, graph, stats, test.

cli.py registers them with ``add_commands(subparsers)`` and dispatches with
``run_command(args)``, which returns the exit code for these commands and None for
any other (so cli.py can go on to its own). Exit codes, as for every command
(cliargs.py): 0 fine, 1 problems found (a broken or missing story, a missing file, a
failed playtest or walkthrough), 2 usage errors (argparse's). Every error a person
can cause is printed as one message on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..cliargs import (
    DIRECTORY,
    EXIT_INPUT,
    FILE,
    add_format,
    add_story,
    command,
    complete,
    story_dir,
)
from ..engine import Story
from ..host.dirs import bundled_story_dir
from . import COMMANDS
from .common import AuthoringError, open_story
from .explore import DEFAULT_MAX_STATES
from .playtest import DEFAULT_MAX_STEPS, DEFAULT_RUNS, format_text, playtest
from .stats import WORDS_PER_MINUTE, format_table, story_counts

__all__ = ["COMMANDS", "add_commands", "run_command"]


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative")
    return value


def add_commands(subparsers: Any) -> None:
    """Register playtest, graph, stats and test on cli.py's subparsers object."""
    p = command(
        subparsers,
        "playtest",
        "try every choice, then play N seeded random games; report misses",
        "Try every choice of every passage and both sides of every condition (an\n"
        "exhaustive search, bounded by --max-states), then play --runs seeded random\n"
        "games that prefer the least-taken choice. Reports what was never reached,\n"
        "dead ends, loops and endings never seen; exit 1 if it found a problem.",
        [
            "elbe-game playtest",
            "elbe-game playtest --story my-story --runs 5000 --seed 7",
            "elbe-game playtest --format json > playtest.json",
        ],
    )
    add_story(p, positional=True)
    p.add_argument(
        "--runs",
        type=_positive,
        default=DEFAULT_RUNS,
        metavar="N",
        help=f"random playthroughs (default {DEFAULT_RUNS})",
    )
    p.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the random pass")
    p.add_argument(
        "--max-steps",
        type=_positive,
        default=None,
        metavar="N",
        help=f"choices before a game is stopped as a loop (default: "
        f"{DEFAULT_MAX_STEPS} or twice the number of nodes, whichever is more)",
    )
    p.add_argument(
        "--max-states",
        type=_positive,
        default=DEFAULT_MAX_STATES,
        metavar="N",
        help=f"bound of the exhaustive search (default {DEFAULT_MAX_STATES})",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="also fail on nodes never reached and conditions never true",
    )
    add_format(p, "text", "json")

    g = command(
        subparsers,
        "graph",
        "print the story map (Mermaid or Graphviz DOT)",
        "Print the story's passages and choices as a graph: Mermaid (GitHub and many\n"
        "editors draw it) or Graphviz DOT. Endings are marked, conditional choices\n"
        "dashed.",
        [
            "elbe-game graph > story.mmd",
            "elbe-game graph --format dot | dot -Tsvg > story.svg",
            "elbe-game graph --story my-story --cluster file",
        ],
    )
    add_story(g, positional=True)
    add_format(g, "mermaid", "dot", what="the graph")
    g.add_argument(
        "--cluster",
        choices=("auto", "act", "file"),
        default="auto",
        help="group nodes by act prefix (a1_...) or by file; auto: act if all have one",
    )

    s = command(
        subparsers,
        "stats",
        "words, nodes, choices, endings, reading time",
        "Count the story: words a player reads, passages, choices, endings, history\n"
        "notes and codex entries, with the reading time, for the whole story and for\n"
        "each file.",
        ["elbe-game stats", "elbe-game stats --story my-story --format json"],
    )
    add_story(s, positional=True)
    add_format(s, "text", "json", what="the counts")

    t = command(
        subparsers,
        "test",
        "run walkthrough tests (*.walk.yaml)",
        "Play each walkthrough file (*.walk.yaml: choices to take and what to expect\n"
        "after each) against its story and report the first step that diverges.\n"
        "Without FILE: every walkthrough in the story's walkthroughs/ folder.",
        [
            "elbe-game test",
            "elbe-game test --story my-story",
            "elbe-game test story/walkthroughs/handshake.walk.yaml",
        ],
    )
    complete(
        t.add_argument(
            "files",
            nargs="*",
            type=Path,
            metavar="FILE",
            help="walkthrough files (default: STORY/walkthroughs/*.walk.yaml)",
        ),
        FILE,
    )
    complete(
        t.add_argument(
            "--story",
            type=Path,
            metavar="DIR",
            help="the story to test (default: each file's 'story:', else the bundled one)",
        ),
        DIRECTORY,
    )


def run_command(args: argparse.Namespace) -> int | None:
    """Run one of COMMANDS and return its exit code; None if ``args.command`` is not ours."""
    handler = _HANDLERS.get(getattr(args, "command", None) or "")
    if handler is None:
        return None
    try:
        return handler(args)
    except AuthoringError as exc:
        print(f"elbe-game {args.command}: {exc.message}", file=sys.stderr)
        for line in exc.details:
            print(f"  {line}", file=sys.stderr)
        return EXIT_INPUT


def _story(args: argparse.Namespace) -> tuple[Story, Path]:
    folder = story_dir(args)
    return open_story(folder), folder


# ------------------------------------------------------------------ playtest


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str, int | None], Callable[[int], None]] | None]:
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        transient=True,
        console=Console(stderr=True),  # stdout stays clean for the report (and JSON)
    ) as bar:

        def start(label: str, total: int | None) -> Callable[[int], None]:
            what = "exhaustive pass (states)" if total is None else f"{label} runs"
            task = bar.add_task(what, total=total)
            return lambda n: bar.advance(task, n)

        yield start


def cmd_playtest(args: argparse.Namespace) -> int:
    story, folder = _story(args)
    with _progress(sys.stderr.isatty() and sys.stdout.isatty()) as progress:
        report = playtest(
            story, args.runs, args.seed, args.max_steps, args.max_states, progress, args.strict
        )
    if args.format == "json":
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(format_text(report, str(folder))))
    return 0 if report.ok else 1


# ------------------------------------------------------------------ graph, stats


def cmd_graph(args: argparse.Namespace) -> int:
    from .graph import dot, mermaid

    story, _ = _story(args)
    print((dot if args.format == "dot" else mermaid)(story, args.cluster), end="")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    story, folder = _story(args)
    total, per_file = story_counts(story)
    if args.format == "json":
        payload = {
            "words_per_minute": WORDS_PER_MINUTE,
            "total": total.to_dict(),
            "files": [c.to_dict() for c in per_file],
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    print(f"{story.title} ({folder}), reading at {WORDS_PER_MINUTE} words a minute:")
    print("\n".join(format_table(total, per_file)))
    return 0


# ------------------------------------------------------------------ test


def cmd_test(args: argparse.Namespace) -> int:
    from .walkthrough import SUFFIX, find_walkthroughs, parse_walkthrough, run_walkthrough

    files: list[Path] = list(args.files)
    if not files:
        folder = args.story or bundled_story_dir()
        if not folder.is_dir():
            raise AuthoringError(f"no such story folder: {folder}")
        files = find_walkthroughs(folder)
        if not files:
            raise AuthoringError(
                f"no walkthroughs: {folder / 'walkthroughs'} has no *{SUFFIX} files"
            )
    for path in files:
        if not path.is_file():
            raise AuthoringError(f"no such walkthrough file: {path}")
    if args.story is not None and not args.story.is_dir():
        raise AuthoringError(f"no such story folder: {args.story}")
    stories: dict[Path, Story] = {}
    failed = 0
    for path in files:
        try:
            walk = parse_walkthrough(path)
            folder = args.story or walk.story or bundled_story_dir()
            key = folder.resolve()
            if key not in stories:
                stories[key] = open_story(folder)
            result = run_walkthrough(walk, stories[key])
        except AuthoringError as exc:
            failed += 1
            print(f"FAIL {exc.message}")
            for line in exc.details:
                print(f"  {line}")
            continue
        if result.ok:
            print(f"ok   {path}: {walk.title} ({result.steps_done} steps)")
        else:
            failed += 1
            print(f"FAIL {path}: {walk.title}")
            print(f"  {result.failure}")
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "playtest": cmd_playtest,
    "graph": cmd_graph,
    "stats": cmd_stats,
    "test": cmd_test,
}
assert tuple(_HANDLERS) == COMMANDS, "every command named in authoring.COMMANDS has a handler"
