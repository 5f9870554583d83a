"""``elbe-game serve`` without a browser: the page, the visitor cookie, who may open a
game and in which folders, and the command's own errors."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from elbe_game.host.dirs import CONFIG_ENV, SAVES_ENV, Folders
from elbe_game.web.server import COOKIE, GameServer, VisitorGame, visitor_key

from ..conftest import FIXTURES, PROJECT, SAMPLE
from .conftest import Served, free_port, stop_server

TOKEN_A = "0123456789abcdef0123456789abcdef"
TOKEN_B = "fedcba9876543210fedcba9876543210"


def server(saves: Path) -> GameServer:
    return GameServer(SAMPLE, saves, "127.0.0.1", 8000)


def ws_request(cookie: str | None = None, origin: str | None = None) -> web.Request:
    headers = {"Host": "127.0.0.1:8000"}
    if cookie is not None:
        headers["Cookie"] = f"{COOKIE}={cookie}"
    if origin is not None:
        headers["Origin"] = origin
    return make_mocked_request("GET", "/ws", headers=headers)


# ------------------------------------------------------------------ who plays where


def test_each_visitor_has_folders_of_their_own(tmp_path: Path) -> None:
    game_server = server(tmp_path)
    a = game_server.visitor_folders(ws_request(TOKEN_A, "http://127.0.0.1:8000"))
    b = game_server.visitor_folders(ws_request(TOKEN_B))
    assert a == Folders.resolve(saves_dir=tmp_path, visitor=visitor_key(TOKEN_A))
    assert a.saves == tmp_path / "visitors" / visitor_key(TOKEN_A) / "saves"
    assert a.config == tmp_path / "visitors" / visitor_key(TOKEN_A) / "config"
    assert b.saves == tmp_path / "visitors" / visitor_key(TOKEN_B) / "saves"
    # the folder's name is not the cookie: listing the folders gives no one a cookie
    assert visitor_key(TOKEN_A) != TOKEN_A and re.fullmatch("[0-9a-f]{32}", visitor_key(TOKEN_A))


@pytest.mark.parametrize(
    "cookie",
    [None, "", "0123", TOKEN_A.upper(), "../../../../etc/passwd0123456789a", TOKEN_A + "0"],
)
def test_a_game_without_a_valid_cookie_is_refused(tmp_path: Path, cookie: str | None) -> None:
    with pytest.raises(web.HTTPForbidden) as refused:
        server(tmp_path).visitor_folders(ws_request(cookie))
    assert "No visitor cookie" in (refused.value.text or "")


def test_a_game_opened_from_another_site_is_refused(tmp_path: Path) -> None:
    with pytest.raises(web.HTTPForbidden) as refused:
        server(tmp_path).visitor_folders(ws_request(TOKEN_A, "http://elsewhere.example"))
    assert "not http://elsewhere.example" in (refused.value.text or "")


def test_the_game_process_gets_the_visitors_folders_and_the_web_driver(tmp_path: Path) -> None:
    folders = Folders.resolve(saves_dir=tmp_path, visitor=visitor_key(TOKEN_A))

    async def noop(_: object = None) -> None:
        return None

    game = VisitorGame(
        "true",
        folders,
        write_bytes=noop,
        write_str=noop,
        close=noop,
        download_manager=server(tmp_path).download_manager,
    )
    env = game._build_environment(100, 30)
    assert env[SAVES_ENV] == str(folders.saves)
    assert env[CONFIG_ENV] == str(folders.config)
    # Textual's web driver (what makes `play` full screen), quitting when its input ends
    assert env["TEXTUAL_DRIVER"] == "elbe_game.ui.webdriver:ServedDriver"
    assert (env["COLUMNS"], env["ROWS"]) == ("100", "30")


# ------------------------------------------------------------------ the page, for real


def test_the_page_gives_a_cookie_once_and_says_what_screen_readers_get(served: Served) -> None:
    async def visit() -> tuple[aiohttp.ClientResponse, str, aiohttp.ClientResponse]:
        jar = aiohttp.CookieJar(unsafe=True)  # unsafe: keep cookies of an IP address
        async with aiohttp.ClientSession(cookie_jar=jar) as client:
            first = await client.get(served.url)
            page = await first.text()
            again = await client.get(served.url)  # the cookie jar sends the cookie back
            await again.text()
            return first, page, again

    first, page, again = asyncio.run(visit())
    assert first.status == 200
    cookie = first.cookies[COOKIE]
    assert re.fullmatch("[0-9a-f]{32}", cookie.value)
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/"
    assert int(cookie["max-age"]) == 365 * 24 * 3600
    assert COOKIE not in again.cookies  # a valid cookie is kept, not replaced
    assert "Screen readers cannot read this page" in page
    assert "<code>elbe-game play --plain</code>" in page
    assert 'src="/static/js/textual.js"' in page


def test_the_game_socket_needs_the_cookie_and_the_pages_origin(served: Served) -> None:
    async def connect(cookies: dict[str, str], origin: str | None = None) -> int | str:
        """The handshake's status, or with 101 what the game drew in its first frames."""
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookies=cookies, cookie_jar=jar) as client:
            headers = {"Origin": origin} if origin else {}
            try:
                async with client.ws_connect(served.url + "ws", headers=headers) as ws:
                    drawn = b""
                    async with asyncio.timeout(30):
                        while b"E L B E" not in drawn:
                            message = await ws.receive()
                            if message.type is aiohttp.WSMsgType.BINARY:
                                drawn += message.data
                    return "101: the title screen"
            except aiohttp.WSServerHandshakeError as exc:
                return exc.status

    assert asyncio.run(connect({})) == 403
    assert asyncio.run(connect({COOKIE: "not-a-token"})) == 403
    assert asyncio.run(connect({COOKIE: TOKEN_A}, "http://elsewhere.example")) == 403
    assert asyncio.run(connect({COOKIE: TOKEN_A}, served.url.rstrip("/"))) == (
        "101: the title screen"
    )


def games_of(server_pid: int) -> list[int]:
    """The game processes the server started (Linux: read from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == server_pid and b"play" in cmdline and b"elbe_game" in cmdline:
            found.append(int(stat.parent.name))
    return found


def test_stopping_the_server_ends_every_game(served: Served) -> None:
    """A game is told to quit when the server stops, even with its browser still there."""

    async def play_then_stop() -> tuple[list[int], aiohttp.WSMsgType, str]:
        jar = aiohttp.CookieJar(unsafe=True)
        async with (
            aiohttp.ClientSession(cookies={COOKIE: TOKEN_A}, cookie_jar=jar) as client,
            client.ws_connect(served.url + "ws") as ws,
        ):
            drawn = b""
            async with asyncio.timeout(30):
                while b"E L B E" not in drawn:
                    drawn += (await ws.receive()).data
            games = games_of(served.process.pid)
            output = await asyncio.to_thread(stop_server, served.process)
            async with asyncio.timeout(10):
                while (message := await ws.receive()).type is aiohttp.WSMsgType.BINARY:
                    pass
            return games, message.type, output

    games, closing, output = asyncio.run(play_then_stop())
    assert len(games) == 1  # exec: the game itself, not a shell around it
    assert closing in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    assert served.process.returncode == 0, output
    assert not Path(f"/proc/{games[0]}").exists()


def test_a_game_whose_server_is_killed_quits(served: Served) -> None:
    """Killed (no chance to tell its games to quit), the server leaves none running."""

    async def play_then_kill() -> list[int]:
        jar = aiohttp.CookieJar(unsafe=True)
        async with (
            aiohttp.ClientSession(cookies={COOKIE: TOKEN_B}, cookie_jar=jar) as client,
            client.ws_connect(served.url + "ws") as ws,
        ):
            drawn = b""
            async with asyncio.timeout(30):
                while b"E L B E" not in drawn:
                    drawn += (await ws.receive()).data
            games = games_of(served.process.pid)
            served.process.kill()
            return games

    (game,) = asyncio.run(play_then_kill())
    served.process.wait()
    deadline = time.monotonic() + 10
    while Path(f"/proc/{game}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(f"/proc/{game}").exists(), "the game outlived its server"


# ------------------------------------------------------------------ the command's errors


def run_serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "elbe_game", "serve", *args],
        cwd=PROJECT,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_port_in_use_is_one_line_and_exit_1() -> None:
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = run_serve("--port", str(port), "--story", str(SAMPLE))
    assert result.returncode == 1
    assert f"elbe-game serve: cannot listen on 127.0.0.1:{port}:" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_broken_story_is_reported_before_serving() -> None:
    result = run_serve(
        "--port", str(free_port()), "--story", str(FIXTURES / "checker/E009_unknown_target")
    )
    assert result.returncode == 1
    assert "E009 unknown target node 'nowhere'" in result.stderr
    assert "served at" not in result.stdout


def test_without_the_web_extra_serve_says_how_to_install_it() -> None:
    code = (
        "import sys; sys.modules['textual_serve'] = None\n"  # as if not installed
        "from elbe_game.cli import main; sys.exit(main(['serve']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "needs the web extra (textual_serve is missing)" in result.stderr
    assert "pip install 'elbe-game[web]'" in result.stderr
    assert "Traceback" not in result.stderr
