"""Tools for the people who write the story, not for players.

    playtest     exhaustive + seeded random playthroughs (ChoiceScript quicktest/randomtest)
    graph        the story map as Mermaid or Graphviz DOT
    stats        words, nodes, choices, endings, reading time; per file
    walkthrough  golden-path tests in ``*.walk.yaml`` files
    devstart     start a game anywhere with any state (``play --start-at/--set``)
    watch        poll the story folder and reload a running game in place
    commands     the ``elbe-game`` subcommands over all of the above

Everything here is headless except ``commands`` (which may draw a Rich progress bar);
the UI builds on the plain functions and dataclasses.
"""

from .common import AuthoringError, open_story
from .devstart import DevStartError, prepare_engine
from .watch import Migration, StoryWatcher, migrate_state, reload_engine

__all__ = [
    "AuthoringError",
    "DevStartError",
    "Migration",
    "StoryWatcher",
    "migrate_state",
    "open_story",
    "prepare_engine",
    "reload_engine",
]
