"""Settings: theme and typewriter reveal. Changes apply at once and are saved.

Each setting is a small list whose chosen entry is marked ◉ (the others ○), so the
choice reads without colour (Textual's radio buttons differ only by colour).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ...host.settings import SPEEDS, THEMES, Settings
from ..context import elbe_app

SPEED_LABELS = {"slow": "Slow", "normal": "Normal", "fast": "Fast"}
TYPEWRITER_LABELS = {"off": "Off: show passages at once", "on": "On: any key completes it"}


def _options(labels: dict[str, str], chosen: str) -> list[Option]:
    return [
        Option(Content.assemble("◉ " if value == chosen else "○ ", label), id=value)
        for value, label in labels.items()
    ]


class SettingsScreen(ModalScreen[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close settings")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="settings-box"):
            yield Static("Settings", classes="dialog-title", markup=False)
            yield Label("Theme")
            yield OptionList(id="theme")
            yield Label("Typewriter reveal of passages")
            yield OptionList(id="typewriter")
            yield Label("Typewriter speed")
            yield OptionList(id="speed")
            yield Static(
                "Enter or click chooses; Tab moves on. Saved for next time. Escape: close.",
                classes="hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self._draw(elbe_app(self).settings)
        self.query_one("#theme", OptionList).focus()

    def _draw(self, settings: Settings) -> None:
        chosen = {
            "theme": (THEMES, settings.theme),
            "typewriter": (TYPEWRITER_LABELS, "on" if settings.typewriter else "off"),
            "speed": (SPEED_LABELS, settings.speed),
        }
        for ident, (labels, value) in chosen.items():
            options = self.query_one(f"#{ident}", OptionList)
            highlighted = options.highlighted
            options.set_options(_options(labels, value))
            options.highlighted = (
                highlighted if highlighted is not None else list(labels).index(value)
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        app = elbe_app(self)
        value = event.option.id
        which = event.option_list.id
        if which == "theme" and value in THEMES:
            app.apply_settings(app.settings.replaced(theme=value))
        elif which == "typewriter" and value in ("on", "off"):
            app.apply_settings(app.settings.replaced(typewriter=value == "on"))
        elif which == "speed" and value in SPEEDS:
            app.apply_settings(app.settings.replaced(speed=value))
        self._draw(app.settings)

    def action_close(self) -> None:
        self.dismiss(None)
