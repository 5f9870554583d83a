"""The command line: ``elbe-game [play|check|schema|saves|paths|serve|completion|
playtest|graph|stats|test] ...``.

Exit codes, one rule for every command (cliargs.py has it and why): 0 fine, 1 the
input has errors (a missing story folder or file included), 2 usage errors, 130
interrupted. Every error a person can cause becomes one message, never a traceback.
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
from .cliargs import (
    DIRECTORY,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_STATUS,
    add_format,
    add_story,
    command,
    complete,
    story_dir,
)
from .host.dirs import CONFIG_ENV, SAVES_ENV, bundled_story_dir

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


def _parser(authoring: bool = True) -> argparse.ArgumentParser:
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


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    wants_all = {"-h", "--help", "completion", *AUTHORING_COMMANDS} & set(args_list[:1])
    parser = _parser(authoring=bool(wants_all))
    commands = (*COMMANDS, *AUTHORING_COMMANDS)
    first = args_list[0] if args_list else "-"
    if first not in commands and first not in ("-h", "--help", "--version"):
        if not first.startswith("-"):
            parser.error(f"unknown command {first!r} (choose from {', '.join(commands)})")
        args_list.insert(0, "play")  # `elbe-game --plain` means `elbe-game play --plain`
    args = parser.parse_args(args_list)
    try:
        if args.command == "check":
            return cmd_check(story_dir(args), args.format)
        if args.command == "schema":
            return cmd_schema()
        if args.command == "saves":
            return cmd_saves(args.saves_dir, args.format, args.delete)
        if args.command == "paths":
            return cmd_paths(args.saves_dir, args.format)
        if args.command == "serve":
            return cmd_serve(args)
        if args.command == "completion":
            return cmd_completion(parser, args.shell)
        if args.command in AUTHORING_COMMANDS:
            from .authoring.commands import run_command

            result = run_command(args)
            assert result is not None
            return result
        return cmd_play(args)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error of ours
        return EXIT_OK


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


def cmd_paths(saves_dir: Path | None, output: str) -> int:
    from .host.dirs import VISITORS_FOLDER, Folders
    from .host.saves import PROFILE_NAME
    from .host.settings import FILE_NAME as SETTINGS_FILE

    folders = Folders.resolve(saves_dir=saves_dir)
    story = bundled_story_dir()
    rows = [
        ("saves", folders.saves, folders.saves_from),
        ("profile", folders.saves / f"{PROFILE_NAME}.json", "in the saves folder"),
        ("settings", folders.config / SETTINGS_FILE, folders.config_from),
        ("story", story, "the story that comes with the game"),
        ("visitors", folders.saves / VISITORS_FOLDER, "elbe-game serve: one folder per browser"),
    ]
    if output == "json":
        payload = {name: {"path": str(path), "from": why} for name, path, why in rows}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return EXIT_OK
    for name, path, why in rows:
        print(f"{name:<9} {path}  ({why})")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    story = story_dir(args)
    try:
        from .web.server import serve
    except ImportError as exc:
        missing = (exc.name or "textual_serve").split(".")[0]
        print(
            f"elbe-game serve: the browser version needs the web extra ({missing} is "
            "missing): pip install 'elbe-game[web]', or with pipx: "
            "pipx install 'elbe-game[web]' (pipx inject elbe-game textual-serve)",
            file=sys.stderr,
        )
        return EXIT_INPUT
    from .engine import check_story
    from .plain import describe_story_errors

    report = check_story(story)
    if not report.ok:
        for line in describe_story_errors(story, report.errors):
            print(line, file=sys.stderr)
        return EXIT_INPUT
    return serve(story, args.saves_dir, args.host, args.port)


def cmd_completion(parser: argparse.ArgumentParser, shell: str) -> int:
    """The completion script, made by shtab from this parser. The shell lists each
    command with its one-line summary (shtab would take the first line of the longer
    description), so the summaries stand in for the descriptions here."""
    import shtab

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._get_subactions():
                action.choices[choice.dest].description = choice.help
    print(shtab.complete(parser, shell=shell), end="")
    return EXIT_OK


def _options(args: argparse.Namespace) -> PlayOptions:
    from .host.options import PlayOptions

    return PlayOptions(
        story_dir=story_dir(args),
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
    if _full_screen(args):
        return _play_app(args)
    if args.dev:
        print("elbe-game: --dev reloads the full-screen app only; ignored here.", file=sys.stderr)
    return _play_plain(args)


def _full_screen(args: argparse.Namespace) -> bool:
    """The Textual game in a terminal, or wherever Textual is told which driver to use:
    textual-serve (``elbe-game serve``) runs the game over pipes with $TEXTUAL_DRIVER
    naming Textual's web driver, and a browser is a full screen too."""
    if args.plain:
        return False
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


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
            story = load_story(story_dir(args))
            prepare_engine(story, args.start_at, args.set, args.seed, args.name)
        except StoryError:
            story = None  # the app shows the checker's messages
        except DevStartError as exc:
            print(f"elbe-game: {exc}", file=sys.stderr)
            return 2
    from .ui.app import make_app

    app = make_app(_options(args), story=story)
    app.run()
    return app.return_code or 0


def _play_plain(args: argparse.Namespace) -> int:
    from .authoring.devstart import DevStartError
    from .engine.errors import SaveError
    from .host.game import GameSession
    from .plain import PlainGame, describe_story_errors

    def tell(message: str) -> None:
        game.tell_problem(message)

    session = GameSession(_options(args), on_problem=tell)
    game = PlainGame(session, sys.stdin, sys.stdout)
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
