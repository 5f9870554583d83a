"""The player's settings: a small JSON file that survives between runs.

The file lives in ``platformdirs.user_config_dir("elbe-game")``, or in the folder named
by the environment variable ``ELBE_GAME_CONFIG_DIR`` (tests point it at a temporary
folder). A damaged file never stops the game: every value that cannot be read falls
back to its default, and ``load`` says what went wrong in one sentence for the UI to
show once. No Textual here.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "CONFIG_ENV",
    "SPEEDS",
    "THEMES",
    "Settings",
    "SettingsStore",
    "config_dir",
]

CONFIG_ENV = "ELBE_GAME_CONFIG_DIR"
FILE_NAME = "settings.json"

THEMES: dict[str, str] = {"default": "Default", "high-contrast": "High contrast"}
"""Setting value -> the label the player sees."""

SPEEDS: dict[str, int] = {"slow": 40, "normal": 90, "fast": 250}
"""Typewriter speed -> characters revealed per second."""


@dataclass(frozen=True, slots=True)
class Settings:
    theme: str = "default"
    typewriter: bool = False
    speed: str = "normal"

    @property
    def chars_per_second(self) -> int:
        return SPEEDS.get(self.speed, SPEEDS["normal"])

    def to_dict(self) -> dict[str, Any]:
        return {"version": 1, **asdict(self)}

    @classmethod
    def from_dict(cls, data: object) -> tuple[Settings, list[str]]:
        """Settings from parsed JSON, and the keys that had to fall back to defaults."""
        if not isinstance(data, dict):
            return cls(), ["the file does not hold a JSON object"]
        bad: list[str] = []
        theme = data.get("theme", "default")
        if theme not in THEMES:
            bad.append("theme")
            theme = "default"
        typewriter = data.get("typewriter", False)
        if not isinstance(typewriter, bool):
            bad.append("typewriter")
            typewriter = False
        speed = data.get("speed", "normal")
        if speed not in SPEEDS:
            bad.append("speed")
            speed = "normal"
        return cls(theme=theme, typewriter=typewriter, speed=speed), bad


def config_dir() -> Path:
    """Where settings are kept: ``$ELBE_GAME_CONFIG_DIR`` or the platform's config folder."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("elbe-game"))


class SettingsStore:
    """Reads and writes ``settings.json``; never raises for a bad or missing file."""

    def __init__(self, directory: Path | None = None) -> None:
        self.path = (directory if directory is not None else config_dir()) / FILE_NAME

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
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            return f"Could not save the settings to {self.path}: {exc.strerror or exc}."
        return None
