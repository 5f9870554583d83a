"""The play screen: where, when, the passage, the choices and the side panel.

It holds the engine of the game being played and asks it for everything it shows; the
widgets below only render. ``view`` is the engine's latest ``PassageView``; its watcher
redraws the screen. Every choice and undo is autosaved and recorded in the profile
(``GameSaver``); F5/F9 quick save and load, ``s`` saves under a name, ``l`` loads.
With ``--dev`` a ``DevPanel`` watches the story files and swaps in the edited story.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from ..context import elbe_app, session_of
from ..saving import GameSaver
from ..widgets.choices import END_ID, ChoiceList
from ..widgets.devpanel import DevPanel
from ..widgets.passage import Passage
from ..widgets.status import StatusPanel, StatusRow

if TYPE_CHECKING:
    from ...engine import Engine, PassageView
    from ...engine.saves import LoadResult

PANEL_MODES = ("auto", "shown", "hidden")


def where_and_when(view: PassageView) -> str:
    header = view.header
    return " · ".join(part for part in (header.date, header.time, header.place) if part)


class PlayScreen(Screen[str | None]):
    """Dismisses with "new" (start another game) or None (back to the title)."""

    CSS_PATH = "play.tcss"
    AUTO_FOCUS = "#choices"
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 - Textual's own class attribute
        (0, "-narrow"),
        (100, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"choose({n})", f"Take choice {n}", show=False) for n in range(1, 10)),
        Binding("h", "history", "History", tooltip="The history note: what really happened"),
        Binding("m", "map", "Map", tooltip="Map of the sector: where you are and have been"),
        Binding("j", "journal", "Journal", tooltip="The path so far: passages and choices"),
        Binding("c", "codex", "Codex", tooltip="People, units, places and terms unlocked"),
        Binding("i", "toggle_panel", "Panel", tooltip="Show or hide the status panel"),
        Binding("u,ctrl+z", "undo", "Undo", key_display="u", tooltip="Step back one choice"),
        Binding("pageup", "scroll_passage(-1)", "Scroll passage up", show=False),
        Binding("pagedown", "scroll_passage(1)", "Scroll passage down", show=False),
        Binding(
            "s,ctrl+s", "save", "Save", show=False, key_display="s", tooltip="Save under a name"
        ),
        Binding("l", "load", "Load", show=False, tooltip="Resume a saved game"),
        Binding("f5", "quick_save", "Quick save", show=False, tooltip="Save to the quick slot"),
        Binding("f9", "quick_load", "Quick load", show=False, tooltip="Load the quick save"),
        Binding("escape", "leave", "Menu", tooltip="Leave this game for the title screen"),
    ]

    view: var[PassageView | None] = var(None, always_update=True)
    panel = var("auto")

    def __init__(self, engine: Engine, play_time: float = 0.0, loaded: bool = False) -> None:
        """``loaded``: the game was just resumed from a save; it is autosaved at once so
        that Continue comes back here, not to an older autosave."""
        super().__init__()
        self.engine = engine
        self._play_time = play_time
        self._loaded = loaded
        self.saver: GameSaver | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="strip"):
            yield Static("", id="strip-where", markup=False)
            yield Static("", id="strip-turn", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="story"):
                yield Passage(id="passage")
                yield Static("", id="history-hint", markup=False)
                yield ChoiceList(id="choices")
            yield StatusPanel(id="side")
        session = session_of(self)
        if session.dev and session.watcher is not None:
            from ..devreload import DevReloader

            reloader = DevReloader(session.story_dir, session.watcher)
            yield DevPanel(reloader, lambda: self.engine, id="dev-panel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        session = session_of(self)
        self.saver = GameSaver(session, self._play_time)
        self.saver.clock.start()
        if self._loaded:
            self._after_move()
        self.view = self.engine.view()
        for problem in session.problems:
            self.notify(problem, title="Saves", severity="warning", timeout=8, markup=False)
        session.problems.clear()

    def _saver(self) -> GameSaver:
        assert self.saver is not None, "the play screen is not mounted"
        return self.saver

    # ------------------------------------------------------------ drawing

    def watch_view(self, view: PassageView | None) -> None:
        if view is None:
            return
        session_of(self).profile.observe(self.engine)
        settings = elbe_app(self).settings
        self.query_one("#strip-where", Static).update(Content(where_and_when(view)))
        self.query_one("#strip-turn", Static).update(f"Turn {view.turn + 1}")
        self.query_one(Passage).show(
            view.title, view.text, settings.chars_per_second if settings.typewriter else 0
        )
        hint = self.query_one("#history-hint", Static)
        hint.display = view.history is not None
        if view.history is not None:
            hint.update(
                Content.assemble(
                    ("※ History note", "bold"),
                    " (disputed)" if view.history.disputed else "",
                    ": press ",
                    ("h", "bold reverse"),
                    " for what really happened here.",
                )
            )
        choices = self.query_one(ChoiceList)
        if view.ending is not None:
            choices.show_ending(view.ending.title)
        else:
            choices.show_choices(view.choices)
        self._draw_panel()
        self.refresh_bindings()

    def _draw_panel(self) -> None:
        engine = self.engine
        story = engine.story
        rows = []
        for name, var_def in story.variables.items():
            if var_def.visible and name in engine.state.vars:
                rows.append(
                    StatusRow(var_def.label, engine.state.vars[name], var_def.min, var_def.max)
                )
        items = [story.items[i].name for i in engine.state.inventory if i in story.items]
        profile = session_of(self).profile
        self.query_one(StatusPanel).show(
            rows,
            items,
            codex=(len(engine.state.codex), len(story.codex)),
            endings=(len(profile.endings()), len(story.endings)),
        )

    def watch_panel(self, mode: str) -> None:
        self.set_class(mode == "shown", "-panel-shown")
        self.set_class(mode == "hidden", "-panel-hidden")

    # ------------------------------------------------------------ keys and mouse

    def on_key(self, event: events.Key) -> None:
        """Any key completes a typewriter reveal (and does nothing else)."""
        passage = self.query_one(Passage)
        if passage.revealing and event.key not in ("ctrl+q", "ctrl+p"):
            passage.complete()
            event.stop()
            event.prevent_default()
        elif event.key == "m" and self.engine.story.map is None:  # dimmed, so say why
            self.notify("This story has no map.", timeout=3)

    def on_click(self) -> None:
        self.query_one(Passage).complete()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == END_ID:
            self.action_ending()
        elif event.option.id is not None:
            self._take(event.option.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if action == "choose" and view is not None and parameters:
            count = 1 if view.ending is not None else len(view.choices)
            return isinstance(parameters[0], int) and parameters[0] <= count
        if action == "undo":
            return True if self.engine.can_undo else None
        if action == "history":
            return True if view is not None and view.history is not None else None
        if action == "map":
            return True if self.engine.story.map is not None else None
        return True

    # ------------------------------------------------------------ actions

    def action_choose(self, number: int) -> None:
        view = self.view
        if view is None:
            return
        if view.ending is not None:
            if number == 1:
                self.action_ending()
            return
        if not 1 <= number <= len(view.choices):
            self.notify(f"There is no choice {number}.", timeout=2)
            return
        choice = view.choices[number - 1]
        if not choice.available:
            self.notify(
                f"Choice {number} is not available: {choice.reason}",
                title="Not available",
                severity="warning",
                timeout=4,
                markup=False,
            )
            return
        self._take(choice.id)

    def _take(self, choice_id: str) -> None:
        from ...engine import PlayError

        try:
            view = self.engine.choose(choice_id)
        except PlayError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self._after_move()
        self.view = view

    def _after_move(self) -> None:
        """Autosave and record the profile; a problem is told once, the game goes on."""
        problem = self._saver().after_move(self.engine)
        if problem is not None:
            self.notify(problem, title="Saves", severity="warning", timeout=8, markup=False)

    def action_undo(self) -> None:
        from ...engine import NothingToUndoError

        try:
            view = self.engine.undo()
        except NothingToUndoError:
            self.notify("Nothing to undo: this is where the story starts.", timeout=3)
            return
        self._after_move()
        self.view = view
        self.notify("Stepped back one choice.", timeout=2)

    # ------------------------------------------------------------ saving and loading

    def action_quick_save(self) -> None:
        from ...engine.saves import SaveError

        try:
            self._saver().quicksave(self.engine)
        except SaveError as exc:
            self._not_saved(exc.message)
            return
        self.notify(f"Quick saved at {self.engine.node.title}. F9 loads it.", markup=False)

    def action_quick_load(self) -> None:
        from ...engine.saves import QUICKSAVE_SLOT

        self._load(QUICKSAVE_SLOT)

    def action_save(self) -> None:
        from .savename import SaveNameScreen

        session = session_of(self)
        existing = frozenset(i.slot for i in session.saves if i.kind == "manual")
        self.app.push_screen(SaveNameScreen("", existing), self._save_named)

    def _save_named(self, slot: str | None) -> None:
        from ...engine.saves import SaveError

        if slot is None:
            return
        try:
            info = self._saver().save(slot, self.engine)
        except SaveError as exc:
            self._not_saved(exc.message)
            return
        session_of(self).refresh_saves()
        self.notify(f"Saved as {info.slot!r}.", markup=False)

    def _not_saved(self, message: str) -> None:
        text = f"Not saved: {message}. The game goes on."
        self.notify(text, title="Save", severity="error", timeout=8, markup=False)

    def action_load(self) -> None:
        from .load import LoadScreen

        self.app.push_screen(LoadScreen(), self._load_chosen)

    def _load_chosen(self, slot: str | None) -> None:
        if slot is not None:
            self._load(slot)

    def _load(self, slot: str) -> None:
        from ..resume import resume_save

        resume_save(self, slot, self.resume)  # on a NodeGoneError it asks first

    def resume(self, result: LoadResult) -> None:
        """Play the loaded game here: its engine, its play time, its notes."""
        from ..resume import load_notes

        self.engine = result.engine
        session_of(self).profile.add(result.engine)
        self._saver().clock.reset(result.info.play_time)
        self._after_move()  # so that Continue comes back here
        self.view = self.engine.view()
        self.notify(
            load_notes(result), title="Load", timeout=8 if result.notes else 4, markup=False
        )

    def on_dev_panel_story_reloaded(self, event: DevPanel.StoryReloaded) -> None:
        """The edited story loaded: play on in it, at the same passage where it exists."""
        event.stop()
        outcome = event.outcome
        self.engine = outcome.engine
        session = session_of(self)
        session.story = outcome.engine.story
        session.profile.add(outcome.engine)
        self.view = self.engine.view()
        self.notify(outcome.message(), title="Dev", timeout=6, markup=False)

    def action_history(self) -> None:
        view = self.view
        if view is None or view.history is None:
            self.notify("There is no history note for this passage.", timeout=3)
            return
        from .history import HistoryScreen

        self.app.push_screen(HistoryScreen(view.history, self.engine.story))

    def action_map(self) -> None:
        from ...engine.storymap import map_view
        from .map import MapScreen

        view = map_view(self.engine.story, self.engine.state)
        if view is None:
            self.notify("This story has no map.", timeout=3)
            return
        self.app.push_screen(MapScreen(view))

    def action_journal(self) -> None:
        from .journal import JournalScreen

        self.app.push_screen(JournalScreen(self.engine))

    def action_codex(self) -> None:
        from .codex import CodexScreen

        self.app.push_screen(CodexScreen())

    def action_toggle_panel(self) -> None:
        visible = self.query_one(StatusPanel).display
        self.panel = "hidden" if visible else "shown"

    def action_scroll_passage(self, direction: int) -> None:
        passage = self.query_one(Passage)
        if direction < 0:
            passage.scroll_page_up()
        else:
            passage.scroll_page_down()

    def action_ending(self) -> None:
        from .ending import EndingScreen

        self.app.push_screen(EndingScreen(self.engine), self._after_ending)

    def _after_ending(self, result: str | None) -> None:
        if result == "undo":
            self.action_undo()
        elif result in ("new", "title"):
            self.dismiss("new" if result == "new" else None)

    def action_leave(self) -> None:
        if self.engine.is_over:
            self.dismiss(None)
            return
        from .confirm import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(
                "Leave this game for the title screen?",
                "It is autosaved after every choice: Continue on the title screen resumes it."
                if self.engine.state.turn
                else "Nothing is saved yet: the autosave begins with your first choice.",
            ),
            self._leave_answered,
        )

    def _leave_answered(self, leave: bool | None) -> None:
        if leave:
            self.dismiss(None)

    def on_screen_resume(self) -> None:
        if self.view is not None:
            self._draw_panel()
            self.refresh_bindings()
