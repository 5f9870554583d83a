"""Every function and operator of the expression language, by behaviour, against a
real game's state: each value a test names could only come out of the right meaning
(``visited`` is "at least once", not "twice"; ``and`` is not ``or``)."""

from __future__ import annotations

import itertools

import pytest

from elbe_game.engine import Engine, load_story
from elbe_game.engine.expressions import Scope, compile_expression

STORY = """\
    story: {id: ops, title: Ops, start: a}
    variables:
      n: {type: int, default: 0}
      p: {type: bool, default: false}
      q: {type: bool, default: false}
      s: {type: str, default: ""}
    items:
      key: {name: Key}
    nodes:
      a:
        title: A
        text: A.
        choices:
          - {text: To b, to: b}
          - {text: Key, to: a, id: key, effects: {give: key}}
      b:
        title: B
        text: B.
        choices:
          - {text: To a, to: a}
          - {text: To c, to: c}
      c: {title: C, text: C., ending: {id: c, title: C}}
    """


@pytest.fixture
def engine(write_story) -> Engine:
    return Engine.new_game(load_story(write_story({"story.yaml": STORY})), seed=1)


def value(engine: Engine, source: str, effects: bool = False) -> object:
    story = engine.story
    scope = Scope(
        {k: v.type for k, v in story.variables.items()},
        set(story.nodes),
        set(story.items),
        allow_random=effects,
    )
    return compile_expression(source, scope)(engine.state)


def test_visited_is_at_least_once(engine: Engine) -> None:
    assert value(engine, "visited(a)") is True  # the start counts as visited
    assert value(engine, "visited(b)") is False
    engine.choose("b")
    assert value(engine, "visited(b)") is True  # once is enough
    assert value(engine, "visited(c)") is False


def test_visits_counts_every_entry(engine: Engine) -> None:
    assert [value(engine, f"visits({n})") for n in "abc"] == [1, 0, 0]
    engine.choose("b")
    engine.choose("a")
    engine.choose("b")
    assert [value(engine, f"visits({n})") for n in "abc"] == [2, 2, 0]


def test_turns_since_counts_moves_since_the_last_entry(engine: Engine) -> None:
    assert value(engine, "turns_since(a)") == 0  # while there
    assert value(engine, "turns_since(b)") == -1  # never
    engine.choose("b")
    assert (value(engine, "turns_since(a)"), value(engine, "turns_since(b)")) == (1, 0)
    engine.choose("a")
    engine.choose("key")
    assert (value(engine, "turns_since(a)"), value(engine, "turns_since(b)")) == (0, 2)


def test_has_asks_the_inventory(engine: Engine) -> None:
    assert value(engine, "has(key)") is False
    engine.choose("key")
    assert value(engine, "has(key)") is True


def test_random_is_inclusive_seeded_and_advances(engine: Engine) -> None:
    rolls = [value(engine, "random(1, 3)", effects=True) for _ in range(300)]
    assert set(rolls) == {1, 2, 3}
    assert value(engine, "random(5, 5)", effects=True) == 5
    assert {value(engine, "random(4, 2)", effects=True) for _ in range(100)} == {2, 3, 4}
    engine.state.rng = engine.state.seed
    again = [value(engine, "random(1, 3)", effects=True) for _ in range(300)]
    assert again == rolls


@pytest.mark.parametrize(("p", "q"), list(itertools.product([False, True], repeat=2)))
def test_logic_truth_tables(engine: Engine, p: bool, q: bool) -> None:
    engine.state.vars.update(p=p, q=q)
    assert value(engine, "p and q") is (p and q)
    assert value(engine, "p or q") is (p or q)
    assert value(engine, "not p") is (not p)
    assert value(engine, "not p and q") is ((not p) and q)  # not binds tighter
    assert value(engine, "q or p and not q") is (q or (p and not q))  # and before or
    assert value(engine, "p == q") is (p == q)
    assert value(engine, "p != q") is (p != q)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_comparisons_on_each_side_of_a_number(engine: Engine, n: int) -> None:
    engine.state.vars["n"] = n
    assert [value(engine, f"n {op} 3") for op in ("==", "!=", "<", "<=", ">", ">=")] == [
        n == 3,
        n != 3,
        n < 3,
        n <= 3,
        n > 3,
        n >= 3,
    ]
    assert [value(engine, f"3 {op} n") for op in ("<", ">")] == [n > 3, n < 3]


def test_arithmetic_and_text(engine: Engine) -> None:
    engine.state.vars.update(n=7, s="Elbe")
    assert value(engine, "n + 2") == 9
    assert value(engine, "n - 2") == 5
    assert value(engine, "2 - n") == -5
    assert value(engine, "-n") == -7
    assert value(engine, "- -n") == 7
    assert value(engine, "n - 2 - 1") == 4  # left to right
    assert value(engine, "s + ' 1945'") == "Elbe 1945"
    assert value(engine, "s == 'Elbe'") is True
    assert value(engine, "s < 'Oder'") is True and value(engine, "s > 'Oder'") is False
