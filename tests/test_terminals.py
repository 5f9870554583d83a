"""Where plain text is chosen without --plain, and pipes that close early."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

from .conftest import PROJECT, SAMPLE


def _in_a_terminal(env: dict[str, str], stdin: bytes, seconds: float = 20.0) -> str:
    """Run `elbe-game play` with a pseudo-terminal as its stdin and stdout; return what
    it wrote there (stderr included)."""
    main, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "elbe_game", "play", "--story", str(SAMPLE)],
        stdin=child,
        stdout=child,
        stderr=child,
        cwd=PROJECT,
        env=env,
        close_fds=True,
    )
    os.close(child)
    os.write(main, stdin)
    out = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=10)
    os.close(main)
    return out.decode("utf-8", "replace")


def test_term_dumb_plays_plain_text_and_says_so(tmp_path) -> None:
    env = {
        **os.environ,
        "TERM": "dumb",
        "ELBE_GAME_SAVES_DIR": str(tmp_path / "saves"),
        "ELBE_GAME_CONFIG_DIR": str(tmp_path / "config"),
    }
    env.pop("TEXTUAL_DRIVER", None)
    out = _in_a_terminal(env, b"quit\n")
    assert "elbe-game: TERM is dumb, so the game plays in plain text." in out
    assert "The halt on the Mulde" in out and "Goodbye." in out
    assert "\x1b[?1049h" not in out  # no switch to the full screen


def test_a_pipe_closed_early_is_quiet(tmp_path) -> None:
    env = {**os.environ, "ELBE_GAME_SAVES_DIR": str(tmp_path / "saves")}
    lines = "".join("history\n" for _ in range(400))  # far more than head reads
    result = subprocess.run(
        f"{sys.executable} -m elbe_game play --plain --story {SAMPLE} | head -n 3",
        shell=True,
        input=lines,
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
    )
    assert result.stdout.splitlines() == [
        "The halt on the Mulde",
        "24 April 1945, 08:10, Trebsen",
        "",
    ]
    assert result.stderr == ""
