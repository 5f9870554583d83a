"""The commands of ``elbe-game`` other than play and the authors' tools: check, schema,
saves, paths, serve and completion. cli.py dispatches to them; each returns its exit
code (cliargs.py: 0 fine, 1 the input has errors, 2 usage)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .cliargs import EXIT_INPUT, EXIT_OK, story_dir
from .host.dirs import bundled_story_dir

__all__ = [
    "cmd_check",
    "cmd_completion",
    "cmd_paths",
    "cmd_saves",
    "cmd_schema",
    "cmd_serve",
    "run",
]


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Run ``args.command``, one of this module's, and return its exit code."""
    command = args.command
    if command == "check":
        return cmd_check(story_dir(args), args.format)
    if command == "schema":
        return cmd_schema()
    if command == "saves":
        return cmd_saves(args.saves_dir, args.format, args.delete)
    if command == "paths":
        return cmd_paths(args.saves_dir, args.format)
    if command == "serve":
        return cmd_serve(args)
    if command == "completion":
        return cmd_completion(parser, args.shell)
    raise AssertionError(f"{command!r} is not a command of clicommands.py")


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
