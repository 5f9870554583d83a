"""The keys of the game in a web browser (``elbe-game serve``).

Browsers keep some keys for themselves (F1 opens the browser's help, F5 reloads the
page, ctrl+w closes the tab, ctrl+q quits the browser), so the web build moves what
the game binds to them: ``WEB_KEYMAP`` is applied with ``App.set_keymap`` when
``app.is_web`` (bindings carry these ids), help lists the keys with it applied, and
``BROWSER_KEYS`` is help's "In the browser" section. The terminal game keeps its keys.
"""

from __future__ import annotations

__all__ = ["BROWSER_KEYS", "HELP_ID", "QUICK_SAVE_ID", "QUIT_ID", "WEB_KEYMAP"]

HELP_ID = "help"
QUICK_SAVE_ID = "quick-save"
QUIT_ID = "quit"

WEB_KEYMAP: dict[str, str] = {
    HELP_ID: "question_mark",
    QUICK_SAVE_ID: "k",
}
"""Binding id -> the keys it has in the browser."""

BROWSER_KEYS: tuple[tuple[str, str], ...] = (
    ("F1", "the browser's own help: press ? for the game's"),
    ("F5", "reloads the page: press k to quick save (F9 still loads the quick save)"),
    ("Ctrl+Q", "quits the browser: to quit the game, Esc, then q on the title screen"),
    ("Ctrl+W", "closes the tab: in a name field, Ctrl+U clears it to the left"),
)
"""(a key the browser keeps, what it does there and what to press instead), for help."""
