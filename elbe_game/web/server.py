"""The web server behind ``elbe-game serve``.

textual-serve runs one command per browser connection (a websocket) and relays the
terminal that command draws. Here the command is ``python -m elbe_game play --story
DIR``; it picks the full-screen game because textual-serve sets $TEXTUAL_DRIVER to
Textual's web driver (cli.py's ``_full_screen``), and the game sees ``app.is_web``
and uses the browser's keys (ui/webkeys.py).

Visitors. The page (``GET /``) gives a browser that has none a visitor cookie: 128
random bits, HttpOnly, SameSite=Strict, kept for a year. The websocket that starts a
game must carry it and come from the page's own origin, else it is refused (403).
 that visitor's own folders in its environment
($ELBE_GAME_SAVES_DIR, $ELBE_GAME_CONFIG_DIR) from ``Folders.resolve(visitor=KEY)``:
``<saves>/visitors/KEY/``, where KEY is a hash of the cookie, so that the names of the
folders on disk do not give anyone a visitor's cookie. Two browsers never share a
folder. A reload closes the old connection (its game writes its last autosave as it
quits; every choice was autosaved already) and opens a new one with the same
cookie: Continue on the title screen resumes the game. When the server stops (ctrl+c,
SIGTERM) it closes every connection first, so that every game is told to quit.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import secrets
import shlex
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from ..host.dirs import CONFIG_ENV, SAVES_ENV, VISITORS_FOLDER, Folders

__all__ = ["COOKIE", "GameServer", "serve", "visitor_key"]

COOKIE = "elbe_visitor"
COOKIE_MAX_AGE = 365 * 24 * 3600
_TOKEN = re.compile(r"[0-9a-f]{32}")
_HERE = Path(__file__).resolve().parent  # page.html
DRIVER = "elbe_game.ui.webdriver:ServedDriver"
"""Textual's web driver, and the game quits if the server goes away (ui/webdriver.py)."""
QUIT_SECONDS = 10.0
"""How long a stopping server waits for its games to quit before it ends them."""


def visitor_key(token: str) -> str:
    """The name of the folder of the visitor whose cookie is ``token`` (one-way)."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()[:32]


def _number(text: str | None, default: int, low: int, high: int) -> int:
    try:
        value = int(text or "")
    except ValueError:
        return default
    return min(max(value, low), high)


class VisitorGame(AppService):
    """One game process for one browser connection, in its visitor's folders."""

    def __init__(self, command: str, folders: Folders, **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.folders = folders

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment["TEXTUAL_DRIVER"] = DRIVER
        environment[SAVES_ENV] = str(self.folders.saves)
        environment[CONFIG_ENV] = str(self.folders.config)
        return environment

    def kill(self) -> None:
        """End the game's process now: for a game that did not quit when told."""
        process = self._process
        if process is not None and process.returncode is None:
            process.kill()


class GameServer(Server):
    """textual-serve's server with our page, the visitor cookie and per-visitor games."""

    def __init__(self, story_dir: Path, saves_dir: Path | None, host: str, port: int) -> None:
        command = [sys.executable, "-m", "elbe_game", "play", "--story", str(story_dir)]
        super().__init__(
            # exec: the game replaces the shell textual-serve starts it with
            "exec " + shlex.join(command),
            host=host,
            port=port,
            title="Elbe 1945",
            templates_path=_HERE,
        )
        self.saves_dir = saves_dir
        self._sockets: set[web.WebSocketResponse] = set()
        self._games: dict[VisitorGame, asyncio.Task[Any]] = {}  # game -> its connection

    def visitors_folder(self) -> Path:
        return Folders.resolve(saves_dir=self.saves_dir).saves / VISITORS_FOLDER

    async def on_startup(self, app: web.Application) -> None:
        shown = "localhost" if self.host in ("0.0.0.0", "::", "") else self.host
        if ":" in shown:
            shown = f"[{shown}]"
        lines = [
            f"Elbe 1945 is served at http://{shown}:{self.port}/ : open it in a web browser.",
            f"Each browser keeps its own saves, in {self.visitors_folder()}.",
            "With a screen reader, play in a terminal instead: elbe-game play --plain",
            "Press ctrl+c to stop.",
        ]
        print("\n".join(lines), flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every game's connection, so that each game is told to quit, and wait
        until they have (each writes its last autosave): a game left behind would wait
        for its browser for ever. One that has not quit in QUIT_SECONDS is ended."""
        for websocket in list(self._sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"the server stopped")
        connections = [task for task in self._games.values() if not task.done()]
        if connections:
            await asyncio.wait(connections, timeout=QUIT_SECONDS)
        for game in list(self._games):
            game.kill()

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page: the terminal, the note for screen readers, and the visitor's cookie
        (a new one unless the browser brings a valid one)."""
        context = {
            "font_size": _number(request.query.get("fontsize"), 16, 8, 48),
            "static_url": "/static/",
        }
        response = aiohttp_jinja2.render_template("page.html", request, context)
        if not _TOKEN.fullmatch(request.cookies.get(COOKIE, "")):
            response.set_cookie(
                COOKIE,
                secrets.token_hex(16),
                max_age=COOKIE_MAX_AGE,
                path="/",
                httponly=True,
                samesite="Strict",
            )
        return response

    def visitor_folders(self, request: web.Request) -> Folders:
        """The folders of the visitor behind ``request``; 403 without a valid cookie or
        from another site's page."""
        token = request.cookies.get(COOKIE, "")
        if not _TOKEN.fullmatch(token):
            raise web.HTTPForbidden(
                text="No visitor cookie: open the game's page (it sets one); "
                "the game needs cookies to keep your saves yours."
            )
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc != request.host:
            raise web.HTTPForbidden(text=f"The game is played from its own page, not {origin}.")
        return Folders.resolve(saves_dir=self.saves_dir, visitor=visitor_key(token))

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser connection: a game process of its own, in the visitor's folders,
        until the page closes or reloads (then the game is told to quit)."""
        folders = self.visitor_folders(request)
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        self._sockets.add(websocket)
        game = VisitorGame(
            self.command,
            folders,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        connection = asyncio.current_task()
        assert connection is not None
        self._games[game] = connection
        try:
            width = _number(request.query.get("width"), 80, 20, 1000)
            height = _number(request.query.get("height"), 24, 10, 1000)
            await game.start(width, height)
            await self._process_messages(websocket, game)
        except asyncio.CancelledError:
            await websocket.close()
        finally:
            self._sockets.discard(websocket)
            await game.stop()
            del self._games[game]
        return websocket


def serve(story_dir: Path, saves_dir: Path | None, host: str, port: int) -> int:
    """Serve until ctrl+c (or SIGTERM); 1 if the address cannot be listened on."""
    server = GameServer(story_dir, saves_dir, host, port)
    try:
        server.serve()
    except OSError as exc:
        print(f"elbe-game serve: cannot listen on {host}:{port}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0
