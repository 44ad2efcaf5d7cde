"""Page templates: header and footer on every page, "Page X of Y", PDF metadata."""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from handoutgen.scripts import draw_text, runs
from handoutgen.layout.styles import Styles
from handoutgen.layout.theme import Theme
from handoutgen.resolve.handout import Handout

PAPER = {"letter": LETTER, "a4": A4, "half-letter": (LETTER[1] / 2, LETTER[0]), "a5": (A4[1] / 2, A4[0])}
TOTAL_FORM = "pagetotal"


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Drop glyphs no font has and shorten with an ellipsis to fit `width` (the width of
    characters drawn in a fallback font is estimated with the body font's)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = "".join(piece for piece, _ in runs(text))
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class _TotalCanvas(Canvas):
    """Draws the page total as a form defined once all pages exist (single-pass Page X of Y)."""

    total_font: tuple[str, float, str] = ("Helvetica", 10, "#000000")
    attachment: bytes | None = None

    def save(self):
        if self.attachment is not None:
            from handoutgen.layout.attach import embed

            embed(self, self.attachment)
        font, size, color = self.total_font
        self.beginForm(TOTAL_FORM)
        self.setFont(font, size)
        self.setFillColor(HexColor(color))
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()


class HandoutDoc(BaseDocTemplate):
    def __init__(self, buffer, handout: Handout, theme: Theme, styles: Styles, words: dict, paper: str):
        self.handout, self.theme, self.styles, self.words = handout, theme, styles, words
        size = PAPER[paper]
        m = theme.margin
        super().__init__(
            buffer, pagesize=size, leftMargin=m, rightMargin=m, topMargin=m + 20, bottomMargin=m + 22,
            title=handout.title, author=_author(handout), subject=handout.subtitle or handout.title,
            keywords=", ".join(handout.keywords), creator="handoutgen", producer="handoutgen",
            invariant=1, lang=handout.language, displayDocTitle=1,
            initialFontName=styles.body.fontName, initialFontSize=styles.body.fontSize)
        # no inner padding: the text lines up with the header and footer rules, and the 12 pt a
        # side reportlab would add go to the cards
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def _decorate(self, canv, doc):
        t, st, h = self.theme, self.styles, self.handout
        font, size = st.small.fontName, st.small.fontSize
        w, hgt = self.pagesize
        m = t.margin
        canv.saveState()
        canv.setFillColor(HexColor(t.colors.muted))
        canv.setFont(font, size)
        top = hgt - m
        right = h.clinic.name if h.clinic and h.clinic.name else ""
        if h.clinic and h.clinic.phone:
            right = f"{right} · {h.clinic.phone}" if right else h.clinic.phone
        from reportlab.pdfbase.pdfmetrics import stringWidth

        # an unreviewed handout says so in the middle of the running header, on every page
        mark = _draft_mark(canv, self.words["draft"], st.label.fontName, size, w, top, t) if h.draft else 0
        side = (w - 2 * m - mark) / 2 - 10 if mark else (w - 2 * m) * 0.45
        right = _fit(right, font, size, side)
        canv.drawRightString(w - m, top, right)
        left_room = side if mark else (w - 2 * m) - stringWidth(right, font, size) - 24
        if h.prepared_header:  # a personal copy names its patient on every page, in bold and in ink
            canv.setFillColor(HexColor(t.colors.text))
            bold = st.label.fontName
            draw_text(canv, m, top, _fit(h.prepared_header, bold, size, left_room), bold, size)
            canv.setFillColor(HexColor(t.colors.muted))
        else:
            draw_text(canv, m, top, _fit(h.title, font, size, left_room), font, size)
        canv.setStrokeColor(HexColor(t.colors.rule))
        canv.setLineWidth(0.75)
        canv.line(m, top - 6, w - m, top - 6)
        bottom = m
        canv.line(m, bottom + 14, w - m, bottom + 14)
        canv.drawString(m, bottom, _fit(h.dates_line, font, size, (w - 2 * m) * 0.65))
        page_text = self.words["page"].format(page=doc.page, total="")
        x = w - m - stringWidth(self.words["page"].format(page=99, total=99), font, size)
        canv.drawString(x, bottom, page_text)
        canv.saveState()
        canv.translate(x + stringWidth(page_text, font, size), bottom)
        canv.doForm(TOTAL_FORM)
        canv.restoreState()
        canv.restoreState()


def _draft_mark(canv, text: str, font: str, size: float, page_w: float, y: float, theme: Theme) -> float:
    """'Draft — not yet reviewed by a clinician' in bold, boxed in the caution colour and centred
    on the running header's line, clear of the text; returns the box's width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = _fit(text, font, size, page_w - 2 * theme.margin - 120)
    width = stringWidth(text, font, size) + 14
    canv.saveState()
    canv.setFillColor(HexColor(theme.colors.caution_tint))
    canv.setStrokeColor(HexColor(theme.colors.caution))
    canv.setLineWidth(1.25)
    canv.roundRect((page_w - width) / 2, y - 4, width, size + 7, 3, stroke=1, fill=1)
    canv.setFillColor(HexColor(theme.colors.caution))
    canv.setFont(font, size)
    canv.drawCentredString(page_w / 2, y, text)
    canv.restoreState()
    return width


def _author(h: Handout) -> str:
    parts = [h.about.author] if h.about.author else []
    if h.clinic and h.clinic.name:
        parts.append(h.clinic.name)
    return "; ".join(parts)


def render_pdf(handout: Handout, story: list, theme: Theme, styles: Styles, words: dict, paper: str,
               attachment: bytes | None = None) -> tuple[bytes, int]:
    """Lay `story` out; return the PDF bytes and the page count."""
    from reportlab import rl_config

    rl_config.useA85 = 0  # plain binary streams: ASCII85 only makes compressed streams 25% larger
    buffer = io.BytesIO()
    doc = HandoutDoc(buffer, handout, theme, styles, words, paper)
    canvas_cls = type("HandoutCanvas", (_TotalCanvas,), {
        "total_font": (styles.small.fontName, styles.small.fontSize, theme.colors.muted),
        "attachment": attachment})
    doc.build(story, canvasmaker=canvas_cls)
    return buffer.getvalue(), doc.page
