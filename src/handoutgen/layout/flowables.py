"""Small custom flowables: wrap, draw, and (where needed) split. Nothing else."""

from __future__ import annotations

from reportlab.lib.colors import HexColor, white
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, Paragraph, Table, TableStyle
from reportlab.platypus.tables import _SPECIALROWS


class Heading(Paragraph):
    """A section heading that also adds a PDF bookmark pointing at itself."""

    # its own attributes only name the bookmark, so its line breaks may be shared like a plain
    # Paragraph's (layout/wrapcache.py)
    WRAP_INERT = frozenset({"key", "title", "level"})

    def __init__(self, text, style, key: str, title: str, level: int = 0):
        super().__init__(text, style)
        self.key, self.title, self.level = key, title, level

    def draw(self):
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)
        super().draw()


class Anchor(Flowable):
    """An invisible link target (for citation links to the reference list)."""

    def __init__(self, key: str):
        super().__init__()
        self.key = key

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        self.canv.bookmarkHorizontal(self.key, 0, 0)


class NumberBadge(Flowable):
    """A filled circle with a white number: the big step numbers of the relief plan."""

    def __init__(self, number: int, size: float, color: str, font: str):
        super().__init__()
        self.number, self.size, self.color, self.font = number, size, color, font

    def wrap(self, aw, ah):
        return self.size, self.size

    def draw(self):
        r = self.size / 2
        self.canv.setFillColor(HexColor(self.color))
        self.canv.circle(r, r, r, stroke=0, fill=1)
        self.canv.setFillColor(white)
        self.canv.setFont(self.font, self.size * 0.55)
        self.canv.drawCentredString(r, r - self.size * 0.19, str(self.number))


class ImageBox(Flowable):
    """An image scaled to fit the width given and at most `max_height`, centred."""

    def __init__(self, image, max_width: float, max_height: float):
        super().__init__()
        self.image, self.max_width, self.max_height = image, max_width, max_height

    def wrap(self, aw, ah):
        scale = min(min(aw, self.max_width) / self.image.width, self.max_height / self.image.height)
        self.dw, self.dh = self.image.width * scale, self.image.height * scale
        self.aw = aw
        return aw, self.dh

    def draw(self):
        import io

        from reportlab.lib.utils import ImageReader

        reader = ImageReader(io.BytesIO(self.image.data))
        self.canv.drawImage(reader, (self.aw - self.dw) / 2, 0, self.dw, self.dh)


class QRCode(Flowable):
    """A QR code for `url` at error-correction level M (survives smudges and folds)."""

    level = "M"

    def __init__(self, url: str, size: float):
        from reportlab.graphics.barcode import createBarcodeDrawing

        super().__init__()
        self.url, self.size = url, size
        self.drawing = createBarcodeDrawing("QR", value=url, barLevel=self.level, width=size, height=size)

    def wrap(self, aw, ah):
        return self.size, self.size

    def draw(self):
        self.drawing.drawOn(self.canv, 0, 0)


class RuledLines(Flowable):
    """Writing lines filling the rest of the frame (notes pages)."""

    def __init__(self, spacing: float, color: str):
        super().__init__()
        self.spacing, self.color = spacing, color

    def wrap(self, aw, ah):
        self.width, self.height = aw, max(0, ah - 2)
        return self.width, self.height

    def draw(self):
        self.canv.setStrokeColor(HexColor(self.color))
        self.canv.setLineWidth(0.6)
        y = self.height - self.spacing
        while y > 0:
            self.canv.line(0, y, self.width, y)
            y -= self.spacing


class KeepOrSplit(KeepTogether):
    """KeepTogether for content that may be taller than a page: such content starts on the
    current page when at least `room` points are free and runs over, instead of always moving
    to a new page and leaving the page before it mostly empty."""

    def __init__(self, flowables: list, room: float, always: bool = False, lead: int = 0):
        super().__init__(flowables)
        self._room, self._always = room, always  # always: split whenever `room` is free, not only
        # when the content is taller than a page (a relief-plan step: its title and first lines)
        self._lead = lead  # the first `lead` flowables (a heading) stay with the first part

    def with_lead(self, first: list) -> "KeepOrSplit":
        """The same, with `first` (a section's heading) kept with its first part."""
        return KeepOrSplit(first + list(self._content), self._room, self._always, self._lead + len(first))

    def split(self, aW, aH):
        from reportlab.platypus.doctemplate import FrameBreak

        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content = list(self._content)
        if self._H <= aH:
            return content
        lead, rest = content[:self._lead], content[self._lead:]
        room = aH - sum(f.wrapOn(self.canv, aW, aH)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in lead)
        if (self._always or self._H > self._frame_height()) and room >= self._room and len(rest) == 1:
            parts = self._split_part(rest[0], aW, room)  # too tall for any page: split here
            if parts:
                return lead + parts
        return [FrameBreak()] + content

    TAIL = 20.0  # the least a part run on to the next page may be: more than a row's padding

    def _split_part(self, flowable, aW: float, room: float) -> list:
        """flowable split in `room`, or in a little less. A table a few points taller than the
        room splits badly there (reportlab gives nothing, or a last part of only its bottom
        padding); a few lines less room gives a real split (a plan step's dose strip on the next
        page), while the first part still holds at least `_room`."""
        for cut in (room, room - self.TAIL, room - 2 * self.TAIL, room - 4 * self.TAIL):
            if cut < self._room:
                break
            parts = flowable.splitOn(self.canv, aW, cut)
            if len(parts) >= 2 and parts[-1].wrapOn(self.canv, aW, 1e6)[1] >= self.TAIL:
                return parts
        return []

    def _frame_height(self) -> float:
        frame = getattr(self, "_frame", None)
        return frame._height if frame is not None else float("inf")


class Points(ListFlowable):
    """A ListFlowable whose space before and after are worked out once. Reportlab's look through
    its items each time platypus asks (at every measure and placement; each item answers through
    LIIndenter's attribute delegation, an AttributeError raised and caught per question), some
    400 times a render (issue #17). The items are made once, with their spaces, and a split gives
    the items themselves, not this list, so the answer never changes."""

    def _kept(self, key: str, work):
        d = self.__dict__
        if key not in d:
            d[key] = work()
        return d[key]

    def getSpaceBefore(self, content=None):
        if content is not None:
            return super().getSpaceBefore(content)
        return self._kept("_hg_before", super().getSpaceBefore)

    def getSpaceAfter(self, content=None):
        if content is not None:
            return super().getSpaceAfter(content)
        return self._kept("_hg_after", super().getSpaceAfter)


class Shrunk(Flowable):
    """A flowable drawn `scale` times its size and centred: a card a little taller than a
    half-size page, rather than split."""

    def __init__(self, content: Flowable, scale: float):
        super().__init__()
        self.content, self.scale = content, scale

    def wrap(self, aw, ah):
        self.cw, ch = self.content.wrapOn(self.canv, aw, 1e6)
        self.aw = aw
        return aw, ch * self.scale

    def draw(self):
        self.canv.translate((self.aw - self.cw * self.scale) / 2, 0)
        self.canv.scale(self.scale, self.scale)
        self.content.drawOn(self.canv, 0, 0)


class Grid(Table):
    """A Table whose cells default to the handout font: reportlab's default cell font is an
    unembedded Helvetica, which would otherwise appear in the PDF's font list."""

    font = "AtkinsonHyperlegible-Regular"

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), self.font, 10)]))

    # Table.wrap computes the grid's geometry from its cells' wraps every time it is called, and a
    # table is wrapped again and again at one width: to measure it, to place it, and by its parent
    # table (a card's columns sit in the card) each time the parent is measured and drawn, which
    # wraps every nested table once per level again (issue #17: a third of the calculations of a
    # render). The geometry depends on the cells (never changed here once a table is styled), the
    # style commands (a new command forgets it) and the width; on the height only through spanned
    # rows (reportlab's long-table cut-off), so a table with spans is keyed on the height too.
    def _calc(self, availWidth, availHeight):
        key = (availWidth, availHeight) if self._spanCmds else availWidth
        if self.__dict__.get("_hg_calc", _NONE) == key:
            return
        self._hg_calc = _NONE
        super()._calc(availWidth, availHeight)
        self._hg_calc = key

    def _addCommand(self, cmd):
        self._hg_calc = _NONE
        # a cell-style command sets one or three attributes on every cell in its range: set them
        # in one loop, as reportlab's _setCellStyle does one function call per cell and command
        # (a tracker band has some 200 cells and a dozen such commands; issue #17)
        op = cmd[0]
        if (op in _CELL_ATTRS or op == "FONT") and len(cmd) >= 4 and cmd[1][1] not in _SPECIALROWS:
            (sc, sr), (ec, er), values = cmd[1], cmd[2], cmd[3:]
            sc, ec, sr, er = self.normCellRange(sc, ec, sr, er)
            if op == "FONT":  # as reportlab: name, then size and leading (1.2 x the size if not given)
                names = ("fontname", "fontsize", "leading")[:min(len(values), 3)]
                values = tuple(values[:3])
                if len(names) == 2:
                    names, values = names + ("leading",), values + (values[1] * 1.2,)
            else:
                names, values = (_CELL_ATTRS[op],), (values[0],)
            pairs = tuple(zip(names, values))
            for row in self._cellStyles[sr:er + 1]:
                for cell in row[sc:ec + 1]:
                    for name, value in pairs:
                        setattr(cell, name, value)
            return
        super()._addCommand(cmd)

    # An empty cell (a tracker's tick box, a spanned header's other cells) draws nothing, but
    # reportlab still writes a text object for it: "BT /F1 10 Tf 1 0 0 1 x y Tm () Tj ET". A
    # tracker has some 330 of them a handout: a tenth of a warm render's time and dead bytes in
    # every page (issue #17). The cell's style is left for the next cell that draws to set.
    def _drawCell(self, cellval, cellstyle, pos, size):
        if cellval == "" and not cellstyle.href and not cellstyle.destination:
            return
        super()._drawCell(cellval, cellstyle, pos, size)


_NONE = object()
# reportlab's _setCellStyle: the commands that set one attribute to their first value as given
_CELL_ATTRS = {"FONTNAME": "fontname", "FACE": "fontname", "SIZE": "fontsize", "FONTSIZE": "fontsize",
               "LEADING": "leading", "ALIGN": "alignment", "ALIGNMENT": "alignment", "VALIGN": "valign",
               "LEFTPADDING": "leftPadding", "RIGHTPADDING": "rightPadding", "TOPPADDING": "topPadding",
               "BOTTOMPADDING": "bottomPadding"}


def draw_stack(canv, flowables: list, width: float, top: float, x: float = 0.0, centre: bool = False) -> float:
    """Draw `flowables` one under another from `top` down, each `width` wide (or centred in it);
    returns where the stack ends. For flowables that place their own parts (runs of cards, text
    beside a map)."""
    for f in flowables:
        w, h = f.wrapOn(canv, width, 1e6)
        top -= h + f.getSpaceBefore()
        f.drawOn(canv, x + ((width - w) / 2 if centre else 0), top)
        top -= f.getSpaceAfter()
    return top


def measure(flowables: list, width: float) -> float:
    """How tall a cell's flowables stack at `width` (to pick the shorter card arrangement)."""
    canv = _scratch_canvas()
    total = 0.0
    for f in flowables:
        total += f.wrapOn(canv, width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


_SCRATCH: list = []


def _scratch_canvas():
    """A throwaway canvas for measuring (ListFlowable needs one to wrap)."""
    if not _SCRATCH:
        import io

        from reportlab.pdfgen.canvas import Canvas

        _SCRATCH.append(Canvas(io.BytesIO()))
    return _SCRATCH[0]
