"""The tick-box tracker: a table per stage, one row per prescribed session, a box per day.

What it must do on paper: a box per prescribed session (an exercise done twice a day has two
rows, "(1 of 2)" and "(2 of 2)"), as many day columns as the prescription has days a week (an
exercise done on fewer days has its spare boxes shaded), boxes big enough to tick with a pen
(at least 0.25 in) and names in 13 pt or more. To fit an 8-week plan on one page, a stage's weeks
sit side by side (as many as the width allows, in equal bands) and short stages — one or two
weeks — sit two to a row. Tables split between rows with their header repeated, and a pair of
stages that does not fit is unstacked, so no page is left half empty by a table that jumped.
The rows, days and week numbers are decided in resolve/words.py (tracker_blocks).
"""

from __future__ import annotations

import math

from reportlab.lib.colors import linearlyInterpolatedColor, white
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, TableStyle

from handoutgen.layout.context import RenderContext
from handoutgen.layout.flowables import Grid
from handoutgen.layout.inline import plain_markup
from handoutgen.layout.styles import derived
from handoutgen.resolve.handout import RSection, TrackerBlock

TICK = 0.26 * 72  # smallest tick box: 0.26 in, room for a pen tick (at least 0.25 in)
GAP = 12  # between two stages side by side
SPACE = 6  # below each table
PAD = 4  # name cells' side padding
# KeepTogether (a section heading kept with what follows) measures its content at this height
# (reportlab's _listWrapOn); a tracker table there reports only its header and first rows, so
# the heading stays with the start of the table and the rest runs on, instead of the whole
# table moving to the next page and leaving this one half empty.
MEASURING = 0xfffffff


def render_tracker(ctx: RenderContext, s: RSection) -> list:
    """Intro text, the help line with the start of the first table, then the rest."""
    tables = tracker_table(ctx, s)
    # compact layouts (to meet a page_limit) keep every tick box but drop the pain rows
    line = ctx.words["tracker_help"] if ctx.compact or not s.help_line else s.help_line
    help_line = Paragraph(plain_markup(line), ctx.st.body)
    return [ctx.para(p) for p in s.paragraphs] + [KeepTogether([help_line] + tables[:1])] + tables[1:]


def tracker_table(ctx: RenderContext, s: RSection) -> list:
    """One flowable per row of tables: a stage's band of weeks, or two short stages side by side."""
    half = (ctx.width - GAP) / 2
    out: list = []
    waiting: Flowable | None = None  # a short stage waiting for a partner on its right
    for block in s.blocks:
        box = _box(ctx, block)
        bands = _bands(ctx, block, box)
        if len(bands) == 1 and _min_width(ctx, block, bands[0][1], box) <= half:
            tile = _table(ctx, block, *bands[0], half - bands[0][1] * block.days * box, box)
            if waiting is None:
                waiting = tile
                continue
            out.append(SideBySide(waiting, tile, GAP))
            waiting = None
            continue
        if waiting is not None:
            out.append(_table(ctx, *_widen(waiting), waiting.box))
            waiting = None
        for first, count in bands:
            out.append(_table(ctx, block, first, count, ctx.width - count * block.days * box, box))
    if waiting is not None:
        out.append(_table(ctx, *_widen(waiting), waiting.box))
    return out


def _box(ctx: RenderContext, block: TrackerBlock) -> float:
    """The tick box's side: TICK, or wider when a week of few days is narrower than its label
    ("Week 10" over 3 days in large print). Large print makes the words bigger, not the boxes."""
    last = ctx.words["tracker_week"].format(n=block.first_week + block.weeks - 1)
    label = stringWidth(last, ctx.st.cell.fontName, ctx.st.cell.fontSize) + 8
    return max(TICK, label / block.days)


def _widen(tile: TickTable) -> tuple:
    """A short stage left without a partner takes the whole width (its names unwrapped)."""
    block, first, count = tile.source
    return block, first, count, tile.ctx_width - count * block.days * tile.box


def _name_styles(ctx: RenderContext) -> tuple[ParagraphStyle, ParagraphStyle]:
    cell = ctx.st.cell
    # the same style objects every render, so the tracker's texts keep their parse and wraps
    name = derived(cell, "tracker_name", spaceBefore=0, spaceAfter=0)
    number = derived(name, "tracker_day", alignment=1)
    return name, number


def _min_width(ctx: RenderContext, block: TrackerBlock, weeks: int, box: float) -> float:
    """The narrowest a table of `weeks` weeks can be: names in at most two lines, no word broken."""
    return _min_name(ctx, block) + weeks * block.days * box


def _min_name(ctx: RenderContext, block: TrackerBlock) -> float:
    """Names in at most two lines (the "twice a day" under a name on a line of its own), no word
    broken, at least an inch."""
    font, size = ctx.st.cell.fontName, ctx.st.cell.fontSize
    texts = block.rows + [t for t in block.often if t]
    longest = max((stringWidth(r, font, size) for r in block.rows), default=0)
    word = max((stringWidth(w, font, size) for t in texts for w in t.split()), default=0)
    often = max((stringWidth(t, font, size) for t in block.often if t), default=0)
    return max(word, often, longest * 0.55, 72) + 2 * PAD


def _bands(ctx: RenderContext, block: TrackerBlock, box: float) -> list[tuple[int, int]]:
    """A stage's weeks in equal bands, as many weeks a band as fit beside the names."""
    most = max(1, int((ctx.width - _min_name(ctx, block)) // (block.days * box)))
    bands = math.ceil(block.weeks / most)
    sizes = [block.weeks // bands + (1 if n < block.weeks % bands else 0) for n in range(bands)]  # 7: 3, 2, 2
    starts = [sum(sizes[:n]) for n in range(bands)]
    return list(zip(starts, sizes))


def _table(ctx: RenderContext, block: TrackerBlock, first: int, count: int, name_w: float, box: float):
    """One band: a header with the week numbers and day numbers, then each exercise's name
    beside a line of boxes per session it is done a day."""
    name, number = _name_styles(ctx)
    days = block.days
    head1 = [Paragraph(plain_markup(ctx.words["tracker_exercise"]), ctx.st.label)]
    head2 = [""]
    for wk in range(first, first + count):
        week = ctx.words["tracker_week"].format(n=wk + block.first_week)
        head1 += [Paragraph(plain_markup(week), number)] + [""] * (days - 1)
        head2 += [Paragraph(str(d + 1), number) for d in range(days)]
    data, heights, lines = [head1, head2], [None, None], []  # lines: (first row, sessions, days)
    for row, sessions, often, done in zip(block.rows, block.sessions, block.often, block.row_days):
        label = [Paragraph(plain_markup(text), name) for text in (row, often) if text]
        tall = sum(p.wrap(name_w - 2 * PAD, 1e6)[1] for p in label) + 2
        lines.append((len(data), sessions, done))
        data += [[label if n == 0 else ""] + [""] * (count * days) for n in range(sessions)]
        heights += [max(box, tall / sessions)] * sessions
    pain = block.pain_row if not ctx.compact else None
    if pain:  # a box a day to write the next morning's pain in (the pain guide's rule)
        label = Paragraph(plain_markup(pain), name)
        data.append([label] + [""] * (count * days))
        heights.append(max(box, label.wrap(name_w - 2 * PAD, 1e6)[1] + 2))
    t = TickTable(data, colWidths=[name_w] + [box] * (count * days), rowHeights=heights,
                  repeatRows=2, spaceAfter=SPACE, hAlign="LEFT")
    # what a heading is kept with (TickTable.wrap): the rows before the first place the band may
    # split (the NOSPLITs below), so that a heading never stays on a page its table cannot start on
    first_split = lines[1][0] + lines[1][1] if len(lines) >= 2 else len(data)
    t.source, t.ctx_width, t.box, t.head_rows = (block, first, count), ctx.width, box, first_split
    cmds = _style(ctx, count, days, lines)
    # split only where at least two exercises stay on each side: one exercise's boxes alone at
    # a page's foot or top (with the pain row) reads as a stray piece of the table
    if len(lines) >= 2:
        cmds.append(("NOSPLIT", (0, 2), (-1, lines[1][0] + lines[1][1] - 1)))
    if len(lines) >= 3:
        cmds.append(("NOSPLIT", (0, lines[-2][0]), (-1, -1)))
    if pain:  # never alone on a page: it goes with the last exercise's boxes
        last = lines[-1][0] if lines else len(data) - 1
        cmds += [("BACKGROUND", (0, -1), (0, -1), ctx.color("tint")),
                 ("LINEABOVE", (0, -1), (-1, -1), 1.5, ctx.color("accent")),
                 ("NOSPLIT", (0, last), (-1, -1))]
    t.setStyle(TableStyle(cmds))
    return t


def _style(ctx: RenderContext, count: int, days: int, lines: list[tuple[int, int, int]]) -> list:
    spare = linearlyInterpolatedColor(white, ctx.color("rule"), 0, 1, 0.45)
    cmds = [("GRID", (0, 0), (-1, -1), 0.75, ctx.color("rule")),
            ("BACKGROUND", (0, 0), (-1, 1), ctx.color("tint")),
            ("SPAN", (0, 0), (0, 1)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("LEFTPADDING", (1, 0), (-1, -1), 0), ("RIGHTPADDING", (1, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (1, 0), (-1, 1), 0), ("BOTTOMPADDING", (1, 0), (-1, 1), 0)]  # week and day numbers
    for first, sessions, _ in lines:
        if sessions > 1:  # one name beside its sessions' lines of boxes, which stay together
            cmds += [("SPAN", (0, first), (0, first + sessions - 1)),
                     ("NOSPLIT", (0, first), (-1, first + sessions - 1))]
    for i in range(count):
        start = 1 + i * days
        cmds += [("SPAN", (start, 0), (start + days - 1, 0)),
                 ("LINEBEFORE", (start, 0), (start, -1), 2, ctx.color("accent"))]
        for first, sessions, done in lines:  # fewer days a week than the columns: spare boxes shaded
            if done < days:
                cmds.append(("BACKGROUND", (start + done, first), (start + days - 1, first + sessions - 1), spare))
    return cmds


class TickTable(Grid):
    """A tracker band: splits between rows, header repeated; measured for a heading's
    keep-with-next by the rows before its first split only (see MEASURING)."""

    def wrap(self, aw, ah):
        w, h = super().wrap(aw, ah)
        if ah >= MEASURING:
            return w, sum(self._rowHeights[:self.head_rows])
        return w, h


class SideBySide(Flowable):
    """Two short stages in one row, tops aligned (either side may be None: what is left of a
    pair split across pages). Split, both sides split at the page end and stay side by side."""

    def __init__(self, left: TickTable | None, right: TickTable | None, gap: float):
        super().__init__()
        self.left, self.right, self.gap = left, right, gap
        self.spaceAfter = SPACE

    def _tables(self) -> list:
        return [t for t in (self.left, self.right) if t is not None]

    def wrap(self, aw, ah):
        self._sizes = {id(t): t.wrap(aw, ah) for t in self._tables()}
        self.width, self.height = aw, max(h for _, h in self._sizes.values())
        return self.width, self.height

    def draw(self):
        for t in self._tables():
            w, h = self._sizes[id(t)]
            t.drawOn(self.canv, 0 if t is self.left else self.width - w, self.height - h)

    def split(self, aw, ah):
        parts = []
        for t in (self.left, self.right):
            if t is None or t.wrap(aw, ah)[1] <= ah:
                parts.append((t, None))
                continue
            pieces = t.splitOn(self.canv, aw, ah)
            if len(pieces) != 2:  # not even its first rows fit: the row moves on whole
                return []
            parts.append(tuple(pieces))
        (l1, l2), (r1, r2) = parts
        return [SideBySide(l1, r1, self.gap)] + ([SideBySide(l2, r2, self.gap)] if l2 or r2 else [])
