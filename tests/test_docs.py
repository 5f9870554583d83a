"""The examples in docs/authoring.md are real, clean stories, and they play as the
guide says: the complete example, and one example for each construct of language 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from elbe_game.engine import Engine, Story, check_story

from .conftest import FIXTURES, PROJECT

DOC = (PROJECT / "docs" / "authoring.md").read_text(encoding="utf-8")
EXAMPLES = dict(re.findall(r"<!-- example: (\w+) -->\n```yaml\n(.*?)```", DOC, re.DOTALL))
CONSTRUCTS = FIXTURES / "constructs"
MODELINE = "# yaml-language-server: $schema=../../../../schema/story.schema.json\n"


def test_authoring_example_checks_clean_and_plays(tmp_path: Path) -> None:
    example = DOC.split("## A complete example", 1)[1]
    files = re.findall(r"`ferry/([\w.]+)`:\n\n```yaml\n(.*?)```", example, re.DOTALL)
    assert [name for name, _ in files] == ["story.yaml", "nodes.yaml"]
    folder = tmp_path / "ferry"
    folder.mkdir()
    for name, text in files:
        (folder / name).write_text(text, encoding="utf-8")
    report = check_story(folder)
    assert report.diagnostics == []
    assert report.story is not None and report.story.map is not None
    assert [place.name for place in report.story.map.places] == ["Strehla"]
    engine = Engine.new_game(report.story, seed=1)
    assert [c.available for c in engine.view().choices] == [True, False, True]
    engine.choose("take_flare")
    engine.choose("answered")
    assert engine.state.endings == ["answered"]


def _story(name: str) -> Story:
    """The guide's example ``name``, which is also the fixture story of that construct."""
    report = check_story(CONSTRUCTS / name)
    assert [d.format() for d in report.diagnostics] == []
    assert report.story is not None
    return report.story


def test_every_construct_has_an_example_and_a_fixture_story() -> None:
    names = {"inventory", "titles", "variation", "replies", "targets", "flow", "effects", "values"}
    assert set(EXAMPLES) == names
    assert {p.name for p in CONSTRUCTS.iterdir() if p.is_dir()} == names
    for name, text in EXAMPLES.items():
        fixture = (CONSTRUCTS / name / "story.yaml").read_text(encoding="utf-8")
        assert fixture == MODELINE + text, f"docs example {name!r} and its fixture differ"


def test_inventory_example() -> None:
    engine = Engine.new_game(_story("inventory"), seed=1)
    assert engine.state.inventory == ["pass"]
    assert engine.view().text == "The sentry reads your pass."
    view = engine.choose("tear")
    assert view.text == "The sentry waits."
    assert (view.choices[0].id, view.choices[0].available) == ("through", False)
    assert view.choices[0].reason == "You have no pass."
    assert engine.undo().available[0].id == "through"


def test_titles_example() -> None:
    engine = Engine.new_game(_story("titles"), seed=1)
    assert engine.view().title == "Darkness"
    assert engine.choose("light").title == "The foyer bar"
    assert [e.title for e in engine.journal()] == ["Darkness", "The foyer bar"]


def test_variation_example() -> None:
    engine = Engine.new_game(_story("variation"), seed=1)
    texts = [engine.view().text]
    texts += [engine.choose("yard").text for _ in range(3)]
    assert [t.split("\n")[0] for t in texts] == [
        "A dog barks at you.",
        "The dog barks again.",
        "The dog ignores you now.",
        "The dog ignores you now.",
    ]
    assert ["dry" in t.split("\n")[1] for t in texts] == [True, False, True, False]
    assert ["A hen runs off." in t for t in texts] == [True, False, False, False]
    skies = {t.split("\n")[2] for t in texts}
    assert skies <= {"The sky is grey.", "The sky is white.", "The sky is low."}
    # drawing the same passage again moves nothing on
    assert engine.view().text == texts[-1]


def test_replies_example() -> None:
    engine = Engine.new_game(_story("replies"), seed=1)
    assert engine.view().reply == ""
    assert engine.choose("bridge").reply == '"Blown," he says. "Since Tuesday."'
    assert engine.choose("bridge").reply == '"Blown," he says, again. "Since Tuesday."'
    assert engine.choose("street").reply == ""
    journal = engine.journal()
    assert [e.reply for e in journal] == [
        '"Blown," he says. "Since Tuesday."',
        '"Blown," he says, again. "Since Tuesday."',
        "",
        "",
    ]


@pytest.mark.parametrize(
    ("moves", "ending"),
    [
        (["report"], "praised"),
        (["lose", "report"], "ignored"),
        (["cross", "report"], "reprimanded"),
        (["lose", "cross", "report"], "reprimanded"),
    ],
)
def test_targets_example(moves: list[str], ending: str) -> None:
    engine = Engine.new_game(_story("targets"), seed=1)
    for move in moves:
        view = engine.choose(move)
    assert view.ending is not None and view.ending.id == ending


def test_flow_example() -> None:
    engine = Engine.new_game(_story("flow"), seed=1)
    view = engine.view()
    assert view.flow_on and [(c.id, c.text) for c in view.choices] == [("continue", "Continue")]
    view = engine.choose("continue")
    assert view.node_id == "dawn" and view.flow_on
    view = engine.choose("continue")
    assert view.node_id == "road" and view.ending is not None
    assert [(s.node, s.choice) for s in engine.state.path] == [
        ("night", "continue"),
        ("dawn", "continue"),
    ]
    engine.undo()
    assert engine.view().node_id == "dawn"


def test_effects_example() -> None:
    engine = Engine.new_game(_story("effects"), seed=1)
    engine.choose("draw")  # no bucket, no water: thirstier
    assert engine.state.vars["thirst"] == 3 and engine.state.inventory == []
    engine.choose("find")
    engine.choose("draw")  # the bucket gives water (and the block is checked once)
    assert engine.state.inventory == ["water"] and engine.state.vars["thirst"] == 3
    engine.choose("draw")  # water already: neither block applies
    assert engine.state.inventory == ["water"] and engine.state.vars["thirst"] == 3
    engine.choose("drink")
    assert engine.state.vars["thirst"] == 2  # on_enter, only when thirsty


def test_values_example() -> None:
    engine = Engine.new_game(_story("values"), seed=1)
    assert engine.view().text == "You have not ordered."
    view = engine.choose("tea")
    assert view.text == "You ordered tea."
    assert [c.id for c in view.available] == ["sip_tea"]
