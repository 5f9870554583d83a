"""The title screen: New game, Continue, Load, Endings, Codex, Settings, Quit.

It is the first thing drawn, so it imports little: nothing of the engine or the game
session at the top of this module (a test keeps it so; every other screen is imported
after the story has loaded). It starts the session (the story, the saves, the profile)
in a worker thread after its first refresh and shows the story's title when that is
done. Continue resumes the newest save of this story and Load opens the load screen;
both stay disabled while there is nothing to offer. ``--continue`` and ``--load`` go
straight on into the saved game once the story has loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..context import elbe_app, session_of

if TYPE_CHECKING:
    from ...host.game import Loaded

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


def keys_hint(web: bool = False) -> Content:
    """The line of keys under the menu (in a browser, ? is help: webkeys.py)."""
    return Content.assemble(
        ("↑↓", "bold"),
        " move  ",
        ("Enter", "bold"),
        " choose  ",
        ("?" if web else "F1", "bold"),
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
        Binding(key, action, label) for action, label, key in MENU
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
        yield Static(keys_hint(self.app.is_web), id="keys-hint")

    def on_mount(self) -> None:
        self.query_one("#menu", OptionList).highlighted = 0
        if elbe_app(self).session_ready:
            self._show_story()
        else:
            self.call_after_refresh(self._load_story)

    # ------------------------------------------------------------ the menu

    def saves_available(self, action: str = "load_game") -> bool:
        """Whether Continue (the newest save of this story) or Load (any save) has
        anything to offer; False until the story and the saves have been read."""
        if not elbe_app(self).session_ready:
            return False
        session = session_of(self)
        if action == "continue_game":
            return session.newest is not None
        return bool(session.saves)

    def _options(self) -> list[Option]:
        options = []
        for action, label, key in MENU:
            disabled = action in SAVE_ACTIONS and not self.saves_available(action)
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
        if (
            action in SAVE_ACTIONS
            and elbe_app(self).session_ready
            and not self.saves_available(action)
        ):
            return None  # nothing to offer (before loading, the key waits for the story)
        return True

    def _show_saves(self) -> None:
        """Redraw the menu and its note for the saves there are now."""
        menu = self.query_one("#menu", OptionList)
        highlighted = menu.highlighted
        menu.set_options(self._options())
        menu.highlighted = highlighted if highlighted is not None else 0
        if menu.highlighted is not None and menu.get_option_at_index(menu.highlighted).disabled:
            menu.highlighted = 0
        newest = session_of(self).newest
        note = self.query_one("#menu-note", Static)
        if newest is not None:
            where = f"{newest.title or newest.node}, turn {newest.turn + 1}"
            note.update(f"Continue: {where} ({newest.slot}).")
        elif self.saves_available():
            note.update("Continue: no save of this story yet.")
        else:
            note.update(f"Continue and Load: {NO_SAVES}.")
        self.refresh_bindings()

    # ------------------------------------------------------------ the story

    def _load_story(self) -> None:
        self._load_in_thread()

    @work(thread=True, exclusive=True, group="story", name="load story")
    def _load_in_thread(self) -> None:
        elbe_app(self).start_session()
        self.app.call_from_thread(self._story_loaded)

    def _story_loaded(self) -> None:
        session = session_of(self)
        if session.failed:
            from .error import StoryErrorScreen

            self.app.push_screen(StoryErrorScreen())
            return
        self._show_story()
        self._show_saves()
        for notice in session.take_notices():
            self.notify(notice, title="Saves", severity="warning", timeout=8, markup=False)
        slot, notes = session.startup_resume()
        for note in notes:
            self.notify(note, title="Continue", severity="warning", timeout=8, markup=False)
        if slot is not None:
            from ..loading import load_save

            load_save(self, slot, self._play_loaded, self._say)
            return
        if notes:
            self._say(notes[-1])
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
        app = elbe_app(self)
        if app.session_ready and app.session.story is not None:
            return True
        if not app.session_ready:
            self._pending = action
            self.notify("The story is still loading…", timeout=2)
        return False

    # ------------------------------------------------------------ actions

    def action_new_game(self) -> None:
        if not self._ready("new_game"):
            return
        session = session_of(self)
        default = session.default_name()
        if session.options.player_name is None and default is not None:
            from .name import NameScreen

            self.app.push_screen(NameScreen(default), self._named)
        else:
            self._start(session.options.player_name)

    def _named(self, name: str | None) -> None:
        if name is not None:
            self._start(name)

    def _start(self, name: str | None) -> None:
        from ...engine import ElbeError
        from .play import PlayScreen

        try:
            session_of(self).new_game(name)
        except ElbeError as exc:  # a bad --start-at or --set given to make_app
            self._say(f"Cannot start: {exc}.")
            self.notify(str(exc), title="New game", severity="error", markup=False)
            return
        self.app.push_screen(PlayScreen(), self._after_play)

    def _after_play(self, result: str | None) -> None:
        session_of(self).refresh_saves()
        self._show_saves()
        if result == "new":
            self.action_new_game()

    def _say(self, message: str) -> None:
        self.query_one("#menu-note", Static).update(message)

    def _play_loaded(self, loaded: Loaded) -> None:
        from ..loading import load_message
        from .play import PlayScreen

        self.app.push_screen(PlayScreen(), self._after_play)
        self.notify(
            load_message(loaded), title="Load", timeout=8 if loaded.notes else 4, markup=False
        )

    def action_continue_game(self) -> None:
        if not self._ready("continue_game"):
            return
        newest = session_of(self).newest
        if newest is None:
            self.notify(f"Continue: {NO_SAVES} of this story.", timeout=3)
            return
        from ..loading import load_save

        load_save(self, newest.slot, self._play_loaded, self._say)

    def action_load_game(self) -> None:
        if not self._ready("load_game"):
            return
        from .load import LoadScreen

        self.app.push_screen(LoadScreen(), self._load_chosen)

    def _load_chosen(self, slot: str | None) -> None:
        self._show_saves()  # a save may have been deleted
        if slot is not None:
            from ..loading import load_save

            load_save(self, slot, self._play_loaded, self._say)

    def action_endings(self) -> None:
        if self._ready("endings"):
            from .gallery import GalleryScreen

            self.app.push_screen(GalleryScreen())

    def action_codex(self) -> None:
        if self._ready("codex"):
            from .codex import CodexScreen

            self.app.push_screen(CodexScreen())

    def action_settings(self) -> None:
        elbe_app(self).action_settings()

    def action_quit(self) -> None:
        self.app.exit()
