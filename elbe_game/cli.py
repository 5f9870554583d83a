"""The command line: ``elbe-game [play|check|schema] ...``.

Exit codes: 0 fine, 1 the story (or the request) has errors, 2 usage errors,
130 interrupted. Every error a person can cause becomes one message, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .paths import bundled_story_dir


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="elbe-game",
        description="Elbe 1945: lead a patrol from the Mulde to the Elbe, April 1945.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="play the game (the default command)")
    _play_arguments(play)

    check = sub.add_parser("check", help="check a story folder and report every problem")
    check.add_argument(
        "story", nargs="?", type=Path, metavar="STORY_DIR", help="default: the bundled story"
    )
    check.add_argument("--format", choices=("text", "json"), default="text")

    sub.add_parser("schema", help="print the JSON Schema for story files")
    return parser


def _play_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plain", action="store_true", help="plain text: screen readers, pipes")
    parser.add_argument("--story", type=Path, metavar="DIR", help="play another story folder")
    parser.add_argument("--saves-dir", type=Path, metavar="DIR", help="where saves are kept")
    parser.add_argument("--name", metavar="NAME", help="your lieutenant's name")
    parser.add_argument("--seed", type=int, metavar="N", help="fix the random generator")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    commands = ("play", "check", "schema")
    first = args_list[0] if args_list else "-"
    if first not in commands and first not in ("-h", "--help", "--version"):
        if not first.startswith("-"):
            parser.error(f"unknown command {first!r} (choose from {', '.join(commands)})")
        args_list.insert(0, "play")  # `elbe-game --plain` means `elbe-game play --plain`
    args = parser.parse_args(args_list)
    try:
        if args.command == "check":
            return cmd_check(args.story or bundled_story_dir(), args.format)
        if args.command == "schema":
            return cmd_schema()
        return cmd_play(args)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error of ours
        return 0


def cmd_check(story: Path, output: str) -> int:
    from .engine import check_story

    report = check_story(story)
    if output == "json":
        payload = {
            "errors": [d.to_dict() for d in report.errors],
            "warnings": [d.to_dict() for d in report.warnings],
            "stats": report.stats,
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        for diagnostic in report.diagnostics:
            print(diagnostic.format())
        stats = report.stats
        print(
            f"{len(report.errors)} errors, {len(report.warnings)} warnings; "
            f"{stats['nodes']} nodes, {stats['choices']} choices, {stats['endings']} endings, "
            f"{stats['words']} words, {stats['reachable_nodes']} reachable"
        )
    return 0 if report.ok else 1


def cmd_schema() -> int:
    from .engine import story_schema

    print(json.dumps(story_schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    story_dir = args.story or bundled_story_dir()
    if not args.plain and sys.stdin.isatty() and sys.stdout.isatty():
        from .ui.app import make_app

        app = make_app(
            story_dir=story_dir, saves_dir=args.saves_dir, seed=args.seed, player_name=args.name
        )
        app.run()
        return app.return_code or 0
    return _play_plain(story_dir, args)


def _play_plain(story_dir: Path, args: argparse.Namespace) -> int:
    from .engine import Engine, StoryError, load_story
    from .plain import PlainGame

    try:
        story = load_story(story_dir)
    except StoryError as exc:
        print(f"elbe-game: cannot start: the story in {story_dir} has errors:", file=sys.stderr)
        for diagnostic in exc.diagnostics:
            if diagnostic.severity == "error":
                print(f"  {diagnostic.format()}", file=sys.stderr)
        print("Run `elbe-game check` on it for the full report.", file=sys.stderr)
        return 1
    engine = Engine.new_game(story, seed=args.seed, player_name=args.name)
    return PlainGame(engine, sys.stdin, sys.stdout).run()
