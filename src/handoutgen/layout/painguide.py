"""The pain guide: a 0–10 scale drawn as a bar in three bands, each band's rule beside a swatch
of its colour, then the next-morning rule. One block, so every handout states one pain rule
(the pain-monitoring model, clinical-facts.md section 9). Its words are labels, resolved with
the handout so `check` measures them."""

from __future__ import annotations

from reportlab.platypus import Paragraph, Spacer, TableStyle

from handoutgen.layout.context import RenderContext
from handoutgen.layout.flowables import Grid, KeepOrSplit, measure
from handoutgen.layout.inline import plain_markup
from handoutgen.resolve.handout import RSection

# (first score, last score, background, text colour, label key): light, tinted, dark, so the
# three bands still differ in black and white; each number is printed in its cell as well.
BANDS = ((0, 3, "tint", "text", "pain_guide_low"),
         (4, 5, "caution_tint", "caution", "pain_guide_mid"),
         (6, 10, "caution", None, "pain_guide_high"))


def render_pain_guide(ctx: RenderContext, s: RSection) -> list:
    g = s.guide
    inner: list = [ctx.para(p) for p in s.paragraphs]
    inner.append(ctx.para(g["pain_guide_intro"], ctx.st.cell if ctx.compact else ctx.st.body))
    width = ctx.width - 24
    if ctx.compact:  # one band of rules under the bar instead of a row per band
        inner += [Spacer(1, 2), _bar(ctx, width, ends=False), _bands(ctx, g, width)]
    else:
        inner += [Spacer(1, 2), _bar(ctx, width), _legend(ctx, g, width)]
    morning = [ctx.para(g["pain_guide_morning"], ctx.st.cell if ctx.compact else ctx.st.body)]
    pad = 8 if ctx.compact or ctx.single else 12  # (half-size pages: less padding, more text a line)
    box = _box([inner, morning], ctx, pad)
    # the scale and its bands stay together; only the next-morning rule may go on to the next page
    room = measure(inner, ctx.width - 2 * pad) + 2 * pad + 1
    return [KeepOrSplit([box], room=room, always=True)]


def _box(rows: list[list], ctx: RenderContext, pad: float) -> Grid:
    """The guide's frame: a caution-coloured box, like the 'when to get help' box; one row for
    the scale, one for the next-morning rule."""
    t = Grid([[r] for r in rows], colWidths=[ctx.width])
    t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.5, ctx.color("caution"))]
                          + [(side, (0, 0), (-1, -1), pad) for side in
                             ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]
                          + [("TOPPADDING", (0, 1), (0, 1), 4)]))
    return t


def _bar(ctx: RenderContext, width: float, ends: bool = True) -> Grid:
    """Eleven numbered cells, 0 to 10, with the ends named ('No pain', 'Worst pain') unless the
    layout is compact (the intro line names them too)."""
    st = ctx.st.cell
    cell = width / 11
    nums = [Paragraph(f"<b>{n}</b>", _colored(ctx, st, _text_colour(ctx, n))) for n in range(11)]
    worst = Paragraph(plain_markup(ctx.words["pain_guide_worst"]), _colored(ctx, st, ctx.theme.colors.text, "RIGHT"))
    named = [Paragraph(plain_markup(ctx.words["pain_guide_none"]), st)] + [""] * 5 + [worst] + [""] * 4
    t = Grid([nums, named] if ends else [nums], colWidths=[cell] * 11)
    cmds = [("ALIGN", (0, 0), (-1, 0), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BOX", (0, 0), (-1, 0), 1.0, ctx.color("rule")),
            *([("SPAN", (0, 1), (4, 1)), ("SPAN", (6, 1), (10, 1))] if ends else []),
            ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, 0), 4), ("BOTTOMPADDING", (0, 0), (-1, 0), 4)]
    for first, last, bg, _, _ in BANDS:
        cmds += [("BACKGROUND", (first, 0), (last, 0), ctx.color(bg)),
                 ("LINEBEFORE", (first, 0), (first, 0), 2.5, ctx.color("text")),
                 ("INNERGRID", (first, 0), (last, 0), 0.5, ctx.color("rule"))]
    t.setStyle(TableStyle(cmds))
    return t


def _legend(ctx: RenderContext, guide: dict, width: float) -> Grid:
    """One row per band: a swatch with its numbers, then its rule."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    st = ctx.st.cell
    # wide enough for "6–10" on one line (large print on a half page broke it as "6–1 / 0"),
    # with the cell's 6 pt padding a side
    bold = ctx.st.label.fontName
    widest = max(stringWidth(f"{first}–{last}", bold, st.fontSize) for first, last, *_ in BANDS) + 14
    swatch = max(width / 11 * 1.6, widest)
    rows = []
    for first, last, _, _, key in BANDS:
        span = f"{first}–{last}"
        rows.append([Paragraph(f"<b>{span}</b>", _colored(ctx, st, _text_colour(ctx, first), "CENTER")),
                     ctx.para(guide[key], st)])
    t = Grid(rows, colWidths=[swatch, width - swatch])
    cmds = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1), ("LEFTPADDING", (1, 0), (1, -1), 8)]
    for i, (_, _, bg, _, _) in enumerate(BANDS):
        cmds += [("BACKGROUND", (0, i), (0, i), ctx.color(bg)), ("BOX", (0, i), (0, i), 0.5, ctx.color("rule"))]
    t.setStyle(TableStyle(cmds))
    return t


def _bands(ctx: RenderContext, guide: dict, width: float) -> Grid:
    """The three rules side by side, each in its band's colour (compact layouts)."""
    st = ctx.st.cell
    cells = [ctx.para(guide[key], _colored(ctx, st, _text_colour(ctx, first), "LEFT"))
             for first, _, _, _, key in BANDS]
    t = Grid([cells], colWidths=[width * 0.28, width * 0.38, width * 0.34])
    cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.5, ctx.color("rule")),
            ("INNERGRID", (0, 0), (-1, -1), 0.5, ctx.color("rule")),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    cmds += [("BACKGROUND", (i, 0), (i, 0), ctx.color(bg)) for i, (_, _, bg, _, _) in enumerate(BANDS)]
    t.setStyle(TableStyle(cmds))
    return t


def _text_colour(ctx: RenderContext, score: int) -> str:
    for first, last, _, fg, _ in BANDS:
        if first <= score <= last:
            return getattr(ctx.theme.colors, fg) if fg else "#FFFFFF"
    return ctx.theme.colors.text


def _colored(ctx: RenderContext, base, colour: str, align: str = "CENTER"):
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT

    from handoutgen.layout.styles import derived

    alignment = {"CENTER": TA_CENTER, "LEFT": TA_LEFT, "RIGHT": TA_RIGHT}[align]
    # the same style object every render: its paragraphs keep their parse and wraps
    return derived(base, f"{base.name}-{colour}-{align}", textColor=colour, alignment=alignment, spaceAfter=0)
