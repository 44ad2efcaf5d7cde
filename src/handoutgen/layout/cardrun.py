"""A run of exercise cards laid out a page at a time: as many whole cards as fit go on a page,
and their figures grow (all by the same amount) to fill what the page has left, so a card that
does not fit never leaves the page before it a third empty. Cards are never split: a card taller
than a half-size booklet page is drawn smaller (regular print) or tighter (large print, its text
no smaller than 14 pt and its figure kept as large as it can be). Only a card whose text alone
all but fills a page runs over, its bar (name and dose) repeated."""

from __future__ import annotations

from typing import Callable

from reportlab.platypus import Flowable, Spacer

# The figure box's height, in units of the card text size: 9 x 13 pt = 1.6 in at the least; a
# run that ends on a page uses the preferred height (about 2.3 in) and a page that holds only
# some of the run's cards may grow its figures up to 4 in to fill the page.
LEAST, PREFERRED, MOST = 7.0, 12.0, 30.0
GAP = 10.0  # between cards
# a card too tall for a half-size booklet page may be drawn smaller: to 12 pt (STANDARDS.md), and
# in a large-print booklet to 14 pt (the least body size issue #15 allows) rather than split
MIN_TYPE, MIN_TYPE_LARGE = 12.0, 14.0
# a large-print card drawn tighter may draw its figure smaller than at the least box, down to half
# that drawing scale and never under 30 points per metre: a 1.7 m person 51 pt (18 mm) tall, about
# four-fifths of the least a regular-print half page draws one (37 pt/m). Smaller, a standing
# person's bent knee or a foot on a stair no longer shows (see _tightest)
FLOOR, FLOOR_SCALE = 0.5, 30.0

class CardRun(Flowable):
    """`lead` (a section's heading and intro) then `cards`, each `make(figure_height)` -> a card
    table. The lead always stays with the first card, so a heading never ends a page."""

    def __init__(self, cards: list[Callable], unit: float, frame_height: float, lead: list | None = None,
                 sizes: dict | None = None, shrink: float | None = None, widen: bool = False, tighter: int = 0):
        super().__init__()
        self.cards, self.unit, self.frame_height = cards, unit, frame_height
        # large print on full pages: a card alone on a page whose figure cannot grow to fill it
        # sets its text in one column, steps above "Take care" (shorter lines, and taller)
        self.widen = widen
        self.shrink = shrink  # half-size booklet pages: the least type size a too-tall card is drawn at
        # large print on half-size pages: how many tighter ways to draw a too-tall card `make` has
        # (make(h, tight=k), k = 1 .. tighter, each tighter than the one before)
        self.tighter = tighter
        self.lead = lead or []
        # each card's text height, measured once and shared with the runs split off this one
        self._sizes: dict = {} if sizes is None else sizes
        self._lead_h: dict = {}
        self._wrapped: tuple | None = None
        self.following: Flowable | None = None  # what comes right after this run, if anything (see wrap)
        # () -> a "Notes" label and ruled lines, for the foot of a page the lead has to itself
        self.notes: Callable[[], list] | None = None

    def with_lead(self, first: list) -> "CardRun":
        run = CardRun(self.cards, self.unit, self.frame_height, first + self.lead, self._sizes, self.shrink,
                      self.widen, self.tighter)
        run.following, run.notes = self.following, self.notes
        return run

    def _rest(self, cards: list, gap: bool = False) -> "CardRun":
        run = CardRun(cards, self.unit, self.frame_height, sizes=self._sizes, shrink=self.shrink, widen=self.widen,
                      tighter=self.tighter)
        run.following, run.notes = self.following, self.notes
        if gap:  # the gap as space before, which the frame drops at the top of a page (a Spacer
            # after a card that fills its page went to the top of the next and took 10 pt there)
            run.spaceBefore = GAP
        return run

    def least_start(self, aw: float) -> float:
        """The least room this run needs to start on a page: its lead and its first card."""
        return self._height(aw, 1, LEAST * self.unit) if self.cards else self._lead_height(aw)

    # -- measuring: a card's height is its text (measured once) plus its figure box
    def _measured(self, i: int, aw: float, h: float, one: bool = False, tight: int = 0) -> tuple:
        """(text height, a card) of card i in one column or not, drawn as designed or `tight`."""
        key = (id(self.cards[i]), round(aw, 2), one) + ((tight,) if tight else ())
        if key not in self._sizes:
            if one:
                card = self.cards[i](h, one_column=True)
            else:
                card = self.cards[i](h, tight=tight) if tight else self.cards[i](h)
            total = card.wrapOn(_canvas(), aw, 1e6)[1]
            self._sizes[key] = (total - _figure_height(card), card)
        return self._sizes[key]

    def _card_height(self, i: int, aw: float, h: float, one: bool = False, tight: int = 0) -> float:
        text, card = self._measured(i, aw, h, one, tight)
        return text + _figure_height(card, h)

    def _lead_height(self, aw: float) -> float:
        if aw not in self._lead_h:
            self._lead_h[aw] = sum(f.wrapOn(_canvas(), aw, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                                   for f in self.lead)
        return self._lead_h[aw]

    def _height(self, aw: float, k: int, h: float, one: bool = False) -> float:
        cards = sum(self._card_height(i, aw, h, one) for i in range(k))
        return self._lead_height(aw) + cards + GAP * k

    def _fits(self, aw: float, ah: float) -> int:
        """How many whole cards fit in `ah` with the smallest figures."""
        k = 0
        while k < len(self.cards) and self._height(aw, k + 1, LEAST * self.unit) <= ah:
            k += 1
        return k

    def _grown(self, aw: float, ah: float, k: int, most: float, one: bool = False) -> float:
        """The tallest figure box (at most `most`) with which k cards fit in `ah`."""
        lo, hi = LEAST * self.unit, most
        if self._height(aw, k, hi, one) <= ah:
            return hi
        for _ in range(14):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if self._height(aw, k, mid, one) <= ah else (lo, mid)
        return lo

    def _filled(self, aw: float, ah: float, k: int) -> tuple[float, bool]:
        """(figure box, one column?) with which k cards fill `ah`: the figures grow first; a card
        alone whose figure cannot grow enough (a wide one, limited by the page's width) and
        that would leave over a tenth of the page empty takes its text in one column instead."""
        h = self._grown(aw, ah, k, MOST * self.unit)
        if not self.widen or k != 1 or ah - self._height(aw, 1, h) <= 0.1 * self.frame_height:
            return h, False
        if self._height(aw, 1, LEAST * self.unit, True) > ah:
            return h, False
        one = self._grown(aw, ah, 1, MOST * self.unit, True)
        return (one, True) if self._height(aw, 1, one, True) > self._height(aw, 1, h) else (h, False)

    # -- the flowable protocol
    def wrap(self, aw, ah):
        if self._wrapped and self._wrapped[0] == (aw, ah):  # platypus asks again before it splits
            return self._wrapped[1]
        self.width, n = aw, len(self.cards)
        self._parts = None
        if self._height(aw, n, LEAST * self.unit) <= ah:  # the rest of the run fits here
            h, one = self._grown(aw, ah, n, PREFERRED * self.unit), False
            need = _least_start(self.following, aw, self.frame_height) if self.following is not None else 0.0
            if ah - self._height(aw, n, h) < need:
                # what comes next cannot start in what would be left: a block that may run on
                # (a list of exercises) gets room from smaller figures when that is enough, so
                # its heading and first rows start here; otherwise the cards fill the page
                if _runs_on(self.following) and self._height(aw, n, LEAST * self.unit) <= ah - need:
                    h = self._grown(aw, ah - need, n, h)
                else:
                    h, one = self._filled(aw, ah, n)
            self._parts = self._place(n, h, one)
            self.height = self._height(aw, n, h, one)
        else:
            self.height = self._height(aw, n, LEAST * self.unit)
        self._wrapped = ((aw, ah), (aw, self.height))
        return aw, self.height

    def _place(self, k: int, h: float, one: bool = False) -> list:
        placed = list(self.lead)
        for i in range(k):
            placed += [self.cards[i](h, one_column=True) if one else self.cards[i](h), Spacer(1, GAP)]
        return placed

    def split(self, aw, ah):
        k = self._fits(aw, ah - 1)
        if k == 0:
            if ah < self.frame_height * 0.98 - GAP:  # (the gap before a run may top a fresh page)
                # not one card fits under what is here: a heading with its intro may stay (it is
                # not alone), and the cards start on the next page
                if len(self.lead) >= 2 and self._lead_height(aw) <= ah - 1:
                    return self._lead_without_cards(aw, ah)
                return []
            return self._alone(aw, ah)
        placed = self._place(k, *self._filled(aw, ah - 1, k))
        if k < len(self.cards):
            # (large print on half pages: the gap goes before the next card, dropped at a page's top)
            placed = placed[:-1] + [self._rest(self.cards[k:], True)] if self.tighter else \
                placed + [self._rest(self.cards[k:])]
        return placed

    def _lead_without_cards(self, aw: float, ah: float) -> list:
        """The heading and intro, the cards starting the next page. A Notes label and ruled
        lines fill what the lead leaves when that is a quarter of the page or more: a page to
        write on, not a page a third to four-fifths blank (issue #15)."""
        out = list(self.lead)
        if self.notes is not None and ah - 1 - self._lead_height(aw) >= 0.25 * self.frame_height:
            out += self.notes()
        return out + [self._rest(self.cards)]

    def _alone(self, aw: float, ah: float) -> list:
        """A card taller than a whole page at the least figure size (a half-size booklet page):
        its figure shrinks further, down to half; then the whole card, never below `shrink` pt type;
        then, with a heading and intro before it, the card starts the next page whole. Only a
        card too tall for any of that splits between its rows."""
        from handoutgen.layout.flowables import Shrunk

        rest = [Spacer(1, GAP), self._rest(self.cards[1:])] if self.cards[1:] else []
        # the lead goes to the frame as it is, and at the top of a page the frame drops the
        # heading's space above it
        room = ah - 1 - self._lead_height(aw) + (self.lead[0].getSpaceBefore() if self.lead else 0.0)
        if self.tighter:
            return self._alone_tight(aw, ah, room)
        for units in (LEAST - 1, LEAST - 2, LEAST - 3, LEAST / 2):
            card = self.cards[0](units * self.unit)
            if card.wrapOn(_canvas(), aw, 1e6)[1] <= room:
                return self.lead + [card] + rest
        height = card.wrapOn(_canvas(), aw, 1e6)[1]
        least = min(1.0, self.shrink / self.unit) if self.shrink else 1.0  # only half pages shrink
        if height * least <= room and least < 1.0:
            return self.lead + [Shrunk(card, room / height)] + rest
        if self.lead and height * least <= ah - 1:
            # the heading and intro stay here; the card starts the next page whole, not split
            return self._lead_without_cards(aw, ah)
        card = self.cards[0](LEAST / 2 * self.unit, True)  # one column, able to run over
        parts = card.splitOn(_canvas(), aw, room) or [card]
        return self.lead + parts + rest

    def _alone_tight(self, aw: float, ah: float, room: float) -> list:
        """_alone in large print: the card drawn tighter (never scaled: its 14 pt grey line would
        print at 12 pt); with a heading and intro before it that leave too little room, the card
        starts the next page; a card too tall even so runs over."""
        rest = [self._rest(self.cards[1:], True)] if self.cards[1:] else []
        card = self._tightest(aw, room)
        if card is not None:
            return self.lead + [card] + rest
        if self.lead and self._tightest(aw, ah - 1) is not None:
            return self._lead_without_cards(aw, ah)
        # too tall for any half page: it runs over, with its figure at the least box and all its text
        # at 14 pt (tight=2: cards.TIGHT[1]), so that it takes two pages, not three
        card = self.cards[0](LEAST * self.unit, True, tight=min(2, self.tighter))
        parts = card.splitOn(_canvas(), aw, room) or [card]
        return self.lead + parts + rest

    def _tightest(self, aw: float, room: float) -> Flowable | None:
        """The first card made, as designed then tighter and tighter, that fits `room` with its
        figure as large as at the least figure box, its figure grown to fill the room; else the
        tightest, its figure as large as fits, if that is drawn no smaller than the floor; else None.
        The figure matters most (a patient copies the picture), so the type, the small print and
        the padding give way before it does."""
        least = LEAST * self.unit
        for tight in range(1, self.tighter + 1):  # (as designed, the card did not fit: see split)
            h, card = self._box(aw, room, tight), self._measured(0, aw, least, tight=tight)[1]
            if h is not None and _scale(card, h) >= _scale(card, least) * 0.999:
                return self.cards[0](h, tight=tight)
        if h is not None and _scale(card, h) >= max(FLOOR * _scale(card, least), FLOOR_SCALE):
            return self.cards[0](h, tight=tight)
        return None

    def _box(self, aw: float, room: float, tight: int) -> float | None:
        """The tallest figure box (at most MOST units) with which the first card, drawn `tight`,
        fits `room`; None when it does not fit even with a box half the least."""
        lo, hi = LEAST / 2 * self.unit, MOST * self.unit
        if self._card_height(0, aw, lo, tight=tight) > room:
            return None
        if self._card_height(0, aw, hi, tight=tight) <= room:
            return hi
        for _ in range(14):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if self._card_height(0, aw, mid, tight=tight) <= room else (lo, mid)
        return lo

    def draw(self):
        """Drawn whole when the run fits where it is: the lead, then each card, top down."""
        from handoutgen.layout.flowables import draw_stack

        draw_stack(self.canv, self._parts, self.width, self.height)


def _runs_on(flowable) -> bool:
    from handoutgen.layout.flowables import KeepOrSplit

    return isinstance(flowable, KeepOrSplit) and flowable._always


def _least_start(flowable, aw: float, frame_height: float) -> float:
    """The least room `flowable` needs to start on a page: a run's lead and first card; all of a
    kept-together block (a heading with the start of its section) that fits on one page; for
    anything else, nothing known (it may split anywhere), so the run does not fill for it."""
    from reportlab.platypus import KeepTogether

    from handoutgen.layout.flowables import KeepOrSplit

    def tall(parts):
        return sum(f.wrapOn(_canvas(), aw, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in parts)

    if isinstance(flowable, CardRun):
        return flowable.least_start(aw)
    if isinstance(flowable, KeepOrSplit) and flowable._always:  # its lead and its first part (the
        # frame takes the space above it first, and KeepOrSplit counts its lead's again)
        return flowable.getSpaceBefore() + tall(flowable._content[:flowable._lead]) + flowable._room
    if isinstance(flowable, KeepTogether):
        height = tall(flowable._content)
        return height if height <= frame_height else 0.0
    return 0.0


def _scale(card, h: float) -> float:
    """Points per metre the card's figure draws its person at in a box `h` tall, a close-up's
    zoom included (no figure: as large as can be)."""
    from handoutgen.figures.framing import fit_scale, layout, zoom_at

    fig = getattr(card, "figure", None)
    if fig is None:
        return 1e6
    stacked = layout(fig.pose, fig.fig_w, h, fig.label)[0]
    return fit_scale(fig.pose, fig.fig_w, h, fig.label) * zoom_at(fig.pose, stacked)


def _figure_height(card, h: float | None = None) -> float:
    """The height of the card's figure box (0 without one), or what it would be at box height h."""
    fig = getattr(card, "figure", None)
    if fig is None:
        return 0.0
    return fig.fig_h if h is None else fig.height_at(h)


def _canvas():
    from handoutgen.layout.flowables import _scratch_canvas

    return _scratch_canvas()
