"""The plain front end, driven through stdin as a screen-reader user would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from elbe_game.plaintext import render

from .conftest import plain_game


@pytest.fixture
def play(tmp_path: Path):
    def run(story, lines: list[str], **options: object) -> tuple[int, str]:
        game, out = plain_game(
            story, tmp_path / "saves", "".join(f"{x}\n" for x in lines), **options
        )
        return game.run(), out.getvalue()

    return run


def flat(text: str) -> str:
    """The words of a transcript, whatever the wrapping."""
    return " ".join(text.split())


def test_first_screen(sample_story, play) -> None:
    code, out = play(sample_story, [])
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "The halt on the Mulde"
    assert lines[1] == "24 April 1945, 08:10, Trebsen"
    assert "(A history note is available: type history.)" in lines
    assert "  1. Draw the flares and the map case from the company command post" in lines
    assert lines[-1] == "> "


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("", "Type a choice number, or help for the commands."),
        ("go north", "Unknown command 'go': type a choice number, or help for the commands."),
        ("7", "There is no choice 7: pick a number from 1 to 2."),
        ("0", "There is no choice 0: pick a number from 1 to 2."),
        ("-1", "Unknown command '-1': type a choice number, or help for the commands."),
        ("undo", "Nothing to undo: this is where the story starts."),
        ("skip", "Nothing to skip: this passage is new to you, or it has a choice to make."),
        ("reread 9", "Give a passage number from the journal, from 1 to 1."),
        ("changes maybe", "Type changes on or changes off."),
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
        "3. Fire a green flare over the fields (not available: You have no flares; the "
        "command post has them)" in flat(out)
    )
    assert "Choice 3 is not available: You have no flares; the command post has them." in out


def test_commands(sample_story, play) -> None:
    _, out = play(sample_story, ["history", "1", "status", "codex", "journal", "help", "undo"])
    assert "What really happened:" in out and "E14: Order of battle" in out
    assert "Carrying: Green flares, Map case" in out
    assert "Standing with command: 5, from 0 to 10" in out
    assert "The Mulde line (place):" in out
    assert (
        "1. The halt on the Mulde: Draw the flares and the map case from the company command "
        "post" in flat(out)
    )
    assert "2. The command post (you are here)" in out
    assert "save NAME" in out
    assert "Undone." in out


def test_status_says_what_each_stat_means(write_story, play) -> None:
    from .conftest import MINIMAL

    manifest = MINIMAL.replace(
        "label: Courage}", "label: Courage, description: How brave you have been.}"
    )
    nodes = """\
        nodes:
          start:
            title: Start
            text: Begin.
            choices:
              - {text: Be brave, to: end, effects: {add: {courage: 2}}}
          end:
            title: End
            text: Done.
            ending: {id: done, title: Done}
        """
    story = write_story({"story.yaml": manifest, "nodes.yaml": nodes})
    _, out = play(story, ["status", "1"])
    assert "Courage: 0, from 0 to 5\n  How brave you have been.\n" in out
    assert "(Courage +2.)" in out  # what the choice changed


def test_changes_off_is_kept_and_silences_them(write_story, play, tmp_path: Path) -> None:
    from .conftest import MINIMAL

    nodes = """\
        nodes:
          start:
            title: Start
            text: Begin.
            choices:
              - {text: Be brave, to: start, id: again, effects: {add: {courage: 1}}}
        """
    story = write_story({"story.yaml": MINIMAL, "nodes.yaml": nodes})
    game, out = plain_game(story, tmp_path / "saves", "1\nchanges off\n1\n")
    from elbe_game.host.settings import SettingsStore

    store = SettingsStore(tmp_path / "config")
    game.settings_store = store
    game.run()
    text = out.getvalue()
    assert text.count("(Courage +1.)") == 1
    assert "Changes will not be told." in text
    assert store.load()[0].stat_changes is False


def test_an_ending_shows_both_columns_and_says_what_can_be_typed(sample_story, play) -> None:
    code, out = play(sample_story, ["1", "1", "1", "3", "2", "1", "undo", "quit"])
    assert code == 0
    assert "The end: Toward the Elbe." in out
    assert "In your story:" in out and "In history:" in out
    assert (
        "25 April 1945, 11:30: At Leckwitz, Kotzebue's men meet a lone Soviet horseman, the "
        "first contact. (sources: E1)" in flat(out)
    )
    assert "Endings found so far, in every game: 1 of 2." in out
    after = (
        "The story has ended. Type undo to step back, load NAME to load a save, new for a "
        "new game, or quit."
    )
    assert flat(out).count(after) == 2  # after the ending, and again for a number
    assert "Undone." in out and out.endswith("Goodbye.\n")


def test_new_starts_again(sample_story, play) -> None:
    _, out = play(sample_story, ["2", "new", "journal"])
    assert "A new game." in out
    last = out.split("> ")[-2]  # what the journal said
    assert last.splitlines()[0] == "1. The halt on the Mulde (you are here)"


def test_reread_shows_a_passage_as_it_was_read(sample_story, play) -> None:
    # through the command post, so the second passage read says "Without the map" first
    _, out = play(sample_story, ["2", "undo", "1", "1", "1", "reread 4", "reread 1"])
    reread = out.split("> ")[-3]
    assert reread.startswith("4. Across the Mulde\n\n")
    assert "On the map case the five-mile line is a neat grease-pencil arc." in flat(reread)
    assert "Without the map" not in reread
    assert "You chose:" not in reread  # the passage being read now
    first = out.split("> ")[-2]
    assert first.startswith("1. The halt on the Mulde\n\n")
    assert "You chose: Draw the flares and the map case" in flat(first)


def test_skip_goes_through_passages_read_in_an_earlier_game(sample_story, play) -> None:
    # the first game reads the halt and the command post (and moves on from both)
    play(sample_story, ["1", "1"])
    # the second: at the command post, skip: through it and the halt (where the command
    # post is no longer offered), to "Across the Mulde", which the first game never read
    _, out = play(sample_story, ["1", "skip", "skip"])
    skipped = out.split("> ")[-3]
    assert flat(skipped).startswith(
        "Skipped 2 passage(s) read before: The command post, The halt on the Mulde."
    )
    assert "Across the Mulde\n24 April 1945, 09:30, Kühren" in skipped
    assert out.split("> ")[-2].startswith("Nothing to skip")  # new text is never skipped


def test_quit(sample_story, play) -> None:
    code, out = play(sample_story, ["quit", "1"])
    assert code == 0 and out.endswith("Goodbye.\n")


def test_no_wrapping_for_screen_readers(sample_story, play) -> None:
    _, out = play(sample_story, ["history"], width=0)
    paragraph = (
        "The Mulde runs brown and quick under the blown bridge at Trebsen. For nine days the "
        "regiment has sat on this bank and watched the far one, where nothing moves but "
        "smoke and, now and then, a cart."
    )
    assert paragraph in out.splitlines()
    note = [line for line in out.splitlines() if line.startswith("The US First Army halted")]
    assert note and note[0].endswith("neither would mistake the other for the enemy.")


def test_notes_wrap_at_the_same_width_as_passages(sample_story, play) -> None:
    _, out = play(sample_story, ["history", "status", "codex"], width=40)
    lines = [line.removeprefix("> ") for line in out.splitlines()]
    long = [line for line in lines if len(line) > 40]
    # only web addresses, which are never broken (they are copied whole)
    assert [line.strip() for line in long] == [
        "https://www.vesteburg.com/begegnung/beg_geschichte.html",
        "https://www.history.army.mil/books/70-7_22.htm",
    ]


MARKUP = re.compile(r"[*_#>|`\[\]{}=~]|\\u2550|[\u2500-\u257f]")


def test_a_whole_playthrough_has_no_markup_for_a_screen_reader(sample_story, play) -> None:
    commands = ["history", "1", "status", "journal", "codex", "1", "2", "3", "help", "2"]
    _, out = play(sample_story, commands)
    spoken = re.sub(r"https?://\S+", "", out.replace("> ", ""))  # the prompt; addresses
    found = sorted({m.group(0) for m in MARKUP.finditer(spoken)})
    assert found == []


def test_render_reads_markdown_as_text() -> None:
    text = (
        "A short\nline and a *much longer line that\ngoes on*.\n\n\n- one\n- two **b**\n\n"
        "> quoted\n> here\n\n1. first\n2. [second](https://x.org/a)\n"
    )
    assert render(text, width=20) == (
        "A short line and a\nmuch longer line\nthat goes on.\n\n- one\n- two b\n\n"
        "  quoted here\n\n1. first\n2. second\n   (https://x.org/a)"
    )


def test_render_keeps_addresses_whole_and_lists_hanging() -> None:
    url = "https://www.cambridge.org/core/books/drawing-the-line/introduction"
    out = render(f"See {url} for more.\n\n- an item that is long enough to wrap", width=30)
    assert url in out.splitlines()
    assert out.splitlines()[-2:] == ["- an item that is long enough", "  to wrap"]


def test_render_drops_emphasis_markers() -> None:
    assert render("The *Soldbuch* and **Meeting on the Elbe**; 2 * 3 stays.") == (
        "The Soldbuch and Meeting on the Elbe; 2 * 3 stays."
    )


CLOAK = Path(__file__).resolve().parent / "fixtures" / "cloak"
FLOW = Path(__file__).resolve().parent / "fixtures" / "constructs" / "flow"


def test_a_reply_is_printed_before_the_passage_it_leads_to(play) -> None:
    _, out = play(CLOAK, ["3", "1", "journal"])
    after = out.split("> ")[2]  # what the second choice printed
    assert after.lstrip("\n").startswith(
        "In the dark? Your foot scuffs through something soft on the floor.\n\nDarkness\n"
    )
    journal = out.split("> ")[3]
    assert "2. Darkness: Feel your way forward\n    In the dark? Your foot scuffs" in journal


@pytest.mark.parametrize("key", ["", "c", "continue", "1"])
def test_a_flow_on_passage_continues_on_enter(play, key: str) -> None:
    _, out = play(FLOW, [key, key])
    screens = out.split("> ")
    assert screens[0].startswith("Night\n") and "Continue: press Enter." in screens[0]
    assert "Choices:" not in screens[0]
    assert "\nDawn\n" in screens[1]
    assert "\nThe road\n" in screens[2] and "The end: The road." in screens[2]


def test_a_neutral_ending_has_no_label(play) -> None:
    _, out = play(CLOAK, ["2", "1", "1", "3", "1"])
    assert "The end: The message read.\n" in out
    assert "alternate history" not in out
