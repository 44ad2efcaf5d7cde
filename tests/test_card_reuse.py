"""A run of cards makes each card's text once and the card again per figure size
(layout/cards.py), and a Grid remembers its geometry per width (layout/flowables.py): both draw
exactly what a card or table made and measured afresh draws."""

from __future__ import annotations

import io

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def ctx():
    from handoutgen.build import prepare
    from handoutgen.labels import labels
    from handoutgen.layout.context import RenderContext
    from handoutgen.layout.pages import PAPER
    from handoutgen.layout.styles import styles_for
    from handoutgen.layout.theme import load_theme

    handout, _ = prepare(ROOT / "handouts" / "gluteus-medius-pain.yaml")
    theme = load_theme()
    return RenderContext(handout, theme, styles_for(theme), labels("en"), PAPER["letter"][0] - 2 * theme.margin, {})


def _exercises(ctx):
    from handoutgen.resolve.handout import RExercise

    seen, out = set(), []
    for s in ctx.handout.sections:
        for item in getattr(s, "exercises", None) or []:
            if isinstance(item, RExercise) and item.id not in seen:
                seen.add(item.id)
                out.append(item)
    assert len(out) >= 5
    return out


def _drawn(card, width) -> list[str]:
    """The operators the card draws (its height first), on a canvas of its own."""
    from reportlab.pdfgen.canvas import Canvas

    canv = Canvas(io.BytesIO(), invariant=1)
    w, h = card.wrapOn(canv, width, 1e6)
    card.drawOn(canv, 0, 0)
    return [f"{w:.4f} {h:.4f}"] + canv._code


@pytest.mark.parametrize("one_column", [False, True])
def test_cards_made_from_shared_text_draw_like_fresh_cards(ctx, one_column):
    from handoutgen.layout.cards import _Maker, exercise_card
    from handoutgen.layout.cardrun import LEAST

    for ex in _exercises(ctx):
        make = _Maker(ctx, ex)
        heights = [LEAST * 13, 200.0, LEAST * 13, 300.0]
        made = [make(h, one_column=one_column) for h in heights]
        for card in made:
            card.wrapOn(None, ctx.width, 1e6)  # measured as a run measures, before any is drawn
        assert made[0]._cellvalues[0][0][0] is made[1]._cellvalues[0][0][0]  # one bar, shared
        assert made[0].figure is not made[1].figure or ex.pose is None
        for h, card in zip(heights, made):
            assert _drawn(card, ctx.width) == _drawn(exercise_card(ctx, ex, h, one_column=one_column), ctx.width)


def test_a_split_card_is_always_made_afresh(ctx):
    from handoutgen.layout.cards import _Maker

    ex = _exercises(ctx)[0]
    make = _Maker(ctx, ex)
    a, b = make(100.0, True), make(100.0, True)
    assert a._cellvalues[0][0] is not b._cellvalues[0][0]
    assert not make._text


def test_a_grid_remembers_its_geometry_per_width_and_forgets_it_when_restyled():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, TableStyle

    from handoutgen.layout.flowables import Grid

    style = ParagraphStyle("s", fontName="Helvetica", fontSize=12, leading=14)
    text = "Lie on your side with your knees bent and your feet together, then lift the top knee."

    def grid():
        return Grid([[Paragraph(text, style), Paragraph(text, style)]], colWidths=[150, 150])

    g = grid()
    first = g.wrap(300, 1000)
    assert g.wrap(300, 50) == first  # the height asked for does not change a grid without spans
    assert g.wrap(300, 1000) == grid().wrap(300, 1000)
    g.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 20)]))
    padded = g.wrap(300, 1000)
    assert padded[1] == pytest.approx(first[1] + 20 - 3)  # reportlab's default top padding is 3
    fresh = grid()
    fresh.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 20)]))
    assert padded == fresh.wrap(300, 1000) and g._rowpositions == fresh._rowpositions
    spanned = Grid([[Paragraph(text, style), ""], ["a", "b"]], colWidths=[150, 150])
    spanned.setStyle(TableStyle([("SPAN", (0, 0), (1, 0))]))
    spanned.wrap(300, 1000)
    assert spanned._hg_calc == (300, 1000)  # with spans, the height is part of the key


def test_a_grid_styles_its_cells_as_reportlab_does():
    from reportlab.platypus import Table, TableStyle

    from handoutgen.layout.flowables import Grid

    cmds = [("FONT", (0, 0), (-1, -1), "Helvetica"), ("FONT", (1, 0), (2, 1), "Courier", 9),
            ("FONT", (0, -1), (-1, -1), "Times-Roman", 11, 15), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (1, 1), (-1, -1), "CENTER"), ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("RIGHTPADDING", (-2, 0), (-1, 2), 7), ("TOPPADDING", (0, 2), (-1, 2), 1),
            ("BOTTOMPADDING", (1, 0), (1, 0), 9), ("FONTSIZE", (0, 1), (0, 1), 14), ("LEADING", (0, 1), (0, 1), 17),
            ("TOPPADDING", (0, "splitfirst"), (-1, "splitfirst"), 5), ("TEXTCOLOR", (0, 0), (-1, 0), "#FF0000"),
            ("LEFTPADDING", (5, 5), (9, 9), 3)]  # a range outside the table

    def styles(cls):
        t = cls([[str(i * 3 + j) for j in range(3)] for i in range(3)], colWidths=[40] * 3)
        t.setStyle(TableStyle(cmds))
        names = ("fontname", "fontsize", "leading", "valign", "alignment", "leftPadding", "rightPadding",
                 "topPadding", "bottomPadding", "color")
        return [[tuple(getattr(c, n) for n in names) for c in row] for row in t._cellStyles], t._srflcmds

    grid, table = styles(Grid), styles(Table)
    assert grid[1] == table[1] and len(grid[1]) == 1  # the split-row command is kept for later
    # a Grid sets its own font first; every later command lands as on a plain Table
    assert grid[0] == table[0]


def test_a_points_list_answers_its_spaces_as_a_list_flowable_does(ctx):
    from reportlab.platypus import ListFlowable

    from handoutgen.layout.context import bullets, numbered
    from handoutgen.layout.flowables import Points

    ex = next(e for e in _exercises(ctx) if e.steps and e.cautions)
    made = numbered(ctx, ex.steps, ctx.st.cell_item) + bullets(ctx, ex.cautions) + numbered(ctx, ex.steps)
    for points in made:
        assert type(points) is Points
        plain = ListFlowable(list(points._flowables), **{k: getattr(points, "_" + k) for k in
                                                         ("bulletType", "leftIndent", "bulletFontName",
                                                          "bulletFontSize", "bulletFormat")}, start=points._start)
        for _ in range(2):  # worked out once, then remembered
            assert (points.getSpaceBefore(), points.getSpaceAfter()) == (plain.getSpaceBefore(), plain.getSpaceAfter())
        assert points.getSpaceAfter([]) == 0  # with content given, reportlab's own answer
        parts = points.split(ctx.width, 1e6)
        assert all(type(p).__name__ == "LIIndenter" for p in parts)
