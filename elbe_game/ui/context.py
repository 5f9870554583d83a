"""Typed access from any widget or screen to the app's session and settings.

Screens import this rather than ``app`` so that ``app`` can import screens lazily
without import cycles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from .app import ElbeApp
    from .session import Session


def elbe_app(node: DOMNode) -> ElbeApp:
    return cast("ElbeApp", node.app)


def session_of(node: DOMNode) -> Session:
    return elbe_app(node).session
