"""What every renderer shares: the render context and the small list and link helpers."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.platypus import ListItem, Paragraph, TableStyle

from handoutgen.layout.flowables import Grid, Points, QRCode
from handoutgen.layout.inline import plain_markup, to_markup
from handoutgen.layout.styles import Styles
from handoutgen.layout.theme import Theme
from handoutgen.resolve.handout import Handout


# a frame narrower than this (a half-letter or A5 booklet page) gets one-column cards and the
# "Prepared for / By / Date" blanks one per line
NARROW_WIDTH = 400.0


@dataclass
class RenderContext:
    """What every section renderer needs: the handout, theme, styles, labels and frame width."""

    handout: Handout
    theme: Theme
    st: Styles
    words: dict
    width: float
    numbers: dict
    compact: bool = False  # tighter section layouts, used to meet a page_limit
    single: bool = False  # one column everywhere (large print, half-size booklet pages)
    height: float = 1e6  # the frame's height: what fits on one page

    def para(self, rich, style=None) -> Paragraph:
        return Paragraph(to_markup(rich, self.numbers, self.theme.colors.link), style or self.st.body)

    def label(self, key: str, style=None, **fmt) -> Paragraph:
        return Paragraph(plain_markup(self.words[key].format(**fmt)), style or self.st.label)

    def color(self, name: str):
        return HexColor(getattr(self.theme.colors, name))


def bullets(ctx: RenderContext, items, style=None) -> list:
    if not items:
        return []
    style = style or ctx.st.bullet
    # one list per point: a heading kept with its section's start keeps only the first point,
    # and the rest of the points can run on to the next page
    return [Points([ListItem(ctx.para(i, _unindented(style)), value="•")], bulletType="bullet", start="•",
                         leftIndent=style.leftIndent, bulletFontName=style.bulletFontName,
                         bulletFontSize=style.fontSize)
            for i in items]


def numbered(ctx: RenderContext, items, style=None) -> list:
    if not items:
        return []
    style = style or ctx.st.bullet
    # "10." is wider than "9.": ten or more steps get room for two digits
    indent = style.leftIndent if len(items) < 10 else max(style.leftIndent, style.fontSize * 1.75)
    return [Points([ListItem(ctx.para(i, _unindented(style))) for i in items], bulletType="1", bulletFormat="%s.",
                         leftIndent=indent, bulletFontName=style.bulletFontName,
                         bulletFontSize=style.fontSize)]


_FLAT: dict = {}


def _unindented(style):
    """The list's own indent places the text; the item's paragraph style must not add its
    leftIndent again (that doubled every list's indent)."""
    if style.name not in _FLAT or _FLAT[style.name][0] is not style:
        from reportlab.lib.styles import ParagraphStyle

        _FLAT[style.name] = (style, ParagraphStyle(style.name + "-item", parent=style, leftIndent=0))
    return _FLAT[style.name][1]


def link_with_qr(ctx: RenderContext, url: str, label: str, width: float) -> Grid:
    """A small QR code beside the link text, so a phone can open what the paper cannot."""
    size = ctx.st.cell.fontSize * 4.2
    link = plain_markup(url)
    text = Paragraph(f'{plain_markup(label)}: <a href="{link}" color="{ctx.theme.colors.link}">{link}</a>',
                     ctx.st.cell)
    t = Grid([[QRCode(url, size), text]], colWidths=[size + 6, max(width - size - 6, 60)])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 2),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return t
