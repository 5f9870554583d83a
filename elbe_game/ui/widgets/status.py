"""The side panel: the player's visible state, what each part of it means, the items
carried and the progress (a ``StatusView``).

Numbers with a range get a bar of filled and empty blocks beside the number, so the
value reads without colour; a range that runs below zero is drawn from zero (``│``
marks it), so that 0 of -5..10 looks empty, not a third full. Wrapped lines hang under
their first word.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ...engine import StatusView, StatView

BAR_WIDTH = 10


def bar(value: int, low: int, high: int, width: int = BAR_WIDTH) -> str:
    """``value`` in ``low``..``high`` as blocks: filled from the low end, or from zero
    (marked ``│``) when the range runs below it."""
    if high <= low:
        return ""
    value = min(max(value, low), high)
    if low >= 0:
        filled = round((value - low) / (high - low) * width)
        return "█" * filled + "░" * (width - filled)
    cells = width + 1  # one more: the zero mark
    zero = round(-low / (high - low) * width)
    at = round((value - low) / (high - low) * width)
    out = []
    for i in range(cells):
        if i == zero:
            out.append("│")
            continue
        cell = i if i < zero else i - 1  # the cells on either side of the mark
        lit = at <= cell < zero if value < 0 else zero <= cell < at
        out.append("█" if lit else "░")
    return "".join(out)


def _hanging(marker: str, text: str, style: str = "") -> Table:
    grid = Table.grid()
    grid.add_column(width=len(marker), no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(marker), Text(text, style=style))
    return grid


def _value(stat: StatView) -> str:
    value = stat.value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) and stat.low is not None and stat.high is not None:
        scale = f"/{stat.high}" if stat.low == 0 else f" ({stat.low} to {stat.high})"
        return f"{bar(value, stat.low, stat.high)} {value}{scale}"
    return str(value)


class StatusPanel(Static):
    def show(self, status: StatusView) -> None:
        parts: list[RenderableType] = [Text("Status", style="bold underline")]
        for stat in status.stats:
            parts.append(Text(stat.label, style="bold"))
            parts.append(_hanging("  ", _value(stat)))
            if stat.description:
                parts.append(_hanging("  ", stat.description, "italic dim"))
        parts += [Text(""), Text("Carrying", style="bold underline")]
        if status.items:
            parts += [_hanging("• ", name) for name in status.items]
        else:
            parts.append(Text("nothing"))
        parts += [
            Text(""),
            Text.assemble(("Codex ", "bold"), f"{status.codex[0]} of {status.codex[1]}"),
            Text.assemble(("Endings ", "bold"), f"{status.endings[0]} of {status.endings[1]}"),
        ]
        self.update(Group(*parts))
