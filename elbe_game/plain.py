"""The plain-text front end: one line in, plain text out.

For screen readers, pipes and scripted play. Everything is linear text: the header,
the passage, the numbered choices (unavailable ones marked with their reason), then a
``> `` prompt. A number chooses; words are commands (see ``HELP``). End of input quits
cleanly.
"""

from __future__ import annotations

import re
import textwrap
import time
from collections.abc import Callable
from typing import TextIO

from .engine import ElbeError, Engine, PassageView, PlayError, Story
from .engine.profile import Profile
from .engine.saves import LoadResult, NodeGoneError, SaveError, SaveInfo, SaveMeta, SaveStore

HELP = """\
Commands:
  1, 2, 3...   take that choice
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


def load_game(
    store: SaveStore, slot: str, story: Story, ask: Callable[[str], bool]
) -> LoadResult | None:
    """Load ``slot``; if its passage is gone from the story, ``ask`` whether to resume at
    the fallback instead (None if not). SaveError for everything else."""
    try:
        return store.load(slot, story)
    except NodeGoneError as exc:
        if not ask(f"{exc.message[:1].upper()}{exc.message[1:]}. Resume there?"):
            return None
        return store.load(slot, story, fallback=True)


def describe_save(info: SaveInfo) -> str:
    """One line about a save, for `saves` lists."""
    if info.problem is not None:
        why = info.problem.removeprefix(f"the save {info.slot!r} is damaged: ")
        return f"{info.slot}: DAMAGED ({info.path}): {why}"
    when = info.saved_at.strftime("%Y-%m-%d %H:%M") if info.saved_at else "?"
    minutes, seconds = divmod(int(info.play_time), 60)
    hours, minutes = divmod(minutes, 60)
    where = ", ".join(p for p in (info.date, info.time) if p)
    return (
        f"{info.slot} ({info.kind}): {info.title}" + (f" ({where})" if where else "") + f", "
        f"turn {info.turn + 1}; {info.player_name or 'unnamed'}; saved {when}; "
        f"played {hours}:{minutes:02d}:{seconds:02d}"
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
    def __init__(
        self,
        engine: Engine,
        stdin: TextIO,
        stdout: TextIO,
        store: SaveStore | None = None,
        profile: Profile | None = None,
        play_time: float = 0.0,
    ) -> None:
        self.engine = engine
        self.stdin = stdin
        self.stdout = stdout
        self.store = store
        self.profile = profile
        self._played = play_time  # seconds before this session's clock started
        self._clock = time.monotonic()
        self._last_problem: str | None = None
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

    @property
    def play_time(self) -> float:
        return self._played + time.monotonic() - self._clock

    def meta(self) -> SaveMeta:
        return SaveMeta(play_time=self.play_time)

    def after_move(self) -> None:
        """Autosave and update the profile; a failure is told once, the game goes on."""
        problem = None
        try:
            if self.store is not None:
                self.store.autosave(self.engine, self.meta())
            if self.profile is not None:
                self.profile.record(self.engine)
        except SaveError as exc:
            problem = exc.message
        if problem is not None and problem != self._last_problem:
            self.say(f"(Autosave failed: {problem}. The game goes on.)")
        self._last_problem = problem

    # ---------------------------------------------------------------- the loop

    def run(self, *, show: bool = True) -> int:
        """Play until the end, ``quit`` or the end of input. ``show=False`` when the
        passage is already on screen (after ``resume``)."""
        if show:
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
        self.after_move()
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
        self.say(reflow(view.text))
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
            self.say(f"{str(exc)[:1].upper()}{str(exc)[1:]}.")
            return
        self.after_move()
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
        self.say(f"Turn: {engine.state.turn + 1}")

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
            self.say(reflow(f"{entry.title} ({entry.category}): {entry.text.strip()}"))

    def cmd_save(self, name: str) -> None:
        if self.store is None:
            self.say("Saving is not available here.")
            return
        if not name:
            self.say("Give the save a name, for example: save bridge")
            return
        try:
            info = self.store.save(name, self.engine, self.meta())
        except SaveError as exc:
            self.say(f"Not saved: {exc.message}.")
            return
        self.say(f"Saved as {info.slot!r} in {self.store.folder}.")

    def cmd_load(self, name: str) -> bool | None:
        if self.store is None:
            self.say("Loading is not available here.")
            return None
        if not name:
            self.say("Name the save to load, for example: load bridge. Type 'saves' for a list.")
            return None
        try:
            result = load_game(self.store, name, self.engine.story, self.ask)
        except SaveError as exc:
            self.say(f"Not loaded: {exc.message}.")
            return None
        if result is None:
            self.say("Not loaded; the game goes on where it was.")
            return None
        self.resume(result)
        return None

    def resume(self, result: LoadResult) -> None:
        """Continue from a loaded save: its notes, then its passage."""
        self.engine = result.engine
        self._played, self._clock = result.info.play_time, time.monotonic()
        for note in result.notes:
            self.say(f"Note: {note}")
        self.say(f"Loaded {result.info.slot!r}.")
        self.say()
        if result.info.kind != "auto":
            self.after_move()  # so that --continue comes back here, not to before the load
        self.show(self.engine.view())

    def ask(self, question: str) -> bool:
        return ask_yes_no(self.stdin, self.stdout, question)

    def cmd_saves(self, _: str) -> None:
        if self.store is None:
            self.say("Saving is not available here.")
            return
        infos = self.store.list()
        if not infos:
            self.say(f"No saves yet in {self.store.folder}.")
        for info in infos:
            self.say(f"  {describe_save(info)}")

    def cmd_help(self, _: str) -> None:
        self.say(HELP)

    def cmd_quit(self, _: str) -> bool:
        self.say("Goodbye.")
        return True
