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


def render(handout: Handout, *, paper: str | None = None, theme_name: str = "default") -> Rendered:
    from reportlab.platypus.doctemplate import LayoutError

    from handoutgen.layout.pages import render_pdf
    from handoutgen.layout.story import Ctx, build_story
    from handoutgen.layout.styles import styles_for
    from handoutgen.layout.theme import load_theme

    theme = load_theme(theme_name)
    st = styles_for(theme)
    words = labels(handout.language)
    paper = paper or handout.paper
    from handoutgen.layout.pages import PAPER

    width = PAPER[paper][0] - 2 * theme.margin - 12  # frames have 6 pt padding each side
    numbers = {r.id: r.number for r in handout.references}
    ctx = Ctx(handout, theme, st, words, width, numbers)
    try:
        pdf, pages = render_pdf(handout, build_story(ctx), theme, st, words, paper)
    except LayoutError as exc:
        raise RenderError(f"{handout.source}: the layout could not fit an item on a page ({exc}); "
                          "shorten the longest item") from None
    return Rendered(pdf, pages)
