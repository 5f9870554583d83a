"""The title screen: New game, Continue, Load, Endings, Codex, Settings, Quit.

It is the first thing drawn, so it imports little; it starts loading the story in a
worker thread after its first refresh and shows the story's title when that is done.
Continue and Load are wired to ``saves_available`` and stay disabled until the saves
work lands.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..context import elbe_app, session_of

BANNER = (
    "╔═══════════════════════════════╗\n"
    "║       E L B E   1 9 4 5       ║\n"
    "╚═══════════════════════════════╝"
)

MENU: tuple[tuple[str, str, str], ...] = (
    ("new_game", "New game", "n"),
    ("continue_game", "Continue", "c"),
    ("load_game", "Load", "l"),
    ("endings", "Endings", "e"),
    ("codex", "Codex", "x"),
    ("settings", "Settings", "s"),
    ("quit", "Quit", "q"),
)
"""(action, label, key): the menu, in order."""

NO_SAVES = "no saved games yet"

KEYS_HINT = Content.assemble(
    ("↑↓", "bold"),
    " move  ",
    ("Enter", "bold"),
    " choose  ",
    ("F1", "bold"),
    " help  ",
    ("ctrl+p", "bold"),
    " commands  ",
    ("q", "bold"),
    " quit",
)
SAVE_ACTIONS = ("continue_game", "load_game")


class TitleScreen(Screen[None]):
    CSS_PATH = "title.tcss"
    AUTO_FOCUS = "#menu"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_game", "New game"),
        Binding("c", "continue_game", "Continue"),
        Binding("l", "load_game", "Load"),
        Binding("e", "endings", "Endings"),
        Binding("x", "codex", "Codex"),
        Binding("s", "settings", "Settings"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._pending: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(BANNER, id="banner", markup=False)
            yield Static("Loading the story…", id="story-info", markup=False)
            with Center():
                yield OptionList(*self._options(), id="menu")
            yield Static(f"Continue and Load: {NO_SAVES}.", id="menu-note", markup=False)
        # A plain line rather than a Footer: the Footer costs a third of start-up.
        yield Static(KEYS_HINT, id="keys-hint")

    def on_mount(self) -> None:
        self.query_one("#menu", OptionList).highlighted = 0
        session = session_of(self)
        if session.loaded:
            self._show_story()
        else:
            self.call_after_refresh(self._load_story)

    # ------------------------------------------------------------ the menu

    def saves_available(self) -> bool:
        """Whether Continue and Load have anything to offer (wired by the saves work)."""
        return False

    def _options(self) -> list[Option]:
        options = []
        for action, label, key in MENU:
            disabled = action in SAVE_ACTIONS and not self.saves_available()
            prompt = Content.assemble(
                (f"{label:<10}", "bold" if action == "new_game" else ""),
                (f" {key}", "$text-muted"),
                (f"  ({NO_SAVES})" if disabled else "", "italic"),
            )
            options.append(Option(prompt, id=action, disabled=disabled))
        return options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.call_later(self.run_action, event.option.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in SAVE_ACTIONS and not self.saves_available():
            return None  # shown dimmed in the footer
        return True

    # ------------------------------------------------------------ the story

    def _load_story(self) -> None:
        self._load_in_thread()

    @work(thread=True, exclusive=True, group="story", name="load story")
    def _load_in_thread(self) -> None:
        session_of(self).load()
        self.app.call_from_thread(self._story_loaded)

    def _story_loaded(self) -> None:
        session = session_of(self)
        if session.failed:
            from .error import StoryErrorScreen

            self.app.push_screen(StoryErrorScreen())
            return
        self._show_story()
        pending, self._pending = self._pending, None
        if pending:
            self.call_later(self.run_action, pending)

    def _show_story(self) -> None:
        story = session_of(self).story
        info = self.query_one("#story-info", Static)
        if story is None:
            info.update("The story could not be loaded.")
            return
        description = story.info.description.strip()
        info.update(
            Content.assemble((story.title, "bold"), "\n" if description else "", description)
        )

    def _ready(self, action: str) -> bool:
        """True when the story is loaded; otherwise remember ``action`` for later."""
        session = session_of(self)
        if session.story is not None:
            return True
        if not session.failed:
            self._pending = action
            self.notify("The story is still loading…", timeout=2)
        return False

    # ------------------------------------------------------------ actions

    def action_new_game(self) -> None:
        if not self._ready("new_game"):
            return
        session = session_of(self)
        default = session.default_name()
        if session.player_name is None and default is not None:
            from .name import NameScreen

            self.app.push_screen(NameScreen(default), self._named)
        else:
            self._start(session.player_name)

    def _named(self, name: str | None) -> None:
        if name is not None:
            self._start(name)

    def _start(self, name: str | None) -> None:
        from .play import PlayScreen

        engine = session_of(self).new_game(name)
        self.app.push_screen(PlayScreen(engine), self._after_play)

    def _after_play(self, result: str | None) -> None:
        if result == "new":
            self.action_new_game()

    def action_continue_game(self) -> None:
        self.notify(f"Continue: {NO_SAVES}.", timeout=3)

    def action_load_game(self) -> None:
        self.notify(f"Load: {NO_SAVES}.", timeout=3)

    def action_endings(self) -> None:
        if self._ready("endings"):
            from .endings import EndingsScreen

            self.app.push_screen(EndingsScreen())

    def action_codex(self) -> None:
        if self._ready("codex"):
            from .codex import CodexScreen

            self.app.push_screen(CodexScreen())

    def action_settings(self) -> None:
        elbe_app(self).action_settings()

    def action_quit(self) -> None:
        self.app.exit()
