"""The command line: ``elbe-game [play|check|schema|saves|playtest|graph|stats|test] ...``.

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

#: the authors' tools (elbe_game.authoring), imported only when one is asked for, so
#: that starting the game pays nothing for them
AUTHORING_COMMANDS = ("playtest", "graph", "stats", "test")


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
    from .engine.saves import SaveError, SaveStore, saves_folder
    from .plain import describe_save

    store = SaveStore(saves_folder(saves_dir))
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
        rows = [
            {
                "slot": i.slot,
                "kind": i.kind,
                "path": str(i.path),
                "problem": i.problem,
                "saved_at": i.saved_at.isoformat() if i.saved_at else None,
                "play_time": i.play_time,
                "player_name": i.player_name,
                "story": {"id": i.story_id, "title": i.story_title, "hash": i.content_hash},
                "passage": {"node": i.node, "title": i.title, "date": i.date, "time": i.time},
                "turn": i.turn,
            }
            for i in infos
        ]
        print(json.dumps({"folder": str(store.folder), "saves": rows}, indent=2))
        return 0
    if not infos:
        print(f"No saves in {store.folder}.")
        return 0
    print(f"Saves in {store.folder}, newest first:")
    for info in infos:
        print(f"  {describe_save(info)}")
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    story_dir = args.story or bundled_story_dir()
    if not args.plain and sys.stdin.isatty() and sys.stdout.isatty():
        problem = _check_dev_start(story_dir, args)
        if problem is not None:
            print(f"elbe-game: {problem}", file=sys.stderr)
            return 2
        from .ui.app import make_app

        # --saves-dir goes as given: the app resolves it with saves_folder() in the
        # thread that loads the story, because importing the engine here, before the
        # first frame, would cost the title screen about 150 ms.
        app = make_app(
            story_dir=story_dir,
            saves_dir=args.saves_dir,
            seed=args.seed,
            player_name=args.name,
            continue_game=args.continue_game,
            load_slot=args.load,
            start_at=args.start_at,
            sets=tuple(args.set),
            dev=args.dev,
        )
        app.run()
        return app.return_code or 0
    if args.dev:
        print("elbe-game: --dev reloads the full-screen app only; ignored here.", file=sys.stderr)
    return _play_plain(story_dir, args)


def _check_dev_start(story_dir: Path, args: argparse.Namespace) -> str | None:
    """The message for a bad ``--start-at``/``--set``, before the app starts (the story
    is read only when they are given). A broken story is left to the app to show."""
    if args.start_at is None and not args.set:
        return None
    from .authoring.devstart import DevStartError, prepare_engine
    from .engine import StoryError, load_story

    try:
        story = load_story(story_dir)
    except StoryError:
        return None
    try:
        prepare_engine(story, args.start_at, args.set, args.seed, args.name)
    except DevStartError as exc:
        return str(exc)
    return None


def _play_plain(story_dir: Path, args: argparse.Namespace) -> int:
    from .authoring.devstart import DevStartError, prepare_engine
    from .engine import StoryError, load_story
    from .engine.profile import Profile
    from .engine.saves import SaveError, SaveStore, saves_folder
    from .plain import PlainGame, ask_yes_no, load_game

    try:
        story = load_story(story_dir)
    except StoryError as exc:
        errors = [d for d in exc.diagnostics if d.severity == "error"]
        if all(d.code == "E024" for d in errors):  # nothing to check: no story there
            print(f"elbe-game: cannot start: {errors[0].format()}", file=sys.stderr)
            return 1
        print(f"elbe-game: cannot start: the story in {story_dir} has errors:", file=sys.stderr)
        for diagnostic in errors:
            print(f"  {diagnostic.format()}", file=sys.stderr)
        print("Run `elbe-game check` on it for the full report.", file=sys.stderr)
        return 1
    store = SaveStore(saves_folder(args.saves_dir))
    profile = Profile.load(store.folder, story.id)
    if profile.problem:
        print(f"elbe-game: note: {profile.problem}", file=sys.stderr)
    slot = args.load
    if args.continue_game:
        damaged = [info.slot for info in store.list() if info.damaged]
        if damaged:
            print(
                f"elbe-game: note: skipping damaged saves ({', '.join(damaged)}); "
                "`elbe-game saves` says what is wrong with each.",
                file=sys.stderr,
            )
        newest = store.newest(story)
        if newest is None:
            print(f"elbe-game: no saves of this story in {store.folder}; starting a new game.")
        else:
            slot = newest.slot
    try:
        engine = prepare_engine(story, args.start_at, args.set, args.seed, args.name)
    except DevStartError as exc:
        print(f"elbe-game: {exc}", file=sys.stderr)
        return 2
    game = PlainGame(engine, sys.stdin, sys.stdout, store=store, profile=profile)
    if slot is None:
        return game.run()
    try:
        result = load_game(store, slot, story, lambda q: ask_yes_no(sys.stdin, sys.stdout, q))
    except SaveError as exc:
        print(f"elbe-game: cannot load: {exc.message}", file=sys.stderr)
        return 1
    if result is None:
        print("Not loaded.")
        return 1
    game.resume(result)
    return game.run(show=False)
