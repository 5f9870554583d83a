"""Where the game's files are: the bundled story, the saves and the settings.

    folders = Folders.resolve(saves_dir=args.saves_dir)   # --saves-dir, environment, defaults
    folders.saves      # saved games and profile.json
    folders.config     # settings.json
    folders.saves_from # where that choice came from, for ``elbe-game paths``
    bundled_story_dir()

The one resolver for folders and their environment overrides:

    saves      --saves-dir, else $ELBE_GAME_SAVES_DIR, else ``saves/`` in a checkout,
               else the platform's user data folder (…/elbe-game/saves)
    settings   $ELBE_GAME_CONFIG_DIR, else the platform's user config folder

(``$ELBE_GAME_SAVES``, the name of the saves override before 0.2, is still read.)

A browser visitor of ``elbe-game serve`` has folders of their own, inside the saves
folder resolved as above: ``visitors/KEY/saves`` and ``visitors/KEY/config``, where
KEY (32 hex digits) is derived from the visitor's cookie by the server.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "APP_NAME",
    "CONFIG_ENV",
    "SAVES_ENV",
    "VISITORS_FOLDER",
    "Folders",
    "bundled_story_dir",
    "checkout_root",
]

APP_NAME = "elbe-game"
SAVES_ENV = "ELBE_GAME_SAVES_DIR"
CONFIG_ENV = "ELBE_GAME_CONFIG_DIR"
_OLD_SAVES_ENV = "ELBE_GAME_SAVES"
VISITORS_FOLDER = "visitors"
"""The folder, inside the saves folder, that holds each browser visitor's own folders."""
_VISITOR_KEY = re.compile(r"[0-9a-f]{32}")

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
    saves_from: str = field(default="", compare=False)
    """Which rule chose ``saves``, in words (``elbe-game paths`` prints it)."""
    config_from: str = field(default="", compare=False)

    @classmethod
    def resolve(
        cls,
        saves_dir: Path | None = None,
        config_dir: Path | None = None,
        environ: Mapping[str, str] | None = None,
        visitor: str | None = None,
    ) -> Folders:
        """The folders for this run: explicit arguments win, then the environment,
        then the defaults (see the module's docstring). With ``visitor`` (a key of 32
        hex digits), that browser visitor's own folders inside the saves folder."""
        env = os.environ if environ is None else environ
        saves, saves_from = _saves(saves_dir, env)
        if visitor is not None:
            if not _VISITOR_KEY.fullmatch(visitor):
                raise ValueError(f"a visitor key is 32 hex digits, not {visitor!r}")
            own = saves / VISITORS_FOLDER / visitor
            why = f"a browser visitor's own, inside {saves} ({saves_from})"
            return cls(saves=own / "saves", config=own / "config", saves_from=why, config_from=why)
        config, config_from = _config(config_dir, env)
        return cls(saves=saves, config=config, saves_from=saves_from, config_from=config_from)


def _saves(explicit: Path | None, env: Mapping[str, str]) -> tuple[Path, str]:
    if explicit is not None:
        return Path(explicit).expanduser(), "--saves-dir"
    for name in (SAVES_ENV, _OLD_SAVES_ENV):
        if env.get(name):
            return Path(env[name]).expanduser(), f"${name}"
    root = checkout_root()
    if root is not None:
        return root / "saves", "the checkout's saves folder"
    import platformdirs  # only here: a checkout and every override never need it

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "saves", "user data folder"


def _config(explicit: Path | None, env: Mapping[str, str]) -> tuple[Path, str]:
    if explicit is not None:
        return Path(explicit).expanduser(), "as given"
    override = env.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser(), f"${CONFIG_ENV}"
    import platformdirs

    # as 0.1 had it: settings stay put
    return platformdirs.user_config_path(APP_NAME), "user config folder"
