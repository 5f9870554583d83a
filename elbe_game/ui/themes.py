"""The themes: a muted field-grey default, a light paper one, a high-contrast one of
each, and one whose colours people with any kind of colour blindness can tell apart
(the Okabe-Ito palette). Their colour pairs are checked for contrast (WCAG) and under
simulated colour blindness by ``tests/ui/test_themes.py``.

Colour never carries meaning alone: every state (here, visited, unavailable, disputed)
also has a symbol or a word, so NO_COLOR (which Textual honours by turning output
monochrome) loses nothing.
"""

from __future__ import annotations

from textual.theme import Theme

__all__ = ["THEME_NAMES", "themes"]

THEME_NAMES: dict[str, str] = {
    "default": "elbe",
    "high-contrast": "elbe-high-contrast",
    "light": "elbe-light",
    "light-high-contrast": "elbe-light-high-contrast",
    "colour-blind": "elbe-colour-blind",
}
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
        Theme(
            name="elbe-light",
            primary="#4F5D2F",
            secondary="#3F5877",
            accent="#8A5A00",
            warning="#8A5A00",
            error="#A23B32",
            success="#3E6B24",
            foreground="#26241E",
            background="#F3EFE3",
            surface="#E9E4D4",
            panel="#DCD5C0",
            dark=False,
            variables={
                "footer-key-foreground": "#8A5A00",
                "block-cursor-foreground": "#F3EFE3",
                "block-cursor-background": "#4F5D2F",
                "block-cursor-text-style": "bold",
                "text-muted": "#55524A",
            },
        ),
        Theme(
            name="elbe-light-high-contrast",
            primary="#00008B",
            secondary="#004B00",
            accent="#00008B",
            warning="#6B3A00",
            error="#8B0000",
            success="#004B00",
            foreground="#000000",
            background="#FFFFFF",
            surface="#FFFFFF",
            panel="#FFFFFF",
            boost="#00000010",
            dark=False,
            text_alpha=1.0,
            luminosity_spread=0.0,
            variables={
                "footer-key-foreground": "#00008B",
                "footer-description-foreground": "#000000",
                "block-cursor-foreground": "#FFFFFF",
                "block-cursor-background": "#00008B",
                "block-cursor-text-style": "bold",
                "text-muted": "#000000",
                "text-disabled": "#3A3A3A",
                "border": "#000000",
                "border-blurred": "#3A3A3A",
                "scrollbar": "#000000",
                "scrollbar-background": "#FFFFFF",
                "input-selection-background": "#00008B 30%",
            },
        ),
        Theme(
            name="elbe-colour-blind",
            primary="#0072B2",  # Okabe-Ito blue
            secondary="#56B4E9",  # sky blue
            accent="#E69F00",  # orange
            warning="#F0E442",  # yellow
            error="#D55E00",  # vermilion
            success="#009E73",  # bluish green
            foreground="#ECECEC",
            background="#161616",
            surface="#202020",
            panel="#2B2B2B",
            dark=True,
            variables={
                "footer-key-foreground": "#E69F00",
                "block-cursor-foreground": "#161616",
                "block-cursor-background": "#E69F00",
                "block-cursor-text-style": "bold",
            },
        ),
    ]
