"""Engine: the UI-free facade over one game of one story.

    engine = Engine.new_game(story, seed=7, player_name="Hale")
    view = engine.view()            # what to show: text, header, choices
    engine.choose(view.choices[0].id)
    engine.undo()
    data = engine.to_dict()         # plain data; Engine.from_dict(story, data)

Front ends only ever see the plain views of ``views``; they never touch the model or
the state.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from .errors import (
    ChoiceUnavailableError,
    NothingToUndoError,
    PlayError,
    StateError,
    UnknownChoiceError,
)
from .expressions import TYPE_OF
from .model import PLAYER_NAME, Choice, EffectGroup, Node, Story
from .state import GameState, Step
from .storymap import MapView, map_view
from .views import (
    ChoiceView,
    EndingView,
    Header,
    JournalEntry,
    PassageView,
    StatusView,
    history_view,
    status_view,
)


@dataclass
class Engine:
    story: Story
    state: GameState
    undo_stack: list[GameState] = field(default_factory=list, repr=False)
    # node -> choices taken there, built from state.path as it grows (see _taken)
    _taken_index: tuple[GameState | None, int, dict[str, set[str]]] = field(
        default=(None, 0, {}), init=False, repr=False, compare=False
    )
    # the authors' tools set this to collect (site, arm) of every text branch shown
    seen_arms: set[object] | None = field(default=None, repr=False, compare=False)

    # ------------------------------------------------------------ starting

    @classmethod
    def new_game(
        cls,
        story: Story,
        seed: int | None = None,
        player_name: str | None = None,
    ) -> Engine:
        """A fresh game at the story's start. ``player_name`` fills the story's
        ``player_name`` variable when it declares one."""
        variables = {name: var.default for name, var in story.variables.items()}
        if player_name is not None and PLAYER_NAME in variables and player_name.strip():
            variables[PLAYER_NAME] = player_name.strip()
        rng = secrets.randbits(64) if seed is None else seed & ((1 << 64) - 1)
        state = GameState(
            node=story.start,
            vars=variables,
            inventory=list(story.info.inventory),
            rng=rng,
            seed=rng,
        )
        engine = cls(story, state)
        engine._enter(story.start)
        return engine

    # ------------------------------------------------------------ looking

    @property
    def node(self) -> Node:
        return self.story.nodes[self.state.node]

    @property
    def is_over(self) -> bool:
        return self.node.ending is not None

    @property
    def can_undo(self) -> bool:
        return bool(self.undo_stack)

    @property
    def player_name(self) -> str | None:
        """The name this game began with (a replay starts with it), if the story has a
        ``player_name`` variable."""
        start = self.undo_stack[0] if self.undo_stack else self.state
        name = start.vars.get(PLAYER_NAME)
        return name if isinstance(name, str) else None

    def view(self) -> PassageView:
        node, state = self.node, self.state
        ending = None
        if node.ending is not None:
            e = node.ending
            ending = EndingView(e.id, e.title, e.kind, e.timeline)
        seen = self.seen_arms
        return PassageView(
            node_id=node.id,
            title=node.heading.render(state, seen=seen) if node.heading else node.title,
            header=Header(node.date, node.time, node.place),
            text=node.text.render(state, seen=seen),
            choices=self._options(node),
            ending=ending,
            history=history_view(self.story, node.history),
            turn=state.turn,
            reply=state.reply,
            flow_on=node.flow,
        )

    def map_view(self) -> MapView | None:
        """The story's map, marked with where the player is and has been (None when the
        story has no map)."""
        return map_view(self.story, self.state)

    def status(self) -> StatusView:
        """The player's visible state, items and progress: the status panel's content."""
        return status_view(self.story, self.state)

    def journal(self) -> list[JournalEntry]:
        """Every passage read so far and the choice made there, oldest first."""
        entries = []
        for turn, step in enumerate(self.state.path):
            node = self.story.nodes.get(step.node)
            entries.append(
                JournalEntry(
                    turn,
                    step.node,
                    step.title or (node.title if node else step.node),
                    Header(node.date, node.time, node.place) if node else Header("", "", ""),
                    step.choice,
                    step.text or step.choice,
                    step.reply,
                )
            )
        here = self.node
        header = Header(here.date, here.time, here.place)
        title = here.title_for(self.state)
        entries.append(JournalEntry(self.state.turn, here.id, title, header, None, None))
        return entries

    def _taken(self, node_id: str) -> set[str]:
        """The choices already taken at ``node_id``, for once-only choices. The index
        follows the path as it grows, so a long game costs no rescans; a new state
        object (undo, load) starts it afresh."""
        owner, done, index = self._taken_index
        path = self.state.path
        if owner is not self.state or done > len(path):
            owner, done, index = self.state, 0, {}
        for step in path[done:]:
            index.setdefault(step.node, set()).add(step.choice)
        self._taken_index = (owner, len(path), index)
        return index.get(node_id, set())

    def _options(self, node: Node, advance: bool = False) -> tuple[ChoiceView, ...]:
        """The choices offered now. ``advance``: the passage is being entered, so text
        variation in the choices shown moves on."""
        state, seen = self.state, self.seen_arms
        taken = self._taken(node.id) if any(c.once for c in node.choices) else set()
        shown: list[ChoiceView] = []
        fallbacks: list[Choice] = []
        for choice in node.choices:
            if choice.once and choice.id in taken:
                continue
            ok = choice.condition is None or bool(choice.condition(state))
            if choice.fallback:
                if ok:
                    fallbacks.append(choice)
            elif ok or choice.reason is not None:
                text = choice.text.render(state, advance=advance, seen=seen)
                shown.append(ChoiceView(choice.id, text, ok, None if ok else choice.reason))
        if any(c.available for c in shown):
            return tuple(shown)
        extra = [
            ChoiceView(c.id, c.text.render(state, advance=advance, seen=seen), True)
            for c in fallbacks
        ]
        return (*shown, *extra)

    # ------------------------------------------------------------ acting

    def choose(self, choice_id: str) -> PassageView:
        """Take the choice ``choice_id`` of the current passage and return the next one."""
        node = self.node
        choice = node.choice(choice_id)
        if choice is None:
            raise UnknownChoiceError(choice_id, node.id)
        view = next((c for c in self._options(node) if c.id == choice_id), None)
        if view is None or not view.available:
            if view is not None and view.reason:
                reason = view.reason
            elif choice.once and choice_id in self._taken(node.id):
                reason = "it can be taken only once"
            else:
                reason = "it is not offered now"
            raise ChoiceUnavailableError(choice_id, reason)
        self.undo_stack.append(self.state.copy())
        self._take(node, choice, view.text)
        return self.view()

    def _take(self, node: Node, choice: Choice, text: str) -> None:
        """Effects first, then the reply (so it can speak of them), then the way on,
        worked out from the state the effects left."""
        state = self.state
        title = node.heading.render(state) if node.heading is not None else ""  # as read
        self._apply(choice.effects)
        reply = ""
        if choice.reply is not None:
            reply = choice.reply.render(state, advance=True, seen=self.seen_arms)
        target = choice.route.resolve(state)
        state.path.append(Step(node.id, choice.id, text, reply, title))
        state.turn += 1
        state.reply = reply
        self._enter(target)

    def jump(self, node_id: str) -> PassageView:
        """Move to ``node_id`` as a choice would on arrival (visit, on_enter, ending),
        without taking a choice: for authors' tools, not for play. Undo steps back."""
        if node_id not in self.story.nodes:
            raise PlayError(f"the story has no node {node_id!r}")
        self.undo_stack.append(self.state.copy())
        self.state.reply = ""
        self._enter(node_id)
        return self.view()

    def undo(self) -> PassageView:
        if not self.undo_stack:
            raise NothingToUndoError()
        self.state = self.undo_stack.pop()
        return self.view()

    def _state_at(self, turn: int) -> int | None:
        """The index in the undo history of the state at ``turn`` (None if it is not
        there: a load whose replay stopped early keeps a shorter history)."""
        for index in range(len(self.undo_stack) - 1, -1, -1):
            if self.undo_stack[index].turn == turn:
                return index
        return None

    def text_as_read(self, turn: int) -> str | None:
        """The passage of ``turn`` (0-based) as the player read it then: rendered again
        with the state the game had there. None if that state is not kept."""
        if turn == self.state.turn:
            return self.view().text
        index = self._state_at(turn)
        if index is None:
            return None
        state = self.undo_stack[index]
        return self.story.nodes[state.node].text.render(state)

    def rewind(self, turn: int) -> PassageView:
        """Go back to the passage of an earlier ``turn``, as many undos would (PlayError
        if the history does not reach it)."""
        index = self._state_at(turn)
        if index is None or turn >= self.state.turn:
            raise PlayError(f"turn {turn + 1} cannot be gone back to")
        self.state = self.undo_stack[index]
        del self.undo_stack[index:]
        return self.view()

    def _enter(self, node_id: str) -> None:
        state = self.state
        state.node = node_id
        state.visit_counts[node_id] = state.visit_counts.get(node_id, 0) + 1
        state.last_visit[node_id] = state.turn
        node = self.story.nodes[node_id]
        self._apply(node.on_enter)
        if node.ending is not None and node.ending.id not in state.endings:
            state.endings.append(node.ending.id)
        # the passage as first shown: its text variation moves on, once per entry
        if node.heading is not None and node.heading.varies:
            node.heading.render(state, advance=True)
        if node.text.varies:
            node.text.render(state, advance=True)
        if any(c.text.varies for c in node.choices):
            self._options(node, advance=True)

    def _apply(self, groups: tuple[EffectGroup, ...]) -> None:
        state = self.state
        for group in groups:
            if group.condition is not None and not group.condition(state):
                continue
            for effect in group.effects:
                op, target = effect.op, effect.target
                if op in ("set", "add"):
                    assert effect.value is not None
                    value = effect.value(state)
                    if op == "add":
                        value = state.vars[target] + value
                    state.vars[target] = self.story.variables[target].clamp(value)
                elif op == "give":
                    if target not in state.inventory:
                        state.inventory.append(target)
                elif op == "take":
                    if target in state.inventory:
                        state.inventory.remove(target)
                elif target not in state.codex:  # unlock
                    state.codex.append(target)

    # ------------------------------------------------------------ plain data

    def to_dict(self) -> dict[str, Any]:
        return self.state.to_dict()

    @classmethod
    def from_dict(cls, story: Story, data: Any) -> Engine:
        """A game resumed from ``to_dict`` output. The state must fit the story:
        StateError names the first key that does not."""
        state = GameState.from_dict(data)
        check_state(story, state)
        return cls(story, state)


def check_state(story: Story, state: GameState) -> None:
    """Raise StateError if ``state`` names things this story lacks or has bad values."""
    if state.node not in story.nodes:
        raise StateError(f"the story has no node {state.node!r}", "node")
    for name, value in state.vars.items():
        var = story.variables.get(name)
        if var is None:
            raise StateError(f"the story declares no variable {name!r}", f"vars.{name}")
        if TYPE_OF[type(value)] != var.type:
            raise StateError(f"{value!r} is not a {var.type}", f"vars.{name}")
        if var.values is not None and value not in var.values:
            raise StateError(f"{value!r} is not one of {', '.join(var.values)}", f"vars.{name}")
    missing = set(story.variables) - set(state.vars)
    if missing:
        raise StateError(f"missing variables: {', '.join(sorted(missing))}", "vars")
    for i, step in enumerate(state.path):
        node = story.nodes.get(step.node)
        if node is None:
            raise StateError(f"the story has no node {step.node!r}", f"path[{i}].node")
        if node.choice(step.choice) is None:
            raise StateError(
                f"node {step.node!r} has no choice {step.choice!r}", f"path[{i}].choice"
            )
    for key, table, what in (
        ("inventory", story.items, "item"),
        ("codex", story.codex, "codex entry"),
    ):
        for i, ident in enumerate(getattr(state, key)):
            if ident not in table:
                raise StateError(f"the story has no {what} {ident!r}", f"{key}[{i}]")
