"""Resuming a saved game, also in a story that was edited since it was saved.

    engine, notes = restore(story, saved_state, same_story=..., player_name=...,
                            saved_title=..., fallback=False)

The undo history is rebuilt by replaying the saved path from the start with the saved
seed and player name. When the story was edited, the state is fitted to it and every
change is described in ``notes`` for the player; when the saved passage itself is gone,
NodeGoneError names where the game could resume instead (``fallback=True`` does so).
Fitting is ``fit.fit_state``'s job, shared with live reload.
"""

from __future__ import annotations

from .errors import ElbeError, NodeGoneError
from .fit import fallback_point, fit_state
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
    (``fit.fit_state``) and the notes say what changed; NodeGoneError if the saved
    passage is gone and not ``fallback``."""
    if same_story:
        check_state(story, saved)
        state, notes = saved.copy(), list[str]()
    else:
        if saved.node not in story.nodes and not fallback:
            _, target = fallback_point(story, saved)
            target_title = story.nodes[target].title_for(saved)
            raise NodeGoneError(
                f"the passage this game was saved at ({saved_title!r}) is no longer in the "
                f"story; it can resume at {target_title!r}, the last passage on its path "
                "that still exists",
                target,
                target_title,
                saved_title,
            )
        state, notes = fit_state(story, saved, saved_title=saved_title)
        notes.insert(0, "The story has been edited since this save was made.")
        check_state(story, state)
    gone = saved.node not in story.nodes
    reached, problem = _replay(story, saved.seed, player_name, state.path)
    if gone and problem is None:
        # back at an earlier passage: the replay gives the state as it was there
        state = reached[-1].copy()
    if problem is None:
        undo = reached[:-1]
    else:
        undo = reached
        if gone:
            notes.append(
                f"The rest of the game could not be replayed ({problem}); your state is kept as it was saved."
            )
        else:
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
            problem = (
                f"at turn {turn} the story now leads to {engine.node.title_for(engine.state)!r}"
            )
            return [*engine.undo_stack, engine.state], problem
        try:
            engine.choose(step.choice)
        except _REPLAY_ERRORS as exc:
            problem = f"at turn {turn}, in {engine.node.title_for(engine.state)!r}: {exc}"
            return [*engine.undo_stack, engine.state], problem
    return [*engine.undo_stack, engine.state], None
