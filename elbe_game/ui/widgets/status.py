"""The side panel: the player's visible state and inventory (a ``StatusView``).

Numbers with a range get a bar of filled and empty blocks beside the number, so the
value reads without colour.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...engine import StatusView

BAR_WIDTH = 10


def bar(value: int, low: int, high: int, width: int = BAR_WIDTH) -> str:
    if high <= low:
        return ""
    filled = round((min(max(value, low), high) - low) / (high - low) * width)
    return "█" * filled + "░" * (width - filled)


class StatusPanel(Static):
    def show(self, status: StatusView) -> None:
        parts: list[Content | str | tuple[str, str]] = [("Status", "bold underline"), "\n"]
        for row in status.stats:
            parts += [(row.label, "bold"), "\n"]
            value = row.value
            if isinstance(value, bool):
                parts.append("  yes\n" if value else "  no\n")
            elif isinstance(value, int) and row.low is not None and row.high is not None:
                scale = f"/{row.high}" if row.low == 0 else f" ({row.low} to {row.high})"
                parts.append(f"  {bar(value, row.low, row.high)} {value}{scale}\n")
            else:
                parts.append(f"  {value}\n")
        parts += ["\n", ("Carrying", "bold underline"), "\n"]
        if status.items:
            parts += [f"• {name}\n" for name in status.items]
        else:
            parts.append("nothing\n")
        parts += [
            "\n",
            ("Codex ", "bold"),
            f"{status.codex[0]} of {status.codex[1]}\n",
            ("Endings ", "bold"),
            f"{status.endings[0]} of {status.endings[1]}",
        ]
        self.update(Content.assemble(*parts))
