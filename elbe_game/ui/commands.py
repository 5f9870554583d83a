"""The command palette's commands: every action the current screen offers and the
app-wide ones, found by their names or by any word of their descriptions ("typewriter"
finds Settings, whose description says "theme, reading width, typewriter reveal").

Textual's own provider matches names only; this one adds the descriptions.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

__all__ = ["GameCommands"]

DESCRIPTION_SCORE = 0.5
"""A match in the description ranks below any match in the name."""


class GameCommands(Provider):
    async def discover(self) -> Hits:
        commands = sorted(self.app.get_system_commands(self.screen), key=lambda c: c[0])
        for name, help_text, callback, discover in commands:
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        words = query.casefold().split()
        for name, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
            elif words and all(_has_word_starting(help_text, word) for word in words):
                yield Hit(DESCRIPTION_SCORE, name, callback, help=help_text)


def _has_word_starting(text: str, prefix: str) -> bool:
    return any(word.startswith(prefix) for word in text.casefold().replace(",", " ").split())
