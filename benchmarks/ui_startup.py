"""Start-up time of the title screen against a bare Textual app, in a real terminal.

    .venv/bin/python benchmarks/ui_startup.py [--runs 7] [--story tests/fixtures/sample]

Each run starts a fresh tmux session (100x30) with one program and polls the pane
until a marker appears: "READY" for a bare Textual app that shows one Static, "New
game" for our title screen, started two ways: through ``make_app`` alone (what the UI
costs) and through ``elbe-game play`` (what the player waits for, CLI included). The two are run alternately, in the same session of this
script, so that disk caches and machine load affect both alike. The goal (issue "UI"):
our median is within 1.3x of the bare app's. Not a test: timing depends on the machine.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("READY")

Bare().run()
"""

FACTORY = """
import sys
from pathlib import Path
from elbe_game.host.options import PlayOptions
from elbe_game.ui.app import make_app
make_app(PlayOptions(story_dir=Path(sys.argv[1]))).run()
"""


def measure(command: str, marker: str, env: dict[str, str], timeout: float = 20.0) -> float:
    """Seconds from starting ``command`` in a new tmux pane until ``marker`` shows."""
    name = f"elbe-bench-{os.getpid()}"
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, check=False)
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    started = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "100", "-y", "30", f"{exports} {command}"],
        check=True,
    )
    try:
        while time.perf_counter() - started < timeout:
            pane = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            if marker in pane:
                return time.perf_counter() - started
            time.sleep(0.005)
        raise TimeoutError(f"{marker!r} did not appear within {timeout}s: {command}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--story", type=Path, default=ROOT / "tests" / "fixtures" / "sample")
    args = parser.parse_args()
    python = shlex.quote(sys.executable)
    with tempfile.TemporaryDirectory() as config:
        env = {"ELBE_GAME_CONFIG_DIR": config, "TERM": os.environ.get("TERM", "xterm-256color")}
        story = shlex.quote(str(args.story.resolve()))
        commands = {
            "bare Textual app": (f"{python} -c {shlex.quote(BARE)}", "READY"),
            "title, make_app": (f"{python} -c {shlex.quote(FACTORY)} {story}", "New game"),
            "title, elbe-game": (f"{python} -m elbe_game play --story {story}", "New game"),
        }
        for command, marker in commands.values():
            measure(command, marker, env)  # warm the caches once, uncounted
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (command, marker) in commands.items():
                times[name].append(measure(command, marker, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    bare = medians["bare Textual app"]
    worst = 0.0
    for name, values in times.items():
        ratio = medians[name] / bare
        worst = max(worst, ratio)
        print(
            f"{name:<17}: median {medians[name] * 1000:5.0f} ms  ratio {ratio:4.2f}  runs {_ms(values)}"
        )
    print(f"goal: every ratio at most 1.30; worst {worst:.2f}")
    return 0 if worst <= 1.3 else 1


def _ms(values: list[float]) -> str:
    return " ".join(f"{v * 1000:.0f}" for v in values)


if __name__ == "__main__":
    raise SystemExit(main())
