"""What the player asked for on the command line, as one value every front end takes.

No game code here: the Textual app holds these before the story (and the engine) load.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["PlayOptions"]


@dataclass(frozen=True, slots=True)
class PlayOptions:
    story_dir: Path
    saves_dir: Path | None = None  # None: Folders.resolve decides
    seed: int | None = None
    player_name: str | None = None
    continue_game: bool = False  # --continue: resume the newest save
    load_slot: str | None = None  # --load NAME
    start_at: str | None = None  # --start-at NODE (authors)
    sets: tuple[str, ...] = ()  # --set NAME=VALUE (authors)
    dev: bool = False  # --dev: reload the story as it is edited
