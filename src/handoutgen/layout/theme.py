"""Themes are YAML data (assets/themes/*.yaml) validated here; paragraph styles come from them."""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import Field, field_validator

from handoutgen.paths import assets_dir
from handoutgen.spec.loader import load_yaml_file
from handoutgen.spec.model import Strict
from handoutgen.spec.types import text
from handoutgen.spec.validate import validate


def _size(lo: float, hi: float):
    return Field(ge=lo, le=hi)


class Colors(Strict):
    text: str
    heading: str
    accent: str
    tint: str
    muted: str
    rule: str
    caution: str
    caution_tint: str
    link: str

    @field_validator("*")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
            raise ValueError(f"expected a colour like #1A1A1A, got {value!r}")
        return value.upper()


class Theme(Strict):
    font: text(60)
    body_size: float = _size(12, 30)  # STANDARDS.md: body text at least 12 pt
    line_spacing: float = _size(1.2, 2.0)
    title_size: float = _size(14, 60)
    subtitle_size: float = _size(12, 40)
    heading_size: float = _size(14, 48)
    card_title_size: float = _size(12, 40)
    message_size: float = _size(12, 40)
    small_size: float = _size(9, 20)
    reference_size: float = _size(10, 24)
    margin: float = _size(36, 108)
    colors: Colors


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
    from handoutgen.layout.ink import grey_hex

    greys = {k: grey_hex(v) for k, v in theme.colors.model_dump().items()}
    return theme.model_copy(update={"colors": Colors(**greys)})
