"""The story's statistics: what ``check`` prints under its messages.

story_stats(story, files)   # nodes, choices, endings, words, reachable nodes...
word_count(text)            # the words a reader reads in a passage's source
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import Story
from .warnings import reachable

_TAG = re.compile(r"\{[^{}\n]*\}")
_WORD = re.compile(r"\w[\w'’-]*")


def word_count(text: str) -> int:
    """Words a reader reads: template tags such as {if ...} and {name} do not count."""
    return len(_WORD.findall(_TAG.sub(" ", text)))


def story_stats(
    story: Story | None, files: list[Path], reached: set[str] | None = None
) -> dict[str, int]:
    """``reached``: the reachable nodes, if worked out already."""
    if story is None:
        return {
            "files": len(files),
            "nodes": 0,
            "choices": 0,
            "endings": 0,
            "words": 0,
            "variables": 0,
            "items": 0,
            "history_notes": 0,
            "codex_entries": 0,
            "sources": 0,
            "reachable_nodes": 0,
        }
    nodes = story.nodes.values()
    return {
        "files": len(files),
        "nodes": len(story.nodes),
        "choices": sum(len(n.choices) for n in nodes if not n.flow),  # Continue is no choice
        "endings": sum(1 for n in nodes if n.ending is not None),
        "words": sum(word_count(n.text.source) for n in nodes),
        "variables": len(story.variables),
        "items": len(story.items),
        "history_notes": sum(1 for n in nodes if n.history is not None),
        "codex_entries": len(story.codex),
        "sources": len(story.sources),
        "reachable_nodes": len(reached if reached is not None else reachable(story)),
    }
