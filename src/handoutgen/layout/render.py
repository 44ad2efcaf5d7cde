"""render(handout, options) -> PDF bytes: theme, styles, story, pages, and print variants."""

from __future__ import annotations

from dataclasses import dataclass, replace

from handoutgen.errors import RenderError
from handoutgen.labels import labels
from handoutgen.resolve.handout import Handout


@dataclass(frozen=True)
class PrintOptions:
    """How to print: paper (default: the spec's), large print, greys only, folded booklet."""

    paper: str | None = None
    large_print: bool = False
    grayscale: bool = False
    booklet: bool = False
    impose: bool = True  # with booklet: False gives the half-size pages in reading order (packs)
    attachment: bytes | None = None  # the spec, embedded in the PDF
    first_page: int = 1  # in a pack: this handout's first page number in the pack
    total_pages: int | None = None  # in a pack: the pack's page count, printed as "of N"


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    over_limit: bool = False  # a page_limit was set and even the tightest layout missed it


# Ways to meet a page_limit, tried in order: as designed, then compact section layouts. The type
# never shrinks to fit: body text stays at least 14 pt on full pages (issue #15).
ATTEMPTS = ((False, 1.0), (True, 1.0))
LARGE = 16 / 14  # large print: 16 pt body (STANDARDS.md: large print is 16–18 pt)
BOOKLET = 0.93  # 13 pt body on half-size pages
BOOKLET_PAPER = {"letter": "half-letter", "a4": "a5"}


def render(handout: Handout, options: PrintOptions | None = None, *, paper: str | None = None) -> Rendered:
    from handoutgen.draw.ink import GRAYSCALE
    from handoutgen.layout.theme import grayscale, load_theme

    options = options or PrintOptions(paper=paper)
    theme = load_theme()
    if options.grayscale:
        theme = grayscale(theme)
    sheet = options.paper or handout.paper
    page_paper = BOOKLET_PAPER[sheet] if options.booklet else sheet
    if options.booklet:
        theme = theme.replace(margin=36.0)  # half-size pages need narrower margins
    token = GRAYSCALE.set(options.grayscale)
    try:
        rendered = _fit(handout, theme, page_paper, options)
        if options.booklet and options.impose:
            rendered = _booklet(handout, theme, page_paper, options, rendered, sheet)
    finally:
        GRAYSCALE.reset(token)
    return rendered


def _attempts(handout: Handout, options: PrintOptions):
    if options.large_print:  # large print never shrinks the type: compact layouts only
        return ((False, LARGE), (True, LARGE)) if handout.may_compact else ((False, LARGE),)
    if options.booklet:  # half-size pages: full layouts in 13 pt type, or one card fills a page
        return ((False, BOOKLET),)
    return ATTEMPTS if handout.may_compact else ATTEMPTS[:1]


def _fit(handout, theme, paper, options, notes_pages: int = 0) -> Rendered:
    pdf, pages = b"", 0
    for compact, scale in _attempts(handout, options):
        pdf, pages = _render_once(handout, theme, paper, options, compact, scale, notes_pages)
        # a page_limit counts full pages: a booklet's half-size pages are not held to it
        if not handout.page_limit or options.booklet or pages <= handout.page_limit:
            return Rendered(pdf, pages)
    return Rendered(pdf, pages, over_limit=True)


def _render_once(handout, theme, paper, options, compact, scale, notes_pages):
    from reportlab.platypus.doctemplate import LayoutError

    from handoutgen.layout.pages import PAPER, bands, render_pdf
    from handoutgen.layout.context import NARROW_WIDTH, RenderContext
    from handoutgen.layout.story import build_story, notes_pages as notes_story
    from handoutgen.layout.styles import styles_for
    from handoutgen.layout.drawcache import kept_drawings
    from handoutgen.layout.wrapcache import cached_wraps

    st = styles_for(theme, scale, compact)
    words = labels(handout.language)
    width = PAPER[paper][0] - 2 * theme.margin  # frames have no padding (pages.py)
    numbers = {r.id: r.number for r in handout.references}
    single = width < NARROW_WIDTH  # narrow pages (booklets): cards in one column
    top, bottom = bands(handout, words, st.small.fontName, st.small.fontSize, PAPER[paper][0], theme.margin,
                        st.label.fontName)
    height = PAPER[paper][1] - top - bottom  # the frame between the header and footer bands
    ctx = RenderContext(handout, theme, st, words, width, numbers, compact, single, height)
    try:
        # same bytes, fewer line breakings and paragraph drawings (layout/wrapcache.py, drawcache.py)
        with cached_wraps(), kept_drawings():
            story = build_story(ctx) + notes_story(ctx, notes_pages)
            if options.booklet and options.impose:  # a booklet of its own ends on a deliberate back cover
                from handoutgen.layout.booklet import back_cover

                story += back_cover(ctx)
            return render_pdf(handout, story, theme, st, words, paper, options.attachment,
                              (options.first_page - 1, options.total_pages))
    except LayoutError as exc:
        raise RenderError(f"{handout.source}: the layout could not fit an item on a page ({exc}); "
                          "shorten the longest item") from None


def _booklet(handout, theme, paper, options, rendered: Rendered, sheet: str) -> Rendered:
    """Pad to a multiple of 4 with notes pages (before the back cover), then impose two-up for
    saddle stitching."""
    from handoutgen.layout.impose import impose_saddle

    pad = (-rendered.pages) % 4
    if pad:
        rendered = replace(_fit(handout, theme, paper, options, notes_pages=pad), over_limit=rendered.over_limit)
    return replace(rendered, pdf=impose_saddle(rendered.pdf, sheet, options.attachment))
