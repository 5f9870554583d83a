"""The expression language: parsing, typing, evaluation, and nothing else ever raised."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from elbe_game.engine import ExpressionError
from elbe_game.engine.expressions import TYPE_OF, Scope, compile_expression, parse

SCOPE = Scope(
    variables={"trust": "int", "met": "bool", "route": "str", "miles": "int"},
    nodes={"strehla", "torgau"},
    items={"flares"},
)


class Ctx:
    def __init__(self, **values: object) -> None:
        self.vars = {"trust": 3, "met": True, "route": "torgau", "miles": 25, **values}
        self.rolled: list[tuple[int, int]] = []

    def visits(self, node: str) -> int:
        return 2 if node == "strehla" else 0

    def turns_since(self, node: str) -> int:
        return 4 if node == "strehla" else -1

    def has(self, item: str) -> bool:
        return item == "flares"

    def random(self, low: int, high: int) -> int:
        self.rolled.append((low, high))
        return high


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("1 + 2 - 4", -1),
        ("-trust", -3),
        ("- -trust", 3),
        ("trust >= 3 and met", True),
        ("trust > 3 or not met", False),
        ("not (trust == 3)", False),
        ("route == 'torgau'", True),
        ('route != "strehla"', True),
        ("route + '!'", "torgau!"),
        ("visited(strehla) and not visited(torgau)", True),
        ("visits(strehla) + visits('torgau')", 2),
        ("turns_since(strehla) - turns_since(torgau)", 5),
        ("has(flares)", True),
        ("true == (not false)", True),
        ("miles - 5 > trust + 10", True),
        ("'a\\'b' == \"a'b\"", True),
        ("1 < 2 == true", None),  # chained: rejected below
    ],
)
def test_evaluates(source: str, value: object) -> None:
    if value is None:
        with pytest.raises(ExpressionError, match="chained"):
            compile_expression(source, SCOPE)
        return
    assert compile_expression(source, SCOPE)(Ctx()) == value


@pytest.mark.parametrize(
    ("source", "code", "fragment", "offset"),
    [
        ("", "E015", "empty", 0),
        ("trust >", "E015", "found the end", 7),
        ("trust && met", "E015", "use 'and'", 6),
        ("trust || met", "E015", "use 'or'", 6),
        ("!met", "E015", "use 'not'", 0),
        ("trust = 3", "E015", "use '=='", 6),
        ("trust * 2", "E015", "only + and -", 6),
        ("1.5 > trust", "E015", "whole number", 0),
        ("'open", "E015", "not closed", 0),
        ("(trust > 1", "E015", "expected ')'", 10),
        ("trust > 1)", "E015", "unexpected ')'", 9),
        ("courage > 1", "E010", "unknown variable 'courage'", 0),
        ("strehla", "E010", "visited(strehla)", 0),
        ("flares", "E010", "has(flares)", 0),
        ("visited(berlin)", "E012", "unknown node 'berlin'", 8),
        ("has(rifle)", "E011", "unknown item 'rifle'", 4),
        ("visited(1)", "E016", "takes a node id", 8),
        ("visited()", "E016", "takes 1 argument", 0),
        ("explode(1)", "E015", "unknown function", 0),
        ("trust + met", "E016", "needs int", 8),
        ("trust < 'x'", "E016", "cannot compare int with str", 6),
        ("met < true", "E016", "not bool", 4),
        ("not trust", "E016", "needs bool", 4),
        ("random(1, 6) > 3", "E016", "effects only", 0),
        ("'a' - 'b'", "E016", "needs int", 0),
        ("'bad \\q escape'", "E015", "unknown escape", 5),
        ("€", "E015", "unexpected character", 0),
        ("(" * 100 + "1" + ")" * 100, "E015", "nested too deeply", 61),
    ],
)
def test_rejects_with_code_and_place(source: str, code: str, fragment: str, offset: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        compile_expression(source, SCOPE)
    assert caught.value.code == code
    assert fragment in caught.value.message
    assert caught.value.offset == offset


def test_condition_must_be_bool() -> None:
    with pytest.raises(ExpressionError, match="expected a bool expression, got int"):
        compile_expression("trust + 1", SCOPE, want="bool")


def test_random_in_effects_uses_the_context() -> None:
    effect_scope = Scope(SCOPE.variables, SCOPE.nodes, SCOPE.items, allow_random=True)
    ctx = Ctx()
    expr = compile_expression("trust + random(1, 6)", effect_scope, want="int")
    assert expr(ctx) == 9
    assert ctx.rolled == [(1, 6)]
    assert expr.stateful


def test_reads_are_recorded() -> None:
    expr = compile_expression("trust > 1 and (route == 'x' or visited(strehla))", SCOPE)
    assert expr.reads == {"trust", "route"}
    assert expr.stateful
    assert not compile_expression("trust > miles", SCOPE).stateful


def test_too_long_is_rejected() -> None:
    with pytest.raises(ExpressionError, match="longer than"):
        parse("1 + " * 1000 + "1")


def test_not_text_is_rejected() -> None:
    with pytest.raises(ExpressionError, match="must be text"):
        parse(5)  # type: ignore[arg-type]


ALPHABET = st.sampled_from(
    [
        *list("()+-<>=!&|,'\" \t\n_.*/\\"),
        "trust",
        "met",
        "route",
        "and",
        "or",
        "not",
        "true",
        "false",
        "visited",
        "has",
        "turns_since",
        "strehla",
        "flares",
        "1",
        "23",
        "x",
        "€",
    ]
)


CODES = {"E010", "E011", "E012", "E015", "E016"}
OTHER_TYPE = {"int": "bool", "bool": "str", "str": "int"}


def _error(source: str) -> tuple[str, int, str] | None:
    try:
        compile_expression(source, SCOPE)
    except ExpressionError as exc:
        return (exc.code, exc.offset, exc.message)
    return None


def _compiles_or_raises_the_typed_error(source: str) -> None:
    """What holds for every string: compile_expression returns an Expression or raises
    ExpressionError (any other exception fails the test)."""
    try:
        expr = compile_expression(source, SCOPE)
    except ExpressionError as exc:
        assert exc.code in CODES
        assert 0 <= exc.offset <= len(source)
        assert exc.message and str(exc) == exc.message
        # the error depends on the text alone, and its place is counted from the start
        # of the text: one space in front moves it by one (the empty case stays at 0)
        assert _error(source) == (exc.code, exc.offset, exc.message)
        moved = 0 if exc.message == "the expression is empty" else 1
        assert _error(" " + source) == (exc.code, exc.offset + moved, exc.message)
        return
    # what compiles evaluates to a value of its static type, the same value every time
    value = expr(Ctx())
    assert TYPE_OF[type(value)] == expr.type
    assert expr(Ctx()) == value
    assert expr.source == source
    assert expr.reads <= set(SCOPE.variables)
    assert compile_expression(" " + source, SCOPE, want=expr.type)(Ctx()) == value
    other = OTHER_TYPE[expr.type]
    with pytest.raises(ExpressionError) as wrong:
        compile_expression(source, SCOPE, want=other)
    assert (wrong.value.code, wrong.value.offset, wrong.value.message) == (
        "E016",
        0,
        f"expected a {other} expression, got {expr.type}",
    )


@settings(max_examples=600, deadline=None)
@given(st.lists(ALPHABET, max_size=25).map("".join))
def test_any_token_soup_compiles_or_raises_the_typed_error(source: str) -> None:
    _compiles_or_raises_the_typed_error(source)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_compiles_or_raises_the_typed_error(source: str) -> None:
    _compiles_or_raises_the_typed_error(source)


def _grammar_exprs() -> st.SearchStrategy[str]:
    """Texts built from the grammar's parts, so that many compile (about one in six) and
    the rest fail late, in parsing or typing: every operator and function, declared and
    undeclared names, strings with good and bad escapes."""
    string = st.lists(
        st.sampled_from(["a", " ", "'", "\\n", "\\t", "\\\\", "\\'", '\\"', "\\q"]),
        max_size=4,
    ).map(lambda parts: '"' + "".join(parts) + '"')
    leaf = st.one_of(
        string,
        st.sampled_from(
            [
                *("trust", "met", "route", "miles", "courage", "true", "false", "0", "7"),
                *("visited(strehla)", "visits(torgau)", "turns_since(strehla)", "has(flares)"),
                *("has(rifle)", "visited('torgau')", "visited(1)", "random(1, 6)", "strehla"),
            ]
        ),
    )
    operators = ["and", "or", "==", "!=", "<", "<=", ">", ">=", "+", "-"]
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(operators), inner).map(" ".join),
            inner.map(lambda e: f"not {e}"),
            inner.map(lambda e: f"-{e}"),
            inner.map(lambda e: f"({e})"),
        ),
        max_leaves=6,
    )


@settings(max_examples=400, deadline=None)
@given(_grammar_exprs())
def test_any_expression_of_the_grammar_compiles_or_raises_the_typed_error(source: str) -> None:
    _compiles_or_raises_the_typed_error(source)


def _int_exprs() -> st.SearchStrategy[str]:
    leaf = st.sampled_from(["trust", "miles", "1", "0", "42", "visits(strehla)"])
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-"]), inner).map(" ".join),
            inner.map(lambda e: f"-({e})"),
            inner.map(lambda e: f"({e})"),
        ),
        max_leaves=8,
    )


@settings(max_examples=200, deadline=None)
@given(_int_exprs(), st.sampled_from(["<", "<=", "==", "!=", ">", ">="]), _int_exprs())
def test_generated_well_typed_conditions_compile_and_agree_with_python(
    left: str, op: str, right: str
) -> None:
    source = f"{left} {op} {right}"
    expr = compile_expression(source, SCOPE, want="bool")
    python = source.replace("visits(strehla)", "2").replace("trust", "3").replace("miles", "25")
    assert expr(Ctx()) == eval(python)  # the test's own generated arithmetic, never story text
