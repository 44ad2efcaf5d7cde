"""Exercise cards and the tick-box tracker."""

from __future__ import annotations

from reportlab.platypus import KeepTogether, Paragraph, TableStyle

from handoutgen.layout.flowables import Grid

from handoutgen.layout.inline import plain_markup
from handoutgen.layout.story import Ctx, bullets, numbered
from handoutgen.resolve.handout import RExercise, RSection


def dose_words(ex: RExercise, words: dict) -> list[str]:
    """The dose as short phrases: ["2 sets", "10–15 reps", "each side", "3 days a week"]."""
    d = ex.dose
    out = []
    if d.sets:
        out.append(f"{d.sets} {words['sets']}")
    if d.reps:
        out.append(f"{d.reps} {words['reps']}")
    if d.hold:
        out.append(words["hold"].format(n=d.hold))
    if d.minutes:
        out.append(words["minutes"].format(n=d.minutes))
    if d.side:
        out.append(words[f"side_{d.side}"])
    if d.per_day:
        out.append(words["per_day_once"] if d.per_day == 1 else words["per_day"].format(n=d.per_day))
    if d.days_per_week:
        out.append(words["days_per_week_all"] if d.days_per_week == 7
                   else words["days_per_week"].format(n=d.days_per_week))
    if d.note:
        out.append(d.note)
    return out


def exercise_card(ctx: Ctx, ex: RExercise) -> KeepTogether:
    st, w = ctx.st, ctx.words
    pad = 10
    title = plain_markup(ex.name)
    kind = f"{w['kind_' + ex.kind]} · {w['level_' + ex.level]}"
    if ex.alias:
        kind += f" · {ex.alias}"
    rows: list[list] = [[[Paragraph(title, st.card_title), Paragraph(plain_markup(kind), st.small)]]]
    body: list = []
    if ex.position:
        start = Paragraph(f"<b>{plain_markup(w['start_position'])}:</b> "
                          + " ".join(ctx.para(p).text for p in ex.position), st.body)
        body.append(start)
    body += numbered(ctx, ex.steps)
    rows.append([body])
    phrases = dose_words(ex, w)
    if phrases:
        strip = Paragraph(f"<b>{plain_markup(w['dose'])}:</b> " + " · ".join(plain_markup(p) for p in phrases),
                          st.body)
        rows.append([strip])
    if ex.tips:
        rows.append([[Paragraph(plain_markup(w["tips"]), st.label)] + bullets(ctx, ex.tips)])
    if ex.cautions:
        label = Paragraph(f'<font color="{ctx.theme.colors.caution}">{plain_markup(w["cautions"])}:</font>', st.label)
        rows.append([[label] + bullets(ctx, ex.cautions)])
    if ex.notes:
        rows.append([[Paragraph(plain_markup(w["notes"]), st.label)] + [ctx.para(p) for p in ex.notes]])
    rows.append([_footer(ctx, ex)])
    table = Grid(rows, colWidths=[ctx.width], splitInRow=1)
    dose_row = 2 if phrases else None
    cmds = [("BOX", (0, 0), (-1, -1), 1.25, ctx.color("rule")),
            ("BACKGROUND", (0, 0), (-1, 0), ctx.color("tint")),
            ("LINEBELOW", (0, 0), (-1, 0), 1.25, ctx.color("accent")),
            ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
    if dose_row:
        cmds += [("BACKGROUND", (0, dose_row), (-1, dose_row), ctx.color("tint")),
                 ("LINEABOVE", (0, dose_row), (-1, dose_row), 0.75, ctx.color("rule")),
                 ("LINEBELOW", (0, dose_row), (-1, dose_row), 0.75, ctx.color("rule"))]
    table.setStyle(TableStyle(cmds))
    return KeepTogether([table])


def _footer(ctx: Ctx, ex: RExercise) -> Paragraph:
    w = ctx.words
    parts = []
    if ex.evidence:
        parts.append(f"{plain_markup(w['evidence'])}: " + ctx.para(ex.evidence).text)
    elif ex.common_practice:
        parts.append(plain_markup(w["common_practice"]))
    if ex.video:
        link = plain_markup(ex.video)
        parts.append(f'{plain_markup(w["video"])}: <a href="{link}" color="{ctx.theme.colors.link}">{link}</a>')
    return Paragraph(" · ".join(parts), ctx.st.small)


def tracker_table(ctx: Ctx, s: RSection) -> list:
    """Week-by-week tick boxes for every exercise in the handout."""
    names = [ex.name for sec in ctx.handout.sections for ex in sec.exercises] or [""] * 6
    days = s.days_per_week
    name_w = min(ctx.width * 0.34, 190)
    col = max(22.0, (ctx.width - name_w) / (s.weeks * days))
    weeks_per_table = max(1, int((ctx.width - name_w) // (col * days)))
    col = (ctx.width - name_w) / (weeks_per_table * days)
    out = []
    for first in range(0, s.weeks, weeks_per_table):
        weeks = range(first, min(s.weeks, first + weeks_per_table))
        head1 = [Paragraph(plain_markup(ctx.words["tracker_exercise"]), ctx.st.label)]
        head2 = [""]
        for wk in weeks:
            head1 += [Paragraph(plain_markup(ctx.words["tracker_week"].format(n=wk + 1)), ctx.st.cell)] + [""] * (days - 1)
            head2 += [Paragraph(str(d + 1), ctx.st.cell) for d in range(days)]
        rows = [head1, head2] + [[Paragraph(plain_markup(n), ctx.st.cell)] + [""] * (len(weeks) * days) for n in names]
        t = Grid(rows, colWidths=[name_w] + [col] * (len(weeks) * days), repeatRows=2,
                  rowHeights=[None, None] + [max(26, ctx.st.cell.leading + 10)] * len(names))
        cmds = [("GRID", (0, 0), (-1, -1), 0.75, ctx.color("rule")),
                ("BACKGROUND", (0, 0), (-1, 1), ctx.color("tint")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (-1, -1), "CENTER")]
        for i, _ in enumerate(weeks):
            start = 1 + i * days
            cmds += [("SPAN", (start, 0), (start + days - 1, 0)),
                     ("LINEBEFORE", (start, 0), (start, -1), 2, ctx.color("accent"))]
        t.setStyle(TableStyle(cmds))
        out.append(t)
    return out
