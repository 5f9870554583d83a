"""The runtime: views, choices, effects, undo, plain data."""

from __future__ import annotations

import pytest

from elbe_game.engine import (
    ChoiceUnavailableError,
    Engine,
    GameState,
    NothingToUndoError,
    StateError,
    UnknownChoiceError,
    load_story,
)

from ..conftest import MINIMAL

NODES = """\
    nodes:
      start:
        title: Start
        date: 25 April 1945
        time: "11:30"
        place: Leckwitz
        text: "Hello {name}. Courage {courage}.{if has(lamp)} Lamp lit.{end}"
        history: {text: It happened here., sources: [S1], disputed: true}
        choices:
          - text: Take the lamp
            to: start
            id: lamp
            once: true
            effects: {give: lamp, add: {courage: 2}}
          - text: Be brave
            to: start
            id: brave
            effects: {add: {courage: 10}, set: {brave: true}}
          - text: Cross the river (courage {courage})
            to: river
            if: courage >= 3
            reason: You are not brave enough yet.
          - text: Hidden door
            to: river
            id: hidden
            if: brave and courage < 0
          - text: Roll a die
            to: rolled
            effects: {set: {courage: "random(0, 5)"}}
      river:
        title: River
        unlocks: [river]
        text: "Visited start {visits(start)} times; {turns_since(start)} turns ago."
        choices:
          - text: Only when stuck
            to: end
            fallback: true
          - text: Drop the lamp
            to: river
            if: has(lamp)
            effects: {take: lamp}
      rolled:
        title: Rolled
        text: "You rolled {courage}."
        choices:
          - {text: Back, to: start}
      end:
        title: End
        text: The end.
        ending:
          id: the_end
          title: The End
          kind: alternate
          timeline:
            story: [{when: Later, text: You went home.}]
            history: [{when: "1945", text: It ended., sources: [S1]}]
    """


@pytest.fixture
def story(write_story):
    return load_story(write_story({"story.yaml": MINIMAL, "nodes.yaml": NODES}))


def ids(view) -> list[tuple[str, bool]]:
    return [(c.id, c.available) for c in view.choices]


def test_first_view(story) -> None:
    engine = Engine.new_game(story, seed=1, player_name="  Hale ")
    view = engine.view()
    assert view.title == "Start"
    assert (view.header.date, view.header.time, view.header.place) == (
        "25 April 1945",
        "11:30",
        "Leckwitz",
    )
    assert view.text == "Hello Anna. Courage 0."  # the story declares no player_name variable
    assert ids(view) == [("lamp", True), ("brave", True), ("river", False), ("rolled", True)]
    assert view.choices[2].reason == "You are not brave enough yet."
    assert view.choices[2].text == "Cross the river (courage 0)"
    assert view.history is not None and view.history.disputed
    assert view.ending is None and view.turn == 0
    assert engine.state.visit_counts == {"start": 1}


def test_player_name_fills_the_variable(write_story) -> None:
    manifest = MINIMAL.replace(
        'name: {type: str, default: "Anna"}', 'player_name: {type: str, default: "Anna"}'
    )
    nodes = NODES.replace("Hello {name}", "Hello {player_name}")
    engine = Engine.new_game(
        load_story(write_story({"story.yaml": manifest, "nodes.yaml": nodes})), player_name="Hale"
    )
    assert engine.view().text.startswith("Hello Hale.")


def test_effects_once_and_clamping(story) -> None:
    engine = Engine.new_game(story, seed=1)
    view = engine.choose("lamp")
    assert engine.state.inventory == ["lamp"]
    assert engine.state.vars["courage"] == 2
    assert view.text.endswith("Lamp lit.")
    assert [c.id for c in view.choices] == ["brave", "river", "rolled"]  # once: gone
    with pytest.raises(ChoiceUnavailableError, match="only once"):
        engine.choose("lamp")
    engine.choose("brave")
    assert engine.state.vars["courage"] == 5  # clamped to max
    assert engine.state.vars["brave"] is True
    assert ids(engine.view())[1] == ("river", True)


def test_unknown_and_unavailable_choices(story) -> None:
    engine = Engine.new_game(story, seed=1)
    with pytest.raises(UnknownChoiceError, match="no choice 'nope'"):
        engine.choose("nope")
    with pytest.raises(ChoiceUnavailableError) as caught:
        engine.choose("river")
    assert caught.value.reason == "You are not brave enough yet."
    with pytest.raises(ChoiceUnavailableError, match="not offered"):
        engine.choose("hidden")
    assert engine.state.turn == 0 and not engine.can_undo  # nothing changed


def test_fallback_visits_turns_and_codex(story) -> None:
    engine = Engine.new_game(story, seed=1)
    engine.choose("lamp")
    engine.choose("brave")
    view = engine.choose("river")
    assert view.text == "Visited start 3 times; 1 turns ago."
    assert engine.state.codex == ["river"]
    assert ids(view) == [("river", True)]  # the fallback hides while another is available
    view = engine.choose("river")
    assert engine.state.inventory == []
    assert ids(view) == [("end", True)]  # now only the fallback is left
    view = engine.choose("end")
    assert engine.is_over and view.ending is not None
    assert view.ending.kind == "alternate" and view.ending.timeline.history[0].sources == ["S1"]
    assert engine.state.endings == ["the_end"]
    assert view.choices == ()
    assert [s.node for s in engine.state.path] == ["start", "start", "start", "river", "river"]


def test_undo_restores_everything(story) -> None:
    engine = Engine.new_game(story, seed=1)
    before = engine.state.to_dict()
    engine.choose("lamp")
    engine.choose("brave")
    engine.undo()
    engine.undo()
    assert engine.state.to_dict() == before
    with pytest.raises(NothingToUndoError):
        engine.undo()


def test_random_is_seeded_and_saved(story) -> None:
    rolls = []
    for _ in range(2):
        engine = Engine.new_game(story, seed=42)
        for _ in range(5):
            engine.choose("rolled")
            rolls.append(engine.state.vars["courage"])
            engine.choose("start")
    assert rolls[:5] == rolls[5:]
    assert len(set(rolls)) > 1
    engine = Engine.new_game(story, seed=42)
    engine.choose("rolled")
    state = engine.state.to_dict()
    engine.choose("start")
    engine.choose("rolled")
    resumed = Engine.from_dict(story, state)
    resumed.choose("start")
    resumed.choose("rolled")
    assert resumed.state.vars == engine.state.vars  # a reload cannot re-roll


def test_state_round_trip_through_plain_data(story) -> None:
    engine = Engine.new_game(story, seed=3)
    engine.choose("lamp")
    engine.choose("brave")
    engine.choose("river")
    data = engine.to_dict()
    assert data["path"] == [
        {"node": "start", "choice": "lamp", "text": "Take the lamp"},
        {"node": "start", "choice": "brave", "text": "Be brave"},
        {"node": "start", "choice": "river", "text": "Cross the river (courage 5)"},
    ]
    copy = Engine.from_dict(story, data)
    assert copy.state == engine.state
    assert copy.view() == engine.view()
    assert GameState.from_dict(data).to_dict() == data


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d.update(node="atlantis"), "node"),
        (lambda d: d["vars"].update(ghost=1), "vars.ghost"),
        (lambda d: d["vars"].update(courage="lots"), "vars.courage"),
        (lambda d: d["vars"].pop("courage"), "vars"),
        (lambda d: d["path"].append({"node": "start", "choice": "fly"}), "path[1].choice"),
        (lambda d: d["path"].append({"node": "moon", "choice": "x"}), "path[1].node"),
        (lambda d: d["inventory"].append("sword"), "inventory[1]"),
        (lambda d: d["codex"].append("sea"), "codex[0]"),
        (lambda d: d.update(turn="three"), "turn"),
        (lambda d: d.update(path=[{"node": "start"}]), "path[0]"),
    ],
)
def test_bad_state_names_its_key(story, change, key) -> None:
    engine = Engine.new_game(story, seed=1)
    engine.choose("lamp")
    data = engine.to_dict()
    change(data)
    with pytest.raises(StateError) as caught:
        Engine.from_dict(story, data)
    assert caught.value.key == key


def test_state_from_garbage() -> None:
    for junk in (None, [], "x", {"node": 5}):
        with pytest.raises(StateError):
            GameState.from_dict(junk)


def test_journal(story) -> None:
    engine = Engine.new_game(story, seed=1)
    engine.choose("lamp")
    engine.choose("brave")
    engine.choose("river")
    engine.choose("river")  # drop the lamp: courage is unchanged, the text must not be
    journal = engine.journal()
    assert [(j.title, j.choice_text) for j in journal] == [
        ("Start", "Take the lamp"),
        ("Start", "Be brave"),
        ("Start", "Cross the river (courage 5)"),
        ("River", "Drop the lamp"),
        ("River", None),
    ]


def test_status_shows_the_visible_variables_items_and_progress(story) -> None:
    engine = Engine.new_game(story, seed=1)
    status = engine.status()
    assert [(s.name, s.label, s.value, s.low, s.high) for s in status.stats] == [
        ("courage", "Courage", 0, 0, 5)
    ]
    assert status.items == ()
    assert status.codex == (0, 1) and status.endings[0] == 0 and status.turn == 0


def test_model_is_frozen(story) -> None:
    with pytest.raises(TypeError):
        story.nodes["start"] = None  # type: ignore[index]
    with pytest.raises(AttributeError):
        story.nodes["start"].title = "x"  # type: ignore[misc]


def test_jump_is_for_tools_and_undoable(story) -> None:
    engine = Engine.new_game(story, seed=1)
    view = engine.jump("river")
    assert view.node_id == "river" and engine.state.codex == ["river"]
    assert engine.state.path == []  # no choice was taken
    engine.undo()
    assert engine.state.node == "start"
    with pytest.raises(Exception, match="no node 'moon'"):
        engine.jump("moon")


def test_once_only_choices_come_back_after_undo_and_load(story) -> None:
    engine = Engine.new_game(story, seed=1)
    engine.choose("lamp")
    assert "lamp" not in [c.id for c in engine.view().choices]
    engine.undo()
    assert "lamp" in [c.id for c in engine.view().choices]
    engine.choose("lamp")
    resumed = Engine.from_dict(story, engine.to_dict())
    assert "lamp" not in [c.id for c in resumed.view().choices]
