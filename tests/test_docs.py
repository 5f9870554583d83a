"""The example story in docs/authoring.md is a real, clean story."""

from __future__ import annotations

import re
from pathlib import Path

from elbe_game.engine import Engine, check_story

from .conftest import PROJECT


def test_authoring_example_checks_clean_and_plays(tmp_path: Path) -> None:
    doc = (PROJECT / "docs" / "authoring.md").read_text(encoding="utf-8")
    example = doc.split("## A complete example", 1)[1]
    files = re.findall(r"`ferry/([\w.]+)`:\n\n```yaml\n(.*?)```", example, re.DOTALL)
    assert [name for name, _ in files] == ["story.yaml", "nodes.yaml"]
    folder = tmp_path / "ferry"
    folder.mkdir()
    for name, text in files:
        (folder / name).write_text(text, encoding="utf-8")
    report = check_story(folder)
    assert report.diagnostics == []
    assert report.story is not None and report.story.map is not None
    assert [place.name for place in report.story.map.places] == ["Strehla"]
    engine = Engine.new_game(report.story, seed=1)
    assert [c.available for c in engine.view().choices] == [True, False, True]
    engine.choose("take_flare")
    engine.choose("answered")
    assert engine.state.endings == ["answered"]
