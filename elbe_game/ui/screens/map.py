"""The sector map: the Mulde to the Elbe, where the player is and where they have been.

The place comes from each passage's ``place``; ``sector`` draws it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from .. import sector


def draw_map(here: str | None, visited: list[str]) -> Content:
    marks = sector.markers(here, visited)
    lines = []
    for row, line in enumerate(sector.MAP_LINES):
        parts: list[str | tuple[str, str]] = []
        start = 0
        for column in range(len(line)):
            mark = marks.get((row, column))
            if mark is None:
                continue
            parts.append((line[start:column], ""))
            style = {sector.HERE: "bold reverse $accent", sector.SEEN: "bold"}.get(mark, "")
            parts.append((mark, style))
            start = column + 1
        parts.append(line[start:])
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


def legend() -> Content:
    return Content.assemble(
        (sector.HERE, "bold reverse $accent"),
        " you are here   ",
        (sector.SEEN, "bold"),
        " visited   ",
        sector.UNSEEN,
        " not yet   ║ river   ─ road   (not to scale)",
    )


class MapScreen(Screen[None]):
    CSS_PATH = "map.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,m,q", "close", "Back")]

    def __init__(self, here: str, visited: list[str]) -> None:
        super().__init__()
        self.here = here
        self.visited = visited

    def compose(self) -> ComposeResult:
        here, visited = self.here, self.visited
        yield Static("Map of the sector: the Mulde to the Elbe", classes="screen-title")
        with VerticalScroll(id="map-scroll"):
            with Center():
                yield Static(draw_map(here, visited), id="map")
            yield Static(legend(), id="legend")
            yield Static(self._where(here, visited), id="where")
        yield Footer()

    def _where(self, here: str, visited: list[str]) -> Content:
        if not here:
            now = Content("This passage names no place.")
        elif sector.place_key(here) is None:
            now = Content.assemble("You are at ", (here, "bold"), " (off this map).")
        else:
            now = Content.assemble("You are at ", (here, "bold"), ".")
        been = Content.assemble(
            ("Been to: ", "bold"), ", ".join(visited) if visited else "nowhere yet"
        )
        return Content("\n").join([now, been])

    def on_mount(self) -> None:
        self.query_one("#map-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
