"""Runs -> reportlab Paragraph markup. The only place spec text meets reportlab's mini-HTML:
every run is escaped here, so nothing a user types can become a tag (CVE-2023-33733)."""

from __future__ import annotations

from functools import lru_cache
from html import escape

from handoutgen.fonts import coverage
from handoutgen.resolve.markup import Rich, cite_label


@lru_cache(maxsize=4)
def _drawable(family: str) -> frozenset[str]:
    """The characters the family draws, as characters: one set test per text instead of a
    Python-level test per character (a render escapes some 200,000 characters)."""
    return frozenset(map(chr, coverage(family)))


def safe(text: str, family: str = "AtkinsonHyperlegible") -> str:
    """Escape text for Paragraph markup. Characters the body font lacks are set in a font that
    has them (scripts.py: Noto Sans, then a system font); any that no font has are left out
    (build.py has already warned about them by name)."""
    if _drawable(family).issuperset(text):
        return escape(text, quote=True)
    from handoutgen.fonts import register_extra
    from handoutgen.scripts import runs

    out = []
    for piece, which in runs(text, family):
        piece = escape(piece, quote=True)
        out.append(piece if which == "body" else f'<font face="{register_extra(which)}">{piece}</font>')
    return "".join(out)


def to_markup(rich: Rich | None, numbers: dict[str, int], link_color: str) -> str:
    """Paragraph markup for one run sequence; citations become linked [n] labels."""
    out: list[str] = []
    for run in rich or ():
        if run.cites:
            nums = [numbers[c] for c in run.cites if c in numbers]
            if nums:
                out.append(f'<a href="#ref-{min(nums)}" color="{link_color}">{cite_label(nums)}</a>')
            continue
        piece = safe(run.text)
        if run.bold:
            piece = f"<b>{piece}</b>"
        if run.italic:
            piece = f"<i>{piece}</i>"
        if run.href:
            piece = f'<a href="{escape(run.href, quote=True)}" color="{link_color}"><u>{piece}</u></a>'
        out.append(piece)
    return "".join(out)


def plain_markup(text: str) -> str:
    """Label text from our own data files, escaped the same way."""
    return safe(text)
