"""Where the game's files are: the bundled story, the saves and the settings.

    folders = Folders.resolve(saves_dir=args.saves_dir)   # --saves-dir, environment, defaults
    folders.saves      # saved games and profile.json
    folders.config     # settings.json
    bundled_story_dir()

The one resolver for folders and their environment overrides:

    saves      --saves-dir, else $ELBE_GAME_SAVES_DIR, else ``saves/`` in a checkout,
               else the platform's user data folder (…/elbe-game/saves)
    settings   $ELBE_GAME_CONFIG_DIR, else the platform's user config folder

(``$ELBE_GAME_SAVES``, the name of the saves override before 0.2, is still read.)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "APP_NAME",
    "CONFIG_ENV",
    "SAVES_ENV",
    "Folders",
    "bundled_story_dir",
    "checkout_root",
]

APP_NAME = "elbe-game"
SAVES_ENV = "ELBE_GAME_SAVES_DIR"
CONFIG_ENV = "ELBE_GAME_CONFIG_DIR"
_OLD_SAVES_ENV = "ELBE_GAME_SAVES"

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_story_dir() -> Path:
    """The story shipped with the game: inside the package when installed from a
    wheel, else ``story/`` beside the package in a checkout."""
    installed = _PACKAGE / "story"
    return installed if installed.is_dir() else _PACKAGE.parent / "story"


def checkout_root() -> Path | None:
    """The project folder when running from a checkout, else None."""
    root = _PACKAGE.parent
    return root if (root / "pyproject.toml").is_file() and (root / "story").is_dir() else None


@dataclass(frozen=True, slots=True)
class Folders:
    saves: Path
    config: Path

    @classmethod
    def resolve(
        cls,
        saves_dir: Path | None = None,
        config_dir: Path | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Folders:
        """The folders for this run: explicit arguments win, then the environment,
        then the defaults (see the module's docstring)."""
        env = os.environ if environ is None else environ
        return cls(
            saves=_saves(saves_dir, env),
            config=_config(config_dir, env),
        )


def _saves(explicit: Path | None, env: Mapping[str, str]) -> Path:
    if explicit is not None:
        return Path(explicit).expanduser()
    override = env.get(SAVES_ENV) or env.get(_OLD_SAVES_ENV)
    if override:
        return Path(override).expanduser()
    root = checkout_root()
    if root is not None:
        return root / "saves"
    import platformdirs  # only here: a checkout and every override never need it

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "saves"


def _config(explicit: Path | None, env: Mapping[str, str]) -> Path:
    if explicit is not None:
        return Path(explicit).expanduser()
    override = env.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_config_path(APP_NAME)  # as 0.1 had it: settings stay put
