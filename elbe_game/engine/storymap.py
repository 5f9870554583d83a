"""The story's map as a front end shows it: where the player is and where they have been.

    view = map_view(story, engine.state)   # None when the story has no map
    for marker in view.markers:            # draw marker.mark at (marker.row, marker.column)
        ...

A passage is at a map place when its ``place`` text mentions the place's name, case-
and accent-insensitively: "Strehla, the Elbe bank" and "near Kuehren" both land on the
map. The marks differ in shape, not only in colour: ``HERE`` where the player is,
``SEEN`` where they have been, ``UNSEEN`` (the drawing's own marker) elsewhere.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .format import MARKER
from .model import MapPlace, Story, StoryMap
from .state import GameState

__all__ = [
    "HERE",
    "SEEN",
    "UNSEEN",
    "MapView",
    "MarkerView",
    "map_view",
    "normalise",
    "place_on_map",
]

HERE, SEEN, UNSEEN = "◉", "●", MARKER


def normalise(text: str) -> str:
    """Case- and accent-insensitive form: 'Kühren', 'kuhren' and 'KUEHREN' match."""
    text = text.casefold().replace("ue", "u").replace("oe", "o").replace("ae", "a")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def place_on_map(story_map: StoryMap, place: str) -> MapPlace | None:
    """The map place a passage's ``place`` text refers to, or None when it is off the map.

    The name found first in the text wins (at the same position, the longer name), so
    "Strehla, the Elbe bank" lands on Strehla even if the map also has an "Elbe".
    """
    text = normalise(place)
    best: tuple[int, int, MapPlace] | None = None
    for candidate in story_map.places:
        at = text.find(candidate.key)
        if at >= 0 and (best is None or (at, -len(candidate.key)) < best[:2]):
            best = (at, -len(candidate.key), candidate)
    return best[2] if best else None


@dataclass(frozen=True, slots=True)
class MarkerView:
    """One place's marker cell and the mark to draw there."""

    place: str
    row: int
    column: int
    mark: str  # HERE, SEEN or UNSEEN


@dataclass(frozen=True, slots=True)
class MapView:
    title: str
    lines: tuple[str, ...]  # the drawing; each marker cell holds UNSEEN
    markers: tuple[MarkerView, ...]  # in the order of the drawing: row, then column
    legend: str  # the story's own key to the drawing (the marks' key is the front end's)
    here: str  # the current passage's place text; "" when it names none
    here_on_map: bool
    visited: tuple[str, ...]  # the places of the passages read so far, in order, once each


def map_view(story: Story, state: GameState) -> MapView | None:
    """The map with the player's marks, or None when the story has no map.

    Visited places are those of the passages on the path and the current passage.
    """
    story_map = story.map
    if story_map is None:
        return None
    passages = [story.nodes.get(step.node) for step in state.path]
    current = story.nodes.get(state.node)
    places = [node.place for node in (*passages, current) if node is not None]
    visited = tuple(dict.fromkeys(p for p in places if p))
    here = current.place if current is not None else ""
    at = place_on_map(story_map, here) if here else None
    seen = {found.key for found in (place_on_map(story_map, p) for p in visited) if found}
    markers = tuple(
        MarkerView(
            p.name,
            p.row,
            p.column,
            HERE if p is at else SEEN if p.key in seen else UNSEEN,
        )
        for p in story_map.places
    )
    return MapView(
        title=story_map.title,
        lines=story_map.lines,
        markers=markers,
        legend=story_map.legend,
        here=here,
        here_on_map=at is not None,
        visited=visited,
    )
