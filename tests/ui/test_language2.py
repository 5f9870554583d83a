"""Story language 2 in the full-screen game: replies, flow-on passages (Continue on
Enter, space and 1), templated titles and neutral endings."""

from __future__ import annotations

from pathlib import Path

import pytest

from elbe_game.ui.screens.ending import EndingScreen
from elbe_game.ui.screens.journal import JournalScreen

from .helpers import SMALL, build_app, screen_text, settle, shown_passage, start_game

pytestmark = pytest.mark.asyncio

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CLOAK = FIXTURES / "cloak"
FLOW = FIXTURES / "constructs" / "flow"


async def test_reply_and_templated_title_in_the_cloak() -> None:
    app = build_app(CLOAK)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("3")  # south, into the dark bar
        await settle(pilot)
        title, text = shown_passage(app)
        assert title == "Darkness" and text.startswith("It is pitch dark")
        await pilot.press("1")  # feel your way forward: a reply, and stay
        await settle(pilot)
        title, text = shown_passage(app)
        assert title == "Darkness"
        assert text.startswith("> In the dark? Your foot scuffs through something soft")
        assert "In the dark? Your foot scuffs" in screen_text(app)
        await pilot.press("3", "2", "1")  # north, west, hang the cloak
        await settle(pilot)
        assert shown_passage(app)[1].startswith("> You hang the cloak on the hook.")
        await pilot.press("1", "3")  # east, south: the bar is lit now
        await settle(pilot)
        title, text = shown_passage(app)
        assert title == "The foyer bar" and not text.startswith(">")
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        journal = screen_text(app)
        assert "Darkness" in journal and "In the dark? Your foot scuffs" in journal


async def test_the_neutral_ending_has_no_history_label() -> None:
    app = build_app(CLOAK)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("2", "1", "1", "3", "1")  # west, hang, east, south, read
        await settle(pilot)
        assert app.session.view().ending is not None
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        text = screen_text(app)
        assert "THE END: The message read" in text
        assert "history" not in text.lower().replace("in history", "")
        assert "✓ The message read" in text and "(neutral)" not in text


@pytest.mark.parametrize("key", ["space", "enter", "1"])
async def test_continue_on_a_flow_on_passage(key: str) -> None:
    app = build_app(FLOW)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        assert app.session.view().flow_on
        assert "1. Continue" in screen_text(app)
        await pilot.press(key)
        await settle(pilot)
        assert app.session.view().node_id == "dawn"
        await pilot.press(key)
        await settle(pilot)
        assert app.session.view().node_id == "road"
        await pilot.press("u")
        await settle(pilot)
        assert app.session.view().node_id == "dawn"


async def test_space_does_nothing_where_there_are_choices() -> None:
    app = build_app(CLOAK)
    async with app.run_test(size=SMALL) as pilot:
        await start_game(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert app.session.view().node_id == "foyer" and app.session.view().turn == 0
