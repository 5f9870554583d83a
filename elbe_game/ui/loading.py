"""Loading a saved game from any screen: the session reads the save; when its passage
is gone from an edited story the player is asked (a ``ConfirmScreen``) before the game
resumes at an earlier passage; every ``SaveError`` becomes one notification.

    load_save(screen, "bridge", on_loaded, on_failed)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..engine.errors import SaveError
from .context import session_of
from .screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from ..host.game import Loaded, PendingLoad

__all__ = ["load_message", "load_save"]


def load_message(loaded: Loaded) -> str:
    """What the player should know after a load: the slot, and the notes if any."""
    return "\n".join([loaded.message, *(f"• {note}" for note in loaded.notes)])


def load_save(
    screen: Screen[Any],
    slot: str,
    on_loaded: Callable[[Loaded], None],
    on_failed: Callable[[str], None] | None = None,
) -> None:
    """Load ``slot`` and hand the game to ``on_loaded``; on failure (or when the player
    will not go back to an earlier passage) ``on_failed`` gets the message, which is
    also shown as a notification."""
    session = session_of(screen)
    app = screen.app

    def fail(message: str, severity: SeverityLevel = "error") -> None:
        app.notify(message, title="Load", severity=severity, timeout=8, markup=False)
        if on_failed is not None:
            on_failed(message)

    def finish(pending: PendingLoad) -> None:
        try:
            loaded = session.finish_load(pending)
        except SaveError as exc:
            fail(f"Not loaded: {exc.message}.")
            return
        on_loaded(loaded)

    try:
        pending = session.begin_load(slot)
    except SaveError as exc:
        fail(f"Not loaded: {exc.message}.")
        return
    if pending.question is None:
        finish(pending)
        return

    def answered(yes: bool | None) -> None:
        if yes:
            finish(pending)
        else:
            fail("Not loaded.", severity="information")

    app.push_screen(ConfirmScreen(pending.question), answered)
