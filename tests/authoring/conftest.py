"""Fixtures for the authoring tools: a parser built as cli.py builds it, fixture
stories, and a generator for large stories."""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from elbe_game.authoring.commands import add_commands, run_command

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SAMPLE = HERE.parent / "fixtures" / "sample"
BROKEN = FIXTURES / "broken"
LOOPING = FIXTURES / "looping"
DICE = FIXTURES / "dice"
WALKS = FIXTURES / "walks"

Run = Callable[..., tuple[int | None, str, str]]


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="elbe-game")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("check")  # one of cli.py's own, to show run_command leaves it alone
    add_commands(sub)
    return parser


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """run("playtest", "DIR", ...) -> (exit code, stdout, stderr)."""

    def _run(*argv: str | Path) -> tuple[int | None, str, str]:
        args = make_parser().parse_args([str(a) for a in argv])
        code = run_command(args)
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    target = tmp_path / "sample"
    shutil.copytree(SAMPLE, target)
    return target


def write_generated_story(root: Path, nodes: int = 1000) -> Path:
    """A story of ``nodes`` nodes: g0 -> g1 -> ..., a conditional jump of two, an ending
    every hundred nodes, one int variable. Every node is reachable."""
    root.mkdir(parents=True, exist_ok=True)
    lines = [
        "story: {id: generated, title: Generated, start: g0}",
        "variables:",
        "  score: {type: int, default: 0, min: 0, max: 5, visible: true, label: Score}",
        "nodes:",
    ]
    for i in range(nodes):
        lines += [f"  g{i}:", f"    title: Node {i}", f"    text: Passage {i}. Score {{score}}."]
        if i % 100 == 99 or i == nodes - 1:
            lines += [f"    ending: {{id: end_{i}, title: End {i}}}"]
            continue
        lines += [
            "    choices:",
            f"      - {{text: Step on, to: g{i + 1}, effects: {{add: {{score: 1}}}}}}",
        ]
        if i + 2 < nodes:
            lines += [
                f"      - {{text: Jump, to: g{i + 2}, if: score >= 2, "
                "effects: {add: {score: -2}}}",
            ]
    (root / "story.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root
