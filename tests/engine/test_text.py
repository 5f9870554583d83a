"""Passage templates: substitution and conditional segments."""

from __future__ import annotations

import pytest

from elbe_game.engine import ExpressionError
from elbe_game.engine.text import compile_template

from .test_expressions import SCOPE, Ctx


def render(source: str, **values: object) -> str:
    return compile_template(source, SCOPE).render(Ctx(**values))


def test_substitution_and_literal_braces() -> None:
    assert render("Trust {trust}, route {route}, met {met}. {{not a tag}}") == (
        "Trust 3, route torgau, met true. {not a tag}"
    )
    assert render("{ trust + 1 }") == "4"


@pytest.mark.parametrize(
    ("trust", "expected"),
    [(9, "high"), (3, "middling"), (0, "low")],
)
def test_if_elif_else(trust: int, expected: str) -> None:
    source = "{if trust > 5}high{elif trust > 1}middling{else}low{end}"
    assert render(source, trust=trust) == expected


def test_nested_conditions_and_multiline() -> None:
    source = "A{if met}\nB{if has(flares)} C{end}\n{end}D"
    assert render(source) == "A\nB C\nD"
    assert render(source, met=False) == "AD"


def test_markup_like_text_is_left_alone() -> None:
    assert render("[bold]not markup[/] [link=x]") == "[bold]not markup[/] [link=x]"


@pytest.mark.parametrize(
    ("source", "fragment", "offset"),
    [
        ("a {trust", "not closed", 2),
        ("a } b", "without '{'", 2),
        ("{}", "empty {}", 0),
        ("{if trust > 1}x", "not closed", 0),
        ("{end}", "without a matching {if}", 0),
        ("{else}", "without a matching {if}", 0),
        ("{if}x{end}", "needs a condition", 1),
        ("{if met}x{else}y{elif met}z{end}", "after {else}", 16),
        ("{if trust}x{end}", "expected a bool", 4),
        ("ab {nope}", "unknown variable 'nope'", 4),
        ("{if met}x{elif}y{end}", "needs a condition", 10),
    ],
)
def test_errors_point_into_the_text(source: str, fragment: str, offset: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        compile_template(source, SCOPE)
    assert fragment in caught.value.message
    assert caught.value.offset == offset


def test_reads() -> None:
    template = compile_template("{trust} {if met}{route}{end}", SCOPE)
    assert template.reads == {"trust", "met", "route"}
