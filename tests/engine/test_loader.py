"""Loading stories: merging files, stats, hashes, the bundled story."""

from __future__ import annotations

import pytest

from elbe_game.engine import StoryError, check_story, load_story
from elbe_game.host.dirs import bundled_story_dir

from ..conftest import MINIMAL, PROJECT, SAMPLE

NODES = """\
    nodes:
      start:
        title: Start
        text: One two three {courage}.
        unlocks: [river]
        choices:
          - {text: Go, to: end, effects: {add: {courage: 1}, give: lamp, set: {brave: true, name: "name + '!'"}}}
      end:
        title: End
        text: "{if brave}Four five.{end} {name}"
        history: {text: Note., sources: [S1]}
        ending: {id: done, title: Done}
    """


def test_files_merge_in_any_layout(write_story) -> None:
    root = write_story(
        {
            "story.yaml": MINIMAL,
            "acts/one.yaml": NODES.split("      end:")[0],
            "acts/two.yml": "nodes:\n  end:"
            + NODES.split("      end:")[1].replace("\n      ", "\n  "),
            ".hidden/ignored.yaml": "nodes: {broken: [",
            "notes.txt": "not a story file",
        }
    )
    report = check_story(root)
    assert report.ok, [d.format() for d in report.diagnostics]
    assert set(report.story.nodes) == {"start", "end"}
    assert report.stats == {
        "files": 3,
        "nodes": 2,
        "choices": 1,
        "endings": 1,
        "words": 5,
        "variables": 3,
        "items": 1,
        "history_notes": 1,
        "codex_entries": 1,
        "sources": 1,
        "reachable_nodes": 2,
    }


def test_single_file_story(write_story) -> None:
    root = write_story({"one.yaml": MINIMAL.rstrip(" ") + NODES})
    story = load_story(root / "one.yaml")
    assert story.start == "start"


def test_content_hash_follows_the_files(write_story, tmp_path) -> None:
    root = write_story({"story.yaml": MINIMAL, "nodes.yaml": NODES})
    first = load_story(root).content_hash
    assert first.startswith("sha256:") and load_story(root).content_hash == first
    (root / "nodes.yaml").write_text((root / "nodes.yaml").read_text() + "\n# a comment\n")
    assert load_story(root).content_hash != first


def test_load_story_raises_with_every_error(write_story) -> None:
    root = write_story(
        {
            "story.yaml": MINIMAL,
            "nodes.yaml": NODES.replace("to: end", "to: nowhere").replace("[river]", "[sea]"),
        }
    )
    with pytest.raises(StoryError) as caught:
        load_story(root)
    assert sorted(d.code for d in caught.value.diagnostics if d.severity == "error") == [
        "E009",
        "E013",
    ]
    assert "(and 1 more)" in str(caught.value)


def test_missing_folder() -> None:
    report = check_story(PROJECT / "no-such-story")
    assert [d.code for d in report.diagnostics] == ["E024"]
    assert "no such file or folder" in report.diagnostics[0].message


def test_empty_files_are_fine(write_story) -> None:
    root = write_story(
        {"story.yaml": MINIMAL, "nodes.yaml": NODES, "empty.yaml": "", "comment.yaml": "# later\n"}
    )
    assert check_story(root).ok


def test_a_broken_file_does_not_cause_follow_on_errors(write_story) -> None:
    root = write_story(
        {"story.yaml": MINIMAL, "nodes.yaml": NODES.replace("title: End", "title: [End")}
    )
    assert [d.code for d in check_story(root).diagnostics] == ["E001"]


def test_section_of_the_wrong_shape(write_story) -> None:
    root = write_story(
        {"story.yaml": MINIMAL, "nodes.yaml": NODES, "more.yaml": "items: [lamp]\nnodes: 5\n"}
    )
    report = check_story(root)
    assert [(d.code, d.line) for d in report.errors] == [("E006", 1), ("E006", 2)]


def test_a_manifest_of_the_wrong_shape_is_reported_not_raised(write_story) -> None:
    root = write_story({"story.yaml": "story: {id: t, title: T, start: 5}\n", "nodes.yaml": NODES})
    report = check_story(root)
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [("E006", 1, 33)]
    assert report.story is None


def test_sample_and_bundled_story_load() -> None:
    assert load_story(SAMPLE).title == "Elbe 1945 (sample)"
    assert bundled_story_dir() == PROJECT / "story"
