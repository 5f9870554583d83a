"""Checker diagnostics: one problem, where it is, under a stable code.

Codes never change meaning once published; docs/authoring.md lists them all and a
test keeps that list and ``CODES`` in step.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]

#: code -> (severity, short name). The short name is for people skimming output.
CODES: dict[str, tuple[Severity, str]] = {
    "E001": ("error", "yaml-syntax"),
    "E002": ("error", "not-utf8"),
    "E003": ("error", "forbidden-tag"),
    "E004": ("error", "duplicate-key"),
    "E005": ("error", "unknown-field"),
    "E006": ("error", "wrong-type"),
    "E007": ("error", "missing-field"),
    "E008": ("error", "duplicate-id"),
    "E009": ("error", "unknown-target"),
    "E010": ("error", "unknown-variable"),
    "E011": ("error", "unknown-item"),
    "E012": ("error", "unknown-node"),
    "E013": ("error", "unknown-codex"),
    "E014": ("error", "unknown-source"),
    "E015": ("error", "expression-syntax"),
    "E016": ("error", "expression-type"),
    "E017": ("error", "missing-start"),
    "E018": ("error", "dead-end"),
    "E019": ("error", "duplicate-choice"),
    "E020": ("error", "manifest"),
    "E021": ("error", "bad-range"),
    "E022": ("error", "ending-with-choices"),
    "E023": ("error", "bad-id"),
    "E024": ("error", "no-story-files"),
    "E025": ("error", "map"),
    "E026": ("error", "language"),
    "E027": ("error", "flow-on"),
    "E028": ("error", "flow-loop"),
    "E029": ("error", "bad-value"),
    "W101": ("warning", "unreachable-node"),
    "W102": ("warning", "unused-variable"),
    "W103": ("warning", "never-set"),
    "W104": ("warning", "unreachable-ending"),
    "W105": ("warning", "no-fallback"),
    "W106": ("warning", "empty-text"),
    "W107": ("warning", "codex-never-unlocked"),
    "W108": ("warning", "item-never-given"),
    "W109": ("warning", "map-place-no-passage"),
    "W110": ("warning", "reason-without-condition"),
    "W111": ("warning", "given-again"),
    "W112": ("warning", "undecided-choices"),
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    file: str
    line: int  # 1-based; 0 when the problem belongs to no line (e.g. a missing file)
    column: int  # 1-based
    code: str
    message: str

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    @property
    def name(self) -> str:
        return CODES[self.code][1]

    def format(self) -> str:
        where = self.file if self.line == 0 else f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.code} {self.message}"

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity
        return data


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.file, d.line, d.column, d.code)
