"""What the UI knows between screens: which story, whether it has loaded, the games
played in this run. No Textual here, and no game state: everything that changes while
playing lives in the engines, and the ``Profile`` only reads from them.

The engine, the saves and the authors' tools are imported lazily (inside
``Session.load``, in the title screen's worker thread) so that the title screen can
appear before the story, the YAML loader, the checker and the save code are imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..authoring.watch import StoryWatcher
    from ..engine import Diagnostic, Engine, Story
    from ..engine.profile import Profile as StoredProfile
    from ..engine.saves import SaveInfo, SaveStore

__all__ = ["Profile", "Session"]


@dataclass
class Profile:
    """Endings reached and codex entries unlocked: by earlier games (``stored``, the
    profile kept beside the saves) and by the games of this session.

    It reads them from the engines; ``observe`` also remembers what an engine held, so
    that undoing past an ending does not un-find it.
    """

    games: list[Engine] = field(default_factory=list)
    stored: StoredProfile | None = None
    _endings: dict[str, None] = field(default_factory=dict, repr=False)
    _codex: dict[str, None] = field(default_factory=dict, repr=False)

    def add(self, engine: Engine) -> None:
        self.games.append(engine)
        self.observe(engine)

    def observe(self, engine: Engine) -> None:
        """Remember the endings and codex entries ``engine`` holds now."""
        for ident in engine.state.endings:
            self._endings.setdefault(ident, None)
        for ident in engine.state.codex:
            self._codex.setdefault(ident, None)

    def endings(self) -> list[str]:
        """Ending ids reached, in the order first found."""
        stored = list(self.stored.endings) if self.stored is not None else []
        return _union([stored, list(self._endings), *(g.state.endings for g in self.games)])

    def codex(self) -> list[str]:
        """Codex ids unlocked, in the order first unlocked."""
        stored = list(self.stored.codex) if self.stored is not None else []
        return _union([stored, list(self._codex), *(g.state.codex for g in self.games)])


def _union(lists: Iterable[Iterable[str]]) -> list[str]:
    seen: dict[str, None] = {}
    for ids in lists:
        for ident in ids:
            seen.setdefault(ident, None)
    return list(seen)


@dataclass
class Session:
    """What this run was asked for (the CLI's arguments) and what it found: the story,
    the save store, the saves in it."""

    story_dir: Path
    saves_dir: Path | None = None  # None: saves_folder() decides ($ELBE_GAME_SAVES, ...)
    seed: int | None = None
    player_name: str | None = None
    continue_game: bool = False
    load_slot: str | None = None
    start_at: str | None = None
    sets: tuple[str, ...] = ()
    dev: bool = False
    story: Story | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: bool = False
    profile: Profile = field(default_factory=Profile)
    store: SaveStore | None = None
    saves: list[SaveInfo] = field(default_factory=list)
    newest: SaveInfo | None = None
    watcher: StoryWatcher | None = None
    problems: list[str] = field(default_factory=list)  # to tell the player once

    @property
    def resume_slot(self) -> str | None:
        """The save ``--continue`` or ``--load`` asked for (None for a new game)."""
        if self.load_slot is not None:
            return self.load_slot
        if self.continue_game and self.newest is not None:
            return self.newest.slot
        return None

    @property
    def loaded(self) -> bool:
        """True once loading has finished, well or badly."""
        return self.story is not None or self.failed

    def load(self) -> None:
        """Load the story (safe to call from a worker thread). On failure ``failed`` is
        set and ``diagnostics`` holds the checker's messages."""
        from ..engine import StoryError, load_story

        if self.dev:
            from ..authoring.watch import StoryWatcher

            self.watcher = StoryWatcher(self.story_dir)  # before loading: no edit is missed
        try:
            self.story = load_story(self.story_dir)
        except StoryError as exc:
            self.diagnostics = list(exc.diagnostics)
            self.failed = True
            return
        self.open_saves()

    def open_saves(self) -> None:
        """Open the save folder and the stored profile, and list the saves."""
        from ..engine.profile import Profile as StoredProfile
        from ..engine.saves import SaveStore, saves_folder

        assert self.story is not None
        self.store = SaveStore(saves_folder(self.saves_dir))
        stored = StoredProfile.load(self.store.folder, self.story.id)
        if stored.problem:
            self.problems.append(f"Endings and codex from earlier games: {stored.problem}.")
        self.profile.stored = stored
        self.refresh_saves()

    def refresh_saves(self) -> None:
        """List the saves again (after a save, a delete, a game)."""
        if self.store is None or self.story is None:
            return
        self.saves = self.store.list()
        self.newest = self.store.newest(self.story)

    def default_name(self) -> str | None:
        """The story's default for ``player_name``, or None if it declares none."""
        story = self.story
        var = story.variables.get("player_name") if story is not None else None
        if var is None or var.type != "str":
            return None
        return str(var.default)

    def new_game(self, player_name: str | None = None) -> Engine:
        """A new game: at the start, or where ``--start-at``/``--set`` say (DevStartError
        if they do not fit the story)."""
        from ..engine import Engine

        assert self.story is not None, "new_game before the story has loaded"
        name = player_name or self.player_name
        if self.start_at is not None or self.sets:
            from ..authoring.devstart import prepare_engine

            engine = prepare_engine(self.story, self.start_at, self.sets, self.seed, name)
        else:
            engine = Engine.new_game(self.story, seed=self.seed, player_name=name)
        self.profile.add(engine)
        return engine
