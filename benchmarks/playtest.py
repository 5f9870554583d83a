"""How long the exhaustive pass of ``playtest`` takes on a story, and what it covers.

    .venv/bin/python benchmarks/playtest.py [STORY_DIR] [--before REV]

Runs the exhaustive pass (explore) at its default bound, best of three, and prints the
seconds, the states followed, whether it finished, and what it covered: nodes,
choices taken, endings, and condition sides seen true and false. With ``--before
REV``, the same measurement runs in the same invocation on the code of git revision
REV (exported to a temporary folder), so that the two can be compared on one machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MEASURE = """
import json, sys, time
from elbe_game.engine import load_story
from elbe_game.authoring.explore import explore
story = load_story(sys.argv[1])
times = []
for _ in range(3):
    began = time.perf_counter()
    result = explore(story)
    times.append(time.perf_counter() - began)
print(json.dumps({
    "seconds": round(min(times), 2),
    "states": result.states,
    "complete": result.complete,
    "set_aside": sum(getattr(result, "sampled", {}).values()),
    "nodes": len(result.nodes),
    "choices": len(result.choices),
    "endings": len(result.endings),
    "true": len({k for k in result.cond_true if "." not in k[1]}),
    "false": len({k for k in result.cond_false if "." not in k[1]}),
}))
"""


def measure(code_root: Path, story: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(story)],
        cwd=code_root,
        env={"PYTHONPATH": str(code_root), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def main(argv: list[str]) -> None:
    before = None
    if "--before" in argv:
        at = argv.index("--before")
        before = argv[at + 1]
        argv = argv[:at] + argv[at + 2 :]
    story = Path(argv[0] if argv else ROOT / "story").resolve()
    rows = []
    if before is not None:
        with tempfile.TemporaryDirectory() as tmp:
            archive = subprocess.run(
                ["git", "archive", before, "elbe_game"], cwd=ROOT, capture_output=True, check=True
            )
            subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
            rows.append((before, measure(Path(tmp), story)))
    rows.append(("this tree", measure(ROOT, story)))
    began = time.strftime("%Y-%m-%d %H:%M")
    print(f"exhaustive pass on {story} ({began}), best of 3:")
    for name, row in rows:
        print(f"  {name:>10}: " + ", ".join(f"{k} {v}" for k, v in row.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
