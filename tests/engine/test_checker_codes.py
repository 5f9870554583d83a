"""Every checker code, on a fixture story under tests/fixtures/checker/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from elbe_game.engine import CODES, check_story

from ..conftest import FIXTURES, PROJECT

CASES = sorted(p for p in (FIXTURES / "checker").iterdir() if p.is_dir())


def _shown(d: object) -> str:
    file, line, column, code = (getattr(d, a) for a in ("file", "line", "column", "code"))
    return f"{Path(file).name}:{line}:{column}: {code}" if line else f".: {code}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_reports_exactly_its_problems(case: Path) -> None:
    report = check_story(case)
    expected = (case / "expected.txt").read_text().splitlines()
    assert [_shown(d) for d in report.diagnostics] == expected
    if expected:
        assert case.name.split("_")[0] in {line.rsplit(" ", 1)[-1] for line in expected}
    assert (report.story is None) == any(e.rsplit(" ", 1)[-1].startswith("E") for e in expected)


def test_every_code_has_a_fixture() -> None:
    covered = {c.name.split("_")[0] for c in CASES}
    assert set(CODES) <= covered


def test_every_code_is_documented() -> None:
    doc = (PROJECT / "docs" / "authoring.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([EW]\d{3})` \|", doc, re.MULTILINE))
    assert documented == set(CODES)


def test_messages_say_what_to_do() -> None:
    report = check_story(FIXTURES / "checker" / "E019_duplicate_choice")
    assert "give each an 'id:'" in report.diagnostics[0].message
    report = check_story(FIXTURES / "checker" / "E005_unknown_field")
    assert "did you mean 'choices'?" in report.diagnostics[0].message


def test_all_problems_at_once(write_story) -> None:
    root = write_story(
        {
            "story.yaml": """\
                story: {id: t, title: T, start: start}
                variables:
                  x: {type: int, default: 0}
                """,
            "a.yaml": """\
                nodes:
                  start:
                    title: Start
                    text: "{y}"
                    colour: red
                    choices:
                      - {text: Go, to: nowhere, if: "x >"}
                      - {text: Also, to: b, effects: {give: torch}}
                  b:
                    title: B
                    text: B.
                """,
            "b.yaml": "nodes:\n  c: {title: C, text: C., choices: [{text: back, to: start, once: maybe}]}\n",
        }
    )
    codes = sorted(d.code for d in check_story(root).errors)
    # the broken nodes are set aside; what is left is still checked
    assert codes == ["E005", "E006", "E018"]
    root = write_story(
        {
            "story.yaml": "story: {id: t, title: T, start: start}\nvariables: {x: {type: int, default: 0}}\n",
            "a.yaml": """\
                nodes:
                  start:
                    title: Start
                    text: "{y}"
                    choices:
                      - {text: Go, to: nowhere, if: "x >"}
                      - {text: Also, to: b, effects: {give: torch}}
                  b:
                    title: B
                    text: B.
                """,
        },
        folder="story2",
    )
    codes = sorted(d.code for d in check_story(root).errors)
    assert codes == ["E009", "E010", "E011", "E015", "E018"]
