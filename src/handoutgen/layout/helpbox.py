"""The help box ("When to get help"): the emergency, urgent and routine groups.

Each group is one unit that never splits across pages: a reader must see a red flag and what to
do about it together. Between groups the box may run onto the next page, and the part there
starts with the heading and "(continued)", so a loose second page still says what it is. The
words (group labels with the clinic's phone, the continued heading) come from resolve/words.py.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, TableStyle

from handoutgen.layout.context import RenderContext, bullets
from handoutgen.layout.flowables import Grid
from handoutgen.layout.inline import plain_markup, to_markup
from handoutgen.resolve.handout import RSection

# Border weight by urgency: the emergency group stands out most.
WEIGHTS = {"emergency": 3.0, "urgent": 2.0, "routine": 1.0}
GAP = 8  # between groups


class Seen:
    """The last page a section's part was drawn on, shared by the section's flowables."""

    page: int | None = None


class PageMark(Flowable):
    """Invisible: notes the page the help box's intro ends on."""

    def __init__(self, seen: Seen):
        super().__init__()
        self.seen = seen

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        self.seen.page = self.canv.getPageNumber()


class HelpGroup(Flowable):
    """One help-box group, kept whole. At the top of a page after one that holds part of the
    section, it carries the section's heading with "(continued)" above it. (Whether a group
    moved on is known only where it lands: a page end may leave no room to even ask it to split.)"""

    def __init__(self, body: Flowable, title: Paragraph, seen: Seen):
        super().__init__()
        self.body, self.title, self.seen = body, title, seen
        self.spaceAfter = GAP
        self.titled = False

    def _parts(self) -> list:
        return [self.title, self.body] if self.titled else [self.body]

    def wrap(self, aw, ah):
        frame, canv = getattr(self, "_frame", None), getattr(self, "canv", None)
        self.titled = bool(frame is not None and frame._atTop and canv is not None and self.seen.page is not None
                           and canv.getPageNumber() > self.seen.page)
        self._sizes = [p.wrap(aw, ah) for p in self._parts()]
        gaps = self.title.getSpaceAfter() if self.titled else 0
        self.width, self.height = aw, sum(h for _, h in self._sizes) + gaps
        return self.width, self.height

    def draw(self):
        self.seen.page = self.canv.getPageNumber()
        y = self.height
        for part, (_, h) in zip(self._parts(), self._sizes):
            y -= h
            part.drawOn(self.canv, 0, y)
            y -= part.getSpaceAfter() if part is self.title else 0

    def split(self, aw, ah):
        frame = getattr(self, "_frame", None)
        if not (frame is not None and frame._atTop):
            return []  # the whole group moves to the next page
        # taller than a whole page (very large type on a small page): only then split the group
        self.wrap(aw, ah)
        head = [self.title] if self.titled else []
        room = ah - (self.title.wrap(aw, ah)[1] + self.title.getSpaceAfter() if self.titled else 0)
        return head + self.body.splitOn(self.canv, aw, room)


def render_seek_care(ctx: RenderContext, s: RSection) -> list:
    """The intro text, then one unit per group; the first stays with the section heading."""
    seen = Seen()
    intro: list = [ctx.para(p) for p in s.paragraphs]
    title = Paragraph(plain_markup(s.continued), ctx.st.heading)
    groups = [(g, items) for g, items in s.groups.items() if items]
    make = _compact_group if ctx.compact else _group_box
    return intro + ([PageMark(seen)] if intro else []) + [
        HelpGroup(make(ctx, group, s.group_labels.get(group, ctx.words[group]), items), title, seen)
        for group, items in groups]


def _group_box(ctx: RenderContext, group: str, label: str, items: list) -> Grid:
    """A boxed group: its label as a subheading, then its items as bullets."""
    content = [Paragraph(plain_markup(label), ctx.st.subheading)] + bullets(ctx, items)
    emergency = group == "emergency"
    return _box(ctx, content, "caution" if emergency else "accent", WEIGHTS.get(group, 1.0),
                "caution_tint" if emergency else None, pad=10)


def _compact_group(ctx: RenderContext, group: str, label: str, items: list) -> Grid:
    """A short sheet's group: the bold label and its items run on as one paragraph, in a thin box.
    Every item is kept: the red flags belong on every sheet."""
    color = ctx.theme.colors.caution if group == "emergency" else ctx.theme.colors.text
    # a full stop, not a colon, after the label: a label may already end in the clinic's number
    text = f'<font color="{color}"><b>{plain_markup(label + ctx.words["sentence_end"])}</b></font> '
    text += " ".join(to_markup(i, ctx.numbers, ctx.theme.colors.link) for i in items)
    return _box(ctx, [Paragraph(text, ctx.st.body)], "caution", 2.0 if group == "emergency" else 1.0,
                None, pad=6)


def _box(ctx: RenderContext, content: list, border: str, weight: float, bg: str | None, pad: float) -> Grid:
    table = Grid([[content]], colWidths=[ctx.width], splitInRow=1)
    cmds = [("BOX", (0, 0), (-1, -1), weight, ctx.color(border)),
            ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad)]
    if bg:
        cmds.append(("BACKGROUND", (0, 0), (-1, -1), ctx.color(bg)))
    table.setStyle(TableStyle(cmds))
    return table
