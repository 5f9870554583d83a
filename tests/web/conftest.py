"""``elbe-game serve`` started for real: a server process on a free port of this
machine, its saves in a folder of the test's own, stopped (by its process id) after."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import PROJECT, SAMPLE


@dataclass
class Served:
    url: str
    saves: Path  # --saves-dir: the visitors' folders are in saves/visitors/
    process: subprocess.Popen[str]

    @property
    def visitors(self) -> Path:
        return self.saves / "visitors"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(saves: Path, story: Path = SAMPLE) -> Served:
    port = free_port()
    command = [sys.executable, "-m", "elbe_game", "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--story", str(story), "--saves-dir", str(saves)],
        cwd=PROJECT,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read() if process.stdout else ""
            raise AssertionError(f"elbe-game serve stopped with {process.returncode}:\n{out}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return Served(f"http://127.0.0.1:{port}/", saves, process)
        except OSError:
            time.sleep(0.1)
    stop_server(process)
    raise AssertionError("elbe-game serve did not listen within 30 seconds")


def stop_server(process: subprocess.Popen[str]) -> str:
    """SIGTERM (the server then tells each game to quit), and what it printed."""
    process.terminate()
    try:
        out, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
    return out


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = start_server(tmp_path / "saves")
    yield server
    stop_server(server.process)
