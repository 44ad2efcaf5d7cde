"""Colour for figures and images, honouring --grayscale (every colour becomes the grey of the
same luminance, so contrast is unchanged). Used by the layout and by every drawing surface."""

from __future__ import annotations

import contextvars

GRAYSCALE = contextvars.ContextVar("handoutgen_grayscale", default=False)


def luminance_grey(r: float, g: float, b: float) -> float:
    """The grey level with the same relative luminance (WCAG) as (r, g, b), components 0–1."""

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    y = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return 12.92 * y if y <= 0.0031308 else 1.055 * y ** (1 / 2.4) - 0.055


def ink(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    if not GRAYSCALE.get():
        return rgb
    g = round(luminance_grey(*rgb), 4)
    return g, g, g


def grey_hex(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    level = round(luminance_grey(r, g, b) * 255)
    return f"#{level:02X}{level:02X}{level:02X}"


def rgb(colour) -> tuple[float, float, float]:
    """A surface colour ('#rrggbb' or an (r, g, b) tuple of 0–1 floats) as printed: 0–1 floats,
    greyed under --grayscale."""
    if isinstance(colour, str):
        colour = tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return ink(tuple(colour))


def hex_rgb(colour) -> str:
    """A surface colour as printed, as '#rrggbb' (for SVG)."""
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb(colour))
