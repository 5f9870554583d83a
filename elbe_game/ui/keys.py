"""Keys as the player reads them: "PgDn", "Ctrl+P", "?" rather than Textual's names."""

from __future__ import annotations

__all__ = ["KEY_NAMES", "key_label"]

KEY_NAMES = {
    "question_mark": "?",
    "greater_than_sign": ">",
    "space": "Space",
    "slash": "/",
    "escape": "Esc",
    "enter": "Enter",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "delete": "Del",
    "up": "↑",
    "down": "↓",
    "home": "Home",
    "end": "End",
}


def key_label(key: str) -> str:
    def one(part: str) -> str:
        if part in KEY_NAMES:
            return KEY_NAMES[part]
        if "+" in part:
            return "+".join(p.capitalize() if len(p) > 1 else p.upper() for p in part.split("+"))
        return part.upper() if len(part) > 1 else part

    return " / ".join(one(part.strip()) for part in key.split(","))
