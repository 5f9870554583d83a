"""The sector map, from the Mulde to the Elbe, drawn with box-drawing characters.

Schematic, not to scale: rivers are double lines (``║ ═``), roads single lines. Each
place has one marker cell, ``○`` in the template; ``markers`` turns it into ``◉`` where
the player is and ``●`` where they have been, so that nothing depends on colour. No
Textual here: the map screen styles the result.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["HERE", "MAP_LINES", "PLACES", "SEEN", "UNSEEN", "MapCell", "normalise", "place_key"]

HERE, SEEN, UNSEEN = "◉", "●", "○"

MAP_LINES: tuple[str, ...] = (
    " N                                Torgau ○ ║",
    " ↑                                         ╚══╗",
    "               Mulde                          ║          Elbe",
    "                 ║                            ╚═════╗",
    "       Wurzen ○──╫──┐                               ║",
    "                 ║  │                               ╚═╗",
    "                 ║  ○ Kühren                          ║ ○ Kreinitz",
    "                 ║  │                                 ║",
    "                 ║  │                                 ║",
    "      Trebsen ○──╢  └────── ○ Leckwitz ──── ○ Strehla ║ ○ Lorenzkirch",
    "                 ║                                    ║",
    "                 ║                                    ║",
)
"""The map; every ``○`` is a place's marker."""

PLACES: tuple[str, ...] = (
    "Torgau",
    "Wurzen",
    "Kühren",
    "Kreinitz",
    "Trebsen",
    "Leckwitz",
    "Strehla",
    "Lorenzkirch",
)
"""The places, in the order their markers appear in ``MAP_LINES`` (row, then column)."""


@dataclass(frozen=True, slots=True)
class MapCell:
    place: str
    row: int
    column: int


def _cells() -> dict[str, MapCell]:
    found = [
        (row, column)
        for row, line in enumerate(MAP_LINES)
        for column, char in enumerate(line)
        if char == UNSEEN
    ]
    assert len(found) == len(PLACES), "every place needs exactly one marker"
    return {
        normalise(place): MapCell(place, row, column)
        for place, (row, column) in zip(PLACES, found, strict=True)
    }


def normalise(text: str) -> str:
    """Case- and accent-insensitive form: 'Kühren', 'kuhren' and 'KUEHREN' match."""
    text = text.casefold().replace("ue", "u").replace("oe", "o").replace("ae", "a")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def place_key(place: str) -> str | None:
    """The map place a node's ``place`` refers to, or None when it is off this map.

    The first known name found in the text wins, so "Strehla, the Elbe bank" and
    "near Kühren" both land on the map.
    """
    text = normalise(place)
    best: tuple[int, str] | None = None
    for name in PLACES:
        key = normalise(name)
        at = text.find(key)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, key)
    return best[1] if best else None


CELLS: dict[str, MapCell] = _cells()


def markers(here: str | None, visited: Iterable[str]) -> dict[tuple[int, int], str]:
    """(row, column) -> the marker to draw there, for every place on the map."""
    seen = {key for key in (place_key(p) for p in visited) if key}
    current = place_key(here) if here else None
    result = {}
    for key, cell in CELLS.items():
        if key == current:
            result[(cell.row, cell.column)] = HERE
        elif key in seen:
            result[(cell.row, cell.column)] = SEEN
        else:
            result[(cell.row, cell.column)] = UNSEEN
    return result
