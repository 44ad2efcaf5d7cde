"""Text beside a picture (a body map and its caption) that fills a page instead of jumping whole
to the next one: the picture shrinks (down to `least` of its height) to fit what the page has
left, the text beside it runs as far as the picture's column allows, and what is left of the
text continues full width on the next page."""

from __future__ import annotations

from typing import Callable

from reportlab.platypus import Flowable

LEAST = 0.6  # a body map keeps at least 60% of its height; smaller, its labels crowd


class SideBySide(Flowable):
    """`text` (flowables) in a column `text_w` wide, and `picture(height)` -> flowables, drawn
    in the column to its right; `height` is the picture's natural height."""

    def __init__(self, text: list, picture: Callable[[float], list], height: float, text_w: float,
                 gap: float = 8.0, lead: list | None = None):
        super().__init__()
        self.text, self.picture, self.natural, self.text_w, self.gap = text, picture, height, text_w, gap
        self.lead = lead or []  # full width above, kept with the block (a lead-in like "Signs are:")

    def with_lead(self, first: list) -> "SideBySide":
        """The same block with `first` (a section heading) kept above it."""
        return SideBySide(self.text, self.picture, self.natural, self.text_w, self.gap, first + self.lead)

    def _pic_w(self, aw: float) -> float:
        return aw - self.text_w - self.gap

    def _stack(self, flowables: list, width: float) -> float:
        return sum(f.wrapOn(_canvas(), width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)

    def _layout(self, aw: float, fig_h: float) -> None:
        self._pic = self.picture(fig_h)
        self._pic_h = self._stack(self._pic, self._pic_w(aw))
        self._text_h = self._stack(self.text, self.text_w)

    def wrap(self, aw, ah):
        self._layout(aw, self.natural)
        self._lead_h = self._stack(self.lead, aw)
        self.width, self.height = aw, self._lead_h + max(self._pic_h, self._text_h)
        return self.width, self.height

    def split(self, aw, ah):
        room = ah - self._stack(self.lead, aw) - 1
        extra = self._stack(self.picture(self.natural), self._pic_w(aw)) - self.natural  # the caption
        fig_h = min(self.natural, room - extra)
        if fig_h < self.natural * LEAST:
            return []  # not enough room for a readable map: the block starts on the next page
        head, tail = _fit(self.text, self.text_w, room)
        if self.text and not head:
            return []
        first = SideBySide(head, self.picture, fig_h, self.text_w, self.gap, self.lead)
        return [first] + tail

    def draw(self):
        from handoutgen.layout.flowables import draw_stack

        body_top = draw_stack(self.canv, self.lead, self.width, self.height)
        draw_stack(self.canv, self.text, self.text_w, body_top)
        draw_stack(self.canv, self._pic, self._pic_w(self.width), body_top, self.text_w + self.gap, centre=True)


def _fit(flowables: list, width: float, height: float) -> tuple[list, list]:
    """The flowables that fit in `height` at `width` (splitting the one that straddles the
    bottom when it can), and the rest."""
    used, head = 0.0, []
    for i, f in enumerate(flowables):
        h = f.wrapOn(_canvas(), width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter()
        if used + h <= height:
            head.append(f)
            used += h
            continue
        parts = f.splitOn(_canvas(), width, height - used - f.getSpaceBefore())
        if len(parts) >= 2:
            return head + parts[:1], parts[1:] + flowables[i + 1:]
        return head, flowables[i:]
    return head, []


def _canvas():
    from handoutgen.layout.flowables import _scratch_canvas

    return _scratch_canvas()
