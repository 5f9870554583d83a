"""The story's map: compiling the ``map:`` section, its checks, and the view of a game."""

from __future__ import annotations

from pathlib import Path

import pytest

from elbe_game.engine import Engine, check_story, load_story
from elbe_game.engine.storymap import HERE, SEEN, UNSEEN, MapView, map_view, place_on_map
from elbe_game.host.dirs import bundled_story_dir

from ..conftest import SAMPLE

STORY = """\
    story: {id: t, title: T, start: a}
    """

#: a small map: Strehla and Torgau on the Elbe, a road to Riesa
MAP = """\
    map:
      title: The Elbe
      drawing: |
        Riesa ○─── ○ Strehla ║
                             ║ ○ Torgau
      places: [Torgau, Riesa, Strehla]
      legend: ║ river
    """


def nodes(*places: str) -> str:
    """A chain of passages a, b, c, ... at ``places``; the last is an ending."""
    ids = [chr(ord("a") + i) for i in range(len(places))]
    out = ["nodes:"]
    for i, (ident, place) in enumerate(zip(ids, places, strict=True)):
        out.append(f"  {ident}:\n    title: {ident.upper()}\n    text: Text.")
        if place:
            out.append(f'    place: "{place}"')
        if i + 1 < len(ids):
            out.append(f"    choices: [{{text: On, to: {ids[i + 1]}}}]")
        else:
            out.append("    ending: {id: end, title: End}")
    return "\n".join(out) + "\n"


def write(
    write_story, map_yaml: str = MAP, places: tuple[str, ...] = ("Riesa", "Strehla", "Torgau")
) -> Path:
    files = {"story.yaml": STORY, "nodes.yaml": nodes(*places)}
    if map_yaml:
        files["map.yaml"] = map_yaml
    root: Path = write_story(files)
    return root


def problems(root: Path) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.column, d.code, d.message) for d in check_story(root).diagnostics]


def marks(view: MapView) -> dict[str, str]:
    return {m.place: m.mark for m in view.markers}


# ------------------------------------------------------------------ compiling


def test_places_are_bound_to_the_marker_beside_their_name(write_story) -> None:
    story = load_story(write(write_story))
    assert story.map is not None
    assert [(p.name, p.row, p.column) for p in story.map.places] == [
        ("Riesa", 0, 6),
        ("Strehla", 0, 11),
        ("Torgau", 1, 23),
    ]
    assert story.map.lines == ("Riesa ○─── ○ Strehla ║", " " * 21 + "║ ○ Torgau")
    assert (story.map.title, story.map.legend) == ("The Elbe", "║ river")
    torgau = story.map.places[2]
    assert (Path(torgau.where.file).name, torgau.where.line, torgau.where.column) == (
        "map.yaml",
        6,
        12,
    )
    assert story.map.where.line == 1


def test_a_story_without_a_map_has_none(write_story) -> None:
    root = write(write_story, map_yaml="")
    assert check_story(root).diagnostics == []
    assert load_story(root).map is None


def test_the_bundled_map_has_its_eight_places_and_fits_80_columns() -> None:
    story = load_story(bundled_story_dir())
    assert story.map is not None
    names = [p.name for p in story.map.places]
    assert names == [
        "Torgau",
        "Wurzen",
        "Kühren",
        "Kreinitz",
        "Trebsen",
        "Leckwitz",
        "Strehla",
        "Lorenzkirch",
    ]
    for place in story.map.places:
        assert story.map.lines[place.row][place.column] == UNSEEN
    assert max(len(line) for line in story.map.lines) <= 72
    assert (
        story.map.lines[0] == " N                                Torgau ○ ║"
    )  # the |2 kept the margin


def test_the_sample_has_the_same_map_as_the_game() -> None:
    game, sample = load_story(bundled_story_dir()).map, load_story(SAMPLE).map
    assert game is not None and sample is not None
    assert (sample.title, sample.lines, sample.legend) == (game.title, game.lines, game.legend)
    assert [(p.name, p.row, p.column) for p in sample.places] == [
        (p.name, p.row, p.column) for p in game.places
    ]
    assert {p.name for p in sample.places if not p.landmark} == {"Trebsen", "Kühren"}
    assert not any(p.landmark for p in game.places)


# ------------------------------------------------------------------ E025


def test_more_markers_than_places_points_at_the_lonely_marker(write_story) -> None:
    root = write(write_story, MAP.replace("║ ○ Torgau", "║ ○ Torgau ─ ○"))
    assert problems(root) == [
        (
            5,
            39,
            "E025",
            "a marker with no place beside it (the drawing has 4 markers, 'places:' lists 3): "
            "list its place, or write the name beside it",
        )
    ]


def test_more_places_than_markers_names_the_place(write_story) -> None:
    root = write(
        write_story, MAP.replace("[Torgau, Riesa, Strehla]", "[Torgau, Riesa, Strehla, Meissen]")
    )
    assert problems(root) == [
        (
            6,
            36,
            "E025",
            "the place 'Meissen' is not in the drawing beside a marker: write 'Meissen ○' or '○ Meissen'",
        )
    ]


def test_a_name_away_from_its_marker(write_story) -> None:
    root = write(write_story, MAP.replace("Riesa ○───", "Riesa  ○──"))
    found = problems(root)
    assert [(line, column, code) for line, column, code, _ in found] == [
        (4, 12, "E025"),
        (6, 20, "E025"),
    ]
    assert found[0][3].startswith("a marker with no place beside it")
    assert found[1][3] == (
        "the place 'Riesa' is in the drawing but not right beside a marker: write 'Riesa ○' or '○ Riesa'"
    )


def test_an_empty_place_name(write_story) -> None:
    root = write(
        write_story, MAP.replace("[Torgau, Riesa, Strehla]", '[Torgau, Riesa, Strehla, " "]')
    )
    assert problems(root) == [(6, 36, "E025", "a place needs a name")]


def test_the_same_place_twice_even_spelt_another_way(write_story) -> None:
    root = write(
        write_story,
        MAP.replace("[Torgau, Riesa, Strehla]", "[Torgau, Riesa, Strehla, TORGAU]"),
    )
    assert problems(root) == [
        (6, 36, "E025", "the place 'TORGAU' is listed twice (first at 6:12, as 'Torgau')")
    ]


def test_one_marker_between_two_names(write_story) -> None:
    drawing = "Riesa ○ Strehla ║\n                             ║ ○ Torgau"
    root = write(
        write_story,
        MAP.replace("Riesa ○─── ○ Strehla ║\n                             ║ ○ Torgau", drawing),
    )
    found = problems(root)
    assert (found[0][0], found[0][1]) == (4, 11)
    assert (
        found[0][3]
        == "this marker is beside both 'Riesa' and 'Strehla'; give each place its own marker"
    )


def test_one_name_between_two_markers(write_story) -> None:
    root = write(write_story, MAP.replace("Riesa ○─── ○ Strehla ║", "○ Riesa ○─ ○ Strehla ║"))
    assert problems(root) == [
        (6, 20, "E025", "the place 'Riesa' is beside 2 markers (at 4:5 and 4:13); it needs one")
    ]


def test_a_landmark_that_is_no_place(write_story) -> None:
    root = write(write_story, MAP + "  landmarks: [Dresden]\n")
    assert problems(root) == [
        (8, 15, "E025", "the landmark 'Dresden' is not one of the map's places")
    ]


def test_an_empty_drawing(write_story) -> None:
    root = write(write_story, "map: {drawing: '', places: []}\n")
    assert problems(root) == [(1, 16, "E025", "the map's drawing is empty")]


def test_a_second_map_names_the_first(write_story) -> None:
    root = write_story(
        {
            "story.yaml": STORY,
            "nodes.yaml": nodes("Riesa", "Strehla", "Torgau"),
            "map.yaml": MAP,
            "more.yaml": "map: {drawing: 'Dresden ○', places: [Dresden]}\n",
        }
    )
    report = check_story(root)
    (second,) = report.diagnostics
    assert (Path(second.file).name, second.line, second.column, second.code) == (
        "more.yaml",
        1,
        1,
        "E025",
    )
    assert second.message.startswith("a second 'map:' section; the map is already in ")
    assert second.message.endswith("map.yaml:1")
    assert report.story is None


def test_a_map_of_the_wrong_shape_is_reported_not_raised(write_story) -> None:
    root = write(write_story, "map: {drawing: 'Riesa ○', places: Riesa}\n")
    assert [(line, column, code) for line, column, code, _ in problems(root)] == [(1, 35, "E006")]


def test_markers_in_a_drawing_with_an_indentation_indicator(write_story) -> None:
    drawing = "map:\n  drawing: |2\n     Riesa ○\n      ○\n  places: [Riesa]\n"
    root = write(write_story, drawing, places=("Riesa", "", ""))
    assert [(line, column) for line, column, _, _ in problems(root)] == [(4, 7)]


# ------------------------------------------------------------------ W109


def test_a_place_no_passage_names_is_a_warning(write_story) -> None:
    root = write(write_story, places=("Riesa", "Strehla, the Elbe bank", "Berlin"))
    report = check_story(root)
    assert report.story is not None
    assert [(d.line, d.column, d.code) for d in report.diagnostics] == [(6, 12, "W109")]
    assert report.diagnostics[0].message == (
        "map place 'Torgau' names no passage: no node's 'place' mentions it before any "
        "other map place (correct the name, or list it under 'landmarks:' if that is meant)"
    )


def test_a_landmark_needs_no_passage(write_story) -> None:
    root = write(write_story, MAP + "  landmarks: [Torgau]\n", places=("Riesa", "Strehla", ""))
    assert check_story(root).diagnostics == []


def test_only_the_first_name_in_a_place_counts(write_story) -> None:
    # "Strehla, road to Torgau" is at Strehla, so no passage is at Torgau
    root = write(write_story, places=("Riesa", "Strehla, road to Torgau", "Strehla"))
    assert [d.code for d in check_story(root).diagnostics] == ["W109"]


# ------------------------------------------------------------------ matching


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Kühren", "Kühren"),
        ("near Kuehren, at dusk", "Kühren"),
        ("KUHREN", "Kühren"),
        ("Strehla, the Elbe bank", "Strehla"),
        ("Road from Torgau to Strehla", "Torgau"),
        ("Berlin", None),
        ("The Elbe", None),
    ],
)
def test_a_passage_place_matches_loosely_and_the_first_name_wins(
    text: str, place: str | None
) -> None:
    story_map = load_story(bundled_story_dir()).map
    assert story_map is not None
    found = place_on_map(story_map, text)
    assert (found.name if found else None) == place


def test_at_the_same_position_the_longer_name_wins(write_story) -> None:
    drawing = """\
        map:
          drawing: |
            Strehla ○ ── ○ Strehla Ferry
          places: [Strehla, Strehla Ferry]
        """
    story = load_story(
        write(write_story, drawing, places=("Strehla", "Strehla Ferry, at noon", ""))
    )
    assert story.map is not None
    found = place_on_map(story.map, "Strehla Ferry, at noon")
    assert found is not None and found.name == "Strehla Ferry"
    assert [(p.name, p.column) for p in story.map.places] == [("Strehla", 8), ("Strehla Ferry", 13)]


# ------------------------------------------------------------------ the view of a game


def test_a_new_game_is_here_at_the_start(sample_story) -> None:
    view = map_view(sample_story, Engine.new_game(sample_story, seed=1).state)
    assert view is not None
    assert view.title == "Map of the sector: the Mulde to the Elbe"
    assert view.legend == "║ river   ─ road   (not to scale)"
    assert marks(view)["Trebsen"] == HERE
    assert {mark for place, mark in marks(view).items() if place != "Trebsen"} == {UNSEEN}
    assert (view.here, view.here_on_map, view.visited) == ("Trebsen", True, ("Trebsen",))


def test_visited_places_are_marked_seen_and_here_moves(sample_story) -> None:
    engine = Engine.new_game(sample_story, seed=1)
    engine.choose("mulde_supply")
    engine.choose("mulde_halt")
    engine.choose("mulde_crossing")
    view = map_view(sample_story, engine.state)
    assert view is not None
    assert marks(view)["Kühren"] == HERE
    assert marks(view)["Trebsen"] == SEEN
    assert marks(view)["Torgau"] == UNSEEN
    assert view.visited == ("Trebsen", "Kühren")
    for marker in view.markers:
        assert view.lines[marker.row][marker.column] == UNSEEN
    assert [(m.row, m.column) for m in view.markers] == sorted(
        (m.row, m.column) for m in view.markers
    )


def test_places_spelt_another_way_mark_the_map(write_story) -> None:
    story = load_story(write(write_story, places=("near riesa", "STREHLA, the bank", "Torgau")))
    engine = Engine.new_game(story, seed=1)
    engine.choose("b")
    view = map_view(story, engine.state)
    assert view is not None
    assert marks(view) == {"Riesa": SEEN, "Strehla": HERE, "Torgau": UNSEEN}
    assert view.visited == ("near riesa", "STREHLA, the bank")


def test_accents_and_ue_mark_the_map() -> None:
    story = load_story(SAMPLE)
    assert story.map is not None
    for text in ("Kuehren", "kühren", "bei Kühren"):
        found = place_on_map(story.map, text)
        assert found is not None and found.name == "Kühren"


def test_a_place_off_the_map(write_story) -> None:
    story = load_story(write(write_story, places=("Berlin", "Strehla", "Torgau")))
    view = map_view(story, Engine.new_game(story, seed=1).state)
    assert view is not None
    assert (view.here, view.here_on_map, view.visited) == ("Berlin", False, ("Berlin",))
    assert set(marks(view).values()) == {UNSEEN}


def test_a_passage_with_no_place(write_story) -> None:
    story = load_story(
        write(write_story, MAP + "  landmarks: [Riesa]\n", places=("", "Strehla", "Torgau"))
    )
    view = map_view(story, Engine.new_game(story, seed=1).state)
    assert view is not None
    assert (view.here, view.here_on_map, view.visited) == ("", False, ())


def test_no_map_no_view(write_story) -> None:
    story = load_story(write(write_story, map_yaml=""))
    assert map_view(story, Engine.new_game(story, seed=1).state) is None
