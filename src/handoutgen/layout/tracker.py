"""The tick-box tracker: one block of weeks per stage, one row per prescribed session."""

from __future__ import annotations

from reportlab.platypus import Paragraph, TableStyle

from handoutgen.layout.context import RenderContext
from handoutgen.layout.flowables import Grid
from handoutgen.layout.inline import plain_markup
from handoutgen.resolve.handout import RSection


def tracker_table(ctx: RenderContext, s: RSection) -> list:
    """Week-by-week tick boxes: one block of weeks per stage, one row per prescribed session
    (the rows and days a week are decided in resolve/words.py)."""
    out, week = [], s.first_week
    for weeks, names, days in s.blocks:
        out += _tracker_block(ctx, names or [""] * 6, weeks, days, week)
        week += weeks
    return out


def _tracker_block(ctx: RenderContext, names: list[str], weeks_n: int, days: int, first_week: int) -> list:
    name_w = min(ctx.width * 0.4, 220)  # room for "Side push, standing (1 of 2)" on one line
    col = max(22.0, (ctx.width - name_w) / (weeks_n * days))
    weeks_per_table = max(1, int((ctx.width - name_w) // (col * days)))
    col = (ctx.width - name_w) / (weeks_per_table * days)
    out = []
    for first in range(0, weeks_n, weeks_per_table):
        weeks = range(first, min(weeks_n, first + weeks_per_table))
        head1 = [Paragraph(plain_markup(ctx.words["tracker_exercise"]), ctx.st.label)]
        head2 = [""]
        for wk in weeks:
            head1 += [Paragraph(plain_markup(ctx.words["tracker_week"].format(n=wk + first_week)), ctx.st.cell)] + [""] * (days - 1)
            head2 += [Paragraph(str(d + 1), ctx.st.cell) for d in range(days)]
        rows = [head1, head2] + [[Paragraph(plain_markup(n), ctx.st.cell)] + [""] * (len(weeks) * days) for n in names]
        t = Grid(rows, colWidths=[name_w] + [col] * (len(weeks) * days), repeatRows=2, spaceAfter=8)
        cmds = [("GRID", (0, 0), (-1, -1), 0.75, ctx.color("rule")),
                ("BACKGROUND", (0, 0), (-1, 1), ctx.color("tint")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 2), (-1, -1), 5), ("BOTTOMPADDING", (0, 2), (-1, -1), 5)]
        for i, _ in enumerate(weeks):
            start = 1 + i * days
            cmds += [("SPAN", (start, 0), (start + days - 1, 0)),
                     ("LINEBEFORE", (start, 0), (start, -1), 2, ctx.color("accent"))]
        t.setStyle(TableStyle(cmds))
        out.append(t)
    return out
