"""The story's map: where the player is and where they have been.

The engine's ``map_view`` says which mark each place gets; this screen only draws it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...engine.storymap import HERE, SEEN, UNSEEN, MapView

#: mark -> style; the marks differ in shape too, so nothing depends on colour
STYLES = {HERE: "bold reverse $accent", SEEN: "bold", UNSEEN: ""}


def draw_map(view: MapView) -> Content:
    marks = {(m.row, m.column): m.mark for m in view.markers}
    lines = []
    for row, line in enumerate(view.lines):
        parts: list[str | tuple[str, str]] = []
        start = 0
        for column in range(len(line)):
            mark = marks.get((row, column))
            if mark is None:
                continue
            parts.append((line[start:column], ""))
            parts.append((mark, STYLES[mark]))
            start = column + 1
        parts.append(line[start:])
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


def legend(view: MapView) -> Content:
    key = Content.assemble(
        (HERE, STYLES[HERE]),
        " you are here   ",
        (SEEN, STYLES[SEEN]),
        " visited   ",
        UNSEEN,
        " not yet",
    )
    return Content.assemble(key, "   ", view.legend) if view.legend else key


def where(view: MapView) -> Content:
    if not view.here:
        now = Content("This passage names no place.")
    elif not view.here_on_map:
        now = Content.assemble("You are at ", (view.here, "bold"), " (off this map).")
    else:
        now = Content.assemble("You are at ", (view.here, "bold"), ".")
    been = Content.assemble(
        ("Been to: ", "bold"), ", ".join(view.visited) if view.visited else "nowhere yet"
    )
    return Content("\n").join([now, been])


class MapScreen(Screen[None]):
    CSS_PATH = "map.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,m,q", "close", "Back")]

    def __init__(self, view: MapView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        yield Static(self.view.title, classes="screen-title", markup=False)
        with VerticalScroll(id="map-scroll"):
            with Center():
                yield Static(draw_map(self.view), id="map")
            yield Static(legend(self.view), id="legend")
            yield Static(where(self.view), id="where")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#map-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
