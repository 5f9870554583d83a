"""Start a game anywhere, with any state: ``elbe-game play --start-at NODE --set X=V``.

    engine = prepare_engine(story, "a3_torgau", ["standing=7", "map_case=true"], seed, name)

A new game is begun as usual (the start node's on_enter runs), then the player is
moved to ``start_at`` (whose on_enter runs too), and last the ``--set`` values are
applied, so they win over anything an on_enter did. ``NAME`` is a variable (the value
must fit its type and range) or an item (``true`` gives it, ``false`` takes it).
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import get_close_matches

from ..engine import ElbeError, Engine, Story
from ..engine.expressions import Value
from ..engine.model import VariableDef


class DevStartError(ElbeError):
    """A bad ``--start-at`` or ``--set``; ``what`` names the offending argument."""

    def __init__(self, what: str, message: str) -> None:
        super().__init__(f"{what}: {message}")
        self.what = what
        self.message = message


def _hint(name: str, known: Sequence[str]) -> str:
    close = get_close_matches(name, list(known), n=3)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def parse_assignment(story: Story, text: str) -> tuple[str, Value]:
    """``NAME=VALUE`` -> (name, typed value) for a variable or an item of ``story``."""
    what = f"--set {text}"
    name, eq, raw = text.partition("=")
    name, raw = name.strip(), raw.strip()
    if not eq or not name:
        raise DevStartError(what, "write NAME=VALUE, e.g. --set standing=7")
    var = story.variables.get(name)
    if var is not None:
        return name, _typed(what, var, raw)
    if name in story.items:
        if raw.lower() not in ("true", "false"):
            raise DevStartError(
                what, f"{name!r} is an item: give it with =true, take it with =false"
            )
        return name, raw.lower() == "true"
    known = [*story.variables, *story.items]
    raise DevStartError(what, f"the story has no variable or item {name!r}{_hint(name, known)}")


def _typed(what: str, var: VariableDef, raw: str) -> Value:
    if var.type == "bool":
        if raw.lower() not in ("true", "false"):
            raise DevStartError(what, f"{var.name!r} is a bool: use true or false, not {raw!r}")
        return raw.lower() == "true"
    if var.type == "int":
        try:
            value = int(raw)
        except ValueError:
            raise DevStartError(
                what, f"{var.name!r} is an int: {raw!r} is not a whole number"
            ) from None
        if var.min is not None and value < var.min:
            raise DevStartError(what, f"{var.name!r} must be at least {var.min}, not {value}")
        if var.max is not None and value > var.max:
            raise DevStartError(what, f"{var.name!r} must be at most {var.max}, not {value}")
        return value
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        raw = raw[1:-1]
    return raw


def prepare_engine(
    story: Story,
    start_at: str | None,
    sets: Sequence[str],
    seed: int | None = None,
    player_name: str | None = None,
) -> Engine:
    """A new game at ``start_at`` (or the start) with the ``NAME=VALUE`` settings applied.

    Raises DevStartError naming the unknown node, unknown name or badly typed value;
    every assignment is checked before anything is applied.
    """
    if start_at is not None and start_at not in story.nodes:
        raise DevStartError(
            f"--start-at {start_at}",
            f"the story has no node {start_at!r}{_hint(start_at, list(story.nodes))}",
        )
    assignments = [parse_assignment(story, text) for text in sets]
    engine = Engine.new_game(story, seed=seed, player_name=player_name)
    if start_at is not None and start_at != story.start:
        engine.jump(start_at)
    state = engine.state
    for name, value in assignments:
        if name in story.variables:
            state.vars[name] = value
        elif value and name not in state.inventory:
            state.inventory.append(name)
        elif not value and name in state.inventory:
            state.inventory.remove(name)
    return engine
