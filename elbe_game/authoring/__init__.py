"""Tools for the people who write the story, not for players.

    playtest     exhaustive + seeded random playthroughs (ChoiceScript quicktest/randomtest)
    explore      the exhaustive search behind playtest
    graph        the story map as Mermaid or Graphviz DOT
    stats        words, nodes, choices, endings, reading time; per file
    walkthrough  golden-path tests in ``*.walk.yaml`` files
    devstart     start a game anywhere with any state (``play --start-at/--set``)
    commands     the ``elbe-game`` subcommands over all of the above

Everything here is headless except ``commands`` (which may draw a Rich progress bar).
This package module imports nothing, so that the command line can name the commands
(``COMMANDS``) without loading the tools.
"""

COMMANDS = ("playtest", "graph", "stats", "test")
"""The subcommands ``commands`` adds to ``elbe-game``."""
