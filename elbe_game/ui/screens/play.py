"""The play screen: where, when, the passage, the choices and the side panel.

It drives the game session and asks it for everything it shows; the widgets below only
render. ``view`` is the session's latest ``PassageView``; its watcher redraws the
screen. The session autosaves every choice and undo (in the background) and records
the profile; F5/F9 quick save and load, ``s`` saves under a name, ``l`` loads, ``>``
skips passages read in an earlier game. Notices (saved, undone, what a choice changed)
go in a line of their own above the passage, never over it. With ``--dev`` a
``DevPanel`` watches the story files and the session moves the game onto the edited
story.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from ...engine import NothingToUndoError, PassageView, PlayError
from ...engine.errors import SaveError
from ...host.saves import QUICKSAVE_SLOT
from ..context import elbe_app, session_of
from ..loading import load_message, load_save
from ..webkeys import QUICK_SAVE_ID
from ..widgets.choices import END_ID, ChoiceList
from ..widgets.devpanel import DevPanel
from ..widgets.notices import Notices
from ..widgets.passage import Passage
from ..widgets.status import StatusPanel
from .codex import CodexScreen
from .confirm import ConfirmScreen
from .ending import EndingScreen
from .history import HistoryScreen
from .journal import JournalScreen
from .load import LoadScreen
from .map import MapScreen
from .savename import SaveNameScreen

if TYPE_CHECKING:
    from ...host.game import Loaded
    from ...host.reload import Reloaded


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
        Binding("m", "map", "Map", tooltip="Where you are and where you have been"),
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
        Binding(
            "f5",
            "quick_save",
            "Quick save",
            show=False,
            tooltip="Save to the quick slot",
            id=QUICK_SAVE_ID,  # k in a browser, which keeps F5 (webkeys.py)
        ),
        Binding("f9", "quick_load", "Quick load", show=False, tooltip="Load the quick save"),
        Binding(
            "greater_than_sign",
            "skip",
            "Skip read",
            show=False,
            key_display=">",
            tooltip="Through passages read in an earlier game, to the next choice or new text",
        ),
        Binding("escape", "leave", "Menu", tooltip="Twice: leave this game for the title screen"),
        Binding("q", "leave_now", "Leave", show=False, tooltip="Leave for the title screen"),
        # (no description: help lists the choice keys, and Continue is choice 1)
        Binding("space", "continue", "", show=False),
    ]
    ESCAPE_TWICE_SECONDS = 2.0

    view: var[PassageView | None] = var(None, always_update=True)
    panel = var("auto")

    def __init__(self) -> None:
        super().__init__()
        self._reveal = False  # whether the next view is typed out (a new passage, read first)
        self._escaped_at = -1e9  # when Escape was last pressed
        self._waiting: list[tuple[str, str, str, float]] = []  # notices before mounting
        self._up = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="strip"):
            yield Static("", id="strip-where", markup=False)
            yield Static("", id="strip-turn", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="story"):
                yield Notices(id="notices")
                yield Passage(id="passage")
                yield Static("▼ more below: PgDn", id="more", markup=False)
                yield Static("", id="history-hint", markup=False)
                yield ChoiceList(id="choices")
            yield StatusPanel(id="side")
        if session_of(self).options.dev:
            yield DevPanel(id="dev-panel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        passage = self.query_one(Passage)
        # After the refresh: while a resize is under way the passage's virtual size is new
        # and its viewport still old, and a line shown or hidden on those figures moves
        # the layout, which fires this again (a loop that redrew the screen all the time)
        self.watch(passage, "scroll_y", self._show_more_later, init=False)
        self.watch(passage, "virtual_size", self._show_more_later, init=False)
        session = session_of(self)
        view = session.view()
        self._reveal = view.turn == 0 and not session.was_read(view)  # a new game's first page
        self.view = view
        waiting, self._waiting = self._waiting, []
        self._up = True
        for message, title, severity, timeout in waiting:
            self.notice(message, title=title, severity=severity, timeout=timeout)

    def notice(
        self, message: str, *, title: str = "", severity: str = "information", timeout: float = 4
    ) -> None:
        """A notice in the line above the passage (the app sends its notifications here);
        one given before the screen is up (a load's notes) waits for it."""
        if not self._up:
            self._waiting.append((message, title, severity, timeout))
            return
        self.query_one(Notices).add(message, title=title, severity=severity, timeout=timeout)

    # ------------------------------------------------------------ drawing

    def watch_view(self, view: PassageView | None) -> None:
        if view is None:
            return
        settings = elbe_app(self).settings
        self.query_one("#strip-where", Static).update(Content(view.header.line()))
        self.query_one("#strip-turn", Static).update(f"Turn {view.turn + 1}")
        typed = settings.typewriter and self._reveal
        self._reveal = False
        self.query_one(Passage).show(
            view.title, _with_reply(view), settings.chars_per_second if typed else 0
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
        self.query_one(StatusPanel).show(session_of(self).status())

    def _show_more_later(self) -> None:
        self.call_after_refresh(self._show_more)

    def _show_more(self) -> None:
        """The "more below" line, while the passage goes on below what is shown."""
        passage = self.query_one(Passage)
        self.query_one("#more").display = passage.max_scroll_y > 0 and (
            passage.scroll_y < passage.max_scroll_y
        )

    def _moved(self, view: PassageView) -> None:
        """Show where a choice led: typed out if the text is new, and what changed."""
        session = session_of(self)
        self._reveal = not session.was_read(view)
        self.view = view
        if elbe_app(self).settings.stat_changes and session.changes:
            self.notice("; ".join(change.describe() for change in session.changes) + ".")

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
        elif event.key == "m" and not session_of(self).has_map:  # dimmed, so say why
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
            return True if session_of(self).can_undo else None
        if action == "history":
            return True if view is not None and view.history is not None else None
        if action == "map":
            return True if session_of(self).has_map else None
        if action == "continue":
            return True if view is not None and view.flow_on else None
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

    def action_continue(self) -> None:
        """Space on a flow-on passage: its one choice, Continue (1 and Enter work too)."""
        if self.view is not None and self.view.flow_on:
            self.action_choose(1)

    def _take(self, choice_id: str) -> None:
        try:
            view = session_of(self).choose(choice_id)
        except PlayError as exc:
            self.notify(exc.sentence, severity="warning", markup=False)
            return
        self._moved(view)

    def action_skip(self) -> None:
        session = session_of(self)
        passed = session.skip_read()
        if not passed:
            self.notify(
                "Nothing to skip: this passage is new to you, or it has a choice to make.",
                timeout=3,
            )
            return
        self._moved(passed[-1])
        self.notify(f"Skipped {len(passed) - 1} passage(s) you had read before.", timeout=3)

    def action_undo(self) -> None:
        try:
            view = session_of(self).undo()
        except NothingToUndoError:
            self.notify("Nothing to undo: this is where the story starts.", timeout=3)
            return
        self.view = view
        self.notify("Stepped back one choice.", timeout=2)

    # ------------------------------------------------------------ saving and loading

    def action_quick_save(self) -> None:
        session = session_of(self)
        try:
            session.quicksave()
        except SaveError as exc:
            self._not_saved(exc.message)
            return
        title = self.view.title if self.view is not None else ""
        self.notify(f"Quick saved at {title}. F9 loads it.", markup=False)

    def action_quick_load(self) -> None:
        self._load(QUICKSAVE_SLOT)

    def action_save(self) -> None:
        session = session_of(self)
        existing = frozenset(i.slot for i in session.saves if i.kind == "manual")
        self.app.push_screen(SaveNameScreen("", existing), self._save_named)

    def _save_named(self, slot: str | None) -> None:
        if slot is None:
            return
        try:
            info = session_of(self).save(slot)
        except SaveError as exc:
            self._not_saved(exc.message)
            return
        self.notify(f"Saved as {info.slot!r}.", markup=False)

    def _not_saved(self, message: str) -> None:
        text = f"Not saved: {message}. The game goes on."
        self.notify(text, title="Save", severity="error", timeout=8, markup=False)

    def action_load(self) -> None:
        self.app.push_screen(LoadScreen(), self._load_chosen)

    def _load_chosen(self, slot: str | None) -> None:
        if slot is not None:
            self._load(slot)

    def _load(self, slot: str) -> None:
        load_save(self, slot, self.resume)  # when the passage is gone it asks first

    def resume(self, loaded: Loaded) -> None:
        """Play the loaded game here, and say what the player should know."""
        self.view = loaded.view
        self.notify(
            load_message(loaded), title="Load", timeout=8 if loaded.notes else 4, markup=False
        )

    def on_dev_panel_story_reloaded(self, event: DevPanel.StoryReloaded) -> None:
        """The edited story loaded: play on in it, at the same passage where it exists."""
        event.stop()
        outcome: Reloaded = event.outcome
        self.view = outcome.view
        self.notify(outcome.message(), title="Dev", timeout=6, markup=False)

    def action_history(self) -> None:
        view = self.view
        if view is None or view.history is None:
            self.notify("There is no history note for this passage.", timeout=3)
            return
        self.app.push_screen(HistoryScreen(view.history))

    def action_map(self) -> None:
        view = session_of(self).map_view()
        if view is None:
            self.notify("This story has no map.", timeout=3)
            return
        self.app.push_screen(MapScreen(view))

    def action_journal(self) -> None:
        self.app.push_screen(JournalScreen(session_of(self).journal()), self._went_back)

    def _went_back(self, turn: int | None) -> None:
        """The journal's "go back here": every step after that passage undone."""
        if turn is None:
            return
        try:
            view = session_of(self).rewind(turn)
        except PlayError as exc:
            self.notify(exc.sentence, severity="warning", markup=False)
            return
        self.view = view
        self.notify(f"Back at {view.title}, turn {turn + 1}.", timeout=3, markup=False)

    def action_codex(self) -> None:
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
        view = self.view
        if view is None or view.ending is None:
            return
        session = session_of(self)
        self.app.push_screen(EndingScreen(view.ending, session.endings()), self._after_ending)

    def _after_ending(self, result: str | None) -> None:
        if result == "undo":
            self.action_undo()
        elif result in ("new", "title"):
            self._leave("new" if result == "new" else None)

    def action_leave(self) -> None:
        """Escape: once says how to leave, twice (or q) asks whether to."""
        view = self.view
        if view is not None and view.ending is not None:
            self._leave(None)
            return
        now = monotonic()
        if now - self._escaped_at > self.ESCAPE_TWICE_SECONDS:
            self._escaped_at = now
            self.notice("Press Escape again (or q) to leave this game for the title screen.")
            return
        self.action_leave_now()

    def action_leave_now(self) -> None:
        self._escaped_at = -1e9
        view = self.view
        self.app.push_screen(
            ConfirmScreen(
                "Leave this game for the title screen?",
                "It is autosaved after every choice: Continue on the title screen resumes it."
                if view is not None and view.turn
                else "Nothing is saved yet: the autosave begins with your first choice.",
            ),
            self._leave_answered,
        )

    def _leave_answered(self, leave: bool | None) -> None:
        if leave:
            self._leave(None)

    def _leave(self, result: str | None) -> None:
        session_of(self).leave()
        self.dismiss(result)

    def on_screen_resume(self) -> None:
        measure = elbe_app(self).settings.measure  # the settings may have changed
        for name in ("narrow", "normal", "wide"):
            self.set_class(name == measure, f"-measure-{name}")
        if self.view is not None:
            self._draw_panel()
            self.refresh_bindings()


def _with_reply(view: PassageView) -> str:
    """The passage's text, after the reply of the choice that led here (as a quote)."""
    if not view.reply:
        return view.text
    quoted = "\n".join(
        f"> {line}" if line.strip() else ">" for line in view.reply.strip().split("\n")
    )
    return f"{quoted}\n\n{view.text}"
