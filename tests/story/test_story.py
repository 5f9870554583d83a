"""The game's own story: clean, big enough, and every ending reachable in play."""

from __future__ import annotations

import io
from collections import deque

import pytest

from elbe_game.engine import Engine, Story, check_story
from elbe_game.paths import bundled_story_dir
from elbe_game.plain import PlainGame

MAX_STATES = 400_000


@pytest.fixture(scope="module")
def report():
    return check_story(bundled_story_dir())


@pytest.fixture(scope="module")
def story(report) -> Story:
    assert report.story is not None, [d.format() for d in report.errors]
    return report.story


def test_story_checks_clean(report) -> None:
    assert [d.format() for d in report.diagnostics] == []


def test_story_size(report) -> None:
    stats = report.stats
    assert stats["nodes"] >= 120
    assert stats["words"] >= 35_000
    assert stats["endings"] >= 8
    assert stats["codex_entries"] >= 30
    assert stats["history_notes"] * 2 >= stats["nodes"]
    assert stats["reachable_nodes"] == stats["nodes"]


def test_endings_are_labelled(story) -> None:
    kinds = [node.ending.kind for node in story.endings.values() if node.ending]
    assert kinds.count("alternate") >= 2
    for node in story.endings.values():
        assert node.ending is not None
        assert node.ending.timeline.story and node.ending.timeline.history
        assert all(entry.sources for entry in node.ending.timeline.history)


def _key(engine: Engine) -> tuple[object, ...]:
    s = engine.state
    taken = frozenset((step.node, step.choice) for step in s.path)
    return (s.node, tuple(sorted(s.vars.items())), tuple(sorted(s.inventory)), frozenset(s.visit_counts), taken)


def paths_to_endings(story: Story) -> dict[str, list[str]]:
    """Breadth-first search over game states: the shortest path of choice ids to each
    ending. Deterministic: the story draws no random numbers on these paths."""
    found: dict[str, list[str]] = {}
    start = Engine.new_game(story, seed=1)
    queue = deque([(start.state.copy(), [])])
    seen = {_key(start)}
    while queue and len(found) < len(story.endings):
        state, path = queue.popleft()
        for choice in Engine(story, state.copy()).view().available:
            engine = Engine(story, state.copy())
            view = engine.choose(choice.id)
            if view.ending is not None:
                found.setdefault(view.ending.id, [*path, choice.id])
                continue
            key = _key(engine)
            if key not in seen:
                seen.add(key)
                assert len(seen) < MAX_STATES, "the story's state space outgrew the search"
                queue.append((engine.state, [*path, choice.id]))
    return found


def test_every_ending_is_reached_in_play_and_shows_its_consequences(story) -> None:
    found = paths_to_endings(story)
    assert sorted(found) == sorted(story.endings)
    for ending_id, path in found.items():
        engine = Engine.new_game(story, seed=1)
        numbers = []
        for choice_id in path:
            choices = engine.view().choices
            numbers.append(str([c.id for c in choices].index(choice_id) + 1))
            engine.choose(choice_id)
        out = io.StringIO()
        replay = Engine.new_game(story, seed=1)
        code = PlainGame(replay, io.StringIO("\n".join(numbers) + "\n"), out).run()
        text = out.getvalue()
        ending = story.endings[ending_id].ending
        assert code == 0 and replay.state.endings == [ending_id]
        assert f"THE END: {ending.title}" in text
        assert "In your story:" in text and "In history:" in text
        assert ending.timeline.history[0].text in text
