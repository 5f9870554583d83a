"""Safe YAML reading: tags, duplicate keys, encodings, YAML 1.2 scalars, positions."""

from __future__ import annotations

import pytest
import yaml

from elbe_game.engine.yamlsrc import parse_file


def parse(text: str | bytes):
    raw = text.encode() if isinstance(text, str) else text
    return parse_file("f.yaml", raw)


def codes(source) -> list[str]:
    return [d.code for d in source.diagnostics]


def test_uses_libyaml() -> None:
    assert yaml.__with_libyaml__


def test_plain_data_and_positions() -> None:
    src = parse("a:\n  b: [1, two, true]\n  c: {d: null}\n")
    assert src.data == {"a": {"b": [1, "two", True], "c": {"d": None}}}
    assert src.values[("a", "b", 1)] == (2, 10)
    assert src.keys[("a", "c")] == (3, 3)
    assert src.where(("a", "c", "d", "missing")) == (3, 10)


def test_yaml_12_scalars() -> None:
    src = parse(
        "a: no\nb: yes\nc: on\nd: 11:30\ne: 1945-04-25\nf: 0x1F\ng: 1_000\nh: 2.5\ni: TRUE\n"
    )
    assert src.data == {
        "a": "no",
        "b": "yes",
        "c": "on",
        "d": "11:30",
        "e": "1945-04-25",
        "f": 31,
        "g": 1000,
        "h": 2.5,
        "i": True,
    }


def test_python_tags_are_refused() -> None:
    for doc in (
        "a: !!python/object/apply:os.system ['echo hi']\n",
        "a: !!python/name:os.system\n",
        "a: !custom thing\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x: null}\n",
    ):
        src = parse(doc)
        assert codes(src) == ["E003"], doc
        assert src.diagnostics[0].line == 1


def test_duplicate_keys_anywhere() -> None:
    src = parse("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert [(d.code, d.line) for d in src.diagnostics] == [("E004", 4), ("E004", 5)]
    assert "first defined at line 3" in src.diagnostics[0].message


def test_not_utf8_names_the_byte() -> None:
    src = parse(b"a: 1\nb: caf\xe9\n")
    assert codes(src) == ["E002"]
    assert (src.diagnostics[0].line, src.diagnostics[0].column) == (2, 7)
    assert "0xe9" in src.diagnostics[0].message


def test_bom_is_fine() -> None:
    assert parse(b"\xef\xbb\xbfa: 1\n").data == {"a": 1}


def test_syntax_error_has_position() -> None:
    src = parse("a: [1, 2\nb: 3\n")
    assert codes(src) == ["E001"]
    assert src.diagnostics[0].line == 2


def test_merge_keys_and_complex_keys_are_refused() -> None:
    assert codes(parse("base: &b {x: 1}\nother:\n  <<: *b\n")) == ["E003"]
    assert codes(parse("? [a, b]\n: 1\n")) == ["E006"]


def test_alias_bomb_is_stopped() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    src = parse("\n".join(lines) + "\n")
    assert "too many values" in src.diagnostics[0].message


def test_multiple_documents_are_a_syntax_error() -> None:
    assert codes(parse("a: 1\n---\nb: 2\n")) == ["E001"]


def test_text_positions_in_block_and_quoted_scalars() -> None:
    src = parse('a: |\n  first line\n  second {x}\nb: "one {y}"\nc: plain {z}\n')
    value = src.data["a"]
    assert src.text_position(("a",), value.index("{x}")) == (3, 10)
    assert src.text_position(("b",), 4) == (4, 9)
    assert src.text_position(("c",), 6) == (5, 10)


def test_text_positions_in_a_block_with_an_indentation_indicator() -> None:
    # the block's lines start with spaces of their own; |2 says where its indentation ends
    src = parse("m:\n  d: |2\n     N   x\n      y\n")
    value = src.data["m"]["d"]
    assert value == " N   x\n  y\n"
    assert src.text_position(("m", "d"), value.index("x")) == (3, 10)
    assert src.text_position(("m", "d"), value.index("y")) == (4, 7)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("nodes:\n\ta: 1\n", "line 2 is indented with a tab: YAML indents with spaces only"),
        (
            "nodes:\n  a:\n    text: He said: go now\n",
            "a ': ' inside unquoted text starts a new key: put the whole text in quotes",
        ),
        (
            "nodes:\n  a:\n    text: {if x}a{end}\n",
            "a value that starts with '{' is a YAML mapping: to write text that starts with "
            "{if ...} or {name}, put the whole value in quotes",
        ),
        (
            'nodes:\n  a:\n    choices:\n      - if: "route" == x\n',
            'a value that starts with " ends at the next ": for an expression such as '
            '"text" == name, put the whole value in \' quotes',
        ),
    ],
)
def test_beginners_traps_get_a_hint(text: str, hint: str) -> None:
    [problem] = parse_file("f.yaml", text.encode()).diagnostics
    assert problem.code == "E001"
    assert hint in problem.message


def test_a_plain_syntax_error_gets_no_trap_hint() -> None:
    [problem] = parse_file("f.yaml", b"nodes:\n  a: [1, 2\n").diagnostics
    assert "tab" not in problem.message and "quotes" not in problem.message


@pytest.mark.parametrize(
    ("node", "hint"),
    [
        (
            "{title: A, text: A., choices: [{text: Go, to: a, once: yes}]}",
            "write true or false (in story files yes, no, on and off are text)",
        ),
        (
            "\n    title: A\n    text: {trust}\n    choices: [{text: Go, to: a}]",
            "a value that starts with '{' is a YAML mapping: put the whole text in quotes",
        ),
    ],
)
def test_wrong_types_from_yaml_habits_get_a_hint(write_story, node: str, hint: str) -> None:
    from elbe_game.engine import check_story

    root = write_story(
        {
            "story.yaml": "story: {id: t, title: T, start: a}\nvariables: {trust: {type: int, default: 0}}\nnodes:\n  a: "
            + node
            + "\n"
        }
    )
    [problem] = check_story(root).errors
    assert problem.code == "E006" and hint in problem.message
