"""The rules between the layers that import-linter cannot see."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from .conftest import PROJECT

PACKAGE = PROJECT / "elbe_game"


def _loaded_after(code: str) -> list[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=PROJECT
    )
    return [m for m in json.loads(out.stdout) if m.startswith("elbe_game")]


def test_importing_the_app_loads_no_engine_until_the_story_loads() -> None:
    """The title screen is drawn before the engine is imported (start-up time)."""
    loaded = _loaded_after("import elbe_game.ui.app")
    assert not [m for m in loaded if m.startswith(("elbe_game.engine", "elbe_game.authoring"))]
    assert "elbe_game.host.game" not in loaded
    assert "elbe_game.ui.screens.play" not in loaded


def test_front_ends_read_views_not_the_engine() -> None:
    """The Textual game and plain text see the game through the session's views only."""
    internals = re.compile(
        r"\.engine\b(?!\.errors)|\.state\.|\bstory\.(nodes|variables|items|sources|codex)\b"
    )
    offending = []
    for path in [*sorted((PACKAGE / "ui").rglob("*.py")), PACKAGE / "plain.py"]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if internals.search(code) and not code.lstrip().startswith(("from ", "import ")):
                offending.append(f"{path.relative_to(PROJECT)}:{number}: {line.strip()}")
    assert offending == []
