"""What a fresh `make play` costs before the title screen: the set-up of `.venv` in a
fresh clone of this repository, and the size of what it installs.

    python3 benchmarks/setup.py [--target .venv/.installed-play] [--rounds 2] [--no-cache]
                                [--rev COMMIT]

Each round clones the repository (at HEAD, or --rev) into a temporary folder and times
``make TARGET`` there (``.venv/.installed-play`` is what `make play` sets up,
``.venv/.installed-test`` what `make test` does). ``--no-cache`` runs pip without its
download cache (PIP_NO_CACHE_DIR=1), as on a new machine. Reported: each round's time,
the median, and the size of .venv. Not a test: it depends on the network and the disk.

Measured on the development machine (2 cores, 2 December 2026), median of 3 rounds:

    make play's set-up                      pip cache   no cache   .venv
    before (--rev a9ea3be --target .venv/.installed:
            the development tools too)       26.2 s      25.2 s     166 MB
    now (.venv/.installed-play)              13.6 s      15.0 s      50 MB

About 6 s of either is `python -m venv` itself (pip and setuptools into the venv); the
rest is pip, mostly waiting on the package index. Runs vary by some seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", default=".venv/.installed-play")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-cache", action="store_true", help="pip without its cache")
    parser.add_argument("--rev", help="the commit to clone (default: HEAD)")
    args = parser.parse_args()
    env = {**os.environ, **({"PIP_NO_CACHE_DIR": "1"} if args.no_cache else {})}
    times: list[float] = []
    size = 0
    for n in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            clone = Path(tmp) / "clone"
            subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
            if args.rev:
                subprocess.run(["git", "checkout", "-q", args.rev], cwd=clone, check=True)
            start = time.perf_counter()
            subprocess.run(
                ["make", args.target], cwd=clone, env=env, check=True, capture_output=True
            )
            times.append(time.perf_counter() - start)
            size = folder_size(clone / ".venv")
        print(f"round {n + 1}: {times[-1]:.1f} s")
    print(f"make {args.target}: median {statistics.median(times):.1f} s, .venv {size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
