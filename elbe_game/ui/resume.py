"""Resuming a saved game from any screen, as the plain front end does: load the slot;
if its passage is gone from the story, ask whether to resume at the fallback; turn
every ``SaveError`` into one message. Used by the title screen (Continue, Load,
``--continue``, ``--load``) and the play screen (quick load, Load).

    resume_save(screen, "bridge", on_loaded, on_failed)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .context import session_of

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from ..engine.saves import LoadResult

__all__ = ["gone_question", "load_notes", "resume_save"]


def gone_question(fallback_title: str) -> str:
    return f"The passage you saved at is no longer in the story. Resume at {fallback_title}?"


def load_notes(result: LoadResult) -> str:
    """What the player should know after a load: the slot and the notes, if any."""
    lines = [f"Loaded {result.info.slot!r}: {result.engine.node.title}."]
    lines += [f"• {note[:1].upper()}{note[1:]}" for note in result.notes]
    return "\n".join(lines)


def resume_save(
    screen: Screen[Any],
    slot: str,
    on_loaded: Callable[[LoadResult], None],
    on_failed: Callable[[str], None] | None = None,
) -> None:
    """Load ``slot`` into the session's story and hand the result to ``on_loaded``;
    on failure (or a refused fallback) ``on_failed`` gets the message, which is also
    shown as a notification."""
    from ..engine.saves import NodeGoneError, SaveError

    session = session_of(screen)
    app = screen.app

    def fail(message: str, severity: SeverityLevel = "error") -> None:
        app.notify(message, title="Load", severity=severity, timeout=8, markup=False)
        if on_failed is not None:
            on_failed(message)

    store, story = session.store, session.story
    if store is None or story is None:
        fail("Loading is not available: the story has not loaded.")
        return
    try:
        result = store.load(slot, story)
    except NodeGoneError as gone:
        from .screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if not yes:
                fail("Not loaded.", severity="information")
                return
            assert store is not None and story is not None
            try:
                fallback = store.load(slot, story, fallback=True)
            except SaveError as exc:
                fail(f"Not loaded: {exc.message}.")
                return
            on_loaded(fallback)

        app.push_screen(
            ConfirmScreen(gone_question(gone.fallback_title), f"({gone.message}.)"), answered
        )
        return
    except SaveError as exc:
        fail(f"Not loaded: {exc.message}.")
        return
    on_loaded(result)
