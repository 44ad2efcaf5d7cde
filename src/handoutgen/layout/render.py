"""render(handout) -> PDF bytes: theme, styles, story, pages."""

from __future__ import annotations

from dataclasses import dataclass

from handoutgen.errors import RenderError
from handoutgen.labels import labels
from handoutgen.resolve.handout import Handout


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    over_limit: bool = False  # a page_limit was set and even the tightest layout missed it


# Ways to meet a page_limit, tried in order: as designed, compact section layouts, then smaller
# type. 0.93 x 14 pt = 13 pt, the smallest body size we print (issue #2; STANDARDS.md says >= 12).
ATTEMPTS = ((False, 1.0), (True, 1.0), (True, 0.96), (True, 0.93))


def render(handout: Handout, *, paper: str | None = None, theme_name: str = "default") -> Rendered:
    from reportlab.platypus.doctemplate import LayoutError

    from handoutgen.layout.pages import render_pdf
    from handoutgen.layout.story import Ctx, build_story
    from handoutgen.layout.styles import styles_for
    from handoutgen.layout.theme import load_theme

    from handoutgen.layout.pages import PAPER

    theme = load_theme(theme_name)
    words = labels(handout.language)
    paper = paper or handout.paper
    width = PAPER[paper][0] - 2 * theme.margin - 12  # frames have 6 pt padding each side
    numbers = {r.id: r.number for r in handout.references}
    attempts = ATTEMPTS if handout.page_limit else ATTEMPTS[:1]
    for compact, scale in attempts:
        st = styles_for(theme, scale, compact)
        ctx = Ctx(handout, theme, st, words, width, numbers, compact)
        try:
            pdf, pages = render_pdf(handout, build_story(ctx), theme, st, words, paper)
        except LayoutError as exc:
            raise RenderError(f"{handout.source}: the layout could not fit an item on a page ({exc}); "
                              "shorten the longest item") from None
        if not handout.page_limit or pages <= handout.page_limit:
            return Rendered(pdf, pages)
    return Rendered(pdf, pages, over_limit=True)
