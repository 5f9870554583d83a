"""Helpers for the UI tests: every app comes from ``make_app``; ``screen_text`` reads
what is on screen as plain text."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from elbe_game.host.options import PlayOptions
from elbe_game.ui.app import ElbeApp, make_app
from elbe_game.ui.screens.play import PlayScreen

from ..conftest import game

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MARKUP = FIXTURES / "markup"
BROKEN = FIXTURES / "broken"

SMALL = (80, 24)
LARGE = (120, 40)


def build_app(
    story: Path = SAMPLE,
    player_name: str | None = "Hale",
    seed: int = 7,
    saves_dir: Path | None = None,
    **options: Any,
) -> ElbeApp:
    """``saves_dir`` None: the conftest's ``$ELBE_GAME_SAVES_DIR`` under tmp_path."""
    return make_app(
        PlayOptions(
            story_dir=story, saves_dir=saves_dir, seed=seed, player_name=player_name, **options
        )
    )


async def wait_ready(pilot: Pilot[None]) -> None:
    """Wait until the story has loaded (in its worker thread) and the screen settled."""
    app = pilot.app
    assert isinstance(app, ElbeApp)
    for _ in range(500):
        if app.session_ready:
            break
        await pilot.pause(0.01)
    assert app.session_ready, "the story did not load"
    await wait_for_workers(pilot)
    await pilot.pause()


async def wait_for_workers(pilot: Pilot[None]) -> None:
    """Wait for the app's workers to finish, all but the story watcher of ``--dev``
    (which runs as long as the play screen)."""
    from textual.worker import WorkerCancelled

    for worker in [w for w in pilot.app.workers if w.group != "dev-reload"]:
        try:
            await worker.wait()
        except WorkerCancelled:
            continue  # superseded (an exclusive worker started again): not waited for


async def settle(pilot: Pilot[None]) -> None:
    """Let pending Markdown updates and refreshes finish."""
    await pilot.pause()
    await wait_for_workers(pilot)
    await pilot.pause()


async def start_game(pilot: Pilot[None]) -> None:
    """From the title screen: New game (accepting the default name if asked)."""
    from elbe_game.ui.screens.name import NameScreen
    from elbe_game.ui.screens.play import PlayScreen

    await wait_ready(pilot)
    await pilot.press("enter")
    await pilot.pause()
    if isinstance(pilot.app.screen, NameScreen):
        await pilot.press("enter")
        await pilot.pause()
    assert isinstance(pilot.app.screen, PlayScreen)
    await settle(pilot)


_TEXT = re.compile(
    r'<text[^>]*?x="([\d.]+)"[^>]*?clip-path="url\(#[\w-]*?line-(\d+)\)">([^<]*)</text>'
)


def screen_text(app: ElbeApp) -> str:
    """What the terminal shows, as plain text (from the SVG screenshot)."""
    svg = app.export_screenshot()
    width = app.size.width
    lines: dict[int, list[str]] = defaultdict(lambda: [" "] * width)
    char_width = 12.2
    for x, line, text in _TEXT.findall(svg):
        row = lines[int(line)]
        column = round(float(x) / char_width)
        for i, char in enumerate(html.unescape(text).replace("\xa0", " ")):
            if 0 <= column + i < width:
                row[column + i] = char
    return "\n".join("".join(lines[n]).rstrip() for n in range(app.size.height))


def record_notifications(app: ElbeApp) -> list[str]:
    """Collect every message the app shows in a notification from now on."""
    messages: list[str] = []
    notify = app.notify

    def recording(message: str, **kwargs: object) -> None:
        messages.append(message)
        notify(message, **kwargs)  # type: ignore[arg-type]

    app.notify = recording  # type: ignore[method-assign]
    return messages


def write_save(
    folder: Path,
    slot: str,
    choices: tuple[str, ...] = (),
    story: Path = SAMPLE,
    saved_at: str | None = None,
    play_time: float = 0.0,
) -> dict[str, Any]:
    """A save made through the engine's store (after taking ``choices``), optionally with
    a fixed ``saved_at`` so that lists are in a known order; returns the saved state."""
    import json

    from elbe_game.engine import Engine, load_story
    from elbe_game.host.saves import SaveStore

    engine = Engine.new_game(load_story(story), seed=7, player_name="Hale")
    for choice in choices:
        engine.choose(choice)
    info = SaveStore(folder).save(slot, *game(engine, play_time))
    if saved_at is not None:
        data = json.loads(info.path.read_text(encoding="utf-8"))
        data["saved_at"] = saved_at
        info.path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return engine.state.to_dict()


async def wait_for(pilot: Pilot[None], condition: Any, seconds: float = 5.0) -> None:
    """Pause until ``condition()`` is true (workers and timers running meanwhile)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition(), "the condition did not come true in time"


def play_screen(app: object) -> PlayScreen:
    """The play screen on top, or a failed assertion."""
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, PlayScreen)
    return screen


def shown(app: object, selector: str) -> str:
    """The plain text of the ``Static`` matching ``selector`` on the screen on top."""
    from textual.content import Content
    from textual.widgets import Static

    visual = app.screen.query_one(selector, Static).visual  # type: ignore[attr-defined]
    assert isinstance(visual, Content), f"{selector} shows {type(visual).__name__}"
    return visual.plain


def shown_passage(app: object) -> tuple[str, str]:
    """The passage on screen: its title and its Markdown text."""
    from textual.widgets import Markdown

    markdown = app.screen.query_one("#passage-text", Markdown)  # type: ignore[attr-defined]
    return shown(app, "#passage-title"), markdown.source


def option_texts(app: object, selector: str) -> list[str]:
    """The options of the ``OptionList`` matching ``selector``, as plain text."""
    from textual.content import Content
    from textual.widgets import OptionList

    options = app.screen.query_one(selector, OptionList).options  # type: ignore[attr-defined]
    return [str(o.prompt.plain if isinstance(o.prompt, Content) else o.prompt) for o in options]


def saved_game(folder: Path, slot: str) -> dict[str, Any]:
    """The save file ``slot`` in ``folder``, as written (docs/saves.md: The file)."""
    import json

    data: dict[str, Any] = json.loads((folder / f"{slot}.json").read_text(encoding="utf-8"))
    return data


READING = FIXTURES / "reading"
"""The reading tests' story: a long first passage, a long source address, a stat from
-5 to 10, an item whose name wraps, and passages with one way on (for skip-read)."""


def hold_notices(monkeypatch: Any) -> None:
    """Notices on the play screen stay until the game clears them, however slow the
    machine: a test reads a notice before its time runs out, never after."""
    from elbe_game.ui.widgets.notices import Notices

    add = Notices.add

    def held(
        self: Notices,
        message: str,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float = 4,
    ) -> None:
        add(self, message, title=title, severity=severity, timeout=3600)

    monkeypatch.setattr(Notices, "add", held)
