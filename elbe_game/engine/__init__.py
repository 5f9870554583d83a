"""The headless narrative engine: story format, loader, checker, runtime and save format.

It never touches the file system beyond reading a story folder, and never imports
textual, rich, platformdirs, the host layer or a front end (import-linter contracts and
a test keep it so); front ends see it through ``Engine`` and the plain views.
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
from .runtime import Engine
from .state import GameState, Step
from .storymap import MapView, MarkerView, map_view
from .views import (
    ChoiceView,
    Citation,
    CodexView,
    EndingSummary,
    EndingView,
    Header,
    HistoryView,
    JournalEntry,
    PassageView,
    StatChange,
    StatusView,
    StatView,
)

__all__ = [
    "CODES",
    "CheckReport",
    "ChoiceUnavailableError",
    "ChoiceView",
    "Citation",
    "CodexView",
    "Diagnostic",
    "ElbeError",
    "EndingSummary",
    "EndingView",
    "Engine",
    "ExpressionError",
    "GameState",
    "Header",
    "HistoryView",
    "JournalEntry",
    "MapView",
    "MarkerView",
    "NothingToUndoError",
    "PassageView",
    "PlayError",
    "StatChange",
    "StatView",
    "StateError",
    "StatusView",
    "Step",
    "Story",
    "StoryError",
    "UnknownChoiceError",
    "check_story",
    "load_story",
    "map_view",
    "story_schema",
]
