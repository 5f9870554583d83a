"""The themes' colours: contrast (WCAG 2 ratios) and, for the colour-blind theme, that
its signal colours stay apart under simulated colour blindness.

How: relative luminance and contrast ratio as WCAG 2.1 defines them; protanopia,
deuteranopia and tritanopia simulated with the matrices of Machado, Oliveira and
Fernandes (2009, severity 1.0) on linear RGB; colours compared by CIE76 distance in
CIELAB (D65). Colour never carries meaning alone in the game (every state has a symbol
or a word), so only the colour-blind theme is held to the second test.
"""

from __future__ import annotations

import itertools

import pytest
from textual.color import Color
from textual.theme import Theme

from elbe_game.ui.themes import THEME_NAMES, themes

THEMES = {theme.name: theme for theme in themes()}
HIGH_CONTRAST = {"elbe-high-contrast", "elbe-light-high-contrast"}

MACHADO = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    colour = Color.parse(hex_colour)
    return tuple(_linear(c) for c in (colour.r, colour.g, colour.b))  # type: ignore[return-value]


def luminance(hex_colour: str) -> float:
    r, g, b = _rgb(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (min(max(c, 0.0), 1.0) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen_as(hex_colour: str, kind: str) -> tuple[float, float, float]:
    rgb = _rgb(hex_colour)
    return tuple(sum(m * c for m, c in zip(row, rgb, strict=True)) for row in MACHADO[kind])  # type: ignore[return-value]


def distance(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    return sum((x - y) ** 2 for x, y in zip(_lab(a), _lab(b), strict=True)) ** 0.5


def test_every_setting_has_a_theme() -> None:
    assert set(THEME_NAMES.values()) == set(THEMES)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_text_reads_on_every_background(name: str) -> None:
    theme: Theme = THEMES[name]
    text, signals = (7.0, 4.5) if name in HIGH_CONTRAST else (4.5, 3.0)
    for background in (theme.background, theme.surface, theme.panel):
        assert background is not None and theme.foreground is not None
        assert contrast(theme.foreground, background) >= text, (name, background)
        for colour in (theme.primary, theme.accent, theme.warning, theme.error, theme.success):
            assert colour is not None
            assert contrast(colour, theme.background) >= signals, (name, colour)


@pytest.mark.parametrize("kind", sorted(MACHADO))
def test_the_colour_blind_theme_keeps_its_signals_apart(kind: str) -> None:
    theme = THEMES["elbe-colour-blind"]
    signals = {
        "error": theme.error,
        "success": theme.success,
        "warning": theme.warning,
        "accent": theme.accent,
        "primary": theme.primary,
    }
    for (a, colour_a), (b, colour_b) in itertools.combinations(signals.items(), 2):
        assert colour_a is not None and colour_b is not None
        gap = distance(seen_as(colour_a, kind), seen_as(colour_b, kind))
        assert gap >= 15, f"{a} and {b} look alike with {kind} (ΔE {gap:.1f})"


def test_the_simulation_tells_red_from_green_apart_only_for_normal_vision() -> None:
    """The check can fail: pure red and green merge for a deuteranope."""
    red, green = "#D03030", "#3F8F20"
    assert distance(_rgb(red), _rgb(green)) > 60
    assert distance(seen_as(red, "deuteranopia"), seen_as(green, "deuteranopia")) < 25
