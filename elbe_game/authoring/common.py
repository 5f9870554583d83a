"""What every authoring command shares: opening a story, and the errors people cause."""

from __future__ import annotations

from pathlib import Path

from ..engine import Diagnostic, ElbeError, Story, check_story


class AuthoringError(ElbeError):
    """A problem a person caused, as one message (plus detail lines, e.g. diagnostics).
    The command exits with 1: the input has errors (a story folder or file that does
    not exist included; see cliargs.py for the rule)."""

    def __init__(self, message: str, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []


def open_story(story_dir: Path) -> Story:
    """The checked story in ``story_dir``, or AuthoringError with the checker's errors."""
    if not story_dir.exists():
        raise AuthoringError(f"no such story folder: {story_dir}")
    report = check_story(story_dir)
    if report.story is None:
        errors: list[Diagnostic] = report.errors
        noun = "error" if len(errors) == 1 else "errors"
        raise AuthoringError(
            f"the story in {story_dir} has {len(errors)} {noun}; fix them first "
            "(`elbe-game check` shows warnings too):",
            [d.format() for d in errors],
        )
    return report.story
