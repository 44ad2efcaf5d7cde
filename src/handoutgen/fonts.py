"""The embedded font family, registered once per process."""

from __future__ import annotations

from functools import lru_cache

from handoutgen.paths import assets_dir

STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "boldItalic": "BoldItalic"}


@lru_cache(maxsize=4)
def register(family: str = "AtkinsonHyperlegible") -> dict[str, str]:
    """Register the four TTF styles with reportlab; return style -> reportlab font name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = {}
    for style, suffix in STYLES.items():
        name = f"{family}-{suffix}"
        pdfmetrics.registerFont(TTFont(name, str(assets_dir() / "fonts" / f"{name}.ttf")))
        names[style] = name
    for bold, italic, style in ((0, 0, "regular"), (1, 0, "bold"), (0, 1, "italic"), (1, 1, "boldItalic")):
        addMapping(family, bold, italic, names[style])
    return names


@lru_cache(maxsize=4)
def coverage(family: str = "AtkinsonHyperlegible") -> frozenset[int]:
    """Code points the family can draw (the regular style's character map)."""
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(register(family)["regular"])
    return frozenset(font.face.charToGlyph) | {0x20, 0x0A}


def missing(text: str, family: str = "AtkinsonHyperlegible") -> list[str]:
    """Characters in `text` the font cannot draw, in order of first appearance."""
    have = coverage(family)
    return list(dict.fromkeys(c for c in text if ord(c) not in have))


def text_width(text: str, size: float, bold: bool = False, family: str = "AtkinsonHyperlegible") -> float:
    """The width of `text` set in the family at `size` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, register(family)["bold" if bold else "regular"], size)
