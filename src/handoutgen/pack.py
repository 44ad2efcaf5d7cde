"""A class pack: several handouts in one PDF with a cover, a contents page with page numbers,
and bookmarks for every handout and its sections."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from handoutgen.build import Result, build_handout


@dataclass(frozen=True)
class Part:
    title: str
    pdf: bytes
    pages: int


def build_pack(specs: list[Path], title: str, *, options=None) -> tuple[bytes, list[Result], int]:
    """Build each spec, then join them behind a cover and a contents page; return the PDF, the
    builds and the page count. With --booklet the whole pack becomes one folded booklet (not a
    pile of separate ones)."""
    from dataclasses import replace

    from handoutgen.build import spec_bytes
    from handoutgen.layout.render import BOOKLET_PAPER

    booklet = bool(options and options.booklet)
    inner = replace(options, impose=False) if booklet else options
    results = [build_handout(spec, None, options=inner) for spec in specs]
    parts = [Part(r.handout.title, r.pdf, r.pages) for r in results]
    sheet = (options.paper if options and options.paper else None) or results[0].handout.paper
    paper = BOOKLET_PAPER[sheet] if booklet else sheet
    front = _front_matter(title, parts, paper)
    specs_in = {f"{i + 1:02d}-{spec.stem}.yaml": spec_bytes(spec) for i, spec in enumerate(specs)}
    if not booklet:
        return _join(front, parts, title, specs_in), results, 2 + sum(p.pages for p in parts)
    pad = -(2 + sum(p.pages for p in parts)) % 4
    if pad:
        parts.append(Part("Notes", _notes_pages(pad, paper), pad))
    from handoutgen.layout.impose import impose_saddle

    pages = 2 + sum(p.pages for p in parts)
    return impose_saddle(_join(front, parts, title, {}), sheet, files=specs_in), results, pages


def _notes_pages(count: int, paper: str) -> bytes:
    """Ruled pages that pad a booklet to whole sheets."""
    from reportlab.pdfgen.canvas import Canvas

    from handoutgen.labels import labels
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


def _front_matter(title: str, parts: list[Part], paper: str) -> bytes:
    """Cover and contents; the contents lists where each handout starts in the pack."""
    from reportlab.pdfgen.canvas import Canvas

    from handoutgen.fonts import register
    from handoutgen.layout.pages import PAPER
    from handoutgen.layout.theme import load_theme

    fonts, theme = register(), load_theme()
    width, height = PAPER[paper]
    m = theme.margin
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=(width, height), invariant=1, initialFontName=fonts["regular"])
    canv.setFillColor(theme.colors.heading)
    canv.setFont(fonts["bold"], theme.title_size)
    canv.drawString(m, height - 2.2 * m, title[:60])
    canv.setFont(fonts["regular"], theme.subtitle_size)
    canv.setFillColor(theme.colors.muted)
    canv.drawString(m, height - 2.2 * m - theme.title_size * 1.4, f"{len(parts)} handouts in this pack")
    canv.showPage()
    canv.setFont(fonts["bold"], theme.heading_size)
    canv.setFillColor(theme.colors.heading)
    canv.drawString(m, height - 1.5 * m, "Contents")
    canv.setFont(fonts["regular"], theme.body_size)
    canv.setFillColor(theme.colors.text)
    page = 3  # cover and contents come first
    y = height - 1.5 * m - theme.heading_size * 2
    for part in parts:
        canv.drawString(m, y, part.title[:60])
        canv.drawRightString(width - m, y, str(page))
        canv.setStrokeColor(theme.colors.rule)
        canv.setDash(1, 3)
        canv.line(m + canv.stringWidth(part.title[:60]) + 6, y + 3, width - m - 30, y + 3)
        canv.setDash()
        page += part.pages
        y -= theme.body_size * 2
    canv.showPage()
    canv.save()
    return buf.getvalue()


def _join(front: bytes, parts: list[Part], title: str, specs: dict[str, bytes]) -> bytes:
    from pypdf import PdfReader

    from handoutgen.layout.impose import deterministic_writer, write

    writer = deterministic_writer()
    writer.append(PdfReader(io.BytesIO(front)), import_outline=False)
    writer.add_outline_item(title="Contents", page_number=1)
    start = 2
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
