"""The JSON Schema: generated from the model, committed, and true to the story files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from elbe_game.authoring.walkformat import walkthrough_schema
from elbe_game.engine import story_schema
from elbe_game.engine.yamlsrc import parse_file

from .conftest import FIXTURES, PROJECT

SCHEMA_FILE = PROJECT / "schema" / "story.schema.json"
WALK_SCHEMA_FILE = PROJECT / "schema" / "walkthrough.schema.json"
STORY_FILES = [
    path
    for path in [
        *sorted((PROJECT / "story").rglob("*.yaml")),
        *sorted((FIXTURES / "sample").glob("*.yaml")),
        *sorted((FIXTURES / "cloak").glob("*.yaml")),
        *sorted((FIXTURES / "constructs").rglob("*.yaml")),
    ]
    if not path.name.endswith(".walk.yaml")
]
WALK_FILES = [
    *sorted((PROJECT / "story" / "walkthroughs").glob("*.walk.yaml")),
    *sorted((FIXTURES / "cloak" / "walkthroughs").glob("*.walk.yaml")),
]


def test_committed_schema_is_current() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == story_schema(), "run `make schema` and commit schema/story.schema.json"


@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_story_files_point_to_the_schema_and_follow_it(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    target = (path.parent / first.removeprefix(prefix)).resolve()
    assert target == SCHEMA_FILE
    data = parse_file(str(path), path.read_bytes()).data
    jsonschema.validate(data, story_schema())


def test_committed_walkthrough_schema_is_current() -> None:
    committed = json.loads(WALK_SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == walkthrough_schema(), "run `make schema` and commit schema/"


@pytest.mark.parametrize("path", WALK_FILES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_walkthroughs_follow_their_schema(path: Path) -> None:
    data = parse_file(str(path), path.read_bytes()).data
    jsonschema.validate(data, walkthrough_schema())


def test_walkthrough_schema_rejects_what_the_reader_rejects() -> None:
    schema = walkthrough_schema()
    for bad in (
        {"steps": []},
        {"steps": [{"nod": "a"}]},
        {"steps": [{"choose": 3}]},
        {"seed": "x", "steps": [{"node": "a"}]},
        {"steps": [{"node": "a"}], "expect": 1},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


@pytest.mark.parametrize(
    ("variable", "ok"),
    [
        ({"type": "int", "default": 3, "min": 0}, True),
        ({"type": "int", "default": "3"}, False),
        ({"type": "bool", "default": 0}, False),
        ({"type": "bool", "default": False, "max": 1}, False),
        ({"type": "str", "default": "a", "values": ["a", "b"]}, True),
        ({"type": "str", "default": 1}, False),
        ({"type": "int", "default": 1, "values": ["a"]}, False),
    ],
)
def test_a_variables_default_follows_its_type(variable: dict[str, object], ok: bool) -> None:
    document = {"variables": {"x": variable}}
    if ok:
        jsonschema.validate(document, story_schema())
    else:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(document, story_schema())


def test_schema_rejects_what_the_checker_rejects() -> None:
    schema = story_schema()
    for bad in (
        {"nodes": {"a": {"title": "A", "choises": []}}},
        {"nodes": {"Bad-Id": {"title": "A"}}},
        {"nodes": {"a": {"title": "A", "choices": [{"text": "x"}]}}},
        {"variables": {"v": {"type": "float", "default": 1}}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
