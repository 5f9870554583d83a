"""The game session: the one object every front end drives.

    session = GameSession(PlayOptions(story_dir=...), Folders.resolve())
    session.open()                         # the story, the saves, the profile (any thread)
    view = session.new_game("Hale")        # or: session.load("bridge", ask)
    view = session.choose(view.available[0].id)   # autosaved, the profile updated
    view = session.undo()
    session.save("bridge"); session.quicksave()
    session.close()                        # waits for the last autosave

It owns the game being played (one engine at a time), the play clock, the autosave and
the profile after every move (a failure is told once, through ``on_problem``, and the
game goes on), named and quick saves, loading (the question asked when the saved
passage is gone from an edited story is the front end's to put, as ``ask``), what
``--continue`` and ``--load`` resume, and live reload of an edited story. The Textual
game and the plain front end both drive it, so they save, load and record alike.
No Textual and no printing here: everything comes back as views and sentences.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..engine import (
    CheckReport,
    CodexView,
    Diagnostic,
    EndingSummary,
    Engine,
    JournalEntry,
    MapView,
    PassageView,
    StatusView,
    Story,
    StoryError,
    load_story,
)
from ..engine.errors import NodeGoneError, SaveIOError
from ..engine.model import PLAYER_NAME
from ..engine.savefile import SaveMeta
from ..engine.views import StatChange, codex_views, ending_summaries, stat_changes
from .dirs import Folders
from .options import PlayOptions
from .profile import Profile, passage_digest
from .reload import Broken, Reloaded, reload_engine
from .saves import LoadResult, SaveInfo, SaveStore, new_run
from .writer import SaveWriter

__all__ = [
    "GameSession",
    "Loaded",
    "PendingLoad",
    "PlayClock",
    "PlayOptions",
    "describe_play_time",
]


def describe_play_time(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


class PlayClock:
    """Seconds played in one game: what the save said, plus the time it ran since."""

    def __init__(self, played: float = 0.0) -> None:
        self._played = played
        self._since: float | None = None

    def start(self) -> None:
        if self._since is None:
            self._since = time.monotonic()

    def stop(self) -> None:
        if self._since is not None:
            self._played += time.monotonic() - self._since
            self._since = None

    def reset(self, played: float) -> None:
        """Start counting again from ``played`` (a new game, a load); runs on."""
        self._played, self._since = played, time.monotonic()

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def seconds(self) -> float:
        running = time.monotonic() - self._since if self._since is not None else 0.0
        return self._played + running


@dataclass(frozen=True, slots=True)
class PendingLoad:
    """A save read and ready to resume. ``question`` is set when its passage is gone
    from the story: resuming goes back to an earlier passage, so ask first."""

    slot: str
    question: str | None
    result: LoadResult | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class Loaded:
    """A game resumed from a save: what to show and what to tell the player."""

    slot: str
    view: PassageView
    notes: tuple[str, ...]  # sentences: what changed to fit an edited story

    @property
    def message(self) -> str:
        return f"Loaded {self.slot!r}: {self.view.title}."


class GameSession:
    def __init__(
        self,
        options: PlayOptions,
        folders: Folders | None = None,
        *,
        story: Story | None = None,
        background_saves: bool = False,
        on_problem: Callable[[str], None] | None = None,
    ) -> None:
        """``story``: the story, if it has been read already (``open`` reads it
        otherwise). ``background_saves``: autosave in a thread of its own (then
        ``on_problem`` is called from that thread). ``on_problem`` hears, once, each new
        problem with the autosave or the profile, as a sentence."""
        self.options = options
        self.folders = folders or Folders.resolve(saves_dir=options.saves_dir)
        self.on_problem = on_problem
        self.story: Story | None = None
        self._preloaded = story
        self.diagnostics: list[Diagnostic] = []
        self.failed = False
        self.store = SaveStore(self.folders.saves)
        self.profile: Profile | None = None
        self.saves: list[SaveInfo] = []
        self.newest: SaveInfo | None = None
        self.clock = PlayClock()
        self._engine: Engine | None = None
        self.changes: tuple[StatChange, ...] = ()  # what the last choice changed
        self._name: str | None = options.player_name
        self._run = ""  # the game being played (see SaveStore.autosave)
        self._notices: list[str] = []
        self._last_problem: str | None = None
        self._resume_asked = options.continue_game or options.load_slot is not None
        self._writer = SaveWriter(background=background_saves, report=self._report)

    # ------------------------------------------------------------ the story and the saves

    @property
    def loaded(self) -> bool:
        """True once ``open`` has finished, well or badly."""
        return self.story is not None or self.failed

    def open(self) -> None:
        """Load the story, the profile and the list of saves; safe in a worker thread.
        On failure ``failed`` is set and ``diagnostics`` holds the checker's messages."""
        try:
            story = self._preloaded or load_story(self.options.story_dir)
        except StoryError as exc:
            self.diagnostics = list(exc.diagnostics)
            self.failed = True
            return
        profile = Profile.load(self.folders.saves, story.id)
        if profile.problem:
            self._notices.append(f"Endings and codex from earlier games: {profile.problem}.")
        self.profile = profile
        self.story = story
        self.refresh_saves()

    def take_notices(self) -> list[str]:
        """Sentences to tell the player once (a damaged profile, say); then forgotten."""
        notices, self._notices = self._notices, []
        return notices

    def refresh_saves(self) -> None:
        """List the saves again (the last autosave written first)."""
        self._writer.flush()
        self.saves = self.store.list()
        self.newest = self.store.newest(self.story) if self.story is not None else None

    def startup_resume(self) -> tuple[str | None, list[str]]:
        """The save ``--continue`` or ``--load`` asked for (only the first time this is
        asked), and sentences for the player: damaged saves skipped, nothing to continue."""
        if not self._resume_asked:
            return None, []
        self._resume_asked = False
        if self.options.load_slot is not None:
            return self.options.load_slot, []
        notes = []
        damaged = [info.slot for info in self.saves if info.damaged]
        if damaged:
            notes.append(
                f"Skipping damaged saves ({', '.join(damaged)}); "
                "`elbe-game saves` says what is wrong with each."
            )
        if self.newest is None:
            notes.append(
                f"There is no save of this story in {self.store.folder} to continue: "
                "start a new game."
            )
            return None, notes
        return self.newest.slot, notes

    def _story(self) -> Story:
        if self.story is None:
            raise SaveIOError("that is not possible yet: the story has not loaded")
        return self.story

    # ------------------------------------------------------------ a game

    @property
    def playing(self) -> bool:
        return self._engine is not None

    @property
    def engine(self) -> Engine:
        """The engine of the game being played, for the authors' tools and tests; front
        ends use the views (a test keeps ``ui/`` and ``plain.py`` from reading it)."""
        if self._engine is None:
            raise RuntimeError("no game is being played: start one with new_game or load")
        return self._engine

    def default_name(self) -> str | None:
        """The story's default for ``player_name``, or None if it declares none."""
        var = self.story.variables.get(PLAYER_NAME) if self.story is not None else None
        if var is None or var.type != "str":
            return None
        return str(var.default)

    def new_game(self, player_name: str | None = None) -> PassageView:
        """A new game: at the start, or where ``--start-at``/``--set`` say (DevStartError
        if they do not fit the story). Nothing is saved until the first move."""
        from ..authoring.devstart import prepare_engine

        story = self._story()
        options = self.options
        name = player_name or options.player_name
        engine = prepare_engine(story, options.start_at, options.sets, options.seed, name)
        self._name = name
        self._run = new_run()
        self._start(engine, played=0.0)
        return engine.view()

    def _start(self, engine: Engine, played: float) -> None:
        self._engine = engine
        self.changes = ()
        self.clock.reset(played)
        if self.profile is not None:
            self.profile.observe(engine.state)

    def leave(self) -> None:
        """The player leaves the game for the title screen: the clock stops and the last
        autosave is written, so that Continue finds it."""
        self.clock.stop()
        self._writer.flush()

    def close(self) -> None:
        """The program is ending: stop the clock, wait for the last save to be written."""
        self.clock.stop()
        self._writer.close()

    def view(self) -> PassageView:
        return self.engine.view()

    @property
    def can_undo(self) -> bool:
        return self._engine is not None and self._engine.can_undo

    @property
    def is_over(self) -> bool:
        return self.engine.is_over

    def choose(self, choice_id: str) -> PassageView:
        """Take a choice (PlayError if it is not on offer); autosaved. ``changes`` then
        holds the visible variables the move changed."""
        engine = self.engine
        before = engine.status()
        leaving = engine.view()
        view = engine.choose(choice_id)
        self._read(leaving)
        self.changes = stat_changes(before, engine.status())
        self._after_move()
        return view

    def _read(self, view: PassageView) -> None:
        """The player has read ``view`` (they are moving on from it)."""
        if self.profile is not None:
            self.profile.read(passage_digest(view.node_id, view.text))

    def was_read(self, view: PassageView) -> bool:
        """Whether this passage, with this very text, was read in a game before."""
        return (
            self.profile is not None
            and passage_digest(view.node_id, view.text) in self.profile.seen
        )

    def can_skip(self) -> bool:
        """Whether ``skip_read`` would move: the passage was read before, exactly as it
        reads now, and offers one way on."""
        view = self.view()
        return view.ending is None and len(view.available) == 1 and self.was_read(view)

    def skip_read(self, limit: int = 500) -> list[PassageView]:
        """Take the only way on through passages read before, up to the next real
        choice, the next text not read before, or an ending. Returns the passages
        passed (the one the player was at first) and, last, where it stopped; empty
        when nothing was skipped. New text is never skipped. ``changes`` then holds
        everything the skipped passages changed."""
        engine = self.engine
        before = engine.status()
        passed: list[PassageView] = []
        visited: set[int] = set()
        while len(passed) < limit and self.can_skip():
            view = self.view()
            key = hash((view.node_id, view.text))
            if key in visited:  # a loop of passages read before: stop at its start
                break
            visited.add(key)
            passed.append(view)
            engine.choose(view.available[0].id)
            self._read(view)
            self._after_move()
        if not passed:
            return []
        self.changes = stat_changes(before, engine.status())
        return [*passed, self.view()]

    def text_as_read(self, turn: int) -> str | None:
        """The passage of journal entry ``turn`` as the player read it (None if that
        cannot be shown again: the history does not reach back that far)."""
        return self.engine.text_as_read(turn)

    def rewind(self, turn: int) -> PassageView:
        """Go back to the passage of an earlier turn (the journal's 'go back here'), as
        undo would, every step at once; autosaved."""
        view = self.engine.rewind(turn)
        self.changes = ()
        self._after_move()
        return view

    def undo(self) -> PassageView:
        """Step back one choice (NothingToUndoError at the start); autosaved."""
        view = self.engine.undo()
        self.changes = ()
        self._after_move()
        return view

    def journal(self) -> list[JournalEntry]:
        return self.engine.journal()

    @property
    def has_map(self) -> bool:
        return self.story is not None and self.story.map is not None

    def map_view(self) -> MapView | None:
        """The story's map with where the player is and has been; None if it has none."""
        return self.engine.map_view()

    def status(self) -> StatusView:
        """The status panel: this game's state, and the endings found in any game."""
        status = self.engine.status()
        found, total = len(self.endings_found()), status.endings[1]
        return StatusView(status.stats, status.items, status.codex, (found, total), status.turn)

    # ------------------------------------------------------------ what every game found

    def endings_found(self) -> list[str]:
        """Ending ids reached in any game (earlier runs, and this one), first found first."""
        found = list(self.profile.endings) if self.profile is not None else []
        if self._engine is not None:
            found += [e for e in self._engine.state.endings if e not in found]
        return found

    def endings(self) -> list[EndingSummary]:
        """Every ending of the story, marked found in any game or not."""
        return ending_summaries(self._story(), self.endings_found())

    def codex(self) -> list[CodexView]:
        """The codex entries unlocked in any game, in the order first unlocked."""
        ids = list(self.profile.codex) if self.profile is not None else []
        if self._engine is not None:
            ids += [c for c in self._engine.state.codex if c not in ids]
        return codex_views(self._story(), ids)

    @property
    def codex_total(self) -> int:
        return len(self.story.codex) if self.story is not None else 0

    # ------------------------------------------------------------ saving

    def _meta(self, engine: Engine) -> SaveMeta:
        return SaveMeta(
            play_time=self.clock.seconds,
            player_name=engine.player_name or self._name,
            run=self._run,
        )

    def _after_move(self) -> None:
        """Autosave and update the profile (in the background if so set up)."""
        engine = self.engine
        story, state, meta = engine.story, engine.state.copy(), self._meta(engine)
        store, profile = self.store, self.profile
        if profile is not None:
            profile.observe(state)
        write_profile = profile.writer() if profile is not None and profile.dirty else None

        def job() -> None:
            store.autosave(story, state, meta)
            if write_profile is not None:
                write_profile()

        self._writer.submit(job)

    def _report(self, problem: str | None) -> None:
        """Tell a problem with the autosave once (and again only if it changes)."""
        new = problem is not None and problem != self._last_problem
        self._last_problem = problem
        if new and self.on_problem is not None:
            self.on_problem(f"Autosave failed: {problem}. The game goes on.")

    def save(self, slot: str) -> SaveInfo:
        """A named save (SlotNameError, SaveIOError with the reason)."""
        engine = self.engine
        info = self.store.save(slot, engine.story, engine.state, self._meta(engine))
        self.refresh_saves()
        return info

    def quicksave(self) -> SaveInfo:
        engine = self.engine
        return self.store.quicksave(engine.story, engine.state, self._meta(engine))

    # ------------------------------------------------------------ loading

    def begin_load(self, slot: str) -> PendingLoad:
        """Read the save ``slot`` (SaveError if it cannot be loaded). When its passage
        is gone the pending load carries the question to ask before ``finish_load``."""
        story = self._story()
        self._writer.flush()
        try:
            return PendingLoad(slot, None, self.store.load(slot, story))
        except NodeGoneError as gone:
            question = (
                f"The passage you saved at ({gone.saved_title!r}) is no longer in the story. "
                f"Resume at {gone.fallback_title!r}, the last passage on your path that "
                "still exists?"
            )
            return PendingLoad(slot, question)

    def finish_load(self, pending: PendingLoad) -> Loaded:
        """Play the loaded game (resuming at the earlier passage if it was asked)."""
        result = pending.result
        if result is None:
            result = self.store.load(pending.slot, self._story(), fallback=True)
        self._name = result.info.player_name
        self._run = result.info.run or new_run()  # saves of 0.1 had no game of their own
        self._start(result.engine, played=result.info.play_time)
        if result.info.kind != "auto":
            # so that Continue comes back here; the autosave itself is not written again,
            # which would push a copy of it into the backups (an earlier game's last
            # autosave is: it becomes the autosave of the game played again)
            self._after_move()
        return Loaded(result.info.slot, result.engine.view(), tuple(result.notes))

    def load(self, slot: str, ask: Callable[[str], bool]) -> Loaded | None:
        """``begin_load`` and ``finish_load`` in one, for front ends that can ask a
        question and wait for the answer; None when the player says no."""
        pending = self.begin_load(slot)
        if pending.question is not None and not ask(pending.question):
            return None
        return self.finish_load(pending)

    # ------------------------------------------------------------ live reload (play --dev)

    def reload_story(self, report: CheckReport, changed: list[str]) -> Reloaded | Broken:
        """Play on in the story ``report`` holds (checked, e.g. in a worker thread): the
        game moves over, at the same passage where it still exists. When the edited
        files are broken the game goes on in the story that last loaded."""
        if report.story is None:
            return Broken(report.errors, changed)
        engine = self.engine
        moved, notes = reload_engine(engine, report.story)
        self.story = moved.story
        self._engine = moved
        if self.profile is not None:
            self.profile.observe(moved.state)
        return Reloaded(moved.view(), changed, notes)
