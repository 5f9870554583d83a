"""The settings file: round trip, one bad value costs only itself, newer files, errors."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import msgspec
import pytest

from elbe_game.host.settings import SETTINGS_VERSION, Settings, SettingsStore


def test_settings_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    assert store.load() == (Settings(), None)
    wanted = Settings(
        theme="light-high-contrast",
        typewriter=True,
        speed="fast",
        stat_changes=False,
        measure="wide",
    )
    assert store.save(wanted) is None
    assert store.load() == (wanted, None)
    data = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert data == {
        "version": SETTINGS_VERSION,
        "theme": "light-high-contrast",
        "typewriter": True,
        "speed": "fast",
        "stat_changes": False,
        "measure": "wide",
    }


def test_the_file_is_readable_by_its_owner_and_group_as_other_files_are(tmp_path: Path) -> None:
    SettingsStore(tmp_path).save(Settings())
    mode = stat.S_IMODE((tmp_path / "settings.json").stat().st_mode)
    assert mode == 0o644


def test_bad_values_fall_back_one_by_one(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(
        '{"theme": "purple", "typewriter": "yes", "speed": "fast"}', encoding="utf-8"
    )
    settings, problem = SettingsStore(tmp_path).load()
    assert settings == Settings(speed="fast")
    assert problem == (
        f"Some settings in {tmp_path / 'settings.json'} could not be read (theme, typewriter); "
        "those use their defaults."
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{", "is damaged (line 1); using the default settings."),
        ("[1, 2]", "could not be read (the file does not hold a JSON object)"),
        ('{"version": 99, "theme": "high-contrast"}', "written by a newer version of the game"),
    ],
)
def test_a_damaged_or_newer_file_gives_defaults_and_one_sentence(
    tmp_path: Path, text: str, problem: str
) -> None:
    (tmp_path / "settings.json").write_text(text, encoding="utf-8")
    settings, message = SettingsStore(tmp_path).load()
    assert settings == Settings()
    assert message is not None and problem in message


def test_unwritable_settings_give_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    message = SettingsStore(blocker / "sub").save(Settings())
    assert message == (
        f"Could not save the settings to {blocker / 'sub' / 'settings.json'}: "
        f"{blocker / 'sub'} is not a folder."
    )


def test_replaced_checks_the_new_value() -> None:
    assert Settings().replaced(theme="high-contrast").theme == "high-contrast"
    with pytest.raises(msgspec.ValidationError):
        Settings().replaced(speed="warp")
