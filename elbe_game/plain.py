"""The plain-text front end: one line in, plain text out.

For screen readers, braille displays, pipes and scripted play. Everything is linear
text with no markup: the passage's title, where and when, the passage, the numbered
choices (those not available say why), then a ``> `` prompt. A number chooses; words
are commands (see ``HELP``). End of input quits cleanly. The game itself (saves,
loads, the profile) is the ``GameSession``'s; this module only reads lines and writes
text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from .engine import (
    ChoiceUnavailableError,
    Diagnostic,
    ElbeError,
    NothingToUndoError,
    PassageView,
    StatView,
)
from .engine.errors import SaveError
from .host.game import GameSession, Loaded, describe_play_time
from .host.saves import SaveInfo
from .host.settings import Settings, SettingsStore
from .plaintext import DEFAULT_WIDTH, render, wrap

HELP = """\
Commands:
  1, 2, 3...     take that choice
  Enter          continue, when the passage flows on (also: c, continue)
  undo           step back one choice
  skip           take the only way on through passages read in an earlier game,
                 up to the next real choice or the next text not read before
  history        what really happened here, with sources (when a note exists)
  status         your state, what each part of it means, inventory and codex
  journal        the path so far: passages read and choices made
  reread N       read passage N of the journal again, as you read it then
  codex          the codex entries you have unlocked
  endings        the endings found in every game, and a hint for each one not found
  save NAME      save the game under NAME
  load NAME      load the game saved under NAME (also: load autosave, load quicksave)
  saves          list the saves
  new            start a new game
  changes on     say when your state changes (changes off: do not)
  help           this list
  quit           leave the game"""

AFTER_THE_END = (
    "The story has ended. Type undo to step back, load NAME to load a save, new for a "
    "new game, or quit."
)


def ask_yes_no(stdin: TextIO, stdout: TextIO, question: str) -> bool:
    """Ask until the answer is yes or no; end of input counts as no."""
    while True:
        stdout.write(f"{question} (yes or no) ")
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


def describe_stat(stat: StatView) -> str:
    """ "Trust with the Red Army: 3, from -5 to 10"; yes or no for a bool."""
    value = stat.value
    if isinstance(value, bool):
        shown = "yes" if value else "no"
    elif isinstance(value, int) and stat.low is not None and stat.high is not None:
        shown = f"{value}, from {stat.low} to {stat.high}"
    else:
        shown = str(value)
    return f"{stat.label}: {shown}"


def reflow(markdown: str, width: int = DEFAULT_WIDTH) -> str:
    """Passage Markdown as plain text (see ``plaintext.render``)."""
    return render(markdown, width)


class PlainGame:
    """The plain-text loop over one ``GameSession`` (which saves, loads and records).

    ``width``: wrap text at this many columns; 0 does not wrap (for screen readers and
    braille displays, which read line by line). ``settings``: where the stat-change
    setting is kept (shared with the full-screen game); None keeps it for this run."""

    def __init__(
        self,
        session: GameSession,
        stdin: TextIO,
        stdout: TextIO,
        *,
        width: int = DEFAULT_WIDTH,
        settings: SettingsStore | None = None,
    ) -> None:
        self.session = session
        self.stdin = stdin
        self.stdout = stdout
        self.width = width
        self.settings_store = settings
        self.settings = settings.load()[0] if settings is not None else Settings()
        self.commands: dict[str, Callable[[str], bool | None]] = {
            "undo": self.cmd_undo,
            "skip": self.cmd_skip,
            "history": self.cmd_history,
            "status": self.cmd_status,
            "journal": self.cmd_journal,
            "reread": self.cmd_reread,
            "codex": self.cmd_codex,
            "endings": self.cmd_endings,
            "save": self.cmd_save,
            "load": self.cmd_load,
            "saves": self.cmd_saves,
            "new": self.cmd_new,
            "changes": self.cmd_changes,
            "help": self.cmd_help,
            "quit": self.cmd_quit,
            "exit": self.cmd_quit,
        }

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def para(self, text: str, indent: str = "") -> None:
        """One paragraph of our own words, wrapped like the passage."""
        self.say(wrap(text, self.width, indent))

    def tell_problem(self, message: str) -> None:
        """The session's ``on_problem``: an autosave that failed, told once."""
        self.para(f"({message})")

    # ---------------------------------------------------------------- the loop

    def run(self, *, show: bool = True) -> int:
        """Play until ``quit`` or the end of input (an ending does not stop the loop:
        the player may step back, load or start again). ``show=False`` when the
        passage is already on screen (after a load)."""
        if show:
            self.show(self.session.view())
        while True:
            self.stdout.write("> ")
            self.stdout.flush()
            line = self.stdin.readline()
            if not line:  # end of input
                self.say()
                return 0
            if self.handle(line.strip()) is True:
                return 0

    def handle(self, line: str) -> bool | None:
        """Act on one line. True means: leave the game."""
        if self.session.view().flow_on and line.lower() in ("", "c", "continue"):
            self.take(1)
            return None
        if not line:
            self.say(
                AFTER_THE_END
                if self.session.is_over
                else "Type a choice number, or help for the commands."
            )
            return None
        if line.isdigit():
            self.take(int(line))
            return None
        word, _, rest = line.partition(" ")
        command = self.commands.get(word.lower())
        if command is None:
            self.say(f"Unknown command {word!r}: type a choice number, or help for the commands.")
            return None
        return command(rest.strip())

    def take(self, number: int) -> None:
        if self.session.is_over:
            self.say(AFTER_THE_END)
            return
        choices = self.session.view().choices
        if not 1 <= number <= len(choices):
            self.say(f"There is no choice {number}: pick a number from 1 to {len(choices)}.")
            return
        choice = choices[number - 1]
        try:
            view = self.session.choose(choice.id)
        except ChoiceUnavailableError as exc:
            self.para(f"Choice {number} is not available: {exc.reason.rstrip('.')}.")
            return
        self.say()
        self.tell_changes()
        self.show(view)

    def tell_changes(self) -> None:
        """What the last choice changed, when the player wants to hear it."""
        if self.settings.stat_changes and self.session.changes:
            self.para("(" + "; ".join(c.describe() for c in self.session.changes) + ".)")
            self.say()

    # ---------------------------------------------------------------- showing

    def show(self, view: PassageView) -> None:
        if view.reply:  # what the choice just taken answered, before where it led
            self.say(render(view.reply, self.width))
            self.say()
        self.say(view.title)
        header = ", ".join(p for p in (view.header.date, view.header.time) if p)
        if view.header.place:
            header = f"{header}, {view.header.place}" if header else view.header.place
        if header:
            self.say(header)
        self.say()
        self.say(render(view.text, self.width))
        self.say()
        if view.history is not None:
            self.para("(A history note is available: type history.)")
            self.say()
        if view.ending is not None:
            self.show_ending(view)
            return
        if view.flow_on:
            self.say("Continue: press Enter.")
            return
        self.say("Choices:")
        for i, choice in enumerate(view.choices, 1):
            marker = f"  {i}. "
            reason = (choice.reason or "").rstrip(".")
            text = choice.text if choice.available else f"{choice.text} (not available: {reason})"
            self.say(wrap(text, self.width, marker, " " * len(marker)))

    def show_ending(self, view: PassageView) -> None:
        ending = view.ending
        assert ending is not None
        label = " (alternate history)" if ending.kind == "alternate" else ""
        self.para(f"The end: {ending.title}{label}.")
        for heading, entries in (
            ("In your story", ending.timeline.story),
            ("In history", ending.timeline.history),
        ):
            if entries:
                self.say()
                self.say(f"{heading}:")
                for entry in entries:
                    cite = f" (sources: {', '.join(entry.sources)})" if entry.sources else ""
                    self.say(wrap(f"{entry.when}: {entry.text}{cite}", self.width, "  ", "    "))
        gallery = self.session.endings()
        found = sum(1 for e in gallery if e.found)
        self.say()
        self.say(f"Endings found so far, in every game: {found} of {len(gallery)}.")
        self.say()
        self.para(AFTER_THE_END)

    def show_loaded(self, loaded: Loaded) -> None:
        """A game resumed from a save: its notes, then its passage."""
        for note in loaded.notes:
            self.para(f"Note: {note}")
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

    def cmd_skip(self, _: str) -> None:
        skipped = self.session.skip_read()
        if not skipped:
            self.say("Nothing to skip: this passage is new to you, or it has a choice to make.")
            return
        titles = ", ".join(view.title for view in skipped[:-1])
        self.para(f"Skipped {len(skipped) - 1} passage(s) read before: {titles}.")
        self.say()
        self.tell_changes()
        self.show(skipped[-1])

    def cmd_history(self, _: str) -> None:
        note = self.session.view().history
        if note is None:
            self.say("There is no history note for this passage.")
            return
        self.say("What really happened" + (" (disputed)" if note.disputed else "") + ":")
        self.say(render(note.text, self.width))
        if note.sources:
            self.say("Sources:")
        for citation in note.sources:
            source = citation.source
            text = source.title if source else "(not in the story's source list)"
            if source is not None and source.url:
                text += f", {source.url}"
            self.say(wrap(f"{citation.key}: {text}", self.width, "  ", "    "))

    def cmd_status(self, _: str) -> None:
        status = self.session.status()
        for stat in status.stats:
            self.say(describe_stat(stat))
            if stat.description:
                self.say(wrap(stat.description, self.width, "  "))
        self.para("Carrying: " + (", ".join(status.items) if status.items else "nothing"))
        self.say(f"Codex entries: {status.codex[0]} of {status.codex[1]}")
        self.say(f"Turn: {status.turn + 1}")

    def cmd_journal(self, _: str) -> None:
        for entry in self.session.journal():
            if entry.choice_text is None:
                self.para(f"{entry.turn + 1}. {entry.title} (you are here)")
            else:
                self.para(f"{entry.turn + 1}. {entry.title}: {entry.choice_text}")
                if entry.reply:
                    width = max(self.width - 4, 20) if self.width else 0
                    self.say(textwrap.indent(render(entry.reply, width), "    "))
        self.say("(Type reread and a number to read a passage again.)")

    def cmd_reread(self, number: str) -> None:
        journal = self.session.journal()
        if not number.isdigit() or not 1 <= int(number) <= len(journal):
            self.say(f"Give a passage number from the journal, from 1 to {len(journal)}.")
            return
        entry = journal[int(number) - 1]
        text = self.session.text_as_read(entry.turn)
        self.say(f"{entry.turn + 1}. {entry.title}")
        self.say()
        self.say(
            render(text, self.width)
            if text is not None
            else "(That text cannot be shown again: the story was edited since.)"
        )
        if entry.choice_text is not None:
            self.say()
            self.para(f"You chose: {entry.choice_text}")
            if entry.reply:
                self.say(render(entry.reply, self.width))

    def cmd_codex(self, _: str) -> None:
        entries = self.session.codex()
        if not entries:
            self.say("No codex entries yet.")
        for entry in entries:
            self.say(render(f"{entry.title} ({entry.category}): {entry.text.strip()}", self.width))

    def cmd_endings(self, _: str) -> None:
        gallery = self.session.endings()
        found = sum(1 for e in gallery if e.found)
        self.say(f"Endings found in every game: {found} of {len(gallery)}.")
        for number, ending in enumerate(gallery, 1):
            if ending.found:
                label = {"alternate": ", alternate history", "historical": ", historical"}
                text = f"{ending.title}{label.get(ending.kind, '')}: found."
            else:
                text = f"Not found yet{': ' + ending.hint if ending.hint else '.'}"
            self.say(wrap(text, self.width, f"  {number}. ", "     "))

    def cmd_save(self, name: str) -> None:
        if not name:
            self.say("Give the save a name, for example: save bridge")
            return
        try:
            info = self.session.save(name)
        except SaveError as exc:
            self.para(f"Not saved: {exc.message}.")
            return
        self.para(f"Saved as {info.slot!r} in {self.session.store.folder}.")

    def cmd_load(self, name: str) -> bool | None:
        if not name:
            self.say("Name the save to load, for example: load bridge. Type saves for a list.")
            return None
        try:
            loaded = self.session.load(name, self.ask)
        except SaveError as exc:
            self.para(f"Not loaded: {exc.message}.")
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
        elif any(info.kind in ("auto", "run") for info in infos):
            self.para(
                "(Autosaves: the last four moves of the game played last, and the last move "
                "of each earlier game.)"
            )
        for info in infos:
            self.say(wrap(describe_save(info), self.width, "  ", "    "))

    def cmd_new(self, _: str) -> None:
        try:
            view = self.session.new_game(self.session.options.player_name)
        except ElbeError as exc:
            self.say(exc.sentence)
            return
        self.say("A new game.")
        self.say()
        self.show(view)

    def cmd_changes(self, value: str) -> None:
        if value not in ("on", "off"):
            self.say("Type changes on or changes off.")
            return
        self.settings = self.settings.replaced(stat_changes=value == "on")
        problem = self.settings_store.save(self.settings) if self.settings_store else None
        self.say(
            "Changes to your state will be told." if value == "on" else "Changes will not be told."
        )
        if problem:
            self.para(problem)

    def cmd_help(self, _: str) -> None:
        self.say(HELP)

    def cmd_quit(self, _: str) -> bool:
        self.say("Goodbye.")
        return True
