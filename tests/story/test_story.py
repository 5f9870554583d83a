"""The game's own story: clean, big enough, and every ending reachable in play."""

from __future__ import annotations

import random
import re

import pytest

from elbe_game.authoring.walkthrough import parse_walkthrough, run_walkthrough
from elbe_game.engine import Engine, Story, check_story
from elbe_game.host.dirs import bundled_story_dir

from ..conftest import plain_game


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


WALKS = sorted((bundled_story_dir() / "walkthroughs").glob("*.walk.yaml"))


def test_every_ending_has_a_walkthrough(story) -> None:
    assert sorted(p.name.removesuffix(".walk.yaml") for p in WALKS) == sorted(story.endings)


@pytest.mark.parametrize("path", WALKS, ids=lambda p: p.name.removesuffix(".walk.yaml"))
def test_walkthrough_reaches_its_ending_and_shows_the_consequences(story, path, tmp_path) -> None:
    walk = parse_walkthrough(path)
    result = run_walkthrough(walk, story)
    assert result.ok, result.failure
    # Play the same path as a player would, in the plain front end, by number.
    engine = Engine.new_game(story, seed=walk.seed)
    numbers = []
    for step in walk.steps:
        if "choose" in step:
            choices = [c.id for c in engine.view().choices]
            numbers.append(str(choices.index(step["choose"]) + 1))
            engine.choose(step["choose"])
    game, out = plain_game(story, tmp_path / "saves", "\n".join(numbers) + "\n", seed=walk.seed)
    code = game.run()
    text = out.getvalue()
    ending_id = path.name.removesuffix(".walk.yaml")
    ending = story.endings[ending_id].ending
    assert ending is not None
    view = game.session.view()
    assert code == 0 and view.ending is not None and view.ending.id == ending_id
    assert f"The end: {ending.title}" in text
    assert "In your story:" in text and "In history:" in text
    words = " ".join(text.split())  # whatever the wrapping
    for entry in (*ending.timeline.story, *ending.timeline.history):
        assert " ".join(entry.text.split()) in words


RUN_TOGETHER = re.compile(r"[a-z][.!?,;:][\"”’]?[A-Z]|[.!?][\"”][A-Z“\"]|\w\{|\}\w|\{|\}")


def test_rendered_text_never_runs_together(story) -> None:
    """Conditional segments leave no 'press.You', no lost paragraph breaks and no
    template leftovers, in any state random play reaches."""
    rng = random.Random(7)
    problems: dict[str, str] = {}
    for run in range(300):
        engine = Engine.new_game(story, seed=run)
        while True:
            view = engine.view()
            for text in (view.text, *(c.text for c in view.choices)):
                found = RUN_TOGETHER.search(text)
                if found:
                    problems.setdefault(
                        view.node_id, text[max(0, found.start() - 30) : found.end() + 20]
                    )
            if engine.is_over or not view.available:
                break
            engine.choose(rng.choice(view.available).id)
    assert problems == {}
