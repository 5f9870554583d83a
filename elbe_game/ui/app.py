"""The Textual app and its one factory, ``make_app``, used by the CLI and every test.

Start-up is kept light: only the title screen is imported here; the engine, the story
and every other screen are imported when first needed, and the story is loaded in a
worker thread once the title screen has been drawn.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen

from .screens.title import TitleScreen
from .session import Session
from .settings import Settings, SettingsStore
from .themes import THEME_NAMES, themes

__all__ = ["ElbeApp", "make_app"]


class ElbeApp(App[None]):
    """Elbe 1945. Holds the session (which story, the games of this run) and the
    player's settings; game state lives in the engines, never here."""

    CSS_PATH = "app.tcss"
    TITLE = "Elbe 1945"
    ENABLE_COMMAND_PALETTE = True
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {"title": TitleScreen}
    DEFAULT_MODE = "title"  # a mode, not get_default_screen: so the screen's CSS loads
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        Binding("f1,question_mark", "help", "Help", key_display="F1"),
    ]

    def __init__(self, session: Session, store: SettingsStore) -> None:
        super().__init__()
        self.session = session
        self.settings_store = store
        self.settings, self._settings_problem = store.load()
        for theme in themes():
            self.register_theme(theme)
        self.theme = THEME_NAMES[self.settings.theme]

    def on_mount(self) -> None:
        if self._settings_problem:
            self.notify(self._settings_problem, title="Settings", severity="warning", timeout=8)
            self._settings_problem = None

    # ------------------------------------------------------------ settings

    def apply_settings(self, settings: Settings) -> None:
        """Use ``settings`` now and keep them for the next run."""
        self.settings = settings
        self.theme = THEME_NAMES[settings.theme]
        problem = self.settings_store.save(settings)
        if problem:
            self.notify(problem, title="Settings", severity="warning")

    # ------------------------------------------------------------ app-wide actions

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_settings(self) -> None:
        from .screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_switch_theme(self) -> None:
        other = "high-contrast" if self.settings.theme == "default" else "default"
        self.apply_settings(
            Settings(theme=other, typewriter=self.settings.typewriter, speed=self.settings.speed)
        )

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
            keys = binding.key_display or binding.key
            yield SystemCommand(
                binding.description,
                binding.tooltip or f"Key: {keys}",
                _runner(self, binding.action, active.node),
            )
        yield SystemCommand("Help", "Every key, on every screen (F1 or ?)", self.action_help)
        yield SystemCommand("Settings", "Theme and typewriter reveal", self.action_settings)
        other = "default" if self.settings.theme == "high-contrast" else "high-contrast"
        yield SystemCommand(
            f"Switch to the {'high-contrast' if other == 'high-contrast' else 'default'} theme",
            "The default and the high-contrast theme (Settings has both, and the typewriter)",
            self.action_switch_theme,
        )
        yield SystemCommand("Quit", "Leave the game (ctrl+q)", self.action_quit)


def _runner(app: App[None], action: str, node: DOMNode) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        await app.run_action(action, node)

    return run


def make_app(
    story_dir: Path,
    saves_dir: Path | None = None,
    seed: int | None = None,
    player_name: str | None = None,
    continue_game: bool = False,
    load_slot: str | None = None,
    start_at: str | None = None,
    sets: Sequence[str] = (),
    dev: bool = False,
) -> ElbeApp:
    """The one way to build the app (the CLI and every test use it).

    ``saves_dir`` None lets ``saves_folder`` decide (``$ELBE_GAME_SAVES``, the checkout's
    ``saves/``, the user data folder). ``continue_game`` / ``load_slot`` go straight
    into a saved game; ``start_at`` / ``sets`` place new games (``--start-at``,
    ``--set``); ``dev`` reloads the story when its files change.
    """
    session = Session(
        story_dir=Path(story_dir),
        saves_dir=Path(saves_dir) if saves_dir is not None else None,
        seed=seed,
        player_name=player_name,
        continue_game=continue_game,
        load_slot=load_slot,
        start_at=start_at,
        sets=tuple(sets),
        dev=dev,
    )
    return ElbeApp(session, SettingsStore())
