"""The walkthrough file format, as typed structs: the one description of it.

``walkthrough.py`` reads files by these fields (its messages name the line and say
what to do), and ``walkthrough_schema()`` turns them into the JSON Schema that editors
use for ``*.walk.yaml`` files (``make schema`` writes schema/walkthrough.schema.json;
``python -m elbe_game.authoring.walkformat`` prints it).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import msgspec
from msgspec import Meta, Struct

from ..engine.format import Id

Value = int | bool | str


class WalkStep(Struct, forbid_unknown_fields=True, omit_defaults=True, frozen=True):
    """One step: what must hold on the passage shown, then the choice to take."""

    node: Annotated[Id | None, Meta(description="Expect: the game is at this node.")] = None
    vars: Annotated[
        dict[Id, Value], Meta(description="Expect: these variables hold these values.")
    ] = {}
    has: Annotated[list[Id], Meta(description="Expect: the player carries these items.")] = []
    offered: Annotated[
        list[Id], Meta(description="Expect: these choices (ids) are available.")
    ] = []
    reply: Annotated[
        str | None,
        Meta(description="Expect: the reply shown above the passage contains this text."),
    ] = None
    ending: Annotated[Id | None, Meta(description="Expect: the game ended with this ending.")] = (
        None
    )
    choose: Annotated[
        str | None,
        Meta(
            description="Then take this choice: its id, or its text (or a unique part of it); 'continue' on a flow-on passage."
        ),
    ] = None


class WalkFile(Struct, forbid_unknown_fields=True, omit_defaults=True, frozen=True):
    """A walkthrough test: a path through the story and what must hold along it."""

    steps: Annotated[list[WalkStep], Meta(min_length=1, description="The path, step by step.")]
    title: Annotated[str, Meta(description="Shown in reports.")] = ""
    story: Annotated[
        str, Meta(description="The story folder, relative to this file (--story overrides).")
    ] = ""
    seed: Annotated[int, Meta(description="The game's random seed.")] = 0
    player: Annotated[str, Meta(description="The player's name.")] = ""
    start_at: Annotated[Id, Meta(description="Begin at this node (as play --start-at).")] = ""
    set: Annotated[
        dict[Id, Value],
        Meta(description="Then set these variables (or items: true/false), as play --set."),
    ] = {}


TOP_KEYS = tuple(f.encode_name for f in msgspec.structs.fields(WalkFile))
STEP_KEYS = tuple(f.encode_name for f in msgspec.structs.fields(WalkStep))


def walkthrough_schema() -> dict[str, Any]:
    """JSON Schema for one walkthrough file, generated from the structs above."""
    schema = msgspec.json.schema(WalkFile)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Elbe 1945 walkthrough file"
    return schema


if __name__ == "__main__":
    print(json.dumps(walkthrough_schema(), indent=2, ensure_ascii=False))
