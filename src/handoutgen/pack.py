"""A class pack: several handouts in one PDF with a cover, a contents page with page numbers,
and bookmarks for every handout and its sections."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from handoutgen.build import Result, build_handout
from handoutgen.errors import Problem
from handoutgen.labels import labels


@dataclass(frozen=True)
class Part:
    title: str
    pdf: bytes
    pages: int
    subtitle: str | None = None


def build_pack(specs: list[Path], title: str, *, options=None) -> tuple[bytes, list[Result], int, list[Problem]]:
    """Build each spec, then join them behind a cover and contents pages; return the PDF, the
    builds, the page count and warnings (characters of the title the font lacks). With
    --booklet the whole pack becomes one folded booklet (not a pile of separate ones)."""
    from dataclasses import replace

    from handoutgen.build import spec_bytes
    from handoutgen.layout.render import BOOKLET_PAPER

    booklet = bool(options and options.booklet)
    inner = replace(options, impose=False) if booklet else options
    results = [build_handout(spec, None, options=inner) for spec in specs]
    parts = [Part(r.handout.title, r.pdf, r.pages, r.handout.subtitle) for r in results]
    sheet = (options.paper if options and options.paper else None) or results[0].handout.paper
    paper = BOOKLET_PAPER[sheet] if booklet else sheet
    front, front_pages = _front_matter(title, parts, paper)
    warnings = _title_warnings(title)
    specs_in = {f"{i + 1:02d}-{spec.stem}.yaml": spec_bytes(spec) for i, spec in enumerate(specs)}
    if not booklet:
        return _join(front, front_pages, parts, title, specs_in), results, front_pages + sum(p.pages for p in parts), warnings
    pad = -(front_pages + sum(p.pages for p in parts)) % 4
    if pad:
        parts.append(Part(labels("en")["notes"], _notes_pages(pad, paper), pad))
    from handoutgen.layout.impose import impose_saddle

    pages = front_pages + sum(p.pages for p in parts)
    return impose_saddle(_join(front, front_pages, parts, title, {}), sheet, files=specs_in), results, pages, warnings


def _title_warnings(title: str) -> list[Problem]:
    from handoutgen.scripts import describe, unprintable

    lacking = unprintable(title)
    if not lacking:
        return []
    return [Problem("--title", None, None, "", f"cannot print {describe(lacking)}; left out of the PDF")]


def _plural(key: str, n: int) -> str:
    forms = labels("en")[key]
    return (forms["one"] if n == 1 else forms["other"]).format(n=n)


def _notes_pages(count: int, paper: str) -> bytes:
    """Ruled pages that pad a booklet to whole sheets."""
    from reportlab.pdfgen.canvas import Canvas

    from handoutgen.fonts import register
    from handoutgen.layout.pages import PAPER
    from handoutgen.layout.theme import load_theme

    fonts, theme = register(), load_theme()
    width, height = PAPER[paper]
    m = theme.margin
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=(width, height), invariant=1, initialFontName=fonts["regular"])
    for _ in range(count):
        canv.setFillColor(theme.colors.heading)
        canv.setFont(fonts["bold"], theme.heading_size)
        canv.drawString(m, height - m - theme.heading_size, labels("en")["notes"])
        canv.setStrokeColor(theme.colors.rule)
        canv.setLineWidth(0.6)
        y = height - m - theme.heading_size * 2.5
        while y > m:
            canv.line(m, y, width - m, y)
            y -= theme.body_size * 2
        canv.showPage()
    canv.save()
    return buf.getvalue()


def _front_matter(title: str, parts: list[Part], paper: str) -> tuple[bytes, int]:
    """Cover and contents (continuing over as many pages as the list needs); the contents
    list where each handout starts in the pack. Returns the PDF and its page count."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    from handoutgen.fonts import register
    from handoutgen.scripts import draw_text
    from handoutgen.layout.pages import PAPER
    from handoutgen.layout.theme import load_theme

    fonts, theme, words = register(), load_theme(), labels("en")
    width, height = PAPER[paper]
    m = theme.margin
    line = theme.body_size * 2
    top = height - 1.5 * m - theme.heading_size * 2
    per_page = max(1, int((top - m) // line) + 1)
    contents_pages = -(-len(parts) // per_page)
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=(width, height), invariant=1, initialFontName=fonts["regular"])
    canv.setFillColor(theme.colors.heading)
    canv.setFont(fonts["bold"], theme.title_size)
    y = height - 2.2 * m
    for text in simpleSplit(title, fonts["bold"], theme.title_size, width - 2 * m):  # wrap, never cut
        draw_text(canv, m, y, text, fonts["bold"], theme.title_size)
        y -= theme.title_size * 1.2
    canv.setFont(fonts["regular"], theme.subtitle_size)
    canv.setFillColor(theme.colors.muted)
    canv.drawString(m, y - theme.title_size * 0.2, _plural("pack_count", len(parts)))
    canv.showPage()
    titles = [p.title for p in parts]
    page = 1 + contents_pages + 1  # the cover and the contents come first
    for i, part in enumerate(parts):
        if i % per_page == 0:
            if i:
                canv.showPage()
            canv.setFont(fonts["bold"], theme.heading_size)
            canv.setFillColor(theme.colors.heading)
            heading = words["contents"] if i == 0 else f"{words['contents']} {words['continued']}"
            canv.drawString(m, height - 1.5 * m, heading)
            y = top
        name = part.title
        if titles.count(part.title) > 1 and part.subtitle:  # same title twice: tell them apart
            name = f"{part.title}: {part.subtitle}"
        canv.setFont(fonts["regular"], theme.body_size)
        canv.setFillColor(theme.colors.text)
        number_w = canv.stringWidth("0000", fonts["regular"], theme.body_size)
        name = _fit(canv, name, fonts["regular"], theme.body_size, width - 2 * m - number_w - 12)
        draw_text(canv, m, y, name, fonts["regular"], theme.body_size)
        canv.drawRightString(width - m, y, str(page))
        canv.setStrokeColor(theme.colors.rule)
        canv.setDash(1, 3)
        canv.line(m + canv.stringWidth(name) + 6, y + 3, width - m - number_w, y + 3)
        canv.setDash()
        page += part.pages
        y -= line
    canv.showPage()
    canv.save()
    return buf.getvalue(), 1 + contents_pages


def _fit(canv, text: str, font: str, size: float, width: float) -> str:
    """`text`, shortened with an ellipsis only when it cannot fit on the line."""
    if canv.stringWidth(text, font, size) <= width:
        return text
    while text and canv.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _join(front: bytes, front_pages: int, parts: list[Part], title: str, specs: dict[str, bytes]) -> bytes:
    from pypdf import PdfReader

    from handoutgen.layout.impose import deterministic_writer, write

    writer = deterministic_writer()
    writer.append(PdfReader(io.BytesIO(front)), import_outline=False)
    writer.add_outline_item(title=labels("en")["contents"], page_number=1)
    start = front_pages
    for part in parts:
        reader = PdfReader(io.BytesIO(part.pdf))
        writer.append(reader, import_outline=False)
        parent = writer.add_outline_item(title=part.title, page_number=start)
        for item in reader.outline:
            if not isinstance(item, list):  # our handouts have one outline level
                writer.add_outline_item(title=item.title, page_number=start + reader.get_destination_page_number(item),
                                        parent=parent)
        start += part.pages
    writer.add_metadata({"/Title": title, "/Creator": "handoutgen", "/Producer": "handoutgen"})
    for name, data in specs.items():  # every handout's spec travels with the pack
        writer.add_attachment(name, data)
    return write(writer)
