"""The plain-text front end: one line in, plain text out.

For screen readers, pipes and scripted play. Everything is linear text: the header,
the passage, the numbered choices (unavailable ones marked with their reason), then a
``> `` prompt. A number chooses; words are commands (see ``HELP``). End of input quits
cleanly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from .engine import ElbeError, Engine, PassageView, PlayError

HELP = """\
Commands:
  1, 2, 3...   take that choice
  undo         step back one choice
  history      what really happened here, with sources (when a note exists)
  status       your state, inventory and codex
  journal      the path so far: passages read and choices made
  codex        the codex entries you have unlocked
  save NAME    save the game under NAME
  load NAME    load the game saved under NAME
  help         this list
  quit         leave the game"""


class PlainGame:
    def __init__(self, engine: Engine, stdin: TextIO, stdout: TextIO) -> None:
        self.engine = engine
        self.stdin = stdin
        self.stdout = stdout
        self.commands: dict[str, Callable[[str], bool | None]] = {
            "undo": self.cmd_undo,
            "history": self.cmd_history,
            "status": self.cmd_status,
            "journal": self.cmd_journal,
            "codex": self.cmd_codex,
            "save": self.cmd_save,
            "load": self.cmd_load,
            "help": self.cmd_help,
            "quit": self.cmd_quit,
            "exit": self.cmd_quit,
        }

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    # ---------------------------------------------------------------- the loop

    def run(self) -> int:
        self.show(self.engine.view())
        while not self.engine.is_over:
            self.stdout.write("> ")
            self.stdout.flush()
            line = self.stdin.readline()
            if not line:  # end of input
                self.say()
                return 0
            if self.handle(line.strip()) is True:
                return 0
        return 0

    def handle(self, line: str) -> bool | None:
        """Act on one line. True means: leave the game."""
        if not line:
            self.say("Type a choice number, or 'help' for commands.")
            return None
        if line.isdigit():
            self.take(int(line))
            return None
        word, _, rest = line.partition(" ")
        command = self.commands.get(word.lower())
        if command is None:
            self.say(f"Unknown command {word!r}: type a choice number, or 'help' for commands.")
            return None
        return command(rest.strip())

    def take(self, number: int) -> None:
        choices = self.engine.view().choices
        if not 1 <= number <= len(choices):
            self.say(f"There is no choice {number}: pick a number from 1 to {len(choices)}.")
            return
        choice = choices[number - 1]
        try:
            view = self.engine.choose(choice.id)
        except PlayError as exc:
            self.say(f"Choice {number} is not available: {getattr(exc, 'reason', exc)}.")
            return
        self.say()
        self.show(view)

    # ---------------------------------------------------------------- showing

    def show(self, view: PassageView) -> None:
        self.say(f"== {view.title} ==")
        header = ", ".join(p for p in (view.header.date, view.header.time) if p)
        if view.header.place:
            header = f"{header} - {view.header.place}" if header else view.header.place
        if header:
            self.say(header)
        self.say()
        self.say(view.text.strip())
        self.say()
        if view.history is not None:
            self.say("(A history note is available: type 'history'.)")
            self.say()
        if view.ending is not None:
            self.show_ending(view)
            return
        self.say("Choices:")
        for i, choice in enumerate(view.choices, 1):
            if choice.available:
                self.say(f"  {i}. {choice.text}")
            else:
                self.say(f"  {i}. [unavailable: {choice.reason}] {choice.text}")

    def show_ending(self, view: PassageView) -> None:
        ending = view.ending
        assert ending is not None
        label = " (alternate history)" if ending.kind == "alternate" else ""
        self.say(f"THE END: {ending.title}{label}")
        for heading, entries in (
            ("In your story", ending.timeline.story),
            ("In history", ending.timeline.history),
        ):
            if entries:
                self.say()
                self.say(f"{heading}:")
                for entry in entries:
                    cite = f" [{', '.join(entry.sources)}]" if entry.sources else ""
                    self.say(f"  {entry.when}: {entry.text}{cite}")
        found = len(self.engine.state.endings)
        total = len(self.engine.story.endings)
        self.say()
        self.say(f"Endings found in this game: {found} of {total}.")

    # ---------------------------------------------------------------- commands

    def cmd_undo(self, _: str) -> None:
        try:
            view = self.engine.undo()
        except ElbeError as exc:
            self.say(f"Cannot undo: {exc}.")
            return
        self.say("Undone.")
        self.say()
        self.show(view)

    def cmd_history(self, _: str) -> None:
        note = self.engine.view().history
        if note is None:
            self.say("There is no history note for this passage.")
            return
        story = self.engine.story
        self.say("What really happened" + (" (disputed)" if note.disputed else "") + ":")
        self.say(note.text.strip())
        for key in note.sources:
            self.say(f"  [{key}] {story.sources[key].title}")

    def cmd_status(self, _: str) -> None:
        engine = self.engine
        for label, value in engine.visible_variables():
            self.say(f"{label}: {value}")
        items = [engine.story.items[i].name for i in engine.state.inventory]
        self.say("Carrying: " + (", ".join(items) if items else "nothing"))
        self.say(f"Codex entries: {len(engine.state.codex)} of {len(engine.story.codex)}")
        self.say(f"Turn: {engine.state.turn}")

    def cmd_journal(self, _: str) -> None:
        for entry in self.engine.journal():
            if entry.choice_text is None:
                self.say(f"{entry.turn + 1}. {entry.title} (you are here)")
            else:
                self.say(f"{entry.turn + 1}. {entry.title}: {entry.choice_text}")

    def cmd_codex(self, _: str) -> None:
        unlocked = self.engine.state.codex
        if not unlocked:
            self.say("No codex entries yet.")
        for ident in unlocked:
            entry = self.engine.story.codex[ident]
            self.say(f"{entry.title} ({entry.category}): {entry.text.strip()}")

    def cmd_save(self, name: str) -> None:
        self.say("Saving is not available yet in this version.")

    def cmd_load(self, name: str) -> None:
        self.say("Loading is not available yet in this version.")

    def cmd_help(self, _: str) -> None:
        self.say(HELP)

    def cmd_quit(self, _: str) -> bool:
        self.say("Goodbye.")
        return True
