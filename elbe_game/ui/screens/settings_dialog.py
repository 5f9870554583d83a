"""Settings: theme, reading width, typewriter reveal, and whether changes to the stats
are told. Changes apply at once and are saved.

Each setting is a small list whose chosen entry is marked ◉ (the others ○), so the
choice reads without colour (Textual's radio buttons differ only by colour). The
dialog scrolls when the terminal is short.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ...host.settings import MEASURES, THEMES, Settings
from ..context import elbe_app

SPEED_LABELS = {"slow": "Slow", "normal": "Normal", "fast": "Fast"}
ON_OFF = {"off": False, "on": True}

#: setting -> (heading, value -> label); bools are "on"/"off"
SECTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "theme": ("Theme", THEMES),
    "measure": ("Reading width", MEASURES),
    "typewriter": (
        "Typewriter reveal of new passages",
        {"off": "Off: show passages at once", "on": "On: any key completes it"},
    ),
    "speed": ("Typewriter speed", SPEED_LABELS),
    "stat_changes": (
        "Tell me when my state changes",
        {"on": "On: a line such as 'Mercy on the road +1'", "off": "Off"},
    ),
}


def _value(settings: Settings, name: str) -> str:
    value = getattr(settings, name)
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def _options(labels: dict[str, str], chosen: str) -> list[Option]:
    return [
        Option(Content.assemble("◉ " if value == chosen else "○ ", label), id=value)
        for value, label in labels.items()
    ]


class SettingsScreen(ModalScreen[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close settings")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="settings-box"):
            yield Static("Settings", classes="dialog-title", markup=False)
            for name, (heading, _) in SECTIONS.items():
                yield Label(heading)
                yield OptionList(id=name)
            yield Static(
                "Enter or click chooses; Tab moves on. Saved for next time. Escape: close.",
                classes="hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self._draw(elbe_app(self).settings)
        self.query_one("#theme", OptionList).focus()

    def _draw(self, settings: Settings) -> None:
        for name, (_, labels) in SECTIONS.items():
            options = self.query_one(f"#{name}", OptionList)
            highlighted = options.highlighted
            value = _value(settings, name)
            options.set_options(_options(labels, value))
            options.highlighted = (
                highlighted if highlighted is not None else list(labels).index(value)
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        app = elbe_app(self)
        name, value = event.option_list.id, event.option.id
        if name in SECTIONS and value is not None:
            chosen: object = ON_OFF.get(value, value)
            app.apply_settings(app.settings.replaced(**{name: chosen}))
        self._draw(app.settings)

    def action_close(self) -> None:
        self.dismiss(None)
