"""The Textual app and its one factory, ``make_app``, used by the CLI and every test.

Start-up is kept light: only the title screen, the options and the settings are
imported here. The game session (and with it the engine and the story) is created in
the title screen's worker thread once the first frame is drawn: ``start_session``.
A test pins this (importing this module loads no engine).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, Provider
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import ModalScreen, Screen

from ..host.dirs import Folders
from ..host.options import PlayOptions
from ..host.settings import THEMES, Settings, SettingsStore
from .commands import GameCommands
from .keys import key_label
from .screens.title import TitleScreen
from .themes import THEME_NAMES, themes
from .webkeys import HELP_ID, QUIT_ID, WEB_KEYMAP

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from ..engine import Story
    from ..host.game import GameSession

__all__ = ["ElbeApp", "make_app"]


class ElbeApp(App[None]):
    """Elbe 1945. Holds what the player asked for (``options``), the player's settings
    and, once the story is read, the game session; game state lives in the session."""

    CSS_PATH = "app.tcss"
    TITLE = "Elbe 1945"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {GameCommands}
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {"title": TitleScreen}
    DEFAULT_MODE = "title"  # a mode, not get_default_screen: so the screen's CSS loads
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False, id=QUIT_ID),
        Binding("f1,question_mark", "help", "Help", key_display="F1", id=HELP_ID),
    ]

    class SaveProblem(Message):
        """An autosave failed (posted from the saving thread)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(
        self,
        options: PlayOptions,
        folders: Folders,
        story: Story | None = None,
        theme: str | None = None,
    ) -> None:
        """``theme``: a theme for this run only (``--theme``), else the settings'."""
        super().__init__()
        self.options = options
        self.folders = folders
        self._story = story
        self._session: GameSession | None = None
        self.settings_store = SettingsStore(folders.config)
        self.settings, self._settings_problem = self.settings_store.load()
        for registered in themes():
            self.register_theme(registered)
        self.theme = THEME_NAMES[theme or self.settings.theme]

    def on_mount(self) -> None:
        if self.is_web:  # in a browser: keys the browser keeps for itself are moved
            self.set_keymap(WEB_KEYMAP)
        if self._settings_problem:
            self.notify(self._settings_problem, title="Settings", severity="warning", timeout=8)
            self._settings_problem = None

    # ------------------------------------------------------------ the session

    @property
    def session(self) -> GameSession:
        """The game session; only screens shown after the story loaded ask for it."""
        assert self._session is not None, "the session is created when the story loads"
        return self._session

    @property
    def session_ready(self) -> bool:
        """True once the story has been read, well or badly."""
        return self._session is not None and self._session.loaded

    def start_session(self) -> GameSession:
        """Create the session and read the story, the saves and the profile. Runs in a
        worker thread: this is where the engine is first imported."""
        from ..host.game import GameSession

        session = GameSession(
            self.options,
            self.folders,
            story=self._story,
            background_saves=True,
            on_problem=self._tell_save_problem,
        )
        session.open()
        self._session = session
        return session

    def _tell_save_problem(self, text: str) -> None:
        """From the saving thread: post_message is safe to call from any thread."""
        self.post_message(self.SaveProblem(text))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notifications made while a game is on screen go to its notice line, above
        the passage; Textual's toasts would be drawn over the passage or the choices."""
        notice = getattr(self.screen, "notice", None)
        if callable(notice):
            notice(message, title=title, severity=severity, timeout=timeout or 5)
            return
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def on_elbe_app_save_problem(self, message: SaveProblem) -> None:
        self.notify(message.text, title="Saves", severity="warning", timeout=8, markup=False)

    def on_unmount(self) -> None:
        if self._session is not None:
            self._session.close()  # the last autosave reaches the disk

    # ------------------------------------------------------------ settings

    def apply_settings(self, settings: Settings) -> None:
        """Use ``settings`` now and keep them for the next run."""
        self.settings = settings
        self.theme = THEME_NAMES[settings.theme]
        problem = self.settings_store.save(settings)
        if problem:
            self.notify(problem, title="Settings", severity="warning", markup=False)

    # ------------------------------------------------------------ app-wide actions

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_settings(self) -> None:
        from .screens.settings_dialog import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_set_theme(self, name: str) -> None:
        if name in THEMES:
            self.apply_settings(self.settings.replaced(theme=name))

    def action_command_palette(self) -> None:
        """The palette, except over a question: it would find nothing there, and the
        keys meant for the question would be typed into it."""
        if isinstance(self.screen, ModalScreen) and not isinstance(self.screen, CommandPalette):
            self.notify("Answer the question first (or press Escape).", timeout=3)
            return
        super().action_command_palette()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette: every action the current screen offers, then the
        app-wide ones (help, settings, theme, quit)."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.system or not active.enabled:
                continue
            if binding.action in seen or not isinstance(active.node, Screen):
                continue  # the app's own come below; widgets' keys (arrows...) are not actions
            if "." in binding.action:
                continue  # Textual's focus and copy bindings
            seen.add(binding.action)
            keys = key_label(binding.key_display or binding.key)
            yield SystemCommand(
                binding.description,
                f"{binding.tooltip} ({keys})" if binding.tooltip else f"Key: {keys}",
                _runner(self, binding.action, active.node),
            )
        help_keys = "?" if self.is_web else "F1 or ?"
        yield SystemCommand("Help", f"Every key, on every screen ({help_keys})", self.action_help)
        yield SystemCommand(
            "Settings",
            "Theme, reading width, typewriter reveal, and telling changes to your state",
            self.action_settings,
        )
        for name, label in THEMES.items():
            if name != self.settings.theme:
                yield SystemCommand(
                    f"Theme: {label}",
                    "Use these colours (kept for next time; Settings has every theme)",
                    _runner(self, f"set_theme({name!r})", self),
                )
        quit_keys = "" if self.is_web else " (ctrl+q)"  # a browser keeps ctrl+q
        yield SystemCommand("Quit", f"Leave the game{quit_keys}", self.action_quit)


def _runner(app: App[None], action: str, node: DOMNode) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        await app.run_action(action, node)

    return run


def make_app(
    options: PlayOptions,
    *,
    folders: Folders | None = None,
    story: Story | None = None,
    theme: str | None = None,
) -> ElbeApp:
    """The one way to build the app (the CLI and every test use it).

    ``folders`` None: ``Folders.resolve`` decides (``--saves-dir`` from the options, the
    environment, the defaults). ``story``: the story, if the caller has read it already.
    ``theme``: a theme for this run (``--theme``), not saved in the settings.
    """
    folders = folders or Folders.resolve(saves_dir=options.saves_dir)
    return ElbeApp(options, folders, story, theme)
