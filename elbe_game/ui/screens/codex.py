"""The codex: entries unlocked in any game (people, units, places, terms), with a
filter. The profile says which are unlocked; the story holds their text."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from ...engine import CodexView
from ..context import session_of
from ..sources import SourceList, addresses

CATEGORIES = {
    "person": "Person",
    "unit": "Unit",
    "place": "Place",
    "term": "Term",
    "event": "Event",
}


class CodexScreen(Screen[None]):
    CSS_PATH = "codex.tcss"
    AUTO_FOCUS = "#codex-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back"),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("y", "copy", "Copy addresses", tooltip="Copy the entry's source addresses"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[str, CodexView] = {}  # unlocked in any game, by id
        self.total = 0
        self.shown: CodexView | None = None

    def compose(self) -> ComposeResult:
        yield Static("Codex", classes="screen-title", id="codex-title", markup=False)
        yield Input(placeholder="Filter: type a name, a place, a word…", id="codex-filter")
        with Horizontal(id="codex-body"):
            yield OptionList(id="codex-list")
            with VerticalScroll(id="codex-detail"):
                yield Static("", id="codex-heading")
                yield Markdown("", id="codex-text", open_links=False)
                yield Static("", id="codex-sources-title")
                yield SourceList(id="codex-sources")
        yield Footer()

    def on_mount(self) -> None:
        session = session_of(self)
        self.entries = {entry.id: entry for entry in session.codex()}
        self.total = session.codex_total
        self._fill("")

    def _fill(self, query: str) -> None:
        unlocked = list(self.entries.values())
        needle = query.casefold().strip()
        options = []
        for entry in unlocked:
            category = CATEGORIES.get(entry.category, entry.category)
            haystack = f"{entry.title} {category} {entry.text}".casefold()
            if needle and needle not in haystack:
                continue
            options.append(
                Option(
                    Content.assemble(entry.title, "\n", (f"  {category}", "italic")),
                    id=entry.id,
                )
            )
        total = self.total
        shown = f", {len(options)} shown" if needle else ""
        self.query_one("#codex-title", Static).update(
            f"Codex: {len(unlocked)} of {total} entries unlocked{shown}"
        )
        codex_list = self.query_one("#codex-list", OptionList)
        codex_list.set_options(options)
        if options:
            codex_list.highlighted = 0
            self._show(options[0].id)
        else:
            self._show(None)
            message = (
                "Nothing matches the filter."
                if needle and unlocked
                else "No entries yet: people, units, places and terms unlock as you play."
            )
            self.query_one("#codex-heading", Static).update(message)

    def _show(self, ident: str | None) -> None:
        heading = self.query_one("#codex-heading", Static)
        text = self.query_one("#codex-text", Markdown)
        title = self.query_one("#codex-sources-title", Static)
        sources = self.query_one("#codex-sources", SourceList)
        entry = self.entries.get(ident) if ident is not None else None
        self.shown = entry
        if entry is None:
            heading.update("")
            text.update("")
            title.update("")
            sources.show(())
            return
        category = CATEGORIES.get(entry.category, entry.category)
        heading.update(Content.assemble((entry.title, "bold"), "\n", (category, "italic")))
        text.update(entry.text)
        title.update(Content.styled("Sources", "bold underline") if entry.sources else "")
        sources.show(entry.sources)

    def action_copy(self) -> None:
        found = addresses(self.shown.sources) if self.shown is not None else []
        if not found:
            self.notify("This entry's sources have no web addresses.", timeout=3)
            return
        self.app.copy_to_clipboard("\n".join(found))
        self.notify(f"Copied {len(found)} address(es).", timeout=3)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#codex-list").focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#codex-detail").focus()

    def action_filter(self) -> None:
        self.query_one("#codex-filter", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)
