"""The plain-text front end: one line in, plain text out.

For screen readers, pipes and scripted play. Everything is linear text: the header,
the passage, the numbered choices (unavailable ones marked with their reason), then a
``> `` prompt. A number chooses; words are commands (see ``HELP``). End of input quits
cleanly. The game itself (saves, loads, the profile) is the ``GameSession``'s; this
module only reads lines and writes text.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from .engine import ChoiceUnavailableError, Diagnostic, NothingToUndoError, PassageView
from .engine.errors import SaveError
from .host.game import GameSession, Loaded, describe_play_time
from .host.saves import SaveInfo

HELP = """\
Commands:
  1, 2, 3...   take that choice
  Enter        continue, when the passage flows on (also: c, continue)
  undo         step back one choice
  history      what really happened here, with sources (when a note exists)
  status       your state, inventory and codex
  journal      the path so far: passages read and choices made
  codex        the codex entries you have unlocked
  save NAME    save the game under NAME
  load NAME    load the game saved under NAME (also: load autosave, load quicksave)
  saves        list the saves
  help         this list
  quit         leave the game"""


def ask_yes_no(stdin: TextIO, stdout: TextIO, question: str) -> bool:
    """Ask until the answer is yes or no; end of input counts as no."""
    while True:
        stdout.write(f"{question} (yes/no) ")
        stdout.flush()
        line = stdin.readline()
        if not line:
            stdout.write("\n")
            return False
        answer = line.strip().lower()
        if answer in ("y", "yes"):
            return True
        if answer in ("n", "no"):
            return False


def describe_story_errors(story_dir: Path, diagnostics: list[Diagnostic]) -> list[str]:
    """Why the story cannot be played, for stderr: every error, file:line first."""
    errors = [d for d in diagnostics if d.severity == "error"]
    if all(d.code == "E024" for d in errors):  # nothing to check: no story there
        return [f"elbe-game: cannot start: {errors[0].format()}"]
    return [
        f"elbe-game: cannot start: the story in {story_dir} has errors:",
        *(f"  {d.format()}" for d in errors),
        "Run `elbe-game check` on it for the full report.",
    ]


def describe_save(info: SaveInfo) -> str:
    """One line about a save, for `saves` lists."""
    if info.problem is not None:
        why = info.problem.removeprefix(f"the save {info.slot!r} is damaged: ")
        return f"{info.slot}: DAMAGED ({info.path}): {why}"
    when = info.saved_at.strftime("%Y-%m-%d %H:%M") if info.saved_at else "?"
    where = ", ".join(p for p in (info.date, info.time) if p)
    return (
        f"{info.slot} ({info.kind}): {info.title}" + (f" ({where})" if where else "") + f", "
        f"turn {info.turn + 1}; {info.player_name or 'unnamed'}; saved {when}; "
        f"played {describe_play_time(info.play_time)}"
    )


WIDTH = 80
_BLOCK = re.compile(r"^\s*([-*+>#|]|\d+[.)]\s|```)")


_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1")


def reflow(markdown: str, width: int = WIDTH) -> str:
    """Passage text as even paragraphs: the lines of each plain paragraph are joined
    and wrapped to ``width``; lists, quotes, headings and tables keep their lines.
    Emphasis markers go (a screen reader would read out every asterisk)."""
    markdown = _EMPHASIS.sub(r"\2", markdown)
    paragraphs = [p for p in re.split(r"\n\s*\n", markdown.strip()) if p.strip()]
    out = []
    for para in paragraphs:
        lines = para.splitlines()
        if any(_BLOCK.match(line) for line in lines):
            out.append("\n".join(line.rstrip() for line in lines))
        else:
            out.append(textwrap.fill(" ".join(line.strip() for line in lines), width))
    return "\n\n".join(out)


class PlainGame:
    """The plain-text loop over one ``GameSession`` (which saves, loads and records)."""

    def __init__(self, session: GameSession, stdin: TextIO, stdout: TextIO) -> None:
        self.session = session
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
            "saves": self.cmd_saves,
            "help": self.cmd_help,
            "quit": self.cmd_quit,
            "exit": self.cmd_quit,
        }

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def tell_problem(self, message: str) -> None:
        """The session's ``on_problem``: an autosave that failed, told once."""
        self.say(f"({message})")

    # ---------------------------------------------------------------- the loop

    def run(self, *, show: bool = True) -> int:
        """Play until the end, ``quit`` or the end of input. ``show=False`` when the
        passage is already on screen (after a load)."""
        if show:
            self.show(self.session.view())
        while not self.session.is_over:
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
        flow_on = self.session.view().flow_on
        if flow_on and line.lower() in ("", "c", "continue"):
            self.take(1)
            return None
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
        choices = self.session.view().choices
        if not 1 <= number <= len(choices):
            self.say(f"There is no choice {number}: pick a number from 1 to {len(choices)}.")
            return
        choice = choices[number - 1]
        try:
            view = self.session.choose(choice.id)
        except ChoiceUnavailableError as exc:
            self.say(f"Choice {number} is not available: {exc.reason}.")
            return
        self.say()
        self.show(view)

    # ---------------------------------------------------------------- showing

    def show(self, view: PassageView) -> None:
        if view.reply:
            self.say(reflow(view.reply))
            self.say()
        self.say(f"== {view.title} ==")
        header = ", ".join(p for p in (view.header.date, view.header.time) if p)
        if view.header.place:
            header = f"{header} - {view.header.place}" if header else view.header.place
        if header:
            self.say(header)
        self.say()
        self.say(reflow(view.text))
        self.say()
        if view.history is not None:
            self.say("(A history note is available: type 'history'.)")
            self.say()
        if view.ending is not None:
            self.show_ending(view)
            return
        if view.flow_on:
            self.say("Continue: press Enter.")
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
        gallery = self.session.endings()
        found = sum(1 for e in gallery if e.found)
        self.say()
        self.say(f"Endings found so far, in every game: {found} of {len(gallery)}.")

    def show_loaded(self, loaded: Loaded) -> None:
        """A game resumed from a save: its notes, then its passage."""
        for note in loaded.notes:
            self.say(f"Note: {note}")
        self.say(f"Loaded {loaded.slot!r}.")
        self.say()
        self.show(loaded.view)

    # ---------------------------------------------------------------- commands

    def cmd_undo(self, _: str) -> None:
        try:
            view = self.session.undo()
        except NothingToUndoError as exc:
            self.say(exc.sentence)
            return
        self.say("Undone.")
        self.say()
        self.show(view)

    def cmd_history(self, _: str) -> None:
        note = self.session.view().history
        if note is None:
            self.say("There is no history note for this passage.")
            return
        self.say("What really happened" + (" (disputed)" if note.disputed else "") + ":")
        self.say(note.text.strip())
        for citation in note.sources:
            title = citation.source.title if citation.source else "(not in the source list)"
            self.say(f"  [{citation.key}] {title}")

    def cmd_status(self, _: str) -> None:
        status = self.session.status()
        for stat in status.stats:
            self.say(f"{stat.label}: {stat.value}")
        self.say("Carrying: " + (", ".join(status.items) if status.items else "nothing"))
        self.say(f"Codex entries: {status.codex[0]} of {status.codex[1]}")
        self.say(f"Turn: {status.turn + 1}")

    def cmd_journal(self, _: str) -> None:
        for entry in self.session.journal():
            if entry.choice_text is None:
                self.say(f"{entry.turn + 1}. {entry.title} (you are here)")
            else:
                self.say(f"{entry.turn + 1}. {entry.title}: {entry.choice_text}")
                if entry.reply:
                    self.say(textwrap.indent(reflow(entry.reply, WIDTH - 4), "    "))

    def cmd_codex(self, _: str) -> None:
        entries = self.session.codex()
        if not entries:
            self.say("No codex entries yet.")
        for entry in entries:
            self.say(reflow(f"{entry.title} ({entry.category}): {entry.text.strip()}"))

    def cmd_save(self, name: str) -> None:
        if not name:
            self.say("Give the save a name, for example: save bridge")
            return
        try:
            info = self.session.save(name)
        except SaveError as exc:
            self.say(f"Not saved: {exc.message}.")
            return
        self.say(f"Saved as {info.slot!r} in {self.session.store.folder}.")

    def cmd_load(self, name: str) -> bool | None:
        if not name:
            self.say("Name the save to load, for example: load bridge. Type 'saves' for a list.")
            return None
        try:
            loaded = self.session.load(name, self.ask)
        except SaveError as exc:
            self.say(f"Not loaded: {exc.message}.")
            return None
        if loaded is None:
            self.say("Not loaded; the game goes on where it was.")
            return None
        self.show_loaded(loaded)
        return None

    def ask(self, question: str) -> bool:
        return ask_yes_no(self.stdin, self.stdout, question)

    def cmd_saves(self, _: str) -> None:
        self.session.refresh_saves()
        infos = self.session.saves
        if not infos:
            self.say(f"No saves yet in {self.session.store.folder}.")
        for info in infos:
            self.say(f"  {describe_save(info)}")

    def cmd_help(self, _: str) -> None:
        self.say(HELP)

    def cmd_quit(self, _: str) -> bool:
        self.say("Goodbye.")
        return True
