"""Help: every key on every screen, built from the screens' own bindings so that it
cannot drift from them; in a browser, with the browser's keys applied (webkeys.py) and
what to press for the keys the browser keeps. (Imported only when help is first
opened.)"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from ..app import ElbeApp
from ..keys import key_label
from ..webkeys import BROWSER_KEYS, QUIT_ID, WEB_KEYMAP
from ..widgets.choices import ChoiceList
from .codex import CodexScreen
from .ending import EndingScreen
from .gallery import GalleryScreen
from .history import HistoryScreen
from .journal import JournalScreen
from .load import LoadScreen
from .map import MapScreen
from .play import PlayScreen
from .title import TitleScreen

INTRO = """\
Read the passage, then choose: press a choice's **number**, or move with **↑ ↓** and
press **Enter**, or click it. Choices you cannot take yet are marked **✗** with the
reason. Where you see **※ History note**, press **h** to read what really happened.
**Ctrl+P** opens the command palette, which offers every action below by name.
"""


def rows(
    bindings: Iterable[BindingType], keymap: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """(keys, what they do) for each binding; ``keymap`` (binding id -> keys) as
    ``App.set_keymap`` applies it, an empty value leaving the binding out."""
    result: list[tuple[str, str]] = []
    numbers_done = False
    for binding in Binding.make_bindings(bindings):
        if keymap is not None and binding.id is not None and binding.id in keymap:
            if not keymap[binding.id]:
                continue
            binding = binding.with_key(keymap[binding.id])
        if binding.action.startswith("choose("):
            if not numbers_done:
                result.append(("1 – 9", "Take that choice"))
                numbers_done = True
            continue
        if binding.description and not binding.system:
            what = binding.description
            if binding.tooltip:
                what = f"{what}: {binding.tooltip[0].lower()}{binding.tooltip[1:]}"
            result.append((key_label(binding.key), what))
    return result


def _dedupe(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join keys that do the same thing (``Binding.make_bindings`` splits them)."""
    merged: dict[str, list[str]] = {}
    for key, what in pairs:
        merged.setdefault(what, [])
        if key not in merged[what]:
            merged[what].append(key)
    return [(" / ".join(keys), what) for what, keys in merged.items()]


def sections(web: bool = False) -> list[tuple[str, list[tuple[str, str]]]]:
    """Help's sections; ``web``: the game in a browser (its keys, and a section on the
    keys the browser keeps; ctrl+q is one, so Quit is left to that section)."""
    keymap = {**WEB_KEYMAP, QUIT_ID: ""} if web else None
    everywhere = [
        *rows(ElbeApp.BINDINGS, keymap),
        ("Ctrl+P", "Command palette: every action by name"),
    ]
    choice_keys = [(k, what) for k, what in rows(ChoiceList.BINDINGS)]
    browser = [("In the browser: keys the browser keeps", list(BROWSER_KEYS))] if web else []
    return [
        *browser,
        ("Everywhere", _dedupe(everywhere)),
        ("Title screen", _dedupe([*rows(TitleScreen.BINDINGS), ("↑ ↓ Enter", "Menu")])),
        (
            "Playing",
            _dedupe(
                [*rows(PlayScreen.BINDINGS, keymap), *choice_keys, ("Mouse", "Click a choice")]
            ),
        ),
        ("History note", _dedupe(rows(HistoryScreen.BINDINGS))),
        ("Map", _dedupe(rows(MapScreen.BINDINGS))),
        ("Journal", _dedupe(rows(JournalScreen.BINDINGS))),
        ("Codex", _dedupe([*rows(CodexScreen.BINDINGS), ("Tab", "Between filter and list")])),
        ("The end", _dedupe(rows(EndingScreen.BINDINGS))),
        ("Endings gallery", _dedupe(rows(GalleryScreen.BINDINGS))),
        ("Load a saved game", _dedupe([("↑ ↓", "Move"), *rows(LoadScreen.BINDINGS)])),
    ]


def help_markdown(web: bool = False) -> str:
    parts = [INTRO]
    for title, pairs in sections(web):
        parts.append(f"\n## {title}\n")
        parts += [f"- `{key}` {what}" for key, what in pairs]
    return "\n".join(parts) + "\n"


class HelpScreen(Screen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "close", "Close help"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Help: every key", classes="screen-title", markup=False)
        with VerticalScroll(id="help-scroll"):
            yield Markdown(help_markdown(self.app.is_web), id="help-text", open_links=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
