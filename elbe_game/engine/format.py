"""The story file format: what an author writes, as typed structs.

These structs are the one description of the format. The loader validates files
against them, and ``story_schema()`` turns the same types into the JSON Schema that
editors use, so the two can never drift apart.

Every YAML file in a story folder is a ``StoryFile``; its sections are merged across
files. Exactly one file (by convention ``story.yaml``) carries the ``story`` section;
at most one carries a ``map``.

The story language has a version (``story.language``, like ink's ``inkVersionCurrent``):
a story without one is language 1, the format as first released, and loads exactly as
it always did. ``LANGUAGE_INTRODUCED`` says which constructs are newer; the compiler
refuses them in an older story with one message that says what to add.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct, field

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
SOURCE_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"

Id = Annotated[
    str,
    Meta(
        pattern=ID_PATTERN,
        description="An id: lower-case letters, digits and _, starting with a letter.",
    ),
]
SourceKey = Annotated[
    str, Meta(pattern=SOURCE_PATTERN, description="A bibliography key, such as S0 or E13.")
]
Expr = Annotated[str, Meta(description='An expression, e.g. "trust >= 2 and has(flare_pistol)".')]
Ids = Annotated[str | list[Id], Meta(description="One id, or a list of ids.")]

LANGUAGE_CURRENT = 2
"""The newest story language this game reads."""
LANGUAGE_MINIMUM = 1
"""The oldest story language this game still reads (a story without ``language:``)."""
LANGUAGE_INTRODUCED: dict[str, int] = {
    "a starting 'inventory:'": 2,
    "'values:' on a variable": 2,
    "a choice's 'reply:'": 2,
    "a computed 'to:' (a list of {if, to})": 2,
    "a flow-on passage ('next:')": 2,
    "a list of effects": 2,
    "'if:' on effects": 2,
    "'kind: neutral'": 2,
    "text variation ({sequence}, {cycle}, {once}, {shuffle})": 2,
    "an inline {if cond: a | b}": 2,
}
"""Each construct newer than language 1, and the language that brought it."""


class _Base(Struct, forbid_unknown_fields=True, omit_defaults=True, frozen=True):
    pass


class StoryInfo(_Base, frozen=True):
    id: Annotated[str, Meta(description="The story's id; saves record it.")]
    title: str
    start: Annotated[Id, Meta(description="The node where a new game begins.")]
    version: Annotated[str | int, Meta(description="The story's own version.")] = 1
    author: str = ""
    description: str = ""
    language: Annotated[
        int,
        Meta(
            ge=1,
            description=f"The story language this story is written in (1 to {LANGUAGE_CURRENT}); without it, 1.",
        ),
    ] = 1
    inventory: Annotated[
        list[Id], Meta(description="Items the player carries when a game begins (language 2).")
    ] = []


class Variable(_Base, frozen=True):
    type: Literal["int", "bool", "str"]
    default: int | bool | str
    min: Annotated[int | None, Meta(description="Lowest value (int only); add clamps.")] = None
    max: Annotated[int | None, Meta(description="Highest value (int only); add clamps.")] = None
    visible: Annotated[bool, Meta(description="Shown to the player in the status panel.")] = False
    label: Annotated[str, Meta(description="The name the player sees.")] = ""
    description: str = ""
    values: Annotated[
        Annotated[list[str], Meta(min_length=1)] | None,
        Meta(
            description="str only: the values it may hold; comparisons and assignments are checked against them (language 2)."
        ),
    ] = None


class Item(_Base, frozen=True):
    name: str
    description: str = ""


class CodexEntry(_Base, frozen=True):
    title: str
    category: Literal["person", "unit", "place", "term", "event"]
    text: str
    sources: list[SourceKey] = []


class Source(_Base, frozen=True):
    title: str
    author: str = ""
    year: str | int = ""
    url: str = ""
    note: str = ""


class Effects(_Base, frozen=True):
    """Changes to the game, applied in this order: set, add, take, give, unlock; with
    ``if``, only when the condition holds (checked once, before any of them)."""

    if_: Annotated[
        Expr | None, Meta(description="Apply these effects only when this is true (language 2).")
    ] = field(default=None, name="if")
    set: Annotated[
        dict[Id, int | bool | Expr],
        Meta(
            description="variable: value. A number or true/false is taken as it is; text is an expression (quote text values: \"'Buck'\")."
        ),
    ] = {}
    add: Annotated[
        dict[Id, int | Expr],
        Meta(description="variable: amount to add (may be negative); clamped to min/max."),
    ] = {}
    take: Annotated[Ids, Meta(description="Items to take from the player.")] = []
    give: Annotated[Ids, Meta(description="Items to give the player.")] = []
    unlock: Annotated[Ids, Meta(description="Codex entries to unlock.")] = []


EffectList = Annotated[
    Effects | list[Effects],
    Meta(description="Effects, or a list of them applied in order, each with its own 'if'."),
]


class Target(_Base, frozen=True):
    """One arm of a computed destination: go to ``to`` when ``if`` holds; the last arm
    has no ``if`` and is where the player goes when no condition holds."""

    to: Annotated[Id, Meta(description="The node to go to.")]
    if_: Annotated[Expr | None, Meta(description="Go there when this is true.")] = field(
        default=None, name="if"
    )


Destination = Annotated[
    Id | list[Target],
    Meta(
        description="A node id, or a list of {if, to} tried in order, the last without 'if' (language 2)."
    ),
]


class Choice(_Base, frozen=True):
    text: Annotated[str, Meta(description="What the player reads; may use {variable}.")]
    to: Annotated[Destination, Meta(description="Where this choice leads.")]
    id: Annotated[
        Id | None,
        Meta(
            description="Stable id; defaults to the target. Needed when two choices share a target."
        ),
    ] = None
    if_: Annotated[Expr | None, Meta(description="Offered only when this is true.")] = field(
        default=None, name="if"
    )
    reason: Annotated[
        str | None,
        Meta(
            description="When 'if' is false, show the choice disabled with this reason (else it is hidden)."
        ),
    ] = None
    once: Annotated[bool, Meta(description="Offered only until taken once.")] = False
    fallback: Annotated[
        bool, Meta(description="Offered only when no other choice is available.")
    ] = False
    effects: EffectList | None = None
    reply: Annotated[
        str | None,
        Meta(
            description="Text shown when the choice is taken, above the passage it leads to; may use {...} (language 2)."
        ),
    ] = None


class HistoryNote(_Base, frozen=True):
    text: Annotated[str, Meta(description="What really happened here (Markdown).")]
    sources: Annotated[list[SourceKey], Meta(min_length=1, description="Bibliography keys.")]
    disputed: Annotated[bool, Meta(description="The record disagrees on this point.")] = False


class TimelineEntry(_Base, frozen=True):
    when: str
    text: str
    sources: list[SourceKey] = []


class Timeline(_Base, frozen=True):
    story: Annotated[list[TimelineEntry], Meta(description="In your story.")] = []
    history: Annotated[list[TimelineEntry], Meta(description="In history.")] = []


class Ending(_Base, frozen=True):
    id: Annotated[Id, Meta(description="Stable id for the endings gallery.")]
    title: str
    kind: Annotated[
        Literal["historical", "alternate", "neutral"],
        Meta(
            description="'historical', 'alternate' (labelled alternate history) or 'neutral' (no label; language 2)."
        ),
    ] = "historical"
    timeline: Timeline = Timeline()
    hint: Annotated[
        str,
        Meta(
            description="Shown in the endings gallery while the ending is not found: what leads there, without giving it away."
        ),
    ] = ""


class Node(_Base, frozen=True):
    title: Annotated[str, Meta(description="The passage's heading; may use {...} (language 2).")]
    text: Annotated[
        str,
        Meta(
            description="Markdown. {expr} inserts a value; {if cond}...{elif cond}...{else}...{end} is conditional."
        ),
    ] = ""
    date: Annotated[str, Meta(description="In-story date for the header, e.g. 25 April 1945.")] = ""
    time: Annotated[str, Meta(description="In-story time, e.g. 11:30.")] = ""
    place: Annotated[str, Meta(description="Where this happens, e.g. Strehla.")] = ""
    on_enter: Annotated[EffectList | None, Meta(description="Applied on every entry.")] = None
    choices: list[Choice] = []
    next: Annotated[
        Destination | None,
        Meta(
            description="A flow-on passage: no choices, the player continues to this node (language 2)."
        ),
    ] = None
    ending: Ending | None = None
    history: HistoryNote | None = None
    unlocks: Annotated[list[Id], Meta(description="Codex entries unlocked on entry.")] = []


MARKER = "○"
"""The character that marks a place in a map's drawing."""


class StoryMap(_Base, frozen=True):
    """A map of the story's ground: a drawing in text, with one marker per place."""

    drawing: Annotated[
        str,
        Meta(
            description=f"The map as text (a block scalar). Each place's name is written right beside its marker {MARKER}, as 'Torgau {MARKER}' or '{MARKER} Torgau'."
        ),
    ]
    places: Annotated[
        list[str],
        Meta(
            description="The places, each named as in the drawing. A passage is at a place when its 'place' mentions the name (case, accents and 'ue' for 'ü' do not matter)."
        ),
    ]
    title: Annotated[str, Meta(description="The heading of the map screen.")] = "Map"
    legend: Annotated[
        str,
        Meta(description="What the drawing's lines mean, e.g. '║ river   ─ road'."),
    ] = ""
    landmarks: Annotated[
        list[str],
        Meta(
            description="Places on the map that no passage is at, on purpose; the checker warns about any other such place."
        ),
    ] = []


class StoryFile(_Base, frozen=True):
    """One YAML file of a story. All sections are optional and merge across files."""

    story: StoryInfo | None = None
    variables: dict[Id, Variable] = {}
    items: dict[Id, Item] = {}
    codex: dict[Id, CodexEntry] = {}
    sources: dict[SourceKey, Source] = {}
    nodes: dict[Id, Node] = {}
    map: Annotated[
        StoryMap | None, Meta(description="The story's map (at most one file has it).")
    ] = None


SECTIONS = ("variables", "items", "codex", "sources", "nodes")
#: what one entry of each section is
SECTION_TYPES: dict[str, type[Struct]] = {
    "story": StoryInfo,
    "map": StoryMap,
    "variables": Variable,
    "items": Item,
    "codex": CodexEntry,
    "sources": Source,
    "nodes": Node,
}


_JSON_TYPES = {"int": "integer", "bool": "boolean", "str": "string"}


def story_schema() -> dict[str, Any]:
    """JSON Schema for one story file, generated from the structs above.

    One rule the structs cannot say is added to the generated schema: a variable's
    ``default`` (and, for a str, its ``values``) has the variable's ``type``, and only
    an int has ``min``/``max``, only a str ``values``; so an editor flags
    ``{type: int, default: "3"}`` as you type."""
    schema = msgspec.json.schema(StoryFile)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Elbe 1945 story file"
    rules = []
    for kind, json_type in _JSON_TYPES.items():
        then: dict[str, Any] = {"properties": {"default": {"type": json_type}}}
        if kind != "int":
            then["properties"] |= {"min": {"type": "null"}, "max": {"type": "null"}}
        if kind != "str":
            then["properties"]["values"] = {"type": "null"}
        rules.append({"if": {"properties": {"type": {"const": kind}}}, "then": then})
    schema["$defs"]["Variable"]["allOf"] = rules
    return schema
