"""Shared test helpers: the sample story and a way to write small stories."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from elbe_game.engine import Story, load_story

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
SAMPLE = FIXTURES / "sample"
PROJECT = TESTS.parent

WriteStory = Callable[..., Path]


@pytest.fixture(autouse=True)
def _private_saves_and_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test ever writes saves or settings into the checkout or the home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ELBE_GAME_SAVES", str(home / "saves"))
    monkeypatch.setenv("ELBE_GAME_CONFIG_DIR", str(home / "config"))


@pytest.fixture(scope="session")
def sample_story() -> Story:
    return load_story(SAMPLE)


@pytest.fixture
def write_story(tmp_path: Path) -> WriteStory:
    """Write files (name -> YAML text, dedented) into a fresh folder; return it."""

    def write(files: dict[str, str | bytes], folder: str = "story") -> Path:
        root = tmp_path / folder
        root.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return write


MINIMAL = """\
    story: {id: mini, title: Mini, start: start}
    variables:
      courage: {type: int, default: 0, min: 0, max: 5, visible: true, label: Courage}
      name: {type: str, default: "Anna"}
      brave: {type: bool, default: false}
    items:
      lamp: {name: Lamp}
    codex:
      river: {title: River, category: place, text: A river.}
    sources:
      S1: {title: Source one}
    """
