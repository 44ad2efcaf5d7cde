"""Text in any script: which font draws each character.

The body font (Atkinson Hyperlegible) covers Western European Latin only. Names and notes come in
every script, so each character is drawn by the first font that has it: the body font, then the
bundled Noto Sans (OFL; Latin with Vietnamese, Greek, Cyrillic), then a TrueType font that
fontconfig finds on this machine (Chinese, Japanese, Korean, Devanagari…). Right-to-left scripts
(Hebrew, Arabic) would print with their letters in the wrong order, so they are refused by name
rather than printed wrong. No reportlab here: `validate` and `check` use it to warn.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from handoutgen.fonts import cmap_code_points, coverage
from handoutgen.paths import assets_dir

FALLBACK = "NotoSans"
BODY = "AtkinsonHyperlegible"


@lru_cache(maxsize=1)
def fallback_coverage() -> frozenset[int]:
    return frozenset(cmap_code_points((assets_dir() / "fonts" / f"{FALLBACK}-Regular.ttf").read_bytes()))


def right_to_left(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL", "AN")


@lru_cache(maxsize=256)
def system_font(char: str) -> Path | None:
    """A TrueType file on this machine with `char`, found with fontconfig (None if none, or when
    HANDOUTGEN_SYSTEM_FONTS=0 asks for output that does not depend on the machine's fonts)."""
    import os
    import subprocess  # here, not at the top: most builds never ask fontconfig (2 ms to import)

    if os.environ.get("HANDOUTGEN_SYSTEM_FONTS") == "0":
        return None
    try:
        found = subprocess.run(["fc-match", "--format=%{file}", f":charset={ord(char):x}"],
                               capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(found) if found else None
    if path is None or path.suffix.lower() != ".ttf" or not path.is_file():
        return None  # reportlab embeds TrueType outlines only
    try:
        return path if ord(char) in _file_coverage(path) else None
    except (OSError, ValueError, IndexError, KeyError):
        return None


@lru_cache(maxsize=16)
def _file_coverage(path: Path) -> frozenset[int]:
    return frozenset(cmap_code_points(path.read_bytes()))


def font_for(char: str, family: str = BODY) -> str | None:
    """'body', 'fallback', a system font file path, or None when nothing here can print it."""
    code = ord(char)
    if code in coverage(family):
        return "body"
    if right_to_left(char):
        return None
    if code in fallback_coverage():
        return "fallback"
    found = system_font(char)
    return str(found) if found else None


def unprintable(text: str, family: str = BODY) -> list[str]:
    """Characters of `text` no font here can print (right-to-left letters included)."""
    return [c for c in dict.fromkeys(text) if not c.isspace() and font_for(c, family) is None]


def describe(chars: list[str]) -> str:
    """"'ש' (U+05E9), 'ל' (U+05DC)" plus why, for a warning or an error."""
    names = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in chars[:8])
    if any(right_to_left(c) for c in chars):
        return f"{names}: right-to-left text (Hebrew, Arabic) cannot be printed in the right order yet"
    return f"{names}: no font here has these characters"


def runs(text: str, family: str = BODY) -> list[tuple[str, str | None]]:
    """`text` cut into (piece, font) runs, font as in font_for; unprintable characters dropped."""
    out: list[tuple[str, str | None]] = []
    for char in text:
        font = "body" if char.isspace() and out else font_for(char, family)
        if char.isspace() and not out:
            font = "body"
        if font is None:
            continue
        if out and out[-1][1] == font:
            out[-1] = (out[-1][0] + char, font)
        else:
            out.append((char, font))
    return out


def draw_text(canv, x: float, y: float, text: str, font: str, size: float) -> None:
    """canvas.drawString that draws each character in a font that has it (scripts.runs)."""
    from reportlab.lib.fonts import ps2tt, tt2ps
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from handoutgen.fonts import register_extra

    bold = "Bold" in font
    for piece, which in runs(text):
        name = font if which == "body" else tt2ps(ps2tt(register_extra(which))[0], 1 if bold else 0, 0)
        canv.setFont(name, size)
        canv.drawString(x, y, piece)
        x += stringWidth(piece, name, size)
    canv.setFont(font, size)
