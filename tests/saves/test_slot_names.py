"""Slot names become file names, so only safe ones are accepted."""

from __future__ import annotations

import pytest

from elbe_game.engine import Engine, Story
from elbe_game.engine.errors import SlotNameError
from elbe_game.host.saves import SaveStore, check_slot_name

from ..conftest import game

BAD = {
    "": "give the save a name",
    "   ": "give the save a name",
    "a/b": "path separator",
    "a\\b": "path separator",
    "../escape": "path separator",
    "..": "'..'",
    "a..b": "'..'",
    ".hidden": "starts or ends with a dot",
    "trailing.": "starts or ends with a dot",
    "nul\x00byte": "control or invisible",
    "two\nlines": "control or invisible",
    "bell\x07": "control or invisible",
    "zero\u200bwidth": "control or invisible",
    "right\u202eleft": "control or invisible",
    "x" * 65: "longer than 64",
    "what?": "contains ?",
    "a:b": "contains :",
    'say "hi"': 'contains "',
    "a<b>c": "contains < >",
    "pipe|star*": "contains * |",
    "CON": "device name",
    "nul.backup": "device name",
    "Lpt1": "device name",
    "profile": "the profile",
}


@pytest.mark.parametrize("name", BAD)
def test_bad_names_are_refused(
    name: str, store: SaveStore, played: Engine, sample_story: Story
) -> None:
    with pytest.raises(SlotNameError) as caught:
        store.save(name, *game(played))
    assert BAD[name] in caught.value.message
    with pytest.raises(SlotNameError):
        store.load(name, sample_story)
    assert not store.folder.exists()  # nothing was written anywhere


@pytest.mark.parametrize("name", ["autosave", "AutoSave", "autosave.1", "quicksave"])
def test_the_games_own_names_load_but_do_not_save(name: str, played: Engine) -> None:
    with pytest.raises(SlotNameError, match="keeps that name"):
        check_slot_name(name)
    assert check_slot_name(name, for_saving=False) == name


@pytest.mark.parametrize(
    "name",
    ["bridge", "Brücke 2", "save-1_final", "Kotzebue's patrol (day 2)", "x" * 64, "v1.2", "Торгау"],
)
def test_good_names(name: str, store: SaveStore, played: Engine, sample_story: Story) -> None:
    assert store.save(name, *game(played)).slot == name
    assert store.path(name).parent == store.folder
    assert store.load(name, sample_story).engine.state.turn == 3


def test_names_are_trimmed_and_normalised() -> None:
    assert check_slot_name("  bridge ") == "bridge"
    assert check_slot_name("Bru\u0308cke") == "Brücke"  # decomposed -> composed
