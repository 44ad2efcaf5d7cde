"""Remembered paragraph wraps and parsed markup change nothing on paper: cached and uncached
renders are the same bytes (layout/wrapcache.py)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from handoutgen.build import prepare, render_to
from handoutgen.layout import wrapcache
from handoutgen.layout.render import PrintOptions
from handoutgen.personal import Personal

VARIANTS = {"plain": PrintOptions(), "large": PrintOptions(large_print=True),
            "booklet": PrintOptions(booklet=True), "a4-grey": PrintOptions(paper="a4", grayscale=True)}


def _both(spec, options, who=None) -> tuple[bytes, bytes]:
    """An uncached render, and a cached one made after another cached one (so every parse is a hit)."""
    handout, warnings = prepare(spec)
    wrapcache.ENABLED = False
    try:
        plain = render_to(handout, spec, None, warnings, options=options, who=who).pdf
    finally:
        wrapcache.ENABLED = True
    first = render_to(handout, spec, None, warnings, options=options, who=who).pdf
    again = render_to(handout, spec, None, warnings, options=options, who=who).pdf
    assert first == again
    return plain, again


@pytest.mark.parametrize("variant", VARIANTS)
def test_cached_wraps_give_the_same_bytes_in_every_print_variant(variant):
    plain, cached = _both(ROOT / "handouts" / "knee-cap-pain.yaml", VARIANTS[variant])
    assert cached == plain


@pytest.mark.parametrize("name", ["gluteus-medius-pain.yaml", "gluteus-medius-pain-short.yaml",
                                  "hip-strength-class.yaml", "low-back-pain.yaml"])
def test_cached_wraps_give_the_same_bytes_for_every_shipped_handout(name):
    who = Personal("Ana María López-García", "Sam Lee, PT", "2026-11-22", "Start with the first card.")
    plain, cached = _both(ROOT / "handouts" / name, PrintOptions(), who)
    assert cached == plain


def test_the_cache_is_off_outside_a_render():
    from reportlab.platypus import Paragraph

    with wrapcache.cached_wraps():
        p = Paragraph("Walk a little each day, then a little more.")
        p.wrap(100, 1000)
    p.frags = Paragraph("Walk.").frags  # outside a render every wrap is reportlab's own
    assert p.wrap(100, 1000)[1] < 20 and len(p.blPara.lines) == 1


def test_paragraphs_of_the_same_text_never_share_fragments():
    from reportlab.platypus import Paragraph

    with wrapcache.cached_wraps():
        first = Paragraph("Walk <b>a little</b> each day.")
        second = Paragraph("Walk <b>a little</b> each day.")
        second.wrap(60, 1000)  # line breaking writes onto fragments
    assert [f.text for f in first.frags] == ["Walk ", "a little", " each day."]
    assert not {id(f) for f in first.frags} & {id(f) for f in second.frags}
