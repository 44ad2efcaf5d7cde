"""Large-print cards on half-size booklet pages drawn tighter to stay whole (issue #15): what each
step of cards.TIGHT gives up, in order, and the floor under the figure (layout/cardrun.py)."""

from __future__ import annotations

import pytest

from conftest import ROOT


def _run(name: str, exercise: str, paper: str = "a5"):
    """A large-print half-page run of one card of a shipped handout, as render.py makes it."""
    from handoutgen.build import prepare
    from handoutgen.labels import labels
    from handoutgen.layout.cards import card_run
    from handoutgen.layout.context import RenderContext
    from handoutgen.layout.pages import PAPER, bands
    from handoutgen.layout.render import LARGE
    from handoutgen.layout.styles import styles_for
    from handoutgen.layout.theme import load_theme

    handout, _ = prepare(name if not isinstance(name, str) else ROOT / "handouts" / f"{name}.yaml")
    theme = load_theme().replace(margin=36.0)
    st, words = styles_for(theme, LARGE), labels(handout.language)
    width = PAPER[paper][0] - 2 * theme.margin
    top, bottom = bands(handout, words, st.small.fontName, st.small.fontSize, PAPER[paper][0], theme.margin)
    ctx = RenderContext(handout, theme, st, words, width, {}, single=True, height=PAPER[paper][1] - top - bottom)
    ex = next(e for s in handout.sections if s.type == "exercises" for e in s.exercises if e.name == exercise)
    return card_run(ctx, [ex], []), ctx


def _text(card) -> str:
    """Every paragraph's words in a card, its tables and lists walked through."""
    from reportlab.platypus import Paragraph

    def walk(flowable):
        for row in getattr(flowable, "_cellvalues", []):
            for cell in row:
                for f in cell if isinstance(cell, list) else [cell]:
                    yield from walk(f)
        if isinstance(flowable, Paragraph):
            yield flowable.getPlainText()
        for f in getattr(flowable, "_flowables", []):
            yield from walk(f)
        for f in getattr(flowable, "_content", []):
            yield from walk(f)
        if getattr(flowable, "_flowable", None) is not None:  # a list item, once its list is measured
            yield from walk(flowable._flowable)

    return " ".join(walk(card))


def _side_lying(tmp_path):
    """A spec with the side-lying leg lift and the caution the class handout gave it when it
    printed it as an after-week-8 option: the tallest large-print card that still fits."""
    from conftest import spec_text

    spec = tmp_path / "side.yaml"
    spec.write_text(spec_text("""\
      - type: exercises
        items:
          - id: side-lying-hip-abduction
            cautions: [Lie only on the side that does not hurt.]
    """))
    return spec


def test_each_tighter_card_is_shorter_and_keeps_every_step_and_caution(tmp_path):
    from handoutgen.layout.cardrun import LEAST
    from handoutgen.layout.cards import TIGHT

    run, ctx = _run(_side_lying(tmp_path), "Side-lying leg lift")
    heights = [run._card_height(0, ctx.width, LEAST * 16, tight=k) for k in range(len(TIGHT) + 1)]
    assert heights == sorted(heights, reverse=True) and len(set(heights)) == len(heights), heights
    tightest = _text(run.cards[0](LEAST * 16, tight=len(TIGHT)))
    for words in ("Lower your leg slowly back down.", "Keep pain", "Lie only on the side that does not hurt.",
                  "A small, slow lift works the side of your hip well."):
        assert words in tightest
    assert "Side-lying hip abduction" not in tightest  # the clinical name went with the grey line


@pytest.mark.parametrize("paper", ["half-letter", "a5"])
def test_a_tighter_card_fits_its_page_with_its_figure_above_the_floor(paper, tmp_path):
    """The side-lying leg lift with a caution of its own, the tallest card that fits: whole on the page,
    its person drawn no smaller than the floor, its text no smaller than 14 pt."""
    from handoutgen.layout.cardrun import FLOOR, FLOOR_SCALE, LEAST, _scale
    from handoutgen.layout.flowables import _scratch_canvas

    run, ctx = _run(_side_lying(tmp_path), "Side-lying leg lift", paper)
    card = run._tightest(ctx.width, ctx.height - 1)
    assert card is not None
    assert card.wrapOn(_scratch_canvas(), ctx.width, 1e6)[1] <= ctx.height - 1
    least = _scale(card, LEAST * 16)
    assert _scale(card, card.figure.fig_h + 1e-6) >= max(FLOOR * least, FLOOR_SCALE) - 0.01


def test_a_card_whose_text_alone_all_but_fills_the_page_is_not_drawn_with_a_useless_figure(tmp_path):
    """A step down card with a long note of its own (the knee handout's had three lines): even at
    its tightest its figure would draw a person under the floor, so it is not placed whole (it
    runs over, its bar repeated); without the note it fits."""
    from conftest import spec_text

    note = ("Going down stairs is often the hardest thing for a sore kneecap. This exercise trains "
            "it slowly. Do it by a rail, with a chair close by, and stop for the day if the pain "
            "goes above 5 out of 10 or does not settle by the next morning.")
    spec = tmp_path / "long.yaml"
    spec.write_text(spec_text(f"""\
      - type: exercises
        items:
          - id: step-down
            notes: {note}
    """))
    run, ctx = _run(spec, "Step down", "half-letter")
    assert run._tightest(ctx.width, ctx.height - 1) is None
    spec.write_text(spec_text("""\
      - type: exercises
        items: [step-down]
    """))
    run, ctx = _run(spec, "Step down", "half-letter")
    assert run._tightest(ctx.width, ctx.height - 1) is not None
