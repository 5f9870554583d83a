"""Shared test helpers: the sample story and a way to write small stories."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from elbe_game.engine import Engine, GameState, Story, load_story
from elbe_game.engine.savefile import SaveMeta
from elbe_game.host.dirs import Folders
from elbe_game.host.game import GameSession
from elbe_game.host.options import PlayOptions
from elbe_game.plain import PlainGame

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
SAMPLE = FIXTURES / "sample"
PROJECT = TESTS.parent

WriteStory = Callable[..., Path]


@pytest.fixture(autouse=True)
def _private_saves_and_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test ever writes saves or settings into the checkout or the home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.delenv("ELBE_GAME_SAVES", raising=False)
    monkeypatch.setenv("ELBE_GAME_SAVES_DIR", str(home / "saves"))
    monkeypatch.setenv("ELBE_GAME_CONFIG_DIR", str(home / "config"))


@pytest.fixture(scope="session")
def sample_story() -> Story:
    return load_story(SAMPLE)


@pytest.fixture
def write_story(tmp_path: Path) -> WriteStory:
    """Write files (name -> YAML text, dedented) into a fresh folder; return it."""

    def write(files: dict[str, str | bytes], folder: str = "story") -> Path:
        root = tmp_path / folder
        root.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return write


MINIMAL = """\
    story: {id: mini, title: Mini, start: start}
    variables:
      courage: {type: int, default: 0, min: 0, max: 5, visible: true, label: Courage}
      name: {type: str, default: "Anna"}
      brave: {type: bool, default: false}
    items:
      lamp: {name: Lamp}
    codex:
      river: {title: River, category: place, text: A river.}
    sources:
      S1: {title: Source one}
    """


def game(engine: Engine, play_time: float = 0.0) -> tuple[Story, GameState, SaveMeta]:
    """What the save store takes for ``engine``'s game: story, state and meta."""
    meta = SaveMeta(play_time=play_time, player_name=engine.player_name)
    return engine.story, engine.state, meta


def session_for(
    story: Story | Path,
    saves: Path,
    *,
    seed: int | None = 1,
    name: str | None = None,
    on_problem: Callable[[str], None] | None = None,
    **options: object,
) -> GameSession:
    """A game session over ``story`` (a loaded story or its folder), saving in
    ``saves``, opened (the story read, the saves listed); no game started yet."""
    story_dir = story.root if isinstance(story, Story) else story
    session = GameSession(
        PlayOptions(story_dir=Path(story_dir), seed=seed, player_name=name, **options),  # type: ignore[arg-type]
        Folders(saves=saves, config=saves.parent / "config"),
        story=story if isinstance(story, Story) else None,
        on_problem=on_problem,
    )
    session.open()
    return session


def plain_game(
    story: Story | Path,
    saves: Path,
    lines: str = "",
    *,
    seed: int | None = 1,
    width: int = 80,
    **options: object,
) -> tuple[PlainGame, io.StringIO]:
    """The plain front end over a new game of ``story``, reading ``lines``; as the
    command line wires it (autosave problems are told in the transcript)."""
    out = io.StringIO()
    holder: list[PlainGame] = []
    session = session_for(
        story, saves, seed=seed, on_problem=lambda m: holder[0].tell_problem(m), **options
    )
    game = PlainGame(session, io.StringIO(lines), out, width=width)
    holder.append(game)
    session.new_game()
    return game, out
