"""UI tests: settings and saves go to temporary folders, never the real home or the
checkout's saves/."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings are written under tmp_path, never the real home."""
    config = tmp_path / "config"
    monkeypatch.setenv("ELBE_GAME_CONFIG_DIR", str(config))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return config


@pytest.fixture(autouse=True)
def isolated_saves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Apps built with ``saves_dir=None`` save under tmp_path (``$ELBE_GAME_SAVES_DIR``)."""
    saves = tmp_path / "saves"
    monkeypatch.setenv("ELBE_GAME_SAVES_DIR", str(saves))
    return saves
