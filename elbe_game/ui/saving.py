"""Saving the game being played: the play clock, the autosave and profile after every
move, named and quick saves. No Textual here: every method returns a message for the
player (or raises ``SaveError`` with one); the play screen only shows them.

    saver = GameSaver(session, play_time=info.play_time)   # one per game on screen
    saver.clock.start()                                     # while the game is shown
    problem = saver.after_move(engine)                      # autosave + profile
    info = saver.save("bridge", engine)                     # SlotNameError, SaveIOError
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine import Engine
    from ..engine.saves import SaveInfo, SaveMeta, SaveStore
    from .session import Session

__all__ = ["GameSaver", "PlayClock", "describe_play_time"]


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
        running = self._since is not None
        self._played, self._since = played, None
        if running:
            self.start()

    @property
    def seconds(self) -> float:
        running = time.monotonic() - self._since if self._since is not None else 0.0
        return self._played + running


class GameSaver:
    """The saves of the game on screen. Without a store (the story did not load) every
    save says so rather than failing."""

    def __init__(self, session: Session, play_time: float = 0.0) -> None:
        self.session = session
        self.clock = PlayClock(play_time)
        self._last_problem: str | None = None

    def meta(self) -> SaveMeta:
        from ..engine.saves import SaveMeta

        return SaveMeta(play_time=self.clock.seconds)

    def _store(self) -> SaveStore:
        from ..engine.saves import SaveIOError

        if self.session.store is None:
            raise SaveIOError("saving is not available: the story has not loaded")
        return self.session.store

    def after_move(self, engine: Engine) -> str | None:
        """Autosave and record the profile. Returns a message the first time a problem
        appears (or changes); the game goes on either way."""
        from ..engine.saves import SaveError

        session = self.session
        problem = None
        try:
            if session.store is not None:
                session.store.autosave(engine, self.meta())
            stored = session.profile.stored
            if stored is not None:
                stored.record(engine)
        except SaveError as exc:
            problem = exc.message
        session.profile.observe(engine)
        new = problem is not None and problem != self._last_problem
        self._last_problem = problem
        return f"Autosave failed: {problem}. The game goes on." if new else None

    def save(self, slot: str, engine: Engine) -> SaveInfo:
        """A named save (SaveError, with the store's message, if it cannot be)."""
        return self._store().save(slot, engine, self.meta())

    def quicksave(self, engine: Engine) -> SaveInfo:
        return self._store().quicksave(engine, self.meta())
