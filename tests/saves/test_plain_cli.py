"""The plain front end and the CLI: save, quit, load, continue, list."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from elbe_game.engine import Engine, Story
from elbe_game.host.saves import SaveStore

from ..conftest import PROJECT, SAMPLE, game, plain_game


def run(*args: str, stdin: str = "", saves: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    env.pop("ELBE_GAME_SAVES_DIR", None)
    extra = ["--saves-dir", str(saves)] if saves is not None else []
    return subprocess.run(
        [sys.executable, "-m", "elbe_game", *args, *extra],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def play(*args: str, stdin: str, saves: Path) -> subprocess.CompletedProcess[str]:
    return run("play", "--plain", "--story", str(SAMPLE), *args, stdin=stdin, saves=saves)


PASSAGE = re.compile(r"^[^\n]+\n\d{1,2} [A-Z][a-z]+ 19\d\d, ", re.MULTILINE)


def last_passage(out: str) -> str:
    """The last passage shown: from its title (the line above the in-story date) to its
    last choice."""
    start = list(PASSAGE.finditer(out))[-1].start()
    end = out.index("\n> ", start)
    return out[start:end]


def test_save_quit_and_load_shows_the_same_passage(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    first = play("--seed", "7", "--name", "Kim", stdin="1\n1\n1\nsave bridge\nquit\n", saves=saves)
    assert first.returncode == 0, first.stderr
    assert f"Saved as 'bridge' in {saves}." in " ".join(first.stdout.split())
    passage = last_passage(first.stdout.split("Saved as")[0])
    assert passage.startswith("Across the Mulde\n") and "Lieutenant" not in passage
    second = play("--load", "bridge", stdin="journal\nquit\n", saves=saves)
    assert second.returncode == 0, second.stderr
    assert "Loaded 'bridge'." in second.stdout
    assert last_passage(second.stdout) == passage
    assert "1. The halt on the Mulde: Draw the flares" in second.stdout  # the journal too


def test_continue_resumes_the_autosave_after_every_choice(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    first = play("--seed", "7", stdin="1\n1\n1\n3\n", saves=saves)  # end of input, no quit
    passage = last_passage(first.stdout)
    assert passage.startswith("Green over the fields\n")
    second = play("--continue", stdin="undo\nquit\n", saves=saves)
    assert "Loaded 'autosave'." in second.stdout
    assert last_passage(second.stdout.split("Undone.")[0]) == passage
    assert "Undone.\n\nAcross the Mulde\n24 April 1945" in second.stdout
    listing = run("saves", saves=saves)
    assert listing.returncode == 0
    lines = listing.stdout.splitlines()
    assert lines[0] == f"Saves in {saves}, newest first:"
    assert lines[1].startswith("  autosave (auto): Across the Mulde (24 April 1945, 09:30)")


def test_continue_without_saves_starts_a_new_game(tmp_path: Path) -> None:
    result = play("--continue", stdin="quit\n", saves=tmp_path / "none")
    assert result.returncode == 0
    none = tmp_path / "none"
    assert result.stderr == (
        f"elbe-game: note: There is no save of this story in {none} to continue: "
        "start a new game.\n"
    )
    assert "The halt on the Mulde\n" in result.stdout


def test_load_errors_are_one_message(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    missing = play("--load", "nothing", stdin="", saves=saves)
    assert missing.returncode == 1
    assert missing.stderr.startswith("elbe-game: cannot load: there is no save named 'nothing'")
    saves.mkdir()
    (saves / "broken.json").write_text('{"format": "elbe-1945-save", "vers')
    broken = play("--load", "broken", stdin="", saves=saves)
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert "is damaged: it is cut short or not JSON" in broken.stderr
    assert (saves / "broken.json").read_text() == '{"format": "elbe-1945-save", "vers'
    bad_name = play("--load", "../etc/passwd", stdin="", saves=saves)
    assert bad_name.returncode == 1 and "path separator" in bad_name.stderr
    listing = run("saves", "--format", "json", saves=saves)
    rows = json.loads(listing.stdout)["saves"]
    assert [(r["slot"], r["problem"] is not None) for r in rows] == [("broken", True)]
    assert "DAMAGED" in run("saves", saves=saves).stdout


def test_saves_delete(tmp_path: Path, played: Engine) -> None:
    saves = tmp_path / "saves"
    SaveStore(saves).save("old", *game(played))
    assert run("saves", "--delete", "old", saves=saves).returncode == 0
    assert run("saves", saves=saves).stdout == f"No saves in {saves}.\n"
    gone = run("saves", "--delete", "old", saves=saves)
    assert gone.returncode == 1 and "no save named 'old'" in gone.stderr


def test_load_a_save_whose_passage_is_gone_asks_first(
    tmp_path: Path, played: Engine, edit_story: Any
) -> None:
    from .test_story_edits import remove_crossing

    story = edit_story(remove_crossing)
    saves = tmp_path / "saves"
    SaveStore(saves).save("s", *game(played))
    args = ("play", "--plain", "--story", str(story.root), "--load", "s")
    refused = run(*args, stdin="no\n", saves=saves)
    assert "is no longer in the story" in refused.stdout and refused.returncode == 1
    accepted = run(*args, stdin="maybe\nyes\nquit\n", saves=saves)
    assert accepted.returncode == 0
    assert "Note: The passage 'Across the Mulde' is gone" in accepted.stdout
    assert last_passage(accepted.stdout).startswith("The halt on the Mulde\n")


def test_in_game_save_and_load(tmp_path: Path, sample_story: Story) -> None:
    lines = "save\nsave ../x\n1\nsave here\n1\nload\nload here\nload nowhere\nquit\n"
    game, out = plain_game(sample_story, tmp_path / "saves", lines)
    assert game.run() == 0
    text = out.getvalue()
    assert "Give the save a name, for example: save bridge" in text
    assert "Not saved: '../x' cannot be a save name: it contains a path separator." in text
    assert "Name the save to load" in text
    assert "Loaded 'here'." in text
    assert "Not loaded: there is no save named 'nowhere'" in text
    view = game.session.view()
    assert (view.node_id, view.turn) == ("mulde_supply", 1)


def test_continue_after_a_load_comes_back_to_the_loaded_passage(tmp_path) -> None:
    """Loading is a move too: the autosave follows it, as in the full-screen app."""
    import os
    import subprocess
    import sys

    from ..conftest import PROJECT, SAMPLE

    saves = tmp_path / "s"

    def play(*args: str, stdin: str) -> str:
        env = {**os.environ, "PYTHONPATH": str(PROJECT)}
        cmd = [sys.executable, "-m", "elbe_game", "play", "--plain", "--story", str(SAMPLE)]
        return subprocess.run(
            [*cmd, "--saves-dir", str(saves), "--seed", "1", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout

    play(stdin="2\nsave early\n")  # at "Across the Mulde", saved as 'early'
    play("--load", "early", stdin="2\n")  # on to "Past the line" (an ending)
    out = play(stdin="1\nload early\n")  # a new game: the command post, then load
    assert "Loaded 'early'" in out
    out = play("--continue", stdin="")
    assert "Across the Mulde\n" in out.split("Loaded")[-1]
