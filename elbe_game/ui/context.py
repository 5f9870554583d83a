"""Typed access from any widget or screen to the app, its session and settings.

Screens import this rather than ``app`` so that ``app`` can import screens lazily
without import cycles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from ..host.game import GameSession
    from .app import ElbeApp


def elbe_app(node: DOMNode) -> ElbeApp:
    return cast("ElbeApp", node.app)


def session_of(node: DOMNode) -> GameSession:
    return elbe_app(node).session
