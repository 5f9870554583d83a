"""The two themes: a muted field-grey default and a high-contrast one.

Colour never carries meaning alone: every state (here, visited, unavailable, disputed)
also has a symbol or a word, so NO_COLOR (which Textual honours by turning output
monochrome) loses nothing.
"""

from __future__ import annotations

from textual.theme import Theme

__all__ = ["THEME_NAMES", "themes"]

THEME_NAMES: dict[str, str] = {"default": "elbe", "high-contrast": "elbe-high-contrast"}
"""Settings value -> registered Textual theme name."""


def themes() -> list[Theme]:
    return [
        Theme(
            name="elbe",
            primary="#8A9A5B",
            secondary="#6B7F99",
            accent="#D4A84B",
            warning="#D4A84B",
            error="#C8625A",
            success="#8FB06A",
            foreground="#E6E1CF",
            background="#1B1D17",
            surface="#23261E",
            panel="#2F3328",
            dark=True,
            variables={
                "footer-key-foreground": "#D4A84B",
                "block-cursor-foreground": "#1B1D17",
                "block-cursor-background": "#D4A84B",
                "block-cursor-text-style": "bold",
            },
        ),
        Theme(
            name="elbe-high-contrast",
            primary="#FFFF00",
            secondary="#00FFFF",
            accent="#FFFF00",
            warning="#FFFF00",
            error="#FF5555",
            success="#00FF00",
            foreground="#FFFFFF",
            background="#000000",
            surface="#000000",
            panel="#000000",
            boost="#FFFFFF10",
            dark=True,
            text_alpha=1.0,
            luminosity_spread=0.0,
            variables={
                "footer-key-foreground": "#FFFF00",
                "footer-description-foreground": "#FFFFFF",
                "block-cursor-foreground": "#000000",
                "block-cursor-background": "#FFFF00",
                "block-cursor-text-style": "bold",
                "text-muted": "#FFFFFF",
                "text-disabled": "#C0C0C0",
                "border": "#FFFFFF",
                "border-blurred": "#C0C0C0",
                "scrollbar": "#FFFFFF",
                "scrollbar-background": "#000000",
                "input-selection-background": "#FFFF00 50%",
            },
        ),
    ]
