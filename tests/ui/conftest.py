"""UI tests: settings go to a temporary folder, never the real home."""

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
