"""The game in a real browser: ``elbe-game serve`` played in Debian's Chromium, headless,
driven by Playwright with the system browser (``executable_path``; Playwright's own
browsers are never downloaded).

The terminal is drawn on a canvas, so the text on screen is read from the terminal
emulator in the page (xterm.js's buffer: what the canvas shows). textual.js keeps that
emulator in a closure; the test hands the page a textual.js with one statement added
that also keeps it in ``window.__terminals`` (and fails loudly if textual.js changed so
that the statement cannot be added). Each step is kept as a screenshot in
build/test-artifacts/browser/ (or $ELBE_GAME_ARTIFACTS/browser/), not in git.

Without Chromium the test is skipped, and said so; with ELBE_GAME_TEST_TOOLS=required
(CI sets it) a missing browser fails it.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from elbe_game.web.server import COOKIE, visitor_key

from ..conftest import PROJECT
from .conftest import Served

pytestmark = pytest.mark.slow

FLAGS = [  # without the networking ones, this machine's closed network refuses Chromium
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOOK = "const t=new w(e,{ping:r});"
"""Where textual.js makes its terminal; the hook keeps that terminal for the test."""
SCREEN = """() => {
    const term = window.__terminals[0].terminal, buffer = term.buffer.active, rows = [];
    for (let y = 0; y < term.rows; y++) {
        const line = buffer.getLine(buffer.viewportY + y);
        rows.push(line ? line.translateToString(true) : "");
    }
    return rows.join("\\n");
}"""
ARTIFACTS = Path(os.environ.get("ELBE_GAME_ARTIFACTS") or PROJECT / "build" / "test-artifacts")


def chromium() -> str:
    found = shutil.which(os.environ.get("ELBE_GAME_CHROMIUM") or "chromium")
    if found is None:
        why = "Chromium is not installed (Debian: apt-get install chromium)"
        if os.environ.get("ELBE_GAME_TEST_TOOLS") == "required":
            pytest.fail(f"the browser test must run here, but {why}")
        pytest.skip(f"browser test SKIPPED: {why}")
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield launched  # each context: a fresh profile of its own (cookies included)
        launched.close()


@pytest.fixture
def new_context(browser: Browser, served: Served) -> Iterator[Callable[[], BrowserContext]]:
    """Fresh browser profiles (another cookie jar each: another visitor), closed before
    the server stops, pass or fail, so that no game waits for a browser."""
    contexts: list[BrowserContext] = []

    def make() -> BrowserContext:
        contexts.append(browser.new_context(viewport={"width": 1280, "height": 800}))
        return contexts[-1]

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def shots() -> Path:
    folder = ARTIFACTS / "browser"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def hook_textual_js(route: Route) -> None:
    response = route.fetch()
    script = response.text()
    assert HOOK in script, "textual.js changed: find where it makes its terminal, hook it there"
    keep = "(window.__terminals = window.__terminals || []).push(t);"
    route.fulfill(response=response, body=script.replace(HOOK, HOOK + keep))


class Tab:
    """One browser tab on the served game: read the screen, press keys, keep shots."""

    def __init__(self, page: Page, shots: Path, name: str) -> None:
        self.page = page
        self.shots = shots
        self.name = name
        self.count = 0
        page.route("**/static/js/textual.js", hook_textual_js)

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_function("() => window.__terminals && window.__terminals.length")

    def screen(self) -> str:
        text: str = self.page.evaluate(SCREEN)
        return text

    def wait_for(self, *texts: str, gone: str | None = None, seconds: float = 30) -> str:
        """The screen once it shows every one of ``texts`` (and no longer ``gone``)."""
        deadline = time.monotonic() + seconds
        while True:
            screen = self.screen()
            if all(t in screen for t in texts) and (gone is None or gone not in screen):
                return screen
            if time.monotonic() > deadline:
                self.shot("FAILED")
                raise AssertionError(f"waited {seconds}s for {texts!r}; the screen:\n{screen}")
            time.sleep(0.1)

    def press(self, *keys: str) -> None:
        self.page.focus("textarea.xterm-helper-textarea")  # where xterm.js takes keys
        for key in keys:
            self.page.keyboard.press(key)

    def shot(self, step: str) -> None:
        self.count += 1
        self.page.screenshot(path=self.shots / f"{self.name}-{self.count:02d}-{step}.png")


def test_play_save_reload_and_continue_in_chromium(
    new_context: Callable[[], BrowserContext], served: Served, shots: Path
) -> None:
    context = new_context()
    tab = Tab(context.new_page(), shots, "visitor-a")
    tab.open(served.url)
    note = tab.page.locator("#note")
    assert "Screen readers cannot read this page" in note.inner_text()
    assert "elbe-game play --plain" in note.inner_text()

    # the title screen, with the browser's key for help
    title = tab.wait_for("E L B E   1 9 4 5", "Elbe 1945 (sample)", "New game")
    assert "? help" in title and "F1 help" not in title
    assert "Continue   c  (no saved games yet)" in title
    tab.shot("title")

    # a new game: the name dialog (ctrl+u clears it, where a terminal would use ctrl+w)
    tab.press("n")
    tab.wait_for("Your lieutenant's name")
    tab.press("Control+u")
    tab.page.keyboard.type("Kim")
    tab.wait_for("Kim")
    tab.shot("name")
    tab.press("Enter")
    screen = tab.wait_for("The halt on the Mulde", "Lieutenant Kim, the battalion", "Turn 1")
    assert "Draw the flares and the map case" in screen
    tab.shot("first-passage")

    # choices
    tab.press("1")
    tab.wait_for("The command post", "four green cartridges", "Turn 2")
    tab.press("1")
    tab.wait_for("The halt on the Mulde", "Turn 3")
    tab.press("1")
    screen = tab.wait_for("Across the Mulde", "grease-pencil arc", "Turn 4")
    assert "Keep going east, past the line" in screen
    tab.shot("choices-made")

    # help, in the browser: the keys the browser keeps, and what to press instead
    tab.press("?")
    screen = tab.wait_for("In the browser: keys the browser keeps", "press k to quick save")
    assert "Ctrl+Q" in screen and "Esc, then q on the title screen" in screen
    tab.shot("help")
    tab.press("Escape")
    tab.wait_for("Across the Mulde", gone="Help: every key")

    # save: k, the quick save of the web build (F5 would reload the page)
    tab.press("k")
    tab.wait_for("Quick saved at Across the Mulde")
    tab.shot("quick-saved")
    saves = served.visitors / visitor_key(cookie(context)) / "saves"
    assert (saves / "quicksave.json").is_file()
    assert not any(p.suffix == ".json" for p in served.saves.glob("*"))  # only visitors/

    # reload the page: a new game process; Continue resumes where the game was
    tab.page.reload()
    tab.page.wait_for_function("() => window.__terminals && window.__terminals.length")
    title = tab.wait_for("New game", "Elbe 1945 (sample)")
    assert "Continue   c  (no saved games yet)" not in title
    tab.shot("reloaded")
    tab.press("c")
    screen = tab.wait_for("Across the Mulde", "grease-pencil arc", "Turn 4")
    tab.shot("continued")
    tab.press("1")
    screen = tab.wait_for("Turn 5", gone="grease-pencil arc")
    tab.shot("played-on")

    # another browser is another visitor: none of the first one's saves
    other = new_context()
    second = Tab(other.new_page(), shots, "visitor-b")
    second.open(served.url)
    title = second.wait_for("New game", "Elbe 1945 (sample)")
    assert "Continue   c  (no saved games yet)" in title
    assert "Load       l  (no saved games yet)" in title
    second.shot("title")
    assert cookie(other) != cookie(context)
    assert not list((served.visitors / visitor_key(cookie(other))).glob("saves/*.json"))


def cookie(context: BrowserContext) -> str:
    """The visitor cookie the page gave this browser."""
    (value,) = [c["value"] for c in context.cookies() if c["name"] == COOKIE]
    return value
