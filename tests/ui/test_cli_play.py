"""``elbe-game play`` in a terminal: every argument reaches ``make_app``; a bad
``--start-at``/``--set`` is one line and exit 2 before the app starts."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from elbe_game import cli
from elbe_game.host.options import PlayOptions

from .helpers import SAMPLE


class FakeApp:
    return_code = 0

    def run(self) -> None:
        pass


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Pretend stdin and stdout are a terminal; record what make_app is given."""
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    seen: dict[str, Any] = {}

    def fake_make_app(options: PlayOptions, **kwargs: Any) -> FakeApp:
        seen.update(options=options, **kwargs)
        return FakeApp()

    monkeypatch.setattr("elbe_game.ui.app.make_app", fake_make_app)
    return seen


def test_play_passes_everything_to_make_app(terminal: dict[str, Any], tmp_path: Path) -> None:
    code = cli.main(
        [
            "play",
            "--story",
            str(SAMPLE),
            "--saves-dir",
            str(tmp_path),
            "--load",
            "bridge",
            "--seed",
            "3",
            "--name",
            "Kim",
            "--start-at",
            "mulde_crossing",
            "--set",
            "standing=7",
            "--dev",
        ]
    )
    assert code == 0
    assert terminal["options"] == PlayOptions(
        story_dir=SAMPLE,
        saves_dir=tmp_path,
        seed=3,
        player_name="Kim",
        continue_game=False,
        load_slot="bridge",
        start_at="mulde_crossing",
        sets=("standing=7",),
        dev=True,
    )
    # the story read to check --start-at and --set is handed on, not read twice
    story = terminal["story"]
    assert story is not None and story.root == SAMPLE


def test_continue_reaches_the_app_not_plain_mode(terminal: dict[str, Any], tmp_path: Path) -> None:
    assert cli.main(["--story", str(SAMPLE), "--saves-dir", str(tmp_path), "--continue"]) == 0
    assert terminal["options"].continue_game is True
    assert terminal["story"] is None  # nothing to check first: the app reads the story


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start-at", "nowhere"], "elbe-game: --start-at nowhere: the story has no node"),
        (["--set", "standing=99"], "elbe-game: --set standing=99: 'standing' must be at most"),
        (["--set", "nothing=1"], "elbe-game: --set nothing=1: the story has no variable"),
    ],
)
def test_bad_start_at_or_set_is_one_line_and_exit_2(
    terminal: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    code = cli.main(["play", "--story", str(SAMPLE), "--saves-dir", str(tmp_path), *args])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1
    assert terminal == {}  # the app never started


def test_served_over_pipes_play_is_the_full_screen_game(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """textual-serve (and `elbe-game serve`) runs `play` over pipes with $TEXTUAL_DRIVER
    naming Textual's web driver: that is the full-screen game, not plain text."""
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: False)
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    seen: list[PlayOptions] = []

    def fake_make_app(options: PlayOptions, **kwargs: Any) -> FakeApp:
        seen.append(options)
        return FakeApp()

    monkeypatch.setattr("elbe_game.ui.app.make_app", fake_make_app)
    assert cli.main(["play", "--story", str(SAMPLE), "--saves-dir", str(tmp_path)]) == 0
    assert [o.story_dir for o in seen] == [SAMPLE]
    monkeypatch.setattr("sys.stdin", io.StringIO("quit\n"))
    assert cli.main(["play", "--plain", "--story", str(SAMPLE)]) == 0  # --plain still wins
    assert len(seen) == 1
    assert "Goodbye." in capsys.readouterr().out
