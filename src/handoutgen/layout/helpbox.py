"""The help box ("When to get help"): the emergency, urgent and routine groups."""

from __future__ import annotations

from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from handoutgen.layout.context import RenderContext, bullets
from handoutgen.layout.flowables import Grid
from handoutgen.layout.inline import plain_markup, to_markup
from handoutgen.resolve.handout import RSection


def render_seek_care(ctx: RenderContext, s: RSection) -> list:
    inner: list = [ctx.para(p) for p in s.paragraphs]
    if ctx.compact:  # one box; each group is its bold label followed by its items, run on
        link = ctx.theme.colors.link
        for group, items in s.groups.items():
            if items:
                color = ctx.theme.colors.caution if group == "emergency" else ctx.theme.colors.text
                text = f'<font color="{color}"><b>{plain_markup(ctx.words[group] + ctx.words["colon"])}</b></font> '
                text += " ".join(to_markup(i, ctx.numbers, link) for i in items)
                inner.append(Paragraph(text, ctx.st.body))
        return [box(inner, ctx, border="caution", weight=2.0, pad=8)]
    weights = {"emergency": 3.0, "urgent": 2.0, "routine": 1.0}
    for group, items in s.groups.items():
        if not items:
            continue
        content = [ctx.label(group, ctx.st.subheading)] + bullets(ctx, items)
        color = "caution" if group == "emergency" else "accent"
        bg = "caution_tint" if group == "emergency" else None
        inner += [box(content, _narrow(ctx, 24), border=color, weight=weights[group], bg=bg), Spacer(1, 8)]
    return [box(inner, ctx, border="accent", weight=1.0, pad=12)]


def _narrow(ctx: RenderContext, by: float) -> RenderContext:
    return RenderContext(ctx.handout, ctx.theme, ctx.st, ctx.words, ctx.width - by, ctx.numbers, ctx.compact, ctx.single,
               ctx.height)


def box(content: list, ctx: RenderContext, *, border="accent", weight=1.5, bg=None, pad=10) -> Table:
    """One-cell table used as a box (story.box, which this module cannot import: story imports it)."""
    table = Grid([[content]], colWidths=[ctx.width], splitInRow=1)
    cmds = [("BOX", (0, 0), (-1, -1), weight, ctx.color(border)),
            ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad)]
    if bg:
        cmds.append(("BACKGROUND", (0, 0), (-1, -1), ctx.color(bg)))
    table.setStyle(TableStyle(cmds))
    return table
