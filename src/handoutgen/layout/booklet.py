"""What a folded booklet needs beyond the story: exercise cards that never split across its
half-size pages, and a back cover (the clinic's contact, or a Notes page)."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from handoutgen.layout.context import RenderContext, link_with_qr
from handoutgen.layout.flowables import KeepOrSplit, RuledLines, _scratch_canvas
from handoutgen.layout.inline import plain_markup

# A card slightly taller than a half page is drawn a little smaller rather than split: first its
# figures (every figure in the handout by the same factor, so every person stays the same size),
# then the whole card, never below 12 pt type (STANDARDS.md).
FIGURE_STEPS = (1.0, 0.9, 0.8, 0.7)
MIN_TYPE = 12.0


def fit_cards(story: list, ctx: RenderContext) -> list:
    """The story with every exercise card made whole: a card that fits a page never splits."""
    cards = [item for item in story if isinstance(item, KeepOrSplit)]
    if not cards:
        return story
    _shrink_figures([c._content[0] for c in cards], ctx)
    min_scale = min(1.0, MIN_TYPE / ctx.st.cell.fontSize)
    whole = {id(c): WholeCard(c, ctx.height, min_scale) for c in cards}
    out: list = []
    for item in story:
        if isinstance(item, Spacer) and out and isinstance(out[-1], WholeCard):
            # the gap after a card is its space after, which a page needs no room for: a card
            # the height of a page still fits on a fresh one
            out[-1].spaceAfter = item.height
            continue
        out.append(whole.get(id(item), item))
    return out


def _shrink_figures(tables: list, ctx: RenderContext) -> None:
    """Make every exercise figure smaller by one factor, just enough that the tallest card fits
    a page (or as far as FIGURE_STEPS go)."""
    figures = [f for t in tables for f in _figures(t)]
    if not figures:
        return
    originals = {id(f): (f.fig_w, f.box_h) for _, f in figures}
    for factor in FIGURE_STEPS:
        for cell, fig in figures:
            width, box = originals[id(fig)]
            fig.resize(width, box * factor)
        if max(_height(t, ctx.width) for t in tables) <= ctx.height:
            return


def _figures(table) -> list:
    from handoutgen.layout.figure_forms import ExerciseFigure

    found = []
    for row in table._cellvalues:
        for cell in row:
            for item in cell if isinstance(cell, (list, tuple)) else [cell]:
                if isinstance(item, ExerciseFigure):
                    found.append((cell, item))
    return found


def _height(table, width: float) -> float:
    _forget(table)
    return table.wrapOn(_scratch_canvas(), width, 1e6)[1]


def _forget(table) -> None:
    """Make reportlab measure a table again: it keeps the column widths and spanned cells' boxes
    of its first layout, which are wrong once its figures or widths change."""
    table._width_calculated_once = None
    table.__dict__.pop("_spanRects", None)


class WholeCard(Flowable):
    """One exercise card on half-size pages. It goes on the current page when it fits, else on a
    fresh page; one a little taller than a page is drawn smaller (down to `min_scale`, laid out
    that much wider so it still spans the page); only a card taller still splits, name and dose
    first."""

    def __init__(self, card: KeepOrSplit, page_height: float, min_scale: float):
        super().__init__()
        self.card, self.table, self.page_height, self.min_scale = card, card._content[0], page_height, min_scale
        self.scale, self._widths = 1.0, list(self.table._argW)
        self.spaceAfter = 0

    def _layout(self, aw: float) -> tuple[float, float]:
        self._set_widths(1.0)
        w, h = self.table.wrapOn(self.canv if hasattr(self, "canv") else _scratch_canvas(), aw, 1e6)
        self.scale = 1.0
        if h > self.page_height and h * self.min_scale <= self.page_height:
            self.scale = self.page_height / h
            for _ in range(3):  # wider lines wrap into fewer: settle the scale in a few rounds
                self._set_widths(self.scale)
                w, h = self.table.wrapOn(_scratch_canvas(), aw / self.scale, 1e6)
                if h * self.scale <= self.page_height:
                    break
                self.scale = max(self.min_scale, self.page_height / h)
        return w * self.scale, h * self.scale

    def _set_widths(self, scale: float) -> None:
        self.table._argW = self.table._colWidths = [w / scale for w in self._widths]
        _forget(self.table)

    def wrap(self, aw, ah):
        self.width, self.height = self._layout(aw)
        return self.width, self.height

    def split(self, aw, ah):
        from reportlab.platypus.doctemplate import FrameBreak

        width, height = self._layout(aw)
        if height <= ah:
            return [self]
        if height <= self.page_height:  # fits a page: start a fresh one, never split
            return [FrameBreak(), self]
        # taller than any page: split, name and dose first, on this page only if much of it is free
        self._set_widths(1.0)
        self.scale = 1.0
        parts = self.table.splitOn(self.canv, aw, ah) if ah >= self.page_height * 0.4 else []
        return parts or [FrameBreak(), self]

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.scale(self.scale, self.scale)
        self.table.drawOn(canv, 0, 0)
        canv.restoreState()


def back_cover(ctx: RenderContext) -> list:
    """The booklet's last page: the clinic's name, phone and website (with a QR code for the
    website) over lines for notes; with no clinic, a Notes page."""
    clinic = ctx.handout.clinic
    out: list = [PageBreak()]
    if clinic and (clinic.name or clinic.phone or clinic.website):
        out.append(Paragraph(plain_markup(ctx.words["back_cover"]), ctx.st.heading))
        if clinic.name:
            out.append(Paragraph(plain_markup(clinic.name), ctx.st.subheading))
        if clinic.phone:
            phone = plain_markup(ctx.words["phone"] + ctx.words["colon"])
            out.append(Paragraph(f"<b>{phone}</b> {plain_markup(clinic.phone)}", ctx.st.body))
        if clinic.website:
            out.append(link_with_qr(ctx, clinic.website, ctx.words["website"], ctx.width))
        out.append(Spacer(1, ctx.st.body.fontSize))
    # not kept with the lines: they fill what is left of the page, so together they never fit
    heading = ParagraphStyle("notes", parent=ctx.st.heading, keepWithNext=0)
    out += [Paragraph(plain_markup(ctx.words["notes"]), heading),
            RuledLines(ctx.st.body.fontSize * 2, ctx.theme.colors.rule)]
    return out
