"""Resuming a saved game, also in a story that was edited since it was saved.

    engine, notes = restore(story, saved_state, same_story=..., player_name=...,
                            saved_title=..., fallback=False)

The undo history is rebuilt by replaying the saved path from the start with the saved
seed and player name. When the story was edited, the state is fitted to it and every
change is described in ``notes`` for the player; when the saved passage itself is gone,
NodeGoneError names where the game could resume instead (``fallback=True`` does so).
"""

from __future__ import annotations

from .errors import ElbeError, NodeGoneError
from .model import Story
from .runtime import Engine, check_state
from .state import GameState, Step

_REPLAY_ERRORS = (ElbeError, LookupError, TypeError, ValueError, ArithmeticError)


def restore(
    story: Story,
    saved: GameState,
    *,
    same_story: bool,
    player_name: str | None,
    saved_title: str,
    fallback: bool = False,
) -> tuple[Engine, list[str]]:
    """An engine for ``saved``, with its undo history rebuilt by replaying the path.

    ``same_story``: the story's content hash is the one the save was made with; then
    the state must fit exactly (StateError if not). Otherwise it is fitted to the story
    and the notes say what changed; NodeGoneError if the saved passage is gone and not
    ``fallback``."""
    state = saved.copy()
    notes: list[str] = []
    if same_story:
        check_state(story, state)
    else:
        notes.append("The story has been edited since this save was made.")
    path = list(saved.path)
    if state.node not in story.nodes:
        index = next((i for i in range(len(path) - 1, -1, -1) if path[i].node in story.nodes), None)
        target = story.start if index is None else path[index].node
        target_title = story.nodes[target].title
        if not fallback:
            raise NodeGoneError(
                f"the passage this game was saved at ({saved_title!r}) is no longer in the "
                f"story; it can resume at {target_title!r}, the last passage on its path "
                "that still exists",
                target,
                target_title,
            )
        reached, problem = _replay(story, saved.seed, player_name, path)
        notes.append(f"The passage {saved_title!r} is gone; resuming at {target_title!r}.")
        index = 0 if index is None else index
        if index < len(reached) and reached[index].node == target:
            state = reached[index].copy()
            undo = reached[:index]
        else:
            state.node, state.path, state.turn = target, path[:index], index
            notes += _fit(story, state)
            notes.append(
                f"The rest of the game could not be replayed ({problem}); your state is kept as it was saved."
            )
            undo = reached
        check_state(story, state)
        return Engine(story, state, undo_stack=undo), notes
    if not same_story:
        notes += _fit(story, state)
        check_state(story, state)
    reached, problem = _replay(story, saved.seed, player_name, path)
    if problem is None:
        undo = reached[:-1]
    else:
        undo = reached
        notes.append(
            f"Undo reaches back through {len(reached)} passage(s) only: replaying the saved "
            f"path stopped {problem}."
        )
    return Engine(story, state, undo_stack=undo), notes


def _replay(
    story: Story, seed: int, player_name: str | None, path: list[Step]
) -> tuple[list[GameState], str | None]:
    """Play ``path`` again from the start. Returns the states reached (the state before
    step i is reached[i]) and, if the replay stopped early, why."""
    try:
        engine = Engine.new_game(story, seed=seed, player_name=player_name)
    except _REPLAY_ERRORS as exc:
        return [], f"the story's beginning cannot be played again ({exc})"
    for turn, step in enumerate(path, 1):
        if engine.state.node != step.node:
            problem = f"at turn {turn} the story now leads to {engine.node.title!r}"
            return [*engine.undo_stack, engine.state], problem
        try:
            engine.choose(step.choice)
        except _REPLAY_ERRORS as exc:
            problem = f"at turn {turn}, in {engine.node.title!r}: {exc}"
            return [*engine.undo_stack, engine.state], problem
    return [*engine.undo_stack, engine.state], None


def _value_type(value: object) -> str:
    return "bool" if isinstance(value, bool) else "int" if isinstance(value, int) else "str"


def _fit(story: Story, state: GameState) -> list[str]:
    """Fit a saved state to an edited story, in place; returns what was changed."""
    notes = []
    dropped = [name for name in state.vars if name not in story.variables]
    for name in dropped:
        del state.vars[name]
    added, reset = [], []
    for name, var in story.variables.items():
        if name not in state.vars:
            state.vars[name] = var.default
            added.append(name)
        elif _value_type(state.vars[name]) != var.type:
            state.vars[name] = var.default
            reset.append(name)
        else:
            state.vars[name] = var.clamp(state.vars[name])
    if added:
        notes.append(f"New in the story, starting at their defaults: {', '.join(added)}.")
    if dropped:
        notes.append(f"No longer in the story, so dropped: {', '.join(dropped)}.")
    if reset:
        notes.append(f"Changed type in the story, so reset to their defaults: {', '.join(reset)}.")
    for key, table, what in (
        ("inventory", story.items, "items"),
        ("codex", story.codex, "codex entries"),
    ):
        kept = [i for i in getattr(state, key) if i in table]
        gone = [i for i in getattr(state, key) if i not in table]
        setattr(state, key, kept)
        if gone:
            notes.append(f"These {what} are no longer in the story: {', '.join(gone)}.")
    state.endings = [e for e in state.endings if e in story.endings]
    state.visit_counts = {n: c for n, c in state.visit_counts.items() if n in story.nodes}
    state.last_visit = {n: t for n, t in state.last_visit.items() if n in story.nodes}
    kept_steps = [step for step in state.path if _still_there(story, step)]
    if len(kept_steps) < len(state.path):
        gone_steps = len(state.path) - len(kept_steps)
        notes.append(
            f"{gone_steps} earlier step(s) passed through parts of the story that are gone; the journal leaves them out."
        )
        state.path = kept_steps
    return notes


def _still_there(story: Story, step: Step) -> bool:
    node = story.nodes.get(step.node)
    return node is not None and node.choice(step.choice) is not None
