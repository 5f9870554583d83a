"""The Textual-free parts of the UI: the map."""

from __future__ import annotations

from elbe_game.ui import sector


def test_every_place_has_one_marker() -> None:
    assert len(sector.CELLS) == len(sector.PLACES) == 8
    for cell in sector.CELLS.values():
        assert sector.MAP_LINES[cell.row][cell.column] == sector.UNSEEN


def test_places_match_loosely() -> None:
    assert sector.place_key("Kühren") == "kuhren"
    assert sector.place_key("near Kuehren, at dusk") == "kuhren"
    assert sector.place_key("Strehla, the Elbe bank") == "strehla"
    assert sector.place_key("Berlin") is None


def test_markers_show_here_and_visited() -> None:
    marks = sector.markers("Kühren", ["Trebsen", "Kühren", "Berlin"])
    by_place = {cell.place: marks[(cell.row, cell.column)] for cell in sector.CELLS.values()}
    assert by_place["Kühren"] == sector.HERE
    assert by_place["Trebsen"] == sector.SEEN
    assert by_place["Torgau"] == sector.UNSEEN


def test_map_fits_80_columns() -> None:
    assert max(len(line) for line in sector.MAP_LINES) <= 72
