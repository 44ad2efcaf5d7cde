"""Exercise cards: the boxed card, figure first (the tiles and the compact list are in rows.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.platypus import Paragraph, TableStyle

from handoutgen.layout.cardrun import MIN_TYPE, MIN_TYPE_LARGE, CardRun

from handoutgen.layout.context import NARROW_WIDTH, RenderContext, bullets, link_with_qr, numbered
from handoutgen.figures.text import figure_text
from handoutgen.layout.figure_forms import ExerciseFigure
from handoutgen.layout.flowables import Grid
from handoutgen.layout.inline import plain_markup
from handoutgen.layout.styles import derived
from handoutgen.resolve.handout import RExercise


@dataclass(frozen=True)
class Tight:
    """A large-print card drawn tighter to stay whole on a half page: its text at `size` pt (its
    name in proportion); the small grey line whole, without the clinical name (`alias`) or left
    off (`meta`); the caption under the figure or not; `pad` pt above and below the figure, the
    steps and "Take care"; and two or more tips, and the notes, each run on after their label
    (`run_on`)."""

    size: float
    alias: bool = True
    meta: bool = True
    caption: bool = True
    pad: float = 4.0
    run_on: bool = False


# Tighter and tighter, in the order a run of cards tries them (layout/cardrun.py) before the
# figure shrinks: the text to 15 pt, then to 14 (the least issue #15 allows; the grey line, the
# caption and the figure's labels are 14 pt already); then the small grey line, which is for the
# clinician, loses the clinical name and then goes; then the caption, which the picture, its
# labels and the steps say again; then less padding, and the tips and the notes each after one label.
TIGHT = (Tight(15.0), Tight(14.0), Tight(14.0, alias=False), Tight(14.0, meta=False),
         Tight(14.0, meta=False, caption=False),
         Tight(14.0, meta=False, caption=False, pad=1.5, run_on=True))


def exercise_card(ctx: RenderContext, ex: RExercise, figure_h: float, split: bool = False,
                  one_column: bool = False, tight: Tight | None = None) -> Grid:
    """A figure-first card. A dark bar with the name and the dose (the dose sits in the same
    place on every card); a full-width strip of large Start and Finish frames; then the steps
    beside "Take care" and tips. Kind, level, evidence and the clinical name sit small at the
    foot of the right column. A card is never split (layout/cardrun.py places it whole), except
    one taller than a whole page: `split` gives it in one column, able to run over. `one_column`
    puts "Take care" under the steps (a large-print card alone on its page). A large-print card
    too tall for a half page is drawn tighter (`Tight`) rather than split."""
    return _CardText(ctx, ex, split, one_column, tight).card(figure_h)


class _CardText:
    """Everything on a card but its figure: the bar, the steps and "Take care" columns and the
    caption. A run of cards measures each card with its least figure and then places it with
    the figure grown to fill the page (layout/cardrun.py); both are made from one _CardText, so
    the text is built, styled and measured once and only the figure and the card's frame are
    made again (issue #17)."""

    def __init__(self, ctx: RenderContext, ex: RExercise, split: bool, one_column: bool,
                 tight: Tight | None = None):
        if tight is not None:
            ctx = replace(ctx, st=_sized(ctx.st, tight.size))
        self.ctx, self.ex, self.split, self.tight = ctx, ex, split, tight
        st, w = ctx.st, ctx.words
        self.stacked = stacked = ctx.single or split or one_column
        self.pad = pad = 8
        self.row_pad = 4.0 if tight is None else tight.pad
        self.inner = ctx.width - 2 * pad
        left_w = ctx.width * 0.58
        steps: list = []
        if ex.position:
            steps.append(Paragraph(f"<b>{plain_markup(w['start_position'] + w['colon'])}</b> "
                                   + " ".join(ctx.para(p).text for p in ex.position), st.cell))
        steps += [Paragraph(ctx.para(p).text, st.cell) for p in ex.description]
        steps += numbered(ctx, ex.steps, st.cell_item)
        care: list = []
        if ex.cautions:
            color = ctx.theme.colors.caution
            care += [Paragraph(f'<font color="{color}">{plain_markup(w["cautions"] + w["colon"])}</font>',
                               st.cell_label)]
            care += bullets(ctx, ex.cautions, st.cell_item)
        extra: list = []  # tips and notes: under the steps or under "Take care", whichever is shorter
        if len(ex.tips) == 1 or ex.tips and tight and tight.run_on:
            # one tip runs on after its label: a line shorter than a list
            label = (w["tip"] if len(ex.tips) == 1 else w["tips"]) + w["colon"]
            extra.append(Paragraph(f"<b>{plain_markup(label)}</b> " + " ".join(ctx.para(t).text for t in ex.tips),
                                   st.cell_tip))
        elif ex.tips:
            extra += [Paragraph(plain_markup(w["tips"]), st.cell_label)] + bullets(ctx, ex.tips, st.cell_item)
        if ex.notes and tight and tight.run_on:
            extra.append(Paragraph(f"<b>{plain_markup(w['notes'] + w['colon'])}</b> "
                                   + " ".join(ctx.para(p).text for p in ex.notes), st.cell_tip))
        elif ex.notes:
            extra += [Paragraph(plain_markup(w["notes"]), st.cell_label)] + [ctx.para(p, st.cell) for p in ex.notes]
        if ex.video:
            care.append(link_with_qr(ctx, ex.video, w["video"], self.inner if stacked else ctx.width - left_w - 2 * pad))
        if not stacked and extra and _tips_left(ctx, ex, steps, care, extra, left_w - 2 * pad,
                                                   ctx.width - left_w - 2 * pad):
            steps += extra
        else:
            care += extra
        care += _meta(ctx, ex, tight is None or tight.alias) if tight is None or tight.meta else []
        self.steps, self.care = steps, care
        self.bar = _bar(ctx, ex)
        self.caption = (Paragraph("<i>" + ctx.para(ex.caption).text + "</i>", ctx.st.caption_centre)
                        if ex.pose is not None and ex.caption and (tight is None or tight.caption) else None)
        self.columns = None if stacked else _columns([steps, care], [left_w, ctx.width - left_w], pad,
                                                     ctx.color("rule"))

    def card(self, figure_h: float) -> Grid:
        """The card with its figure in a box `figure_h` tall. Not split cards: their rows are
        split across pages, so each is made from a _CardText of its own."""
        ctx, ex, pad, split, stacked = self.ctx, self.ex, self.pad, self.split, self.stacked
        picture = _picture(ctx, ex, self.inner, figure_h, self.caption)
        rows: list[list] = [[self.bar]]
        if picture:
            rows.append([picture])
        if split:  # a card too tall for any page: a row per paragraph and step, so it runs over
            rows = [[rows[0][0]]] + [[part] for part in picture + _one_per_step(ctx, ex, self.steps)] \
                + _glued(ctx, self.care)
        elif stacked:  # narrow pages: one column
            rows += [[part] for part in (self.steps, self.care) if part]
        else:
            rows.append([self.columns])
        # a card that runs over repeats its bar (name and dose) at the top of the next page
        table = Grid(rows, colWidths=[ctx.width], splitInRow=1 if split else 0, repeatRows=1 if split else 0)
        if split:
            table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.25, ctx.color("rule")),
                                       ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                                       ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                                       ("LEFTPADDING", (0, 0), (0, 0), 0), ("RIGHTPADDING", (0, 0), (0, 0), 0),
                                       ("TOPPADDING", (0, 0), (0, 0), 0)]))
            table.figure = picture[0] if picture else None
            return table
        table.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 1.25, ctx.color("rule")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (0, 0), 0), ("RIGHTPADDING", (0, 0), (0, 0), 0),
            ("TOPPADDING", (0, 0), (0, 0), 0), ("BOTTOMPADDING", (0, 0), (0, 0), 0),
            ("LEFTPADDING", (0, -1), (0, -1), 0), ("RIGHTPADDING", (0, -1), (0, -1), 0)]
            if not stacked else [
            ("BOX", (0, 0), (-1, -1), 1.25, ctx.color("rule")), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), self.row_pad), ("BOTTOMPADDING", (0, 0), (-1, -1), self.row_pad),
            ("LEFTPADDING", (0, 0), (0, 0), 0), ("RIGHTPADDING", (0, 0), (0, 0), 0),
            ("TOPPADDING", (0, 0), (0, 0), 0), ("BOTTOMPADDING", (0, 0), (0, 0), 0)]))
        table.figure = picture[0] if picture else None  # the run of cards grows it to fill a page
        return table


_TIPS_LEFT: dict = {}


def _tips_left(ctx: RenderContext, ex: RExercise, steps: list, care: list, extra: list, left_w: float,
               right_w: float) -> bool:
    """Whether the tips go under the steps (when that makes the card's text shorter); decided
    once per exercise and width, since a run of cards builds each card more than once."""
    from handoutgen.layout.flowables import measure

    # keyed by everything printed in the two columns: a handout may add its own cautions
    key = (repr((ex.position, ex.description, ex.steps, ex.cautions, ex.tips, ex.notes, ex.evidence, ex.alias)),
           round(left_w, 1), ctx.st.cell.fontSize)
    if key not in _TIPS_LEFT:
        meta = _meta(ctx, ex)
        under_care = max(measure(steps, left_w), measure(care + extra + meta, right_w))
        under_steps = max(measure(steps + extra, left_w), measure(care + meta, right_w))
        _TIPS_LEFT[key] = under_steps < under_care
    return _TIPS_LEFT[key]


def _one_per_step(ctx: RenderContext, ex: RExercise, steps: list) -> list:
    """The steps column with each numbered step a list of its own (numbered on), so that a card
    too tall for a page can break between any two steps."""
    from reportlab.platypus import ListFlowable

    out = []
    for f in steps:
        if isinstance(f, ListFlowable) and len(f._flowables) > 1 and getattr(f, "_bulletType", "1") == "1":
            out += [ListFlowable([item], bulletType="1", bulletFormat="%s.", start=n, leftIndent=f._leftIndent,
                                 bulletFontName=f._bulletFontName, bulletFontSize=f._bulletFontSize)
                    for n, item in enumerate(f._flowables, start=1)]
        else:
            out.append(f)
    return out


def _glued(ctx: RenderContext, parts: list) -> list[list]:
    """The rows of "Take care", tips and notes for a card that runs over: a label stays with
    what follows it and the small notes at the foot with the row before, so that no page holds
    a label, or the notes, alone."""
    rows: list[list] = []
    for f in parts:
        after_label = rows and getattr(rows[-1][0][-1], "style", None) is ctx.st.cell_label
        if rows and (after_label or getattr(f, "style", None) is ctx.st.card_meta):
            rows[-1][0].append(f)
        else:
            rows.append([[f]])
    return rows


def _bar(ctx: RenderContext, ex: RExercise) -> Grid:
    """The card's dark top bar: the name in large white type, and the dose beside it (or under
    it when either is long, and always in large print)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    st, pad = ctx.st, 8
    name = Paragraph(plain_markup(ex.name), st.card_name)
    dose = _dose(ctx, ex)
    name_w = stringWidth(ex.name, st.card_name.fontName, st.card_name.fontSize) + 2 * pad + 6
    dose_w = ctx.width - name_w
    side = (not ctx.single and dose is not None and name_w <= ctx.width * 0.45
            and dose.wrap(dose_w - 2 * pad, 1e6)[1] <= 2 * st.dose.leading + 1)
    if side:
        rows, widths = [[name, dose]], [name_w, dose_w]
    else:
        rows, widths = [[name]] + ([[dose]] if dose is not None else []), [ctx.width]
    bar = Grid(rows, colWidths=widths)
    bar.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), ctx.color("accent")),
                             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                             ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                             ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return bar


def _dose(ctx: RenderContext, ex: RExercise) -> Paragraph | None:
    """"How much: 2 sets · 10 reps · …" in bold white."""
    if not ex.dose_words:
        return None
    w = ctx.words
    text = (f"{plain_markup(w['dose'] + w['colon'])} "
            + plain_markup(w["separator"]).join(plain_markup(p) for p in ex.dose_words))
    return Paragraph(text, ctx.st.dose)


def _columns(cells: list[list], widths: list[float], pad: float, rule) -> Grid:
    """Steps on the left, "Take care" on the right, a thin rule between."""
    t = Grid([[cells[0], cells[1] or ""]], colWidths=widths)
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                           ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                           ("LINEBEFORE", (1, 0), (1, 0), 0.5, rule)]))
    return t


def _picture(ctx: RenderContext, ex: RExercise, width: float, height: float, caption) -> list:
    """The Start and Finish frames across the card's full width, in a box `height` tall (the
    cards on one page share it; each figure fills its frames), the caption under them."""
    if ex.pose is None:
        return []
    out: list = [ExerciseFigure(ex.id, ex.pose, width, height, ex.hold_label, ctx.theme.font,
                                figure_text(ctx.words), ctx.st.figure_label)]
    if caption is not None:
        out.append(caption)
    return out


def card_run(ctx: RenderContext, exercises: list[RExercise], lead: list) -> CardRun:
    """The cards of one section, laid out a page at a time (layout/cardrun.py)."""
    makers = [_Maker(ctx, ex) for ex in exercises]
    # one-column card text only in large print: at 16 pt a full-width line stays under ~70 characters
    widen = ctx.st.cell.fontSize >= 16 and ctx.width >= NARROW_WIDTH
    shrink = _may_shrink(ctx)
    # a large-print card too tall for a half page is drawn tighter (TIGHT), not scaled down: scaling
    # drew its 14 pt grey line, caption and figure labels at 12 pt
    tighter = len(TIGHT) if shrink == MIN_TYPE_LARGE else 0
    run = CardRun(makers, ctx.st.cell.fontSize, ctx.height, lead, shrink=shrink, widen=widen, tighter=tighter)
    # a heading and intro left alone at a page's foot over a quarter of the page: lines to write on
    # (half-size pages, and large print, where one card can need a whole page)
    run.notes = lambda: _notes(ctx)
    return run


def _notes(ctx: RenderContext) -> list:
    """A "Notes" label over ruled lines to the page's foot (layout/cardrun.py: a page a section's
    heading and intro have to themselves)."""
    from reportlab.platypus import Spacer

    from handoutgen.layout.flowables import RuledLines

    return [Spacer(1, ctx.st.body.fontSize * 0.5), Paragraph(plain_markup(ctx.words["notes"]), ctx.st.label),
            RuledLines(ctx.st.body.fontSize * 2, ctx.theme.colors.rule)]


class _Maker:
    """make(figure_h, split=False, one_column=False, tight=0) -> the exercise's card, drawn as
    designed or (tight=k) as TIGHT[k - 1]. A card's text is made once per layout (one_column or
    not, how tight) and shared by the cards made at each figure size; a split card is made whole
    afresh, since splitting writes into its parts."""

    def __init__(self, ctx: RenderContext, ex: RExercise):
        self.ctx, self.ex = ctx, ex
        self._text: dict = {}

    def __call__(self, figure_h: float, split: bool = False, one_column: bool = False, tight: int = 0) -> Grid:
        if split:
            return exercise_card(self.ctx, self.ex, figure_h, split, one_column, TIGHT[tight - 1] if tight else None)
        text = self._text.get((one_column, tight))
        if text is None:
            text = self._text[(one_column, tight)] = _CardText(self.ctx, self.ex, False, one_column,
                                                               TIGHT[tight - 1] if tight else None)
        return text.card(figure_h)


def _may_shrink(ctx: RenderContext) -> float | None:
    """Half-size booklet pages may draw a card a little smaller, to 12 pt (large print: to 14 pt,
    still large, so a card stays whole); full-size pages never."""
    if ctx.width >= NARROW_WIDTH:
        return None
    return MIN_TYPE if ctx.st.cell.fontSize < 16 else MIN_TYPE_LARGE


def _sized(st, size: float):
    """The styles with a card's text (steps, "Take care", tips, the dose) at `size` pt and its
    name in proportion (16 pt at 14); the grey line and the caption (14 pt) stay as they are."""
    k = size / st.cell.fontSize
    changes = {}
    for name in ("cell", "cell_item", "cell_tip", "cell_label", "dose", "card_name"):
        style = getattr(st, name)
        changes[name] = derived(style, f"{style.name}@{size:g}", fontSize=style.fontSize * k,
                                leading=style.leading * k, leftIndent=style.leftIndent * k)
    return replace(st, **changes)


def _meta(ctx: RenderContext, ex: RExercise, alias: bool = True) -> list:
    """Kind, level and evidence (or "common practice"), and the clinical name (unless `alias` is
    False: a card drawn tighter): small, for the clinician, at the foot of the card."""
    w = ctx.words
    kind = [w["kind_" + ex.kind]] if ex.kind else []
    level = [] if ex.inline else [w["level_" + ex.level]]  # an own exercise has no place in our levels
    parts = [plain_markup(w["separator"].join(kind + level))] if kind or level else []
    if ex.evidence:
        parts.append(f"{plain_markup(w['evidence'] + w['colon'])} " + ctx.para(ex.evidence).text)
    elif ex.common_practice and not ex.inline:
        parts.append(plain_markup(w["common_practice"]))
    if ex.alias and alias:
        parts.append(plain_markup(ex.alias))
    return [Paragraph(plain_markup(w["separator"]).join(parts), ctx.st.card_meta)] if parts else []
