"""Themes are YAML data (assets/themes/*.yaml) validated here; paragraph styles come from them."""

from __future__ import annotations

import re
from functools import lru_cache

from handoutgen.paths import assets_dir
from handoutgen.spec.fields import F, Invalid, Model, Scalar
from handoutgen.spec.loader import load_yaml_file
from handoutgen.spec.types import number, text
from handoutgen.spec.validate import validate


def _hex(value: object) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise Invalid(f"expected a colour like #1A1A1A, got {value!r}")
    return value.upper()


Colour = Scalar(_hex, {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"})


class Colors(Model):
    text = F(Colour)
    heading = F(Colour)
    accent = F(Colour)
    tint = F(Colour)
    muted = F(Colour)
    rule = F(Colour)
    caution = F(Colour)
    caution_tint = F(Colour)
    link = F(Colour)


class Theme(Model):
    font = F(text(60))
    body_size = F(number(12, 30, "a size in points"))  # STANDARDS.md: body text at least 12 pt
    line_spacing = F(number(1.2, 2.0))
    title_size = F(number(14, 60, "a size in points"))
    subtitle_size = F(number(12, 40, "a size in points"))
    heading_size = F(number(14, 48, "a size in points"))
    card_title_size = F(number(12, 40, "a size in points"))
    message_size = F(number(12, 40, "a size in points"))
    small_size = F(number(9, 20, "a size in points"))
    reference_size = F(number(10, 24, "a size in points"))
    margin = F(number(36, 108, "a margin in points"))
    colors = F(Colors)


# Every (text colour, background) pair the layout prints text in (story.py, cards.py, pages.py;
# contrast is symmetric, so ("accent", "white") also covers the white dose strip on accent);
# the print check holds each to WCAG contrast. A new pairing in the layout is added here.
TEXT_ON = (("text", "white"), ("heading", "white"), ("accent", "white"), ("muted", "white"),
           ("link", "white"), ("caution", "white"), ("text", "tint"), ("accent", "tint"),
           ("heading", "tint"), ("text", "caution_tint"), ("caution", "caution_tint"))


@lru_cache(maxsize=4)
def load_theme(name: str = "default") -> Theme:
    path = assets_dir() / "themes" / f"{name}.yaml"
    return validate(load_yaml_file(path), Theme)


def contrast(fg: str, bg: str = "#FFFFFF") -> float:
    """WCAG 2.x contrast ratio between two #RRGGBB colours."""

    def lum(hex_colour: str) -> float:
        chans = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in chans]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def grayscale(theme: Theme) -> Theme:
    """The same theme with every colour replaced by the grey of equal luminance."""
    from handoutgen.draw.ink import grey_hex

    greys = {k: grey_hex(v) for k, v in theme.colors.as_dict().items()}
    return theme.replace(colors=Colors(**greys))
