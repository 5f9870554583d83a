"""The player's settings: a small JSON file in the settings folder that survives runs.

    store = SettingsStore(folders.config)
    settings, problem = store.load()       # never raises; problem is one sentence or None
    problem = store.save(settings)         # None, or one sentence saying why not

A damaged file never stops the game: every value that cannot be read falls back to its
default (the others are kept), and ``load`` says what went wrong for the front end to
show once. Written with the same atomic write as the saves.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import msgspec

from .files import atomic_write, describe_os_error

__all__ = [
    "FILE_NAME",
    "MEASURES",
    "SETTINGS_VERSION",
    "SPEEDS",
    "THEMES",
    "Settings",
    "SettingsStore",
]

FILE_NAME = "settings.json"
SETTINGS_VERSION = 1

Theme = Literal["default", "high-contrast", "light", "light-high-contrast", "colour-blind"]
Speed = Literal["slow", "normal", "fast"]
Measure = Literal["narrow", "normal", "wide"]

THEMES: dict[str, str] = {
    "default": "Dark",
    "high-contrast": "Dark, high contrast",
    "light": "Light",
    "light-high-contrast": "Light, high contrast",
    "colour-blind": "Dark, colours for colour blindness",
}
"""Setting value -> the label the player sees."""

SPEEDS: dict[str, int] = {"slow": 80, "normal": 200, "fast": 800}
"""Typewriter speed -> characters revealed per second (fast: a long passage in 3 s)."""

MEASURES: dict[str, str] = {
    "narrow": "Narrow (about 60 letters a line)",
    "normal": "Normal (about 80)",
    "wide": "Wide (about 110)",
}
"""The longest line of a passage, as the player chooses it."""


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    theme: Theme = "default"
    typewriter: bool = False
    speed: Speed = "normal"
    stat_changes: bool = True  # a short line when a visible stat changes
    measure: Measure = "normal"  # the passage's reading width

    @property
    def chars_per_second(self) -> int:
        return SPEEDS[self.speed]

    def replaced(self, **changes: object) -> Settings:
        """These settings with ``changes`` (ValidationError for a value not allowed)."""
        return msgspec.convert({**msgspec.to_builtins(self), **changes}, Settings, strict=True)

    def to_dict(self) -> dict[str, Any]:
        return {"version": SETTINGS_VERSION, **msgspec.to_builtins(self)}

    @classmethod
    def from_dict(cls, data: object) -> tuple[Settings, list[str]]:
        """Settings from parsed JSON, and the keys that had to fall back to defaults.
        Each field is checked on its own, so one bad value costs only itself."""
        if not isinstance(data, dict):
            return cls(), ["the file does not hold a JSON object"]
        kept: dict[str, Any] = {}
        bad: list[str] = []
        for name in cls.__struct_fields__:
            if name not in data:
                continue
            try:
                msgspec.convert({name: data[name]}, cls, strict=True)
            except msgspec.ValidationError:
                bad.append(name)
            else:
                kept[name] = data[name]
        return msgspec.convert(kept, cls, strict=True), bad


class SettingsStore:
    """Reads and writes ``settings.json`` in one folder; never raises for a bad file."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / FILE_NAME

    def load(self) -> tuple[Settings, str | None]:
        """The saved settings, and a message for the player if the file was damaged."""
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Settings(), None
        except (OSError, UnicodeDecodeError) as exc:
            return (
                Settings(),
                f"Could not read the settings in {self.path} ({exc}); using defaults.",
            )
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            return Settings(), (
                f"The settings file {self.path} is damaged (line {exc.lineno}); "
                "using the default settings."
            )
        version = data.get("version", SETTINGS_VERSION) if isinstance(data, dict) else None
        if type(version) is int and version > SETTINGS_VERSION:
            return Settings(), (
                f"The settings in {self.path} were written by a newer version of the game; "
                "using the default settings (the file is left as it is until you change one)."
            )
        settings, bad = Settings.from_dict(data)
        if bad:
            return settings, (
                f"Some settings in {self.path} could not be read ({', '.join(bad)}); "
                "those use their defaults."
            )
        return settings, None

    def save(self, settings: Settings) -> str | None:
        """Write atomically; return a message for the player if it could not be written."""
        text = json.dumps(settings.to_dict(), indent=2) + "\n"
        try:
            atomic_write(self.path, text.encode("utf-8"))
        except OSError as exc:
            why = describe_os_error(exc, self.path.parent)
            return f"Could not save the settings to {self.path}: {why}."
        return None
