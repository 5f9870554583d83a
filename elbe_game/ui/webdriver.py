"""Textual's web driver, for the games ``elbe-game serve`` runs (web/server.py names it
in $TEXTUAL_DRIVER): the game also quits when its input ends, that is when the server
went away without telling it to quit (killed, crashed). Textual's own driver then
waits for ever, and the game would be left running with no one to play it.
"""

from __future__ import annotations

from textual import messages
from textual.drivers.web_driver import WebDriver

__all__ = ["ServedDriver"]


class ServedDriver(WebDriver):
    def run_input_thread(self) -> None:
        try:
            super().run_input_thread()
        finally:
            if not self.exit_event.is_set():  # the input ended, not the game
                self._app.post_message(messages.ExitApp())
