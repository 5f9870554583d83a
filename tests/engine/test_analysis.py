"""The checker's static analysis: no false W105, the real ones found with an example,
and reachability that sees conditions which can never hold."""

from __future__ import annotations

import pytest

from elbe_game.engine import check_story, load_story
from elbe_game.engine.analysis import OTHER, Facts, Undecided

HEAD = """\
story: {id: an, title: An, start: start, language: 2}
variables:
  c: {type: bool, default: false}
  trust: {type: int, default: 0, min: -5, max: 10}
  mood: {type: str, default: calm, values: [calm, cross, sad]}
  route: {type: str, default: ""}
  count: {type: int, default: 0}
items:
  lamp: {name: Lamp}
nodes:
  start:
    title: Start
    text: "{c} {trust} {mood} {route} {count} {if has(lamp)}lamp{end}"
    choices:
      - {text: Toggle, to: start, id: toggle, effects: {set: {c: "not c"}}}
      - {text: Trust, to: start, id: up, effects: {add: {trust: 1}}}
      - {text: Cross, to: start, id: cross, effects: {set: {mood: "'cross'"}}}
      - {text: Sad, to: start, id: sad, effects: {set: {mood: "'sad'"}}}
      - {text: Route, to: start, id: route, effects: {set: {route: "'torgau'"}}}
      - {text: Count, to: start, id: count, effects: {add: {count: 1}}}
      - {text: Lamp, to: start, id: lamp, effects: {give: lamp}}
      - {text: Drop, to: start, id: drop, effects: {take: lamp}}
      - {text: On, to: test}
  done: {title: Done, text: Done., ending: {id: done, title: Done}}
"""


def _warnings(write_story, conditions: list[str], extra: str = "") -> list[str]:
    choices = "\n".join(
        f"      - {{text: Go {i}, to: done, id: go{i}, if: '{cond}'}}"
        for i, cond in enumerate(conditions)
    )
    text = HEAD + f"  test:\n    title: Test\n    text: T.\n    choices:\n{choices}\n" + extra
    root = write_story({"story.yaml": text})
    report = check_story(root)
    assert report.errors == []
    return [f"{d.code} {d.message}" for d in report.warnings]


@pytest.mark.parametrize(
    "conditions",
    [
        ["c", "not c"],
        ["trust < 3", "trust >= 3"],
        ["trust <= 2", "3 <= trust"],
        ['mood == "calm"', 'mood == "cross"', 'mood == "sad"'],
        ['mood != "calm"', 'mood == "calm"'],
        ["has(lamp)", "not has(lamp)"],
        ["visited(test) and c", "not c"],  # the passage being read is always visited
        ["c and trust > 2", "c and trust <= 2", "not c"],
        ['route == "torgau"', 'route != "torgau"'],
        ['route == ""', 'route == "torgau"'],  # the only values it is ever given
        ["count >= 0"],  # count is only ever added to from 0... but has no min: see below
        ["trust > -6"],  # the whole range
    ],
)
def test_no_false_w105(write_story, conditions: list[str]) -> None:
    found = _warnings(write_story, conditions)
    if conditions == ["count >= 0"]:
        # count has no min, and 'add' may be negative in general: -1 is possible
        assert found == [
            "W105 every choice of 'test' can be unavailable and none is a fallback: the "
            "player could be stuck (for example when count = -1)"
        ]
    else:
        assert found == []


@pytest.mark.parametrize(
    ("conditions", "example"),
    [
        (["trust < 3", "trust > 3"], "trust = 3"),
        (['mood == "calm"', 'mood == "cross"'], 'mood = "sad"'),
        (["c and has(lamp)", "not c and not has(lamp)"], "has(lamp) = false, c = true"),
        (["trust > 9"], "trust = -5"),
    ],
)
def test_real_w105_names_an_example(write_story, conditions: list[str], example: str) -> None:
    assert _warnings(write_story, conditions) == [
        "W105 every choice of 'test' can be unavailable and none is a fallback: the player "
        f"could be stuck (for example when {example})"
    ]


def test_a_fallback_that_can_fail_is_still_a_w105(write_story) -> None:
    text = (
        HEAD
        + """  test:
    title: Test
    text: T.
    choices:
      - {text: Go, to: done, if: c}
      - {text: Else, to: done, id: other, fallback: true, if: trust > 0}
"""
    )
    root = write_story({"story.yaml": text})
    [w] = check_story(root).warnings
    assert w.code == "W105"
    assert "every choice, the fallback too, of 'test'" in w.message
    assert "c = false, trust = -5" in w.message


def test_once_only_choices_count_only_when_the_passage_comes_back(write_story) -> None:
    once = (
        HEAD
        + """  test:
    title: Test
    text: T.
    choices:
      - {text: Ask, to: asked, once: true}
      - {text: Go, to: done, if: c}
  asked: {title: Asked, text: A., choices: [{text: Back, to: test}]}
"""
    )
    root = write_story({"story.yaml": once})
    [w] = check_story(root).warnings
    assert w.code == "W105" and "c = false, 'asked' was taken before" in w.message
    # when the choice's way never leads back, it is always there on the one visit
    root = write_story({"story.yaml": once.replace("to: test}]", "to: done}]")}, folder="b")
    assert check_story(root).warnings == []


def test_undecided_is_said_not_guessed(write_story) -> None:
    found = _warnings(write_story, ["count - trust > 2", "count + trust < 1"])
    assert found == [
        "W112 the checker cannot tell whether 'test' always offers a choice (count is used "
        "in arithmetic and has no small range): add a fallback choice, or run playtest"
    ]
    # with a small range the arithmetic is tried whole, and found covering
    assert _warnings(write_story, ["trust + trust > 2", "trust + trust <= 2"]) == []


@pytest.mark.parametrize(
    ("condition", "reachable"),
    [
        ("trust > 10", False),  # beyond its max
        ("trust > 9", True),
        ('route == "strehla"', False),  # never set to that
        ('route == "torgau"', True),
        ("has(lamp) and not visited(start)", False),  # the start is always visited
        ("visited(nowhere)", False),  # a node no way reaches
        ("visited(test)", True),
    ],
)
def test_reachability_sees_conditions_that_never_hold(
    write_story, condition: str, reachable: bool
) -> None:
    text = (
        HEAD
        + f"""  test:
    title: Test
    text: T.
    choices:
      - {{text: Go, to: done}}
      - {{text: Hidden, to: hidden, if: '{condition}'}}
  hidden: {{title: Hidden, text: H., choices: [{{text: Out, to: done}}]}}
  nowhere: {{title: Nowhere, text: N., choices: [{{text: Out, to: done}}]}}
"""
    )
    root = write_story({"story.yaml": text})
    report = check_story(root)
    unreachable = {d.message.split("'")[1] for d in report.warnings if d.code == "W101"}
    assert ("hidden" not in unreachable) is reachable
    assert "nowhere" in unreachable
    assert report.story is not None
    assert ("hidden" in Facts(report.story).reachable) is reachable


def test_a_computed_target_arm_after_one_that_always_holds_is_never_taken(write_story) -> None:
    text = (
        HEAD
        + """  test:
    title: Test
    text: T.
    choices:
      - text: Go
        id: go
        to:
          - {if: trust >= -5, to: done}
          - {to: hidden}
  hidden: {title: Hidden, text: H., choices: [{text: Out, to: done}]}
"""
    )
    story = load_story(write_story({"story.yaml": text}))
    assert "hidden" not in Facts(story).reachable


def test_candidates_decide_every_comparison(write_story) -> None:
    story = load_story(
        write_story(
            {"story.yaml": HEAD + "  test: {title: T, text: T., choices: [{text: Go, to: done}]}\n"}
        )
    )
    facts = Facts(story)
    assert facts._candidates(("var", "trust"), {3}, False, None) == [-5, 2, 3, 4, 10]
    assert facts._candidates(("var", "route"), {"x"}, False, None) == ["", "torgau"]
    assert facts._candidates(("var", "mood"), set(), False, None) == ["calm", "cross", "sad"]
    assert facts._candidates(("has", "lamp"), set(), False, None) == [False, True]
    with pytest.raises(Undecided):
        facts._candidates(("var", "count"), {1}, True, None)
    assert OTHER not in facts._candidates(("var", "route"), {"x"}, False, None)
