"""Exercise cards: the boxed card and the compact list."""

from __future__ import annotations

from reportlab.platypus import KeepTogether, Paragraph, TableStyle

from handoutgen.layout.context import RenderContext, bullets, link_with_qr, numbered
from handoutgen.figures.text import figure_text
from handoutgen.layout.figure_forms import ExerciseFigure
from handoutgen.layout.flowables import Grid, KeepOrSplit, measure
from handoutgen.layout.inline import plain_markup
from handoutgen.resolve.handout import RExercise


def exercise_card(ctx: RenderContext, ex: RExercise) -> KeepTogether:
    """A boxed card: title bar; steps on the left, tips and cautions on the right; dose strip."""
    st, w = ctx.st, ctx.words
    pad = 8
    left_w = ctx.width * 0.52
    right_w = ctx.width - left_w
    header = [Paragraph(plain_markup(ex.name), st.card_title)]
    meta = [_footer(ctx, ex)]
    if ex.alias:  # the clinical name, for the clinician
        meta.append(Paragraph(plain_markup(ex.alias), st.small_right))
    left: list = []
    if ex.position:
        left.append(Paragraph(f"<b>{plain_markup(w['start_position'] + w['colon'])}</b> "
                              + " ".join(ctx.para(p).text for p in ex.position), st.cell))
    left += [Paragraph(ctx.para(p).text, st.cell) for p in ex.description]
    left += numbered(ctx, ex.steps, st.cell_item)
    picture: list = []
    if ex.pose is not None:
        fig_w = min(ctx.width, 330) if ctx.single else right_w
        picture.append(ExerciseFigure(ex.id, ex.pose, fig_w - 2 * pad, st.cell.fontSize * 8.0, ex.hold_label,
                                      ctx.theme.font, figure_text(ctx.words)))
        if ex.caption:
            picture.append(Paragraph("<i>" + ctx.para(ex.caption).text + "</i>", st.caption))
    tips: list = []
    if ex.tips:
        tips += [Paragraph(plain_markup(w["tips"]), st.cell_label)] + bullets(ctx, ex.tips, st.cell_item)
    right: list = []
    if ex.cautions:
        color = ctx.theme.colors.caution
        right += [Paragraph(f'<font color="{color}">{plain_markup(w["cautions"])}:</font>', st.cell_label)]
        right += bullets(ctx, ex.cautions, st.cell_item)
    if ex.notes:
        right += [Paragraph(plain_markup(w["notes"]), st.cell_label)] + [ctx.para(p, st.cell) for p in ex.notes]
    if ex.video:
        right.append(link_with_qr(ctx, ex.video, w["video"], right_w - 2 * pad))
    phrases = ex.dose_words
    strip = None
    if phrases:
        strip = Paragraph(f"<b>{plain_markup(w['dose'] + w['colon'])}</b> "
                          + plain_markup(w["separator"]).join(plain_markup(p) for p in phrases),
                          st.body)
    if ctx.single:  # large print / narrow pages: one column, nothing squeezed; the dose comes first,
        # so a card too tall for the page never leaves its dose strip alone on the next one
        rows: list[list] = [[header + meta]] + ([[strip]] if strip else [])
        rows += [[part] for part in (picture, left, tips, right) if part]
    elif picture:  # steps on the left, figure on the right; tips and cautions where the card is shortest
        rows = [[header, meta], _balance([left, tips, right], picture, left_w - 2 * pad, right_w - 2 * pad)]
    else:
        rows = [[header, meta], [left, tips + right or ""]]
    if strip and not ctx.single:
        rows.append([strip, ""])
    table = Grid(rows, colWidths=[ctx.width] if ctx.single else [left_w, right_w], splitInRow=1)
    cmds = [("BOX", (0, 0), (-1, -1), 1.25, ctx.color("rule")),

            ("BACKGROUND", (0, 0), (-1, 0), ctx.color("tint")),
            ("LINEBELOW", (0, 0), (-1, 0), 1.25, ctx.color("accent")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    if strip:
        d = 1 if ctx.single else len(rows) - 1
        cmds += [("SPAN", (0, d), (-1, d)), ("BACKGROUND", (0, d), (-1, d), ctx.color("tint")),
                 ("LINEABOVE", (0, d), (-1, d), 0.75, ctx.color("rule"))]
    table.setStyle(TableStyle(cmds))
    # a card taller than a page (large print, half-size pages) starts on this page when at least
    # 40% of it is free, rather than always on a new page with a stub running over
    return KeepOrSplit([table], room=ctx.height * 0.4)


def _footer(ctx: RenderContext, ex: RExercise) -> Paragraph:
    """Kind, level and evidence (or "common practice") in one small line."""
    w = ctx.words
    kind = [w["kind_" + ex.kind]] if ex.kind else []
    level = [] if ex.inline else [w["level_" + ex.level]]  # an own exercise has no place in our levels
    parts = [plain_markup(w["separator"].join(kind + level))] if kind or level else []
    if ex.evidence:
        parts.append(f"{plain_markup(w['evidence'] + w['colon'])} " + ctx.para(ex.evidence).text)
    elif ex.common_practice and not ex.inline:
        parts.append(plain_markup(w["common_practice"]))
    return Paragraph(plain_markup(w["separator"]).join(parts), ctx.st.small_right)


def _balance(blocks: list[list], picture: list, left_w: float, right_w: float) -> list[list]:
    """Split the text blocks, in reading order, between the left column and the space under
    the figure so that the taller column is as short as possible."""
    blocks = [b for b in blocks if b]
    best = None
    for k in range(1, len(blocks) + 1):
        left = [f for b in blocks[:k] for f in b]
        right = picture + [f for b in blocks[k:] for f in b]
        tallest = max(measure(left, left_w), measure(right, right_w))
        if best is None or tallest < best[0]:
            best = (tallest, left, right)
    return [best[1], best[2]]


def exercise_list(ctx: RenderContext, exercises: list[RExercise]) -> Grid:
    """Compact rows for a short handout: number, name and dose on one line, what to do below."""
    st = ctx.st
    rows = []
    for n, ex in enumerate(exercises, start=1):
        dose = plain_markup(ctx.words["separator"]).join(plain_markup(p) for p in ex.dose_words)
        what = [Paragraph(f"<b>{n}. {plain_markup(ex.name)}</b>" + (f" — {dose}" if dose else ""), st.cell)]
        summary = ex.caption or (ex.steps[0] if ex.steps else None)
        if summary:
            what.append(ctx.para(summary, st.cell))
        rows.append([what])
    t = Grid(rows, colWidths=[ctx.width], splitInRow=1)
    t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.0, ctx.color("rule")),
                           ("LINEBELOW", (0, 0), (-1, -2), 0.75, ctx.color("rule")),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                           ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
    return t
