"""The plain front end, driven through stdin as a screen-reader user would."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import plain_game


@pytest.fixture
def play(tmp_path: Path):
    def run(story, lines: list[str]) -> tuple[int, str]:
        game, out = plain_game(story, tmp_path / "saves", "".join(f"{x}\n" for x in lines))
        return game.run(), out.getvalue()

    return run


def test_first_screen(sample_story, play) -> None:
    code, out = play(sample_story, [])
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "== The halt on the Mulde =="
    assert lines[1] == "24 April 1945, 08:10 - Trebsen"
    assert "(A history note is available: type 'history'.)" in lines
    assert "  1. Draw the flares and the map case from the company command post" in lines
    assert lines[-1] == "> "


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("", "Type a choice number, or 'help' for commands."),
        ("go north", "Unknown command 'go': type a choice number, or 'help' for commands."),
        ("7", "There is no choice 7: pick a number from 1 to 2."),
        ("0", "There is no choice 0: pick a number from 1 to 2."),
        ("-1", "Unknown command '-1': type a choice number, or 'help' for commands."),
        ("undo", "Nothing to undo: this is where the story starts."),
    ],
)
def test_bad_input_gets_one_line_and_the_prompt_again(
    sample_story, play, line: str, answer: str
) -> None:
    code, out = play(sample_story, [line])
    assert code == 0
    tail = out.split("> ")[-2:]
    assert tail[0].strip() == answer
    assert tail[1] == "\n"  # prompt again, then end of input


def test_disabled_choice_shows_its_reason_and_refuses(sample_story, play) -> None:
    _, out = play(sample_story, ["2", "3"])
    assert (
        "  3. [unavailable: You have no flares; the command post has them.] Fire a green flare over the fields"
        in out
    )
    assert "Choice 3 is not available: You have no flares; the command post has them." in out


def test_commands(sample_story, play) -> None:
    _, out = play(sample_story, ["history", "1", "status", "codex", "journal", "help", "undo"])
    assert "What really happened:" in out and "[E14] Order of battle" in out
    assert "Carrying: Green flares, Map case" in out
    assert "Standing with command: 5" in out
    assert "The Mulde line (place):" in out
    assert (
        "1. The halt on the Mulde: Draw the flares and the map case from the company command post"
        in out
    )
    assert "2. The command post (you are here)" in out
    assert "save NAME" in out
    assert "Undone." in out


def test_an_ending_prints_both_columns_and_exits(sample_story, play) -> None:
    code, out = play(sample_story, ["1", "1", "1", "3", "2"])
    assert code == 0
    assert "THE END: Toward the Elbe" in out
    assert "In your story:" in out and "In history:" in out
    assert (
        "  25 April 1945, 11:30: At Leckwitz, Kotzebue's men meet a lone Soviet horseman, the first contact. [E1]"
        in out
    )
    assert "Endings found so far, in every game: 1 of 2." in out
    assert not out.endswith("> ")


def test_quit(sample_story, play) -> None:
    code, out = play(sample_story, ["quit", "1"])
    assert code == 0 and out.endswith("Goodbye.\n")


def test_reflow_evens_paragraphs_and_keeps_blocks() -> None:
    from elbe_game.plain import reflow

    text = "A short\nline and a much longer line that goes on.\n\n\n- one\n- two\n\n> quoted\n"
    assert reflow(text, width=20) == (
        "A short line and a\nmuch longer line\nthat goes on.\n\n- one\n- two\n\n> quoted"
    )


def test_reflow_drops_emphasis_markers() -> None:
    from elbe_game.plain import reflow

    assert reflow("The *Soldbuch* and **Meeting on the Elbe**; 2 * 3 stays.") == (
        "The Soldbuch and Meeting on the Elbe; 2 * 3 stays."
    )


CLOAK = Path(__file__).resolve().parent / "fixtures" / "cloak"
FLOW = Path(__file__).resolve().parent / "fixtures" / "constructs" / "flow"


def test_a_reply_is_printed_before_the_passage_it_leads_to(play) -> None:
    _, out = play(CLOAK, ["3", "1", "journal"])
    after = out.split("> ")[2]  # what the second choice printed
    assert after.lstrip("\n").startswith(
        "In the dark? Your foot scuffs through something soft on the floor.\n\n== Darkness =="
    )
    journal = out.split("> ")[3]
    assert "2. Darkness: Feel your way forward\n    In the dark? Your foot scuffs" in journal


@pytest.mark.parametrize("key", ["", "c", "continue", "1"])
def test_a_flow_on_passage_continues_on_enter(play, key: str) -> None:
    _, out = play(FLOW, [key, key])
    screens = out.split("> ")
    assert "== Night ==" in screens[0] and "Continue: press Enter." in screens[0]
    assert "Choices:" not in screens[0]
    assert "== Dawn ==" in screens[1]
    assert "== The road ==" in screens[2] and "THE END: The road" in screens[2]


def test_a_neutral_ending_has_no_label(play) -> None:
    _, out = play(CLOAK, ["2", "1", "1", "3", "1"])
    assert "THE END: The message read\n" in out
    assert "alternate history" not in out
