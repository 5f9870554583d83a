"""GameState: everything that changes while a story is played.

The story model is frozen; a game is a story plus one of these. The state is plain
data (a msgspec struct), so it turns into a dict and back, and it is also the context
that compiled expressions read from (``vars``, ``visits()``, ``has()``...).
"""

from __future__ import annotations

from typing import Any

import msgspec

from .errors import StateError

_MASK = (1 << 64) - 1


class Step(msgspec.Struct, frozen=True, omit_defaults=True):
    """One move: at ``node`` the player took ``choice``. The fields with defaults came
    later; a save without them still loads, and they are written only when set."""

    node: str
    choice: str
    text: str = ""  # the choice as the player read it, for the journal
    reply: str = ""  # the choice's reply as the player read it (language 2)
    title: str = ""  # the passage's title as read, when it is a template (language 2)


class GameState(msgspec.Struct):
    node: str
    vars: dict[str, int | bool | str] = {}
    inventory: list[str] = []
    visit_counts: dict[str, int] = {}
    last_visit: dict[str, int] = {}  # node -> turn it was last entered on
    turn: int = 0
    codex: list[str] = []
    endings: list[str] = []
    path: list[Step] = []
    rng: int = 0  # the random generator's whole state (splitmix64)
    seed: int = 0  # where the generator started, so a path can be replayed
    # text variation: site -> times shown ({sequence}, {cycle}, {once}) or the
    # alternative drawn ({shuffle}); kept so that a reload shows the same words
    variation: dict[str, int] = {}
    reply: str = ""  # the reply of the choice that led here, shown above the passage

    # ------------------------------------------------ the expression context

    def visits(self, node: str) -> int:
        return self.visit_counts.get(node, 0)

    def turns_since(self, node: str) -> int:
        """Turns since ``node`` was last entered: 0 while there, -1 if never."""
        last = self.last_visit.get(node)
        return -1 if last is None else self.turn - last

    def has(self, item: str) -> bool:
        return item in self.inventory

    def random(self, low: int, high: int) -> int:
        """A whole number from low to high inclusive; advances the saved generator."""
        if high < low:
            low, high = high, low
        self.rng = (self.rng + 0x9E3779B97F4A7C15) & _MASK
        z = self.rng
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        z ^= z >> 31
        return low + z % (high - low + 1)

    # ------------------------------------------------ plain data

    def copy(self) -> GameState:
        """An independent copy (steps are frozen, so they are shared)."""
        return GameState(
            node=self.node,
            vars=dict(self.vars),
            inventory=list(self.inventory),
            visit_counts=dict(self.visit_counts),
            last_visit=dict(self.last_visit),
            turn=self.turn,
            codex=list(self.codex),
            endings=list(self.endings),
            path=list(self.path),
            rng=self.rng,
            seed=self.seed,
            variation=dict(self.variation),
            reply=self.reply,
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = msgspec.to_builtins(self)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> GameState:
        """Rebuild a state from ``to_dict`` output; StateError names the bad key."""
        try:
            return msgspec.convert(data, cls, strict=True)
        except msgspec.ValidationError as exc:
            message, _, where = str(exc).partition(" - at ")
            key = where.strip("`").removeprefix("$").lstrip(".") or "state"
            raise StateError(message[:1].lower() + message[1:], key) from None
