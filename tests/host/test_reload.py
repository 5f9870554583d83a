"""Live reload (play --dev): watching the story files, and moving the game onto the
edited story with the journal's words kept."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from elbe_game.engine import Engine, check_story, load_story
from elbe_game.host.reload import Broken, Reloaded, describe_changes, reload_engine, story_changes

from ..conftest import SAMPLE, session_for


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    root = tmp_path / "story"
    shutil.copytree(SAMPLE, root)
    return root


def played(root: Path, *choices: str) -> Engine:
    engine = Engine.new_game(load_story(root), seed=2)
    for choice in choices:
        engine.choose(choice)
    return engine


def test_reload_keeps_the_passage_the_state_undo_and_the_journal_words(story_dir: Path) -> None:
    engine = played(story_dir, "mulde_supply", "mulde_halt", "mulde_crossing")
    engine.state.vars["standing"] = 8
    words = [e.choice_text for e in engine.journal()]
    manifest = story_dir / "story.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "  patrol_safety:", "  morale:\n    type: int\n    default: 3\n  patrol_safety:"
        )
    )
    moved, notes = reload_engine(engine, load_story(story_dir))
    assert moved.state.node == "mulde_crossing"
    assert moved.state.vars["standing"] == 8 and moved.state.vars["morale"] == 3
    assert moved.state.inventory == ["green_flares", "map_case"]
    assert [e.choice_text for e in moved.journal()] == words
    assert words[0] == "Draw the flares and the map case from the company command post"
    assert notes == ["New in the story, starting at their defaults: morale."]
    assert len(moved.undo_stack) == 3
    assert moved.undo().node_id == "mulde_halt"
    assert moved.state.vars["morale"] == 3  # the undo steps were fitted too


def test_reload_when_the_passage_is_gone_goes_back_to_its_state_there(story_dir: Path) -> None:
    engine = played(story_dir, "mulde_supply", "mulde_halt", "mulde_crossing", "mulde_flare")
    at_crossing = engine.undo_stack[3].copy()
    act = story_dir / "act1_mulde.yaml"
    text = act.read_text()
    text = text.replace("        if: has(green_flares)\n", "").replace(
        "        to: mulde_flare\n", "        to: mulde_hold\n        id: flare_gone\n"
    )
    act.write_text(text[: text.index("  mulde_flare:")] + text[text.index("  mulde_hold:") :])
    moved, notes = reload_engine(engine, load_story(story_dir))
    assert moved.state == at_crossing  # as it was when the player stood there
    assert len(moved.undo_stack) == 3
    assert (
        notes[0] == "The passage 'Green over the fields' is gone; resuming at 'Across the Mulde'."
    )


def test_a_session_reloads_or_keeps_playing_the_last_good_story(story_dir: Path) -> None:
    session = session_for(story_dir, story_dir.parent / "saves")
    session.new_game()
    session.choose("mulde_crossing")
    act = story_dir / "act1_mulde.yaml"
    good = act.read_text()
    act.write_text("nodes:\n  mulde_halt: [\n")
    broken = session.reload_story(check_story(story_dir), ["act1_mulde.yaml"])
    assert isinstance(broken, Broken)
    assert [d.code for d in broken.errors] == ["E001"]
    assert broken.lines()[0].startswith(f"{act}:3:1: E001 YAML syntax:")
    assert session.view().node_id == "mulde_crossing"
    act.write_text(good.replace("Across the Mulde", "Over the Mulde"))
    outcome = session.reload_story(check_story(story_dir), ["act1_mulde.yaml"])
    assert isinstance(outcome, Reloaded)
    assert outcome.view.title == "Over the Mulde"
    assert outcome.message() == "Story reloaded: act1_mulde.yaml changed."
    assert session.story is session.engine.story and session.view().title == "Over the Mulde"


def test_describe_changes() -> None:
    assert describe_changes([]) == "the story files changed"
    assert describe_changes(["a.yaml"]) == "a.yaml changed"
    assert describe_changes([f"{n}.yaml" for n in "abcde"]) == (
        "a.yaml, b.yaml, c.yaml and 2 more changed"
    )


async def _next_change(root: Path, edit: object) -> list[str]:
    stop = asyncio.Event()
    changes = story_changes(root, stop_event=stop)

    async def first() -> list[str]:
        async for names in changes:
            return names
        return []

    task = asyncio.create_task(first())
    await asyncio.sleep(0.3)  # let the watcher start
    edit()  # type: ignore[operator]
    try:
        return await asyncio.wait_for(task, timeout=10)
    finally:
        stop.set()


@pytest.mark.asyncio
async def test_story_changes_names_the_story_files_edited_and_nothing_else(
    story_dir: Path,
) -> None:
    def edit() -> None:
        (story_dir / "notes.txt").write_text("not a story file")
        (story_dir / "walkthroughs").mkdir()
        (story_dir / "walkthroughs" / "w.walk.yaml").write_text("steps: []\n")
        (story_dir / ".hidden.yaml").write_text("nodes: {}\n")
        act = story_dir / "act1_mulde.yaml"
        act.write_text(act.read_text() + "\n")
        (story_dir / "more.yaml").write_text("nodes: {}\n")

    assert await _next_change(story_dir, edit) == ["act1_mulde.yaml", "more.yaml"]


@pytest.mark.asyncio
async def test_a_story_folder_that_cannot_be_watched_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        async for _ in story_changes(tmp_path / "nowhere"):
            break
