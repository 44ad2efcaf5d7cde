"""Runs -> reportlab Paragraph markup. The only place spec text meets reportlab's mini-HTML:
every run is escaped here, so nothing a user types can become a tag (CVE-2023-33733)."""

from __future__ import annotations

from html import escape

from handoutgen.fonts import coverage
from handoutgen.resolve.markup import Rich, cite_label


def safe(text: str, family: str = "AtkinsonHyperlegible") -> str:
    """Escape text for Paragraph markup, dropping characters the font cannot draw
    (build.py has already warned about them by name)."""
    have = coverage(family)
    return escape("".join(c for c in text if ord(c) in have), quote=True)


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
