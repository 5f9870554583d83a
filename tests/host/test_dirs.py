"""Where the saves, the settings and the bundled story are found."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from elbe_game.host import dirs as dirs_module
from elbe_game.host.dirs import APP_NAME, Folders, bundled_story_dir, checkout_root

from ..conftest import PROJECT

EVERY_OVERRIDE = {
    "ELBE_GAME_SAVES_DIR": "/from/saves-dir",
    "ELBE_GAME_SAVES": "/from/old-saves",
    "ELBE_GAME_CONFIG_DIR": "/from/config-dir",
}


@pytest.fixture
def checkout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Run as if from a checkout in tmp_path."""
    monkeypatch.setattr(dirs_module, "checkout_root", lambda: tmp_path)
    return tmp_path


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as if installed from a wheel: no checkout."""
    monkeypatch.setattr(dirs_module, "checkout_root", lambda: None)


# ------------------------------------------------------------------ saves


def test_an_explicit_saves_folder_wins_over_everything(checkout: Path, tmp_path: Path) -> None:
    folders = Folders.resolve(saves_dir=tmp_path / "mine", environ=EVERY_OVERRIDE)
    assert folders.saves == tmp_path / "mine"


def test_the_saves_variable_wins_over_the_old_one_and_the_checkout(checkout: Path) -> None:
    assert Folders.resolve(environ=EVERY_OVERRIDE).saves == Path("/from/saves-dir")


def test_the_old_saves_variable_is_still_read_and_wins_over_the_checkout(
    checkout: Path,
) -> None:
    folders = Folders.resolve(environ={"ELBE_GAME_SAVES": "/from/old-saves"})
    assert folders.saves == Path("/from/old-saves")


def test_an_empty_saves_variable_counts_as_unset(checkout: Path) -> None:
    folders = Folders.resolve(environ={"ELBE_GAME_SAVES_DIR": "", "ELBE_GAME_SAVES": "/old"})
    assert folders.saves == Path("/old")


def test_a_checkout_saves_in_its_saves_folder(checkout: Path) -> None:
    assert Folders.resolve(environ={}).saves == checkout / "saves"


def test_an_installed_game_saves_in_the_user_data_folder(installed: None) -> None:
    saves = Folders.resolve(environ={}).saves
    assert saves == platformdirs.user_data_path(APP_NAME, appauthor=False) / "saves"
    assert saves.parts[-2:] == ("elbe-game", "saves")


# ------------------------------------------------------------------ settings


def test_an_explicit_config_folder_wins_over_the_variable(tmp_path: Path) -> None:
    folders = Folders.resolve(config_dir=tmp_path / "conf", environ=EVERY_OVERRIDE)
    assert folders.config == tmp_path / "conf"


def test_the_config_variable_wins_over_the_user_config_folder() -> None:
    assert Folders.resolve(environ=EVERY_OVERRIDE).config == Path("/from/config-dir")


def test_without_a_variable_settings_are_in_the_user_config_folder(checkout: Path) -> None:
    config = Folders.resolve(environ={}).config
    assert config == platformdirs.user_config_path(APP_NAME)
    assert config.name == "elbe-game"


# ------------------------------------------------------------------ ~


@pytest.mark.parametrize(
    ("arguments", "environ"),
    [
        ({"saves_dir": Path("~/elbe/s"), "config_dir": Path("~/elbe/c")}, {}),
        ({}, {"ELBE_GAME_SAVES_DIR": "~/elbe/s", "ELBE_GAME_CONFIG_DIR": "~/elbe/c"}),
        ({}, {"ELBE_GAME_SAVES": "~/elbe/s", "ELBE_GAME_CONFIG_DIR": "~/elbe/c"}),
    ],
    ids=["arguments", "variables", "old-variable"],
)
def test_a_tilde_is_the_home_folder(
    checkout: Path, arguments: dict[str, Path], environ: dict[str, str]
) -> None:
    folders = Folders.resolve(**arguments, environ=environ)
    assert folders == Folders(saves=Path.home() / "elbe/s", config=Path.home() / "elbe/c")


# ------------------------------------------------------------------ this checkout


def test_the_bundled_story_is_the_checkouts_story_folder() -> None:
    assert bundled_story_dir() == PROJECT / "story"


def test_the_checkout_root_is_the_project_folder() -> None:
    assert checkout_root() == PROJECT
