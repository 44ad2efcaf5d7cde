"""Two speed-ups in how text is written (issue #17) that must not change what is printed:
the font's quicker subset lookup gives reportlab's own answer, and empty table cells write
no text objects."""

from __future__ import annotations

import re

from reportlab.pdfbase.ttfonts import TTFont

from handoutgen.fonts import coverage, font_class
from handoutgen.paths import assets_dir

from conftest import pdf_reader, render_shipped

FONT = str(assets_dir() / "fonts" / "AtkinsonHyperlegible-Regular.ttf")


def test_the_quick_font_splits_strings_as_reportlab_does():
    """The same runs, in the same order, for new characters, seen ones, no-break spaces, a
    character the font lacks, and more than 256 distinct characters (a second subset)."""
    quick, plain = font_class()("Q", FONT), TTFont("P", FONT)
    assert type(quick) is not TTFont
    doc_q, doc_p = _Doc(), _Doc()
    runs = ["Hello", "Hello", "", "a\xa0b c", "Hello world", "\u4e00 lacks", "world Hello",
            "".join(chr(c) for c in range(0x100, 0x17f)), "Hello \u0101 again", "\u0101\u0102",
            "".join(chr(c) for c in sorted(coverage())[:320]) + "Hello", "Hello \u0101"]
    for text in runs:
        assert quick.splitString(text, doc_q) == plain.splitString(text, doc_p), text
    assert max(sub for text in runs for sub, _ in quick.splitString(text, doc_q)) >= 1  # a second subset was used


class _Doc:
    """Stands for a PDF document: fonts keep their subsets per document (weakly)."""


def test_empty_table_cells_write_no_text():
    """A tracker's tick boxes are empty cells: no "() Tj" in any page of the full handout."""
    (pdf,) = render_shipped(["gluteus-medius-pain.yaml"], {})
    reader = pdf_reader(pdf)
    streams = [page.get_contents().get_data() for page in reader.pages]
    text = b"".join(streams)
    assert b"Tj" in text  # the pages do write text
    assert re.findall(rb"\(\) Tj", text) == []


def _canvas_pdf(font) -> bytes:
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(font)
    out = io.BytesIO()
    canv = Canvas(out, invariant=1)
    canv.setFont(font.fontName, 14)
    canv.drawString(72, 700, "Side push, lying down: 3–5 reps · hold 5–10 s")
    canv.drawString(72, 680, "".join(chr(c) for c in sorted(coverage())[:300]))  # two subsets
    canv.save()
    return out.getvalue()


def test_kept_font_subsets_write_reportlabs_bytes():
    """A PDF whose font programs come from the kept subsets (the second build) is the PDF
    reportlab writes itself, byte for byte."""
    plain = _canvas_pdf(TTFont("T", FONT))
    first = _canvas_pdf(font_class()("T", FONT))
    again = _canvas_pdf(font_class()("T", FONT))
    assert b"/FontFile2" in plain and plain.count(b"/Length1") >= 2
    assert first == plain and again == plain


def _colours_pdf(canvas_class) -> bytes:
    import io

    from reportlab.lib.colors import CMYKColor, Color, HexColor

    out = io.BytesIO()
    canv = canvas_class(out, invariant=1)
    canv.setFont("Helvetica", 12)
    for colour, alpha in ((HexColor("#1f4e79"), None), (Color(0.2, 0.4, 0.6), None), (Color(1, 0, 0, alpha=0.5), None),
                          (CMYKColor(0.1, 0.2, 0.3, 0.4), None), ((0.3, 0.3, 0.3), None), ("red", None),
                          (HexColor("#1f4e79"), 0.7), (HexColor("#1f4e79"), None)):
        canv.setFillColor(colour, alpha)
        canv.rect(10, 10, 20, 20, fill=1)
        text = canv.beginText(40, 700)
        text.setFillColor(colour, alpha)
        text.textLine("Walk")
        canv.drawText(text)
    canv.save()
    return out.getvalue()


def test_kept_fill_colour_operators_write_reportlabs_bytes():
    """Plain RGB colours take the kept operator; CMYK, tuples, names and alphas go to
    reportlab: the page is reportlab's own, byte for byte, text objects included."""
    from reportlab.pdfgen.canvas import Canvas

    from handoutgen.layout.quickcolor import QuickColorCanvas, QuickText

    assert type(QuickColorCanvas(__import__("io").BytesIO()).beginText()) is QuickText
    assert _colours_pdf(QuickColorCanvas) == _colours_pdf(Canvas)
