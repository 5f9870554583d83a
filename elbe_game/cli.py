"""The command line: ``elbe-game [play|check|schema|saves|paths|serve|completion|
playtest|graph|stats|test] ...``: the parser is cliparser.py, the commands other than
play are clicommands.py and the authors' tools authoring/commands.py; play is here.

Exit codes, one rule for every command (cliargs.py has it and why): 0 fine, 1 the
input has errors (a missing story folder or file included), 2 usage errors, 130
interrupted. Every error a person can cause becomes one message, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .host.options import PlayOptions

from .authoring import COMMANDS as AUTHORING_COMMANDS  # names only: the tools load when asked
from .cliargs import EXIT_INTERRUPTED, EXIT_OK, story_dir
from .cliparser import COMMANDS, build_parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    wants_all = {"-h", "--help", "completion", *AUTHORING_COMMANDS} & set(args_list[:1])
    parser = build_parser(authoring=bool(wants_all))
    commands = (*COMMANDS, *AUTHORING_COMMANDS)
    first = args_list[0] if args_list else "-"
    if first not in commands and first not in ("-h", "--help", "--version"):
        if not first.startswith("-"):
            parser.error(f"unknown command {first!r} (choose from {', '.join(commands)})")
        args_list.insert(0, "play")  # `elbe-game --plain` means `elbe-game play --plain`
    args = parser.parse_args(args_list)
    try:
        if args.command in COMMANDS and args.command != "play":
            from .clicommands import run

            return run(args, parser)
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
        # the reader went away (`| head`): not an error of ours, and nothing to say.
        # Python would report the pipe again when it flushes stdout at exit, so stdout
        # is pointed at nothing first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
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
    if args.width is not None and args.width < 0:
        print("elbe-game: --width must be 0 (no wrapping) or more", file=sys.stderr)
        return 2
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
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    if os.environ.get("TERM", "") == "dumb":  # Emacs shells, some screen-reader set-ups
        print("elbe-game: TERM is dumb, so the game plays in plain text.", file=sys.stderr)
        return False
    return True


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
