"""What the UI knows between screens: which story, whether it has loaded, the games
played in this run. No Textual here, and no game state: everything that changes while
playing lives in the engines, and the ``Profile`` only reads from them.

The engine is imported lazily (inside ``Session.load``) so that the title screen can
appear before the story, the YAML loader and the checker have been imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine import Diagnostic, Engine, Story

__all__ = ["Profile", "Session"]


@dataclass
class Profile:
    """Endings reached and codex entries unlocked by the games of this session.

    It reads them from the engines; ``observe`` also remembers what an engine held, so
    that undoing past an ending does not un-find it. A persistent profile comes with
    the saves work.
    """

    games: list[Engine] = field(default_factory=list)
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
        return _union([list(self._endings), *(game.state.endings for game in self.games)])

    def codex(self) -> list[str]:
        """Codex ids unlocked, in the order first unlocked."""
        return _union([list(self._codex), *(game.state.codex for game in self.games)])


def _union(lists: Iterable[Iterable[str]]) -> list[str]:
    seen: dict[str, None] = {}
    for ids in lists:
        for ident in ids:
            seen.setdefault(ident, None)
    return list(seen)


@dataclass
class Session:
    story_dir: Path
    saves_dir: Path | None = None
    seed: int | None = None
    player_name: str | None = None
    story: Story | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: bool = False
    profile: Profile = field(default_factory=Profile)

    @property
    def loaded(self) -> bool:
        """True once loading has finished, well or badly."""
        return self.story is not None or self.failed

    def load(self) -> None:
        """Load the story (safe to call from a worker thread). On failure ``failed`` is
        set and ``diagnostics`` holds the checker's messages."""
        from ..engine import StoryError, load_story

        try:
            self.story = load_story(self.story_dir)
        except StoryError as exc:
            self.diagnostics = list(exc.diagnostics)
            self.failed = True

    def default_name(self) -> str | None:
        """The story's default for ``player_name``, or None if it declares none."""
        story = self.story
        var = story.variables.get("player_name") if story is not None else None
        if var is None or var.type != "str":
            return None
        return str(var.default)

    def new_game(self, player_name: str | None = None) -> Engine:
        from ..engine import Engine

        assert self.story is not None, "new_game before the story has loaded"
        engine = Engine.new_game(
            self.story, seed=self.seed, player_name=player_name or self.player_name
        )
        self.profile.add(engine)
        return engine
