"""A story's ``map:`` section -> the compiled ``StoryMap``, with an E025 for each problem.

Places are bound to markers by name: each place is written in the drawing right beside
its marker, ``Torgau ○`` or ``○ Torgau`` (one space or none between). So the list of
places may be in any order, and a name changed in the list but not in the drawing (or
the other way round) is an error, never a marker that quietly shows the wrong place.
"""

from __future__ import annotations

from . import format as fmt
from .diagnostics import Diagnostic
from .format import MARKER
from .merge import Definition
from .model import Location, MapPlace, StoryMap
from .storymap import normalise

Cell = tuple[int, int]  # (row, column) in the drawing, from 0
#: one place's name found in the drawing: place index, row, start and end column
Found = tuple[int, int, int, int]


def compile_map(d: Definition) -> tuple[StoryMap | None, list[Diagnostic]]:
    """The compiled map, or None and every problem found."""
    return _MapCompiler(d).compile()


class _MapCompiler:
    def __init__(self, d: Definition) -> None:
        self.d = d
        self.m: fmt.StoryMap = d.value
        self.problems: list[Diagnostic] = []
        self.lines = tuple(self.m.drawing.rstrip("\n").split("\n"))

    def error(self, where: tuple[str | int, ...], message: str) -> None:
        self.problems.append(self.d.source.error((*self.d.path, *where), "E025", message))

    def compile(self) -> tuple[StoryMap | None, list[Diagnostic]]:
        if not self.m.drawing.strip():
            self.error(("drawing",), "the map's drawing is empty")
            return None, self.problems
        names = self.names()
        landmarks = self.landmarks(names)
        cells = self.bind(names)
        if self.problems:
            return None, self.problems
        src = self.d.source
        places = []
        for i, name in names.items():
            ((row, column),) = cells[i]
            line, col = src.where((*self.d.path, "places", i))
            key = normalise(name.strip())
            listed = Location(src.path, line, col)
            places.append(MapPlace(name, key, row, column, i in landmarks, listed))
        places.sort(key=lambda p: (p.row, p.column))
        line, col = src.where(self.d.path, key=True)
        where = Location(src.path, line, col)
        return StoryMap(self.m.title, self.lines, tuple(places), self.m.legend, where), []

    def names(self) -> dict[int, str]:
        """Index in 'places:' -> name, for each place with a name of its own."""
        names: dict[int, str] = {}
        first: dict[str, int] = {}  # normalised name -> index
        for i, name in enumerate(self.m.places):
            key = normalise(name.strip())
            if not key:
                self.error(("places", i), "a place needs a name")
            elif key in first:
                line, column = self.d.source.where((*self.d.path, "places", first[key]))
                earlier = self.m.places[first[key]]
                spelt = "" if earlier == name else f", as {earlier!r}"
                self.error(
                    ("places", i),
                    f"the place {name!r} is listed twice (first at {line}:{column}{spelt})",
                )
            else:
                first[key] = i
                names[i] = name
        return names

    def landmarks(self, names: dict[int, str]) -> set[int]:
        index = {normalise(name.strip()): i for i, name in names.items()}
        found = set()
        for i, name in enumerate(self.m.landmarks):
            place = index.get(normalise(name.strip()))
            if place is None:
                self.error(
                    ("landmarks", i), f"the landmark {name!r} is not one of the map's places"
                )
            else:
                found.add(place)
        return found

    def bind(self, names: dict[int, str]) -> dict[int, list[Cell]]:
        """Each place's markers: the ones right beside its name. An error for each place
        without exactly one, and for each marker without exactly one place."""
        markers = [
            (row, column)
            for row, line in enumerate(self.lines)
            for column, char in enumerate(line)
            if char == MARKER
        ]
        found = _found(self.lines, names)
        cells: dict[int, list[Cell]] = {i: [] for i in names}
        owners: dict[Cell, list[int]] = {cell: [] for cell in markers}
        for i, row, start, end in found:
            for column in _beside(self.lines[row], start, end):
                if (row, column) not in cells[i]:
                    cells[i].append((row, column))
                    owners[(row, column)].append(i)
        for i, name in names.items():
            if not cells[i]:
                written = any(f[0] == i for f in found)
                where = (
                    "is in the drawing but not right beside"
                    if written
                    else "is not in the drawing beside"
                )
                self.error(
                    ("places", i),
                    f"the place {name!r} {where} a marker: write '{name} {MARKER}' or '{MARKER} {name}'",
                )
            elif len(cells[i]) > 1:
                both = " and ".join("{}:{}".format(*self.position(c)) for c in sorted(cells[i]))
                self.error(
                    ("places", i),
                    f"the place {name!r} is beside {len(cells[i])} markers (at {both}); it needs one",
                )
        for cell in markers:
            if len(owners[cell]) == 1:
                continue
            if owners[cell]:
                both = " and ".join(repr(names[i]) for i in owners[cell])
                message = f"this marker is beside both {both}; give each place its own marker"
            else:
                message = (
                    f"a marker with no place beside it (the drawing has {len(markers)} markers, "
                    f"'places:' lists {len(self.m.places)}): list its place, or write the name beside it"
                )
            line, column = self.position(cell)
            self.problems.append(Diagnostic(self.d.source.path, line, column, "E025", message))
        return cells

    def position(self, cell: Cell) -> tuple[int, int]:
        """Where a marker of the drawing stands in the file (line, column)."""
        row, column = cell
        offset = sum(len(line) + 1 for line in self.lines[:row]) + column
        return self.d.source.text_position((*self.d.path, "drawing"), offset)


def _found(lines: tuple[str, ...], names: dict[int, str]) -> list[Found]:
    """Every place name written in the drawing as a word of its own. A name inside a
    longer place's name ('Strehla' in 'Strehla Nord') does not count there."""
    found: list[Found] = []
    for i, name in names.items():
        for row, line in enumerate(lines):
            start = line.find(name)
            while start >= 0:
                end = start + len(name)
                if _edge(line, start - 1) and _edge(line, end):
                    found.append((i, row, start, end))
                start = line.find(name, start + 1)
    return [
        f
        for f in found
        if not any(
            g[0] != f[0]
            and g[1] == f[1]
            and g[2] <= f[2]
            and f[3] <= g[3]
            and g[3] - g[2] > f[3] - f[2]
            for g in found
        )
    ]


def _edge(line: str, column: int) -> bool:
    """Is ``column`` outside a word: off the line or not a letter or digit?"""
    return not 0 <= column < len(line) or not line[column].isalnum()


def _beside(line: str, start: int, end: int) -> list[int]:
    """The columns of the markers right beside ``line[start:end]``."""
    columns = []
    if start >= 1 and line[start - 1] == MARKER:
        columns.append(start - 1)
    elif start >= 2 and line[start - 2 : start] == MARKER + " ":
        columns.append(start - 2)
    if line[end : end + 1] == MARKER:
        columns.append(end)
    elif line[end : end + 2] == " " + MARKER:
        columns.append(end + 1)
    return columns
