"""The headless narrative engine: story format, loader, checker and runtime.

It never imports textual, rich or the UI (an import-linter contract and a test keep it
so); front ends talk to it through ``Engine`` and the plain ``*View`` dataclasses.
"""

from .diagnostics import CODES, Diagnostic
from .errors import (
    ChoiceUnavailableError,
    ElbeError,
    ExpressionError,
    NothingToUndoError,
    PlayError,
    StateError,
    StoryError,
    UnknownChoiceError,
)
from .format import story_schema
from .loader import CheckReport, check_story, load_story
from .model import Story
from .runtime import ChoiceView, EndingView, Engine, Header, JournalEntry, PassageView
from .state import GameState, Step
from .storymap import MapView, MarkerView, map_view

__all__ = [
    "CODES",
    "CheckReport",
    "ChoiceUnavailableError",
    "ChoiceView",
    "Diagnostic",
    "ElbeError",
    "EndingView",
    "Engine",
    "ExpressionError",
    "GameState",
    "Header",
    "JournalEntry",
    "MapView",
    "MarkerView",
    "NothingToUndoError",
    "PassageView",
    "PlayError",
    "StateError",
    "Step",
    "Story",
    "StoryError",
    "UnknownChoiceError",
    "check_story",
    "load_story",
    "map_view",
    "story_schema",
]
