"""``elbe-game stats``: how big the story is, in total and per file (like ``inklecate -s``).

Words are the passage texts (as ``check`` counts them) plus the choice texts, replies,
history notes and ending timelines the player also reads; reading time assumes
``WORDS_PER_MINUTE``. The text source is counted, so ``{if}`` branches count in full.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import PurePath

from ..engine import Story
from ..engine.model import Node
from ..engine.stats import word_count

WORDS_PER_MINUTE = 200


@dataclass
class Counts:
    name: str
    words: int = 0
    nodes: int = 0
    choices: int = 0
    endings: int = 0
    variables: int = 0
    history_notes: int = 0

    @property
    def minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "reading_minutes": round(self.minutes, 1)}


def node_words(node: Node) -> int:
    choices = () if node.flow else node.choices  # a flow-on passage's Continue is the game's
    words = word_count(node.text.source)
    for choice in choices:
        words += word_count(choice.text.source)
        if choice.reply is not None:
            words += word_count(choice.reply.source)
    if node.history is not None:
        words += word_count(node.history.text)
    if node.ending is not None:
        timeline = node.ending.timeline
        words += sum(word_count(e.text) for e in (*timeline.story, *timeline.history))
    return words


def story_counts(story: Story) -> tuple[Counts, list[Counts]]:
    """(total, per file in file order)."""
    files: dict[str, Counts] = {}

    def of(file: str) -> Counts:
        return files.setdefault(file, Counts(PurePath(file).name))

    for node in story.nodes.values():
        counts = of(node.where.file)
        counts.nodes += 1
        counts.words += node_words(node)
        counts.choices += 0 if node.flow else len(node.choices)
        counts.endings += node.ending is not None
        counts.history_notes += node.history is not None
    for var in story.variables.values():
        of(var.where.file).variables += 1
    per_file = [files[f] for f in sorted(files)]
    return _sum("total", per_file), per_file


def _sum(name: str, parts: Iterable[Counts]) -> Counts:
    total = Counts(name)
    for p in parts:
        for key in ("words", "nodes", "choices", "endings", "variables", "history_notes"):
            setattr(total, key, getattr(total, key) + getattr(p, key))
    return total


def format_table(total: Counts, per_file: list[Counts]) -> list[str]:
    head = ("file", "words", "nodes", "choices", "endings", "vars", "history", "read")
    rows = [
        (
            c.name,
            str(c.words),
            str(c.nodes),
            str(c.choices),
            str(c.endings),
            str(c.variables),
            str(c.history_notes),
            f"{c.minutes:.0f} min" if c.minutes >= 1 else "<1 min",
        )
        for c in (*per_file, total)
    ]
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]

    def line(row: tuple[str, ...]) -> str:
        cells = [row[0].ljust(widths[0])] + [
            v.rjust(w) for v, w in zip(row[1:], widths[1:], strict=True)
        ]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    note = (
        "words: all a player reads (passages, choices, replies, history notes, endings' timelines); "
        "`check` counts passage text only"
    )
    return [line(head), rule, *(line(r) for r in rows[:-1]), rule, line(rows[-1]), "", note]
