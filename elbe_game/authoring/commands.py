"""The authoring subcommands of ``elbe-game``: playtest, graph, stats, test.

cli.py registers them with ``add_commands(subparsers)`` and dispatches with
``run_command(args)``, which returns the exit code for these commands and None for
any other (so cli.py can go on to its own). Exit codes: 0 fine, 1 problems found
(a broken story, a failed playtest or walkthrough), 2 usage errors (a missing folder
or file). Every error a person can cause is printed as one message on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..engine import Story
from ..host.dirs import bundled_story_dir
from . import COMMANDS
from .common import AuthoringError, open_story
from .explore import DEFAULT_MAX_STATES
from .playtest import DEFAULT_MAX_STEPS, DEFAULT_RUNS, format_text, playtest
from .stats import WORDS_PER_MINUTE, format_table, story_counts

__all__ = ["COMMANDS", "add_commands", "run_command"]


def _story_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "story", nargs="?", type=Path, metavar="STORY_DIR", help="default: the bundled story"
    )


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
    p = subparsers.add_parser(
        "playtest", help="try every choice, then play N seeded random games; report misses"
    )
    _story_arg(p)
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
    p.add_argument("--format", choices=("text", "json"), default="text")

    g = subparsers.add_parser("graph", help="print the story map (Mermaid or Graphviz DOT)")
    _story_arg(g)
    g.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    g.add_argument(
        "--cluster",
        choices=("auto", "act", "file"),
        default="auto",
        help="group nodes by act prefix (a1_...) or by file; auto: act if all have one",
    )

    s = subparsers.add_parser("stats", help="words, nodes, choices, endings, reading time")
    _story_arg(s)
    s.add_argument("--format", choices=("text", "json"), default="text")

    t = subparsers.add_parser("test", help="run walkthrough tests (*.walk.yaml)")
    t.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="default: STORY_DIR/walkthroughs/*.walk.yaml",
    )
    t.add_argument(
        "--story",
        type=Path,
        metavar="STORY_DIR",
        help="the story to test (default: the file's 'story:', else the bundled one)",
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
        return 2 if exc.usage else 1


def _story(args: argparse.Namespace) -> tuple[Story, Path]:
    story_dir: Path = args.story or bundled_story_dir()
    return open_story(story_dir), story_dir


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
    story, story_dir = _story(args)
    with _progress(sys.stderr.isatty() and sys.stdout.isatty()) as progress:
        report = playtest(
            story, args.runs, args.seed, args.max_steps, args.max_states, progress, args.strict
        )
    if args.format == "json":
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(format_text(report, str(story_dir))))
    return 0 if report.ok else 1


# ------------------------------------------------------------------ graph, stats


def cmd_graph(args: argparse.Namespace) -> int:
    from .graph import dot, mermaid

    story, _ = _story(args)
    print((dot if args.format == "dot" else mermaid)(story, args.cluster), end="")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    story, story_dir = _story(args)
    total, per_file = story_counts(story)
    if args.format == "json":
        payload = {
            "words_per_minute": WORDS_PER_MINUTE,
            "total": total.to_dict(),
            "files": [c.to_dict() for c in per_file],
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    print(f"{story.title} ({story_dir}), reading at {WORDS_PER_MINUTE} words a minute:")
    print("\n".join(format_table(total, per_file)))
    return 0


# ------------------------------------------------------------------ test


def cmd_test(args: argparse.Namespace) -> int:
    from .walkthrough import SUFFIX, find_walkthroughs, parse_walkthrough, run_walkthrough

    files: list[Path] = list(args.files)
    if not files:
        story_dir = args.story or bundled_story_dir()
        if not story_dir.is_dir():
            raise AuthoringError(f"no such story folder: {story_dir}", usage=True)
        files = find_walkthroughs(story_dir)
        if not files:
            raise AuthoringError(
                f"no walkthroughs: {story_dir / 'walkthroughs'} has no *{SUFFIX} files",
                usage=True,
            )
    for path in files:
        if not path.is_file():
            raise AuthoringError(f"no such walkthrough file: {path}", usage=True)
    stories: dict[Path, Story] = {}
    failed = 0
    for path in files:
        try:
            walk = parse_walkthrough(path)
            story_dir = args.story or walk.story or bundled_story_dir()
            key = story_dir.resolve()
            if key not in stories:
                stories[key] = open_story(story_dir)
            result = run_walkthrough(walk, stories[key])
        except AuthoringError as exc:
            if exc.usage:
                raise
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
