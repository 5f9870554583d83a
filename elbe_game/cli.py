"""The command line: ``elbe-game [play|check|schema|saves|playtest|graph|stats|test] ...``.

Exit codes: 0 fine, 1 the story (or the request) has errors, 2 usage errors,
130 interrupted. Every error a person can cause becomes one message, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .host.options import PlayOptions

from . import __version__
from .authoring import COMMANDS as AUTHORING_COMMANDS  # names only: the tools load when asked
from .host.dirs import bundled_story_dir


def _parser(authoring: bool = True) -> argparse.ArgumentParser:
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

    saves = sub.add_parser("saves", help="list the saved games and what is in them")
    saves.add_argument("--saves-dir", type=Path, metavar="DIR", help="where saves are kept")
    saves.add_argument("--format", choices=("text", "json"), default="text")
    saves.add_argument("--delete", metavar="NAME", help="delete the save NAME")

    if authoring:
        from .authoring.commands import add_commands

        add_commands(sub)
    return parser


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
    parser.add_argument("--story", type=Path, metavar="DIR", help="play another story folder")
    parser.add_argument("--saves-dir", type=Path, metavar="DIR", help="where saves are kept")
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


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = _parser(authoring=bool({"-h", "--help", *AUTHORING_COMMANDS} & set(args_list[:1])))
    commands = ("play", "check", "schema", "saves", *AUTHORING_COMMANDS)
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
        if args.command == "saves":
            return cmd_saves(args.saves_dir, args.format, args.delete)
        if args.command in AUTHORING_COMMANDS:
            from .authoring.commands import run_command

            result = run_command(args)
            assert result is not None
            return result
        return cmd_play(args)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`| head`): not an error of ours, and nothing to say.
        # Python would report the pipe again when it flushes stdout at exit, so stdout
        # is pointed at nothing first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
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
        counts = (
            f"{_plural(len(report.errors), 'error')}, {_plural(len(report.warnings), 'warning')}"
        )
        if report.story is None:
            print(f"{counts}; the story cannot be loaded until the errors are fixed")
        else:
            print(
                f"{counts}; {stats['nodes']} nodes, {stats['choices']} choices, "
                f"{stats['endings']} endings, {stats['words']} words, "
                f"{stats['reachable_nodes']} reachable"
            )
    return 0 if report.ok else 1


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def cmd_schema() -> int:
    from .engine import story_schema

    print(json.dumps(story_schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_saves(saves_dir: Path | None, output: str, delete: str | None) -> int:
    from .engine.errors import SaveError
    from .host.dirs import Folders
    from .host.saves import SaveStore
    from .plain import describe_save

    store = SaveStore(Folders.resolve(saves_dir=saves_dir).saves)
    if delete is not None:
        try:
            store.delete(delete)
        except SaveError as exc:
            print(f"elbe-game: {exc.message}", file=sys.stderr)
            return 1
        print(f"Deleted {delete.strip()!r} from {store.folder}.")
        return 0
    infos = store.list()
    if output == "json":
        rows = [info.to_dict() for info in infos]
        print(json.dumps({"folder": str(store.folder), "saves": rows}, indent=2))
        return 0
    if not infos:
        print(f"No saves in {store.folder}.")
        return 0
    print(f"Saves in {store.folder}, newest first:")
    for info in infos:
        print(f"  {describe_save(info)}")
    return 0


def _options(args: argparse.Namespace) -> PlayOptions:
    from .host.options import PlayOptions

    return PlayOptions(
        story_dir=args.story or bundled_story_dir(),
        saves_dir=args.saves_dir,
        seed=args.seed,
        player_name=args.name,
        continue_game=args.continue_game,
        load_slot=args.load,
        start_at=args.start_at,
        sets=tuple(args.set),
        dev=args.dev,
    )


def cmd_play(args: argparse.Namespace) -> int:
    if args.width is not None and args.width < 0:
        print("elbe-game: --width must be 0 (no wrapping) or more", file=sys.stderr)
        return 2
    terminal = sys.stdin.isatty() and sys.stdout.isatty()
    dumb = os.environ.get("TERM", "") == "dumb"
    if not args.plain and terminal and not dumb:
        return _play_app(args)
    if not args.plain and terminal and dumb:
        print("elbe-game: TERM is dumb, so the game plays in plain text.", file=sys.stderr)
    if args.dev:
        print("elbe-game: --dev reloads the full-screen app only; ignored here.", file=sys.stderr)
    return _play_plain(args)


def _play_app(args: argparse.Namespace) -> int:
    # The engine is not imported here: the app loads the story in a worker thread after
    # the title screen's first frame (importing it first would cost about 150 ms).
    # Only --start-at and --set are checked first, so that a mistake in them is one line
    # on stderr; the story read for that is handed to the app, not read twice.
    story = None
    if args.start_at is not None or args.set:
        from .authoring.devstart import DevStartError, prepare_engine
        from .engine import StoryError, load_story

        try:
            story = load_story(args.story or bundled_story_dir())
            prepare_engine(story, args.start_at, args.set, args.seed, args.name)
        except StoryError:
            story = None  # the app shows the checker's messages
        except DevStartError as exc:
            print(f"elbe-game: {exc}", file=sys.stderr)
            return 2
    from .ui.app import make_app

    app = make_app(_options(args), story=story, theme=args.theme)
    app.run()
    return app.return_code or 0


def _play_plain(args: argparse.Namespace) -> int:
    from .authoring.devstart import DevStartError
    from .engine.errors import SaveError
    from .host.game import GameSession
    from .host.settings import SettingsStore
    from .plain import PlainGame, describe_story_errors
    from .plaintext import DEFAULT_WIDTH

    def tell(message: str) -> None:
        game.tell_problem(message)

    session = GameSession(_options(args), on_problem=tell)
    width = DEFAULT_WIDTH if args.width is None else args.width
    settings = SettingsStore(session.folders.config)
    game = PlainGame(session, sys.stdin, sys.stdout, width=width, settings=settings)
    session.open()
    if session.failed:
        for line in describe_story_errors(session.options.story_dir, session.diagnostics):
            print(line, file=sys.stderr)
        return 1
    for notice in session.take_notices():
        print(f"elbe-game: note: {notice}", file=sys.stderr)
    try:
        try:
            session.new_game(args.name)  # also checks --start-at and --set
        except DevStartError as exc:
            print(f"elbe-game: {exc}", file=sys.stderr)
            return 2
        slot, notes = session.startup_resume()
        for note in notes:
            print(f"elbe-game: note: {note}", file=sys.stderr)
        if slot is None:
            return game.run()
        try:
            loaded = session.load(slot, game.ask)
        except SaveError as exc:
            print(f"elbe-game: cannot load: {exc.message}", file=sys.stderr)
            return 1
        if loaded is None:
            print("Not loaded.")
            return 1
        game.show_loaded(loaded)
        return game.run(show=False)
    finally:
        session.close()
