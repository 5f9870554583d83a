"""graph and stats."""

from __future__ import annotations

import json
from pathlib import Path

from elbe_game.authoring.graph import clusters, dot, mermaid
from elbe_game.authoring.stats import node_words, story_counts
from elbe_game.engine import load_story

from .conftest import BROKEN, SAMPLE, Run

ACTS = """\
story: {id: acts, title: Acts, start: a1_start}
nodes:
  a1_start:
    title: Start
    text: One two three.
    choices:
      - {text: On, to: a2_end}
      - {text: Back, to: end, if: "visited(a1_start)"}
  a2_end:
    title: The end
    text: Four five.
    ending: {id: fin, title: Fin, kind: alternate}
  end:
    title: End
    text: Six.
    ending: {id: fin2, title: Fin}
"""


def test_mermaid_marks_start_endings_history_and_conditions(run: Run) -> None:
    code, out, _ = run("graph", SAMPLE)
    assert code == 0
    assert out.startswith("flowchart TD\n")
    assert '  subgraph c0["act1_mulde.yaml"]' in out
    assert '    mulde_hold(["mulde_hold<br/>The line held"])' in out
    assert "The halt on the Mulde †" in out
    # each edge carries its choice's text; a condition makes it dashed and is added
    assert (
        '  mulde_crossing -. "Fire a green flare over the f… · if has(green_flares)" .-> mulde_flare'
        in out
    )
    assert '  mulde_halt -- "Take the patrol across now, l…" --> mulde_crossing' in out
    assert "  class mulde_halt start" in out
    assert "  class mulde_hold,mulde_beyond ending" in out


def test_dot_output(run: Run) -> None:
    code, out, _ = run("graph", SAMPLE, "--format", "dot")
    assert code == 0
    assert out.startswith('digraph "elbe-sample" {')
    assert "subgraph cluster_0" in out
    assert (
        '"mulde_crossing" -> "mulde_flare" '
        '[style=dashed, label="Fire a green flare over the f… · if has(green_flares)"];'
    ) in out
    assert '"mulde_flare" -> "mulde_beyond" [label="Push on east"];' in out
    assert '"mulde_halt" [label="mulde_halt\\nThe halt on the Mulde †", penwidth=3' in out
    assert out.count("{") == out.count("}")


def test_clusters_by_act_when_ids_have_act_prefixes(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(ACTS)
    story = load_story(tmp_path)
    # "end" has no act prefix: auto falls back to files
    assert list(clusters(story)) == ["story.yaml"]
    assert list(clusters(story, "act")) == ["a1", "a2", "story.yaml"]
    text = mermaid(story, "act")
    assert "    end_([" in text and "a1_start -. " in text and "class a2_end alternate" in text
    assert 'fillcolor="#f3d9d9"' in dot(story)


def test_stats_per_file_and_total(run: Run, sample_copy: Path) -> None:
    (sample_copy / "extra.yaml").write_text(
        "nodes:\n  lonely:\n    title: Lonely\n    text: one two three four\n"
        "    ending: {id: lonely, title: Lonely}\n"
        "variables:\n  extra: {type: bool, default: false}\n"
    )
    code, out, _ = run("stats", sample_copy, "--format", "json")
    assert code == 0
    data = json.loads(out)
    files = {f["name"]: f for f in data["files"]}
    assert files["extra.yaml"]["words"] == 4 and files["extra.yaml"]["nodes"] == 1
    assert files["extra.yaml"]["variables"] == 1 and files["story.yaml"]["variables"] == 3
    assert data["total"]["nodes"] == 7 and data["total"]["endings"] == 3
    assert data["total"]["words"] == sum(f["words"] for f in data["files"])
    assert data["words_per_minute"] == 200
    assert data["total"]["reading_minutes"] == round(data["total"]["words"] / 200, 1)


def test_stats_text_table(run: Run) -> None:
    code, out, _ = run("stats", BROKEN)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "A broken fixture (" + str(BROKEN) + "), reading at 200 words a minute:"
    assert lines[1].split() == [
        "file",
        "words",
        "nodes",
        "choices",
        "endings",
        "vars",
        "history",
        "read",
    ]
    assert lines[-3].split()[:6] == ["total", "48", "5", "5", "2", "1"]
    assert lines[-1].startswith("words: all a player reads")


WORDS = """\
story: {id: words, title: Words, start: w_start}
sources:
  S1: {title: A source}
nodes:
  w_start:
    title: Start here
    text: p1 p2
    history: {text: h1 h2 h3 h4 h5, sources: [S1]}
    choices:
      - {text: c1 c2 c3, to: w_end}
  w_end:
    title: The end
    text: e1 e2 e3 e4 e5 e6 e7 e8 e9 e10 e11 e12 e13
    ending:
      id: fin
      title: Fin
      timeline:
        story: [{when: the next day, text: s1 s2 s3 s4 s5 s6 s7}]
        history:
          - {when: the next day, text: t1 t2 t3 t4 t5 t6 t7 t8 t9 t10 t11, sources: [S1]}
"""


def test_words_count_choices_history_and_timelines(tmp_path: Path) -> None:
    """Each part has its own number of words, so a part left out (or a title or date
    counted) shows in the sum."""
    (tmp_path / "story.yaml").write_text(WORDS, encoding="utf-8")
    story = load_story(tmp_path)
    assert node_words(story.nodes["w_start"]) == 2 + 3 + 5  # passage, choice, history note
    assert node_words(story.nodes["w_end"]) == 13 + 7 + 11  # passage, both timelines
    total, [only] = story_counts(story)
    assert total.words == only.words == 41
    assert (total.nodes, total.choices, total.endings, total.history_notes) == (2, 1, 1, 1)


def test_graph_of_a_broken_story(run: Run, tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text("story: [\n")
    code, _, err = run("graph", tmp_path)
    assert code == 1 and "E001" in err
