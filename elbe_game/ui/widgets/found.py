"""The endings found so far, one line each: shown in the gallery and after an ending."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from ...engine import EndingSummary

KINDS = {"historical": "historical", "alternate": "alternate-history", "neutral": ""}
"""An ending's kind as the player reads it ("" for a neutral ending: no label)."""


def found_list(endings: Sequence[EndingSummary], current: str | None = None) -> Content:
    """One line per ending: ✓ and its title when found, ? and the story's hint (if it
    gives one) when not."""
    count = sum(1 for ending in endings if ending.found)
    lines = [Content.assemble(("Endings found so far: ", "bold"), f"{count} of {len(endings)}")]
    for ending in endings:
        if ending.found:
            kind = KINDS.get(ending.kind, ending.kind)
            line = Content.assemble("  ✓ ", (ending.title, "bold"), f"  ({kind})" if kind else "")
            if ending.id == current:
                line = Content.assemble(line, ("  ◀ this one", "italic"))
        elif ending.hint:
            line = Content.assemble("  ? ", ("not found yet: ", "italic"), (ending.hint, "italic"))
        else:
            line = Content.assemble("  ? ", ("not found yet", "italic"))
        lines.append(line)
    return Content("\n").join(lines)
