"""Fitting a game's state to a story that was edited since: the one place it is done.

    state, notes = fit_state(story, saved)     # a new state; ``saved`` is not changed
    index, node = fallback_point(story, saved)  # where to resume when the node is gone

Both loading a save into an edited story (``resume.restore``) and live reload
(``play --dev``) use these, so the two always agree. What is kept: every variable that
still exists with the same type (clamped to its range), items, codex entries, endings
and visit counts the story still has, and every step of the path that still exists,
with the choice's text as the player read it (the journal keeps its words). New
variables start at their defaults. ``notes`` says, for the player, what changed.
"""

from __future__ import annotations

from .expressions import TYPE_OF
from .model import Story
from .state import GameState, Step


def fallback_point(story: Story, state: GameState) -> tuple[int | None, str]:
    """The last step on the path whose passage still exists (its index and node), or
    (None, the story's start) when none does."""
    for index in range(len(state.path) - 1, -1, -1):
        if state.path[index].node in story.nodes:
            return index, state.path[index].node
    return None, story.start


def fit_state(
    story: Story, saved: GameState, *, saved_title: str | None = None
) -> tuple[GameState, list[str]]:
    """``saved`` fitted to ``story``; the notes say what was changed, for the player.

    When the current passage is gone the game moves back to ``fallback_point``: the
    path is cut there, as if the player had just arrived. ``saved_title`` is the gone
    passage's title, for the note (its id otherwise)."""
    state = saved.copy()
    notes: list[str] = []
    notes += _fit_variables(story, state)
    for key, table, what in (
        ("inventory", story.items, "items"),
        ("codex", story.codex, "codex entries"),
    ):
        held: list[str] = getattr(state, key)
        gone = [i for i in held if i not in table]
        if gone:
            setattr(state, key, [i for i in held if i in table])
            notes.append(f"These {what} are no longer in the story: {', '.join(gone)}.")
    state.endings = [e for e in state.endings if e in story.endings]
    state.visit_counts = {n: c for n, c in state.visit_counts.items() if n in story.nodes}
    state.last_visit = {n: t for n, t in state.last_visit.items() if n in story.nodes}
    state.variation = {
        site: n for site, n in state.variation.items() if site.split(".", 1)[0] in story.nodes
    }
    if state.node not in story.nodes:
        index, node = fallback_point(story, state)
        title = story.nodes[node].title_for(state)
        gone_title = saved_title or saved.node
        notes.append(f"The passage {gone_title!r} is gone; resuming at {title!r}.")
        state.node = node
        state.path = state.path[: index or 0]
        state.turn = len(state.path)
        state.reply = ""
    kept = [step for step in state.path if _still_there(story, step)]
    if len(kept) < len(state.path):
        gone_steps = len(state.path) - len(kept)
        notes.append(
            f"{gone_steps} earlier step(s) passed through parts of the story that are gone; "
            "the journal leaves them out."
        )
        state.path = kept
    return state, notes


def _fit_variables(story: Story, state: GameState) -> list[str]:
    notes = []
    dropped = [name for name in state.vars if name not in story.variables]
    added, reset, outside = [], [], []
    values: dict[str, int | bool | str] = {}
    for name, var in story.variables.items():
        if name not in state.vars:
            values[name] = var.default
            added.append(name)
        elif TYPE_OF[type(state.vars[name])] != var.type:
            values[name] = var.default
            reset.append(name)
        elif var.values is not None and state.vars[name] not in var.values:
            values[name] = var.default
            outside.append(name)
        else:
            values[name] = var.clamp(state.vars[name])
    state.vars = values
    if added:
        notes.append(f"New in the story, starting at their defaults: {', '.join(added)}.")
    if dropped:
        notes.append(f"No longer in the story, so dropped: {', '.join(dropped)}.")
    if reset:
        notes.append(f"Changed type in the story, so reset to their defaults: {', '.join(reset)}.")
    if outside:
        notes.append(
            "Held a value the story no longer lists, so reset to their defaults: "
            f"{', '.join(outside)}."
        )
    return notes


def _still_there(story: Story, step: Step) -> bool:
    node = story.nodes.get(step.node)
    return node is not None and node.choice(step.choice) is not None
