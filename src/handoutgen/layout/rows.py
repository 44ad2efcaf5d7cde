"""Exercise rows: the front-desk sheet's tiles (a picture beside each exercise) and the compact
list (name, dose and what to do, no picture). Cards are in cards.py."""

from __future__ import annotations

from reportlab.platypus import Paragraph, TableStyle

from handoutgen.layout.context import RenderContext
from handoutgen.layout.flowables import Grid
from handoutgen.layout.inline import plain_markup
from handoutgen.resolve.handout import RExercise


def exercise_tiles(ctx: RenderContext, exercises: list[RExercise]) -> Grid:
    """One row per exercise: its Finish frame (with the arrow that shows the move) beside the
    name, what to do and the dose, for a short sheet that still shows every exercise."""
    from handoutgen.layout.figure_forms import ThumbnailFigure

    st = ctx.st
    thumb_w = min(124.0, ctx.width * 0.25)
    text_w = ctx.width - thumb_w - 10 - 10  # the text column less its padding
    rows = []
    for n, ex in enumerate(exercises, start=1):
        dose = plain_markup(ctx.words["separator"]).join(plain_markup(p) for p in ex.dose_words)
        text = [Paragraph(f"<b>{n}. {plain_markup(ex.name)}</b>", st.cell)]
        summary = ex.caption or (ex.steps[0] if ex.steps else ex.description[0] if ex.description else None)
        if summary:
            text.append(ctx.para(summary, st.cell))
        if dose:
            text.append(Paragraph(f"<b>{plain_markup(ctx.words['dose'] + ctx.words['colon'])}</b> {dose}", st.cell))
        picture = ThumbnailFigure(ex.id, ex.pose, thumb_w, _thumb_height(ex.pose, thumb_w, text, text_w),
                                  ctx.theme.font) if ex.pose else ""
        rows.append([picture, text])
    grid = Grid(rows, colWidths=[thumb_w + 10, ctx.width - thumb_w - 10])
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (0, 0), (-1, -1), 1.0, ctx.color("rule")),
                              ("LINEBELOW", (0, 0), (-1, -2), 0.75, ctx.color("rule")),
                              ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                              ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return grid


def _thumb_height(pose, width: float, text: list, text_w: float) -> float:
    """A tile's picture box: as tall as the figure needs to fill the box's width, but no taller
    than the tile's text, nor than the box is wide, nor lower than 0.46 of its width. A standing
    person drawn in a wide, low box was tiny (most of all in large print on half-size pages); a
    lying one in a tall box sat under empty space."""
    from handoutgen.figures.framing import scene_extent, zoom_of

    x0, y0, x1, y1 = scene_extent(pose)
    need = (width - 6) * (y1 - y0) / (x1 - x0) + 4 if zoom_of(pose) <= 1 else width
    room = sum(p.wrap(text_w, 1e6)[1] for p in text) - 2
    return max(width * 0.46, min(need, room, width))


def exercise_list(ctx: RenderContext, exercises: list[RExercise]) -> Grid:
    """Compact rows for a short handout: number, name and dose on one line, what to do below."""
    st = ctx.st
    rows = []
    for n, ex in enumerate(exercises, start=1):
        dose = plain_markup(ctx.words["separator"]).join(plain_markup(p) for p in ex.dose_words)
        what = [Paragraph(f"<b>{n}. {plain_markup(ex.name)}</b>" + (f" — {dose}" if dose else ""), st.cell)]
        summary = ex.caption or (ex.steps[0] if ex.steps else ex.description[0] if ex.description else None)
        if summary:
            what.append(ctx.para(summary, st.cell))
        rows.append([what])
    # split only between exercises: a name and dose at a page's foot with its line on the next
    # page reads as a stray
    t = Grid(rows, colWidths=[ctx.width])
    t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.0, ctx.color("rule")),
                           ("LINEBELOW", (0, 0), (-1, -2), 0.75, ctx.color("rule")),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                           ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
    return t
