"""What a move costs the front end's thread: the autosave written there (as the game did
before 0.2, and as plain text still does) against the autosave in the background.

    .venv/bin/python benchmarks/autosave.py [--moves 40] [--rounds 5]

Each round plays the same moves of the bundled story (a walkthrough's path) twice, once
with each kind of session, in alternating order, saving to a temporary folder on the
same disk; the time measured is that of ``session.choose`` alone, which is what a key
press waits for. Reported: the median per move of each, and the ratio. Not a test:
timing depends on the machine (and fsync on its disk).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from elbe_game.authoring.walkthrough import parse_walkthrough
from elbe_game.engine import load_story
from elbe_game.host.dirs import Folders, bundled_story_dir
from elbe_game.host.game import GameSession
from elbe_game.host.options import PlayOptions

ROOT = bundled_story_dir()


def moves(limit: int) -> list[str]:
    walk = parse_walkthrough(ROOT / "walkthroughs" / "oath_of_the_elbe.walk.yaml")
    return [step["choose"] for step in walk.steps if "choose" in step][:limit]


def play(background: bool, choices: list[str], story: object, folder: Path) -> list[float]:
    session = GameSession(
        PlayOptions(story_dir=ROOT, seed=1),
        Folders(saves=folder, config=folder / "config"),
        story=story,  # type: ignore[arg-type]
        background_saves=background,
    )
    session.open()
    session.new_game()
    times = []
    for choice in choices:
        started = time.perf_counter()
        session.choose(choice)
        times.append(time.perf_counter() - started)
    session.close()  # wait for the writer, outside the timing
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    story = load_story(ROOT)
    choices = moves(args.moves)
    inline: list[float] = []
    background: list[float] = []
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        for round_ in range(args.rounds):
            order = (False, True) if round_ % 2 == 0 else (True, False)
            for kind in order:
                folder = Path(tmp) / f"{round_}-{kind}"
                (background if kind else inline).extend(play(kind, choices, story, folder))
    a, b = statistics.median(inline), statistics.median(background)
    print(f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{len(choices)} moves x {args.rounds} rounds of the bundled story")
    print(f"autosave on the caller's thread: median {a * 1000:.2f} ms a move")
    print(f"autosave in the background:     median {b * 1000:.2f} ms a move")
    print(f"ratio: {a / b:.1f}x")


if __name__ == "__main__":
    main()
