"""The engine is pure: running it loads no front end, no host and no UI library."""

from __future__ import annotations

import json
import subprocess
import sys

from ..conftest import PROJECT

FORBIDDEN = (
    "textual",
    "rich",
    "platformdirs",
    "watchfiles",
    "elbe_game.host",
    "elbe_game.ui",
    "elbe_game.plain",
    "elbe_game.cli",
    "elbe_game.authoring",
)


def test_importing_and_running_the_engine_loads_no_ui() -> None:
    code = (
        "import json, sys\n"
        "from elbe_game.engine import Engine, load_story, check_story\n"
        "story = load_story(sys.argv[1])\n"
        "engine = Engine.new_game(story, seed=1)\n"
        "engine.choose(engine.view().available[0].id)\n"
        "check_story(sys.argv[1])\n"
        "from elbe_game.engine.savefile import SaveMeta, decode, encode\n"
        "decode(encode('s', 'manual', story, engine.state, SaveMeta()))\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(PROJECT / "tests" / "fixtures" / "sample")],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT,
    )
    loaded = json.loads(out.stdout)
    bad = [m for m in loaded if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert bad == []


def test_every_layer_contract_holds() -> None:
    exe = PROJECT / ".venv" / "bin" / "lint-imports"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "importlinter.cli"]
    out = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT)
    assert out.returncode == 0, out.stdout + out.stderr
    import tomllib

    contracts = tomllib.loads((PROJECT / "pyproject.toml").read_text())["tool"]["importlinter"]
    count = len(contracts["contracts"])
    assert count >= 5
    assert f"Contracts: {count} kept, 0 broken." in out.stdout, out.stdout
    assert "BROKEN" not in out.stdout
