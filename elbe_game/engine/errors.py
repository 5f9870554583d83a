"""Every error the engine raises on purpose, in one tree.

    ElbeError
    ├── StoryError            the story could not be loaded; carries diagnostics
    ├── ExpressionError       an expression is outside the language (offset inside it)
    ├── PlayError             a request the current passage cannot honour
    │   ├── UnknownChoiceError
    │   ├── ChoiceUnavailableError
    │   └── NothingToUndoError
    ├── StateError            a state dict that does not fit the story
    └── SaveError             a save that cannot be written, read or used (.slot, .path)
        ├── SlotNameError     the name cannot be a slot
        ├── SaveNotFoundError no save under that name
        ├── DamagedSaveError  empty, cut short, not JSON, wrong shape, or does not fit
        ├── SaveVersionError  written by a newer version of the game
        ├── WrongStoryError   a save of another story
        ├── NodeGoneError     the saved passage is gone: load(..., fallback=True) resumes
        │                     at .fallback_node, the last passage on the path still there
        └── SaveIOError       the save folder is missing, read-only or full

Each carries enough to say where the problem is; the CLI and the UI turn it into one
clear message, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .diagnostics import Diagnostic


class ElbeError(Exception):
    """Base class of every error the game reports to a person. ``str(error)`` is a
    fragment ("the save 'x' is damaged: …") to fit into a sentence; ``sentence`` is the
    same as a sentence of its own."""

    @property
    def sentence(self) -> str:
        text = str(self)
        return f"{text[:1].upper()}{text[1:]}" + ("" if text.endswith((".", "?", "!")) else ".")


class StoryError(ElbeError):
    """The story has errors; ``diagnostics`` lists all of them."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        first = errors[0].format() if errors else "unknown problem"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"the story has errors: {first}{more}")


class ExpressionError(ElbeError):
    """An expression that is not in the language, or not well typed.

    ``offset`` is the 0-based character position inside the expression source;
    ``code`` is the checker code the problem is reported under.
    """

    def __init__(self, message: str, offset: int = 0, code: str = "E015") -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.code = code


class PlayError(ElbeError):
    """The player asked for something the current passage cannot do."""


class UnknownChoiceError(PlayError):
    def __init__(self, choice_id: str, node_id: str) -> None:
        super().__init__(f"there is no choice {choice_id!r} at {node_id!r}")
        self.choice_id = choice_id
        self.node_id = node_id


class ChoiceUnavailableError(PlayError):
    def __init__(self, choice_id: str, reason: str) -> None:
        super().__init__(f"choice {choice_id!r} is not available: {reason}")
        self.choice_id = choice_id
        self.reason = reason


class NothingToUndoError(PlayError):
    def __init__(self) -> None:
        super().__init__("nothing to undo: this is where the story starts")


class StateError(ElbeError):
    """A saved state that is damaged or does not fit this story; ``key`` names where."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(f"{key}: {message}" if key else message)
        self.key = key


class SaveError(ElbeError):
    """A save that cannot be written, read or used; ``slot`` and ``path`` say which."""

    def __init__(self, message: str, slot: str = "", path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.slot = slot
        self.path = path


class SlotNameError(SaveError):
    pass


class SaveNotFoundError(SaveError):
    pass


class DamagedSaveError(SaveError):
    pass


class SaveVersionError(SaveError):
    pass


class WrongStoryError(SaveError):
    pass


class SaveIOError(SaveError):
    pass


class NodeGoneError(SaveError):
    """The story no longer has the saved passage (``saved_title``). ``fallback_node``
    (and its title) is where ``SaveStore.load(..., fallback=True)`` would resume."""

    def __init__(
        self,
        message: str,
        fallback_node: str,
        fallback_title: str,
        saved_title: str = "",
        slot: str = "",
        path: Path | None = None,
    ) -> None:
        super().__init__(message, slot, path)
        self.saved_title = saved_title
        self.fallback_node = fallback_node
        self.fallback_title = fallback_title
