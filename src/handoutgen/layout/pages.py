"""Page templates: header and footer on every page, "Page X of Y", PDF metadata."""

from __future__ import annotations

import io
import operator
from functools import lru_cache

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from handoutgen.layout.formstream import KeptFormCanvas
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


class _TotalCanvas(KeptFormCanvas):
    """Draws the page total as a form defined once all pages exist (single-pass Page X of Y).
    Its forms keep their compressed streams per process (layout/formstream.py)."""

    total_font: tuple[str, float, str] = ("Helvetica", 10, "#000000")

    # saveState and restoreState run thousands of times a render (every flowable drawn, every
    # paragraph); reportlab's push_state_stack fills a dict in a Python loop. The same saved
    # values, taken with one itemgetter and put back with one update (issue #17: about 2% of a
    # render). Only push_state_stack and pop_state_stack touch state_stack (reportlab 5.1).
    def push_state_stack(self):
        self.state_stack.append(_SAVED(self.__dict__))
        self._extgstate = self._extgstate.pushCopy()

    def pop_state_stack(self):
        self.__dict__.update(zip(Canvas.STATE_ATTRIBUTES, self.state_stack.pop()))
    attachment: bytes | None = None
    total: int | None = None  # in a pack: the pack's page count, not this handout's

    def save(self):
        if self.attachment is not None:
            from handoutgen.layout.attach import embed

            embed(self, self.attachment)
        font, size, color = self.total_font
        self.beginForm(TOTAL_FORM)
        self.setFont(font, size)
        self.setFillColor(HexColor(color))
        self.drawString(0, 0, str(self.total or self.getPageNumber() - 1))
        self.endForm()
        super().save()


_SAVED = operator.itemgetter(*Canvas.STATE_ATTRIBUTES)


@lru_cache(maxsize=64)
def _hex(value: str):
    """A theme colour, parsed once (every page's header and footer set four)."""
    return HexColor(value)


class _Frame(Frame):
    """A Frame that copies itself quickly: platypus deep-copies the current frame every time it
    measures a KeepTogether (flowables._listWrapOn), some 50 times a render. A frame's state is
    numbers, strings and a list of backgrounds; only what is not a number or string is copied
    deeply, so the copy is the one copy.deepcopy makes."""

    def __deepcopy__(self, memo):
        from copy import deepcopy

        new = object.__new__(type(self))
        memo[id(self)] = new
        new.__dict__.update({k: v if type(v) in _ATOMS else deepcopy(v, memo) for k, v in self.__dict__.items()})
        return new


_ATOMS = frozenset({int, float, str, bool, type(None)})


class HandoutDoc(BaseDocTemplate):
    def __init__(self, buffer, handout: Handout, theme: Theme, styles: Styles, words: dict, paper: str,
                 page_offset: int = 0):
        self.handout, self.theme, self.styles, self.words = handout, theme, styles, words
        self.page_offset = page_offset  # in a pack, pages are numbered across the whole pack
        size = PAPER[paper]
        m = theme.margin
        top, bottom = bands(handout, words, styles.small.fontName, styles.small.fontSize, size[0], m,
                            styles.label.fontName)
        super().__init__(
            buffer, pagesize=size, leftMargin=m, rightMargin=m, topMargin=top, bottomMargin=bottom,
            title=handout.title, author=_author(handout), subject=handout.subtitle or handout.title,
            keywords=", ".join(handout.keywords), creator="handoutgen", producer="handoutgen",
            invariant=1, lang=handout.language, displayDocTitle=1,
            initialFontName=styles.body.fontName, initialFontSize=styles.body.fontSize)
        # no inner padding: the text lines up with the header and footer rules, and the 12 pt a
        # side reportlab would add go to the cards
        frame = _Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def _decorate(self, canv, doc):
        t, st = self.theme, self.styles
        font, size = st.small.fontName, st.small.fontSize
        w, hgt = self.pagesize
        m = t.margin
        canv.saveState()
        canv.setFillColor(_hex(t.colors.muted))
        canv.setFont(font, size)
        self._header(canv, w, hgt - m, font, size)
        canv.setStrokeColor(_hex(t.colors.rule))
        canv.setLineWidth(0.75)
        self._footer(canv, doc, w, m, font, size)
        canv.restoreState()

    def _header(self, canv, w: float, top: float, font: str, size: float) -> None:
        """The title (or "Prepared for NAME" on a personal copy, in bold) at the left, the draft
        mark in the middle, the clinic at the right (placed once: header_plan). A name too long
        for the line beside the mark takes the first line to itself, the mark under it."""
        t = self.theme
        plan = self.__dict__.get("_hg_header")
        if plan is None or plan[0] is not self.handout or plan[1] != (w, font, size):
            # (stamping lays the header out again for another person on a copy of this doc)
            plan = self._hg_header = (self.handout, (w, font, size), self._header_plan(w, font, size))
        mark, clinic, left, left_font, two = plan[2]
        m = t.margin
        if mark:
            _draft_mark(canv, *mark, top - (size + SECOND_LINE if two else 0), t)
        if clinic:
            canv.drawRightString(w - m, top, clinic)
        if self.handout.prepared_header:  # a personal copy names its patient on every page, in ink
            canv.setFillColor(_hex(t.colors.text))
        draw_text(canv, m, top, left, left_font, size)
        canv.setFillColor(_hex(t.colors.muted))
        canv.setStrokeColor(_hex(t.colors.rule))
        canv.setLineWidth(0.75)
        rule = top - 6 - (size + SECOND_LINE if two else 0)
        canv.line(m, rule, w - m, rule)

    def _header_plan(self, w: float, font: str, size: float) -> tuple:
        return header_plan(self.handout, self.words, font, self.styles.label.fontName, size, w, self.theme.margin)

    def _footer(self, canv, doc, w: float, m: float, font: str, size: float) -> None:
        """Dates at the left, "Page X of Y" at the right; dates too long for one line (large
        print, half-size pages) take two, never an ellipsis."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        lines = footer_lines(self.handout, self.words, font, size, w - 2 * m)
        canv.setFont(font, size)  # the header may have left its bold name's font set
        bottom = m
        canv.line(m, bottom + 14 + (len(lines) - 1) * (size + 2), w - m, bottom + 14 + (len(lines) - 1) * (size + 2))
        for i, line in enumerate(reversed(lines)):
            canv.drawString(m, bottom + i * (size + 2), line)
        page_text = self.words["page"].format(page=doc.page + self.page_offset, total="")
        x = w - m - stringWidth(self.words["page"].format(page=999, total=999), font, size)
        canv.drawString(x, bottom, page_text)
        canv.saveState()
        canv.translate(x + stringWidth(page_text, font, size), bottom)
        canv.doForm(TOTAL_FORM)
        canv.restoreState()


SECOND_LINE = 8.0  # between the header's two lines, when a long name needs its own


def header_plan(h: Handout, words: dict, font: str, bold: str, size: float, w: float, m: float) -> tuple:
    """(mark, clinic, left text, its font, two lines?): what the running header prints and where,
    the same on every page of a handout (worked out once a document: issue #17). What gives way
    when the line is full: first the clinic (it is in the about line too), then the mark moves
    right and becomes the short one; a title or name still too long then takes the line to
    itself and the mark goes under it (large print on half-size pages cut "Prepared for Maria
    Lo…"). Only a name longer than a whole line is cut, with an ellipsis (page 1 has it whole)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    left, left_font = (h.prepared_header, bold) if h.prepared_header else (h.title, font)
    clinic = h.clinic.name if h.clinic and h.clinic.name else ""
    if h.clinic and h.clinic.phone:
        clinic = f"{clinic} · {h.clinic.phone}" if clinic else h.clinic.phone
    left_w, clinic_w = stringWidth(left, left_font, size), stringWidth(clinic, font, size)
    if not h.draft:
        right_room = (w - 2 * m) * 0.45
        left_room = (w - 2 * m) - min(clinic_w, right_room) - 24
        return None, _fit(clinic, font, size, right_room) if clinic else "", _fit(left, left_font, size, left_room), \
            left_font, False
    # an unreviewed handout says so on every page
    text, mark_w = _mark(words, bold, size, w - 2 * m - 120)
    mark_x, two = (w - mark_w) / 2, False
    if m + left_w + 10 > mark_x or (clinic and mark_x + mark_w + 10 + clinic_w > w - m):
        mark_x, clinic = w - m - mark_w, ""
        if m + left_w + 10 > mark_x:  # the name or title first: a shorter mark
            text, mark_w = _mark(words, bold, size, w - 2 * m - 120, short=True)
            mark_x = w - m - mark_w
        if m + left_w + 10 > mark_x:  # still too long: the name on a line of its own, the mark under it
            (text, mark_w), mark_x, two = _mark(words, bold, size, w - 2 * m - 14), m, True
    left_room = w - 2 * m if two else mark_x - m - 10
    right_room = w - m - (mark_x + mark_w) - 10
    clinic = _fit(clinic, font, size, right_room) if clinic else ""
    return (text, bold, size, mark_x, mark_w), clinic, _fit(left, left_font, size, left_room), left_font, two


def _mark(words: dict, bold: str, size: float, room: float, short: bool = False) -> tuple[str, float]:
    """(the draft mark's words, its box's width): the whole mark where its words fit in `room`,
    else the short one, never cut mid-word (large print on half-size pages printed "Draft —
    not yet reviewed by…")."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    whole = not short and stringWidth(words["draft"], bold, size) <= room
    text = words["draft"] if whole else _fit(words["draft_short"], bold, size, room)
    return text, stringWidth(text, bold, size) + 14


def footer_lines(h: Handout, words: dict, font: str, size: float, width: float) -> list[str]:
    """The footer's date text as one line, or as its parts one per line when one line would
    run into "Page 99 of 99"."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    room = width - stringWidth(words["page"].format(page=999, total=999), font, size) - 16  # packs run long
    if stringWidth(h.dates_line, font, size) <= room:
        return [h.dates_line] if h.dates_line else []
    return [_fit(part, font, size, room) for part in h.dates_line.split(words["separator"])]


def bands(h: Handout, words: dict, font: str, size: float, width: float, margin: float,
          bold: str | None = None) -> tuple[float, float]:
    """The top and bottom margins of the text frame: the page margin plus the header's and the
    footer's bands (the header is a line taller when a long name takes a line of its own, the
    footer when its dates take two). Without `bold` (the name's font), one header line."""
    extra = (len(footer_lines(h, words, font, size, width - 2 * margin)) - 1) * (size + 2)
    two = bold is not None and header_plan(h, words, font, bold, size, width, margin)[4]
    return margin + 20 + (size + SECOND_LINE if two else 0), margin + 22 + max(0.0, extra)


def _draft_mark(canv, text: str, font: str, size: float, x: float, width: float, y: float, theme: Theme) -> None:
    """'Draft — not yet reviewed by a clinician' in bold, boxed in the caution colour, on the
    running header's line."""
    canv.saveState()
    canv.setFillColor(_hex(theme.colors.caution_tint))
    canv.setStrokeColor(_hex(theme.colors.caution))
    canv.setLineWidth(1.25)
    canv.roundRect(x, y - 4, width, size + 7, 3, stroke=1, fill=1)
    canv.setFillColor(_hex(theme.colors.caution))
    canv.setFont(font, size)
    canv.drawCentredString(x + width / 2, y, text)
    canv.restoreState()


def _author(h: Handout) -> str:
    parts = [h.about.author] if h.about.author else []
    if h.clinic and h.clinic.name:
        parts.append(h.clinic.name)
    return "; ".join(parts)


def render_pdf(handout: Handout, story: list, theme: Theme, styles: Styles, words: dict, paper: str,
               attachment: bytes | None = None, numbering: tuple[int, int | None] = (0, None)) -> tuple[bytes, int]:
    """Lay `story` out; return the PDF bytes and the page count. `numbering` is (pages before
    this one, total pages) when the handout is part of a pack that numbers its pages as one."""
    from reportlab import rl_config

    rl_config.useA85 = 0  # plain binary streams: ASCII85 only makes compressed streams 25% larger
    buffer = io.BytesIO()
    doc = HandoutDoc(buffer, handout, theme, styles, words, paper, numbering[0])
    canvas_cls = type("HandoutCanvas", (_TotalCanvas,), {
        "total_font": (styles.small.fontName, styles.small.fontSize, theme.colors.muted),
        "attachment": attachment, "total": numbering[1]})
    doc.build(story, canvasmaker=canvas_cls)
    return buffer.getvalue(), doc.page
