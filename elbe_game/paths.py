"""Where the game finds its bundled story and schema, from a checkout or a wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_story_dir() -> Path:
    """The story shipped with the game: inside the package when installed from a
    wheel, else ``story/`` beside the package in a checkout."""
    installed = _PACKAGE / "story"
    return installed if installed.is_dir() else _PACKAGE.parent / "story"


def checkout_root() -> Path | None:
    """The project folder when running from a checkout, else None."""
    root = _PACKAGE.parent
    return root if (root / "pyproject.toml").is_file() and (root / "story").is_dir() else None
