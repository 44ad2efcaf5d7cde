"""ParagraphStyles derived from a Theme, built once per theme."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from handoutgen.fonts import register
from handoutgen.layout.theme import Theme


@dataclass(frozen=True)
class Styles:
    body: object
    bullet: object
    title: object
    subtitle: object
    heading: object
    subheading: object
    card_title: object
    message: object
    small: object
    small_right: object
    caption: object
    caption_centre: object
    dose: object
    card_name: object
    card_meta: object
    reference: object
    label: object
    cell: object
    cell_item: object
    cell_label: object
    cell_tip: object
    figure_label: float  # "Start", "Finish" and hold times drawn inside exercise figures


@lru_cache(maxsize=8)
def styles_for(theme: Theme, scale: float = 1.0, compact: bool = False) -> Styles:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    fonts = register(theme.font)
    c = theme.colors
    size = theme.body_size * scale

    def style(name, fs, *, bold=False, color=c.text, before=0, after=0, parent=None, leading=None, **kw):
        return ParagraphStyle(name, parent=parent, fontName=fonts["bold" if bold else "regular"],
                              fontSize=fs, leading=leading or fs * theme.line_spacing, textColor=HexColor(color),
                              spaceBefore=before, spaceAfter=after, allowWidows=0, allowOrphans=0,
                              splitLongWords=1, **kw)

    body = style("body", size, after=size * 0.5)
    # large print: nothing smaller than 14 pt, captions, card notes and references included (issue #15)
    least = 14.0 if scale > 1 else 0.0
    small_size = max(least, theme.small_size * scale)
    caption_size = max(least, 12.0, theme.small_size * scale + 1)  # figure captions: >= 12 pt
    # inside cards and tables a point smaller (>= 13 pt), except in large print: 16 pt there
    cell_size = size if size >= 16 else max(13.0, size - 1)
    return Styles(
        body=body,
        bullet=style("bullet", size, after=size * 0.3, leftIndent=size * 1.4, bulletIndent=size * 0.3,
                     bulletFontName=fonts["bold"]),
        title=style("title", theme.title_size * scale, bold=True, color=c.heading, after=4,
                    leading=theme.title_size * scale * 1.15),
        subtitle=style("subtitle", theme.subtitle_size * scale, color=c.muted, after=10),
        heading=style("heading", theme.heading_size * scale, bold=True, color=c.heading,
                      before=size * (0.6 if compact else 1.2),
                      after=size * 0.5, keepWithNext=1, leading=theme.heading_size * scale * 1.2),
        subheading=style("subheading", size * 1.1, bold=True, color=c.text, before=size * 0.4,
                         after=size * 0.25, keepWithNext=1),
        card_title=style("card_title", theme.card_title_size * scale, bold=True, color=c.text,
                         leading=theme.card_title_size * scale * 1.25),
        message=style("message", theme.message_size * scale, bold=True, color=c.text,
                      leading=theme.message_size * scale * 1.35),
        small=style("small", small_size, color=c.muted),  # the running header and footer
        small_right=style("small_right", small_size, color=c.muted, alignment=2),
        caption=style("caption", caption_size, after=2),
        caption_centre=style("caption_centre", caption_size, alignment=1, leading=caption_size * 1.25),
        dose=style("dose", cell_size, bold=True, color="#FFFFFF", leading=cell_size * 1.25),
        card_name=style("card_name", theme.card_title_size * scale, bold=True, color="#FFFFFF",
                        leading=theme.card_title_size * scale * 1.2),
        card_meta=style("card_meta", small_size, color=c.muted, before=4, leading=small_size * 1.25),
        reference=style("reference", max(least, theme.reference_size * scale), after=4, leftIndent=22 * scale,
                        firstLineIndent=-22 * scale, leading=max(least, theme.reference_size * scale) * 1.3),
        label=style("label", size, bold=True),
        cell=style("cell", cell_size, after=2, leading=cell_size * 1.25),
        cell_item=style("cell_item", cell_size, after=1, leading=cell_size * 1.25, leftIndent=cell_size * 1.15,
                        bulletFontName=fonts["bold"]),
        cell_tip=style("cell_tip", cell_size, before=3, after=2, leading=cell_size * 1.25),
        cell_label=style("cell_label", cell_size, bold=True, before=2, after=2, keepWithNext=1),
        figure_label=max(least, 10.0),
    )


_DERIVED: dict = {}
DERIVED_LIMIT = 512  # a render derives a dozen; several themes, sizes and grey modes stay well under


def derived(parent, name: str, **changes):
    """ParagraphStyle(name, parent=parent, **changes), the same object whenever the parent is
    the same object and the changes are equal. Parsed markup and line breaks are kept per style
    object (layout/wrapcache.py), so a style made afresh in every render (the tracker's, the pain
    guide's colours) made every render parse and wrap its paragraphs again (issue #17). The
    parent is kept with the entry, so its id cannot be reused by another style while the entry
    lives. Styles are never changed after they are made."""
    key = (id(parent), name, tuple(sorted(changes.items())))
    hit = _DERIVED.get(key)
    if hit is None or hit[0] is not parent:
        from reportlab.lib.styles import ParagraphStyle

        if len(_DERIVED) >= DERIVED_LIMIT:
            _DERIVED.pop(next(iter(_DERIVED)))
        hit = _DERIVED[key] = (parent, ParagraphStyle(name, parent=parent, **changes))
    return hit[1]
