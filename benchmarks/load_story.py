"""How long loading and checking a story takes, by size.

    .venv/bin/python benchmarks/load_story.py [NODES ...]

Generates a story of N nodes (each with three choices, a condition, effects and a
templated passage of about 120 words), then times, in the same run: libyaml parsing
alone (the floor any YAML story format pays) and our full check_story (parse with
positions, structure check, compile, validate). Prints the ratio.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml

from elbe_game.engine import check_story

WORDS = ("the river was wide and brown under a low sky while the jeeps waited " * 9).strip()


def write_story(folder: Path, nodes: int) -> None:
    (folder / "story.yaml").write_text(
        "story: {id: bench, title: Bench, start: n0}\n"
        "variables:\n  trust: {type: int, default: 0, min: 0, max: 10, visible: true}\n"
        "items:\n  flare: {name: Flare}\n"
    )
    per_file = 500
    for f in range(0, nodes, per_file):
        lines = ["nodes:"]
        for i in range(f, min(f + per_file, nodes)):
            nxt, alt = (i + 1) % nodes, (i * 7 + 3) % nodes
            lines += [
                f"  n{i}:",
                f"    title: Node {i}",
                f'    text: "{WORDS} {{trust}} {{if has(flare)}}lit{{end}}"',
                "    choices:",
                f"      - {{text: On, to: n{nxt}, effects: {{add: {{trust: 1}}}}}}",
                f'      - {{text: Aside, to: n{alt}, id: aside, if: "trust > 2", reason: Not yet}}',
                f"      - {{text: Light, to: n{nxt}, id: light, once: true, effects: {{give: flare}}}}",
            ]
        (folder / f"part{f // per_file:03}.yaml").write_text("\n".join(lines) + "\n")
    (folder / "end.yaml").write_text(
        "nodes:\n  fin: {title: End, text: End., ending: {id: fin, title: End}}\n"
    )


def best_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(sizes: list[int]) -> None:
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            write_story(folder, n)
            texts = [p.read_text() for p in sorted(folder.glob("*.yaml"))]
            parse = best_of(3, lambda: [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts])
            full = best_of(3, lambda: check_story(folder))
            report = check_story(folder)
            assert report.ok, report.diagnostics[:3]
            print(
                f"{n:>6} nodes: yaml.CSafeLoader alone {parse * 1000:7.1f} ms; "
                f"check_story {full * 1000:7.1f} ms; ratio {full / parse:4.1f}x"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000])
