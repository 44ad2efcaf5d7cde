"""Kept paragraph drawings change nothing on paper (layout/drawcache.py): the same bytes with
and without them, in every shipped handout and whatever was drawn before; and a warm render
really does take most paragraphs from them."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from conftest import ROOT, pdf_reader
from handoutgen.build import prepare, render_to
from handoutgen.fonts import register
from handoutgen.layout import drawcache, wrapcache
from handoutgen.personal import Personal

SHIPPED = sorted(p.name for p in (ROOT / "handouts").glob("*.yaml"))


def _render(name: str, who=None) -> bytes:
    spec = ROOT / "handouts" / name
    handout, warnings = prepare(spec)
    return render_to(handout, spec, None, warnings, who=who).pdf


@pytest.mark.parametrize("name", SHIPPED)
def test_kept_drawings_give_the_same_bytes(name):
    who = Personal("Ana María López-García", "Sam Lee, PT", "2026-11-22")
    drawcache.ENABLED = False
    try:
        plain = _render(name, who)
    finally:
        drawcache.ENABLED = True
    _render(name, who)
    assert _render(name, who) == plain


def test_a_warm_render_takes_most_paragraphs_from_kept_drawings(monkeypatch):
    drawn = []
    original = Paragraph.drawPara
    monkeypatch.setattr(Paragraph, "drawPara", lambda self, debug=0: drawn.append(1) or original(self, debug))
    drawcache.ENABLED = False
    try:
        _render("hip-strength-class.yaml")
    finally:
        drawcache.ENABLED = True
    every = len(drawn)
    _render("hip-strength-class.yaml")
    drawn.clear()
    _render("hip-strength-class.yaml")
    assert every > 250 and len(drawn) < every * 0.2, (every, len(drawn))


_STYLE: list = []


def _doc(texts: list[str]) -> bytes:
    """A small PDF of paragraphs in the handout font, laid out with wraps shared (in one style
    object, as a render's styles are made once)."""
    if not _STYLE:
        _STYLE.append(ParagraphStyle("t", fontName=register()["regular"], fontSize=14, leading=18))
    out = io.BytesIO()
    with wrapcache.cached_wraps(), drawcache.kept_drawings():
        SimpleDocTemplate(out, invariant=1).build([Paragraph(t, _STYLE[0]) for t in texts])
    return out.getvalue()


def _plain_doc(texts: list[str]) -> bytes:
    drawcache.ENABLED = False
    try:
        return _doc(texts)
    finally:
        drawcache.ENABLED = True


def test_kept_drawings_are_not_served_where_the_font_bytes_differ():
    """The same paragraph in a document whose first text gave its letters other subset bytes:
    drawn afresh, as reportlab draws it."""
    # (ASCII letters have their own bytes in every document; the others get the next free
    # byte as they are first drawn)
    walk = "Walk 5–10 minutes · then rest, café or not."
    first = ["Walk 5–10 minutes · then rest, café or not!", walk]
    _doc(first)  # kept, with the bytes its letters got after the first line
    drawn = len(drawcache._DRAWN)
    assert _doc(first) == _plain_doc(first) and len(drawcache._DRAWN) == drawn  # served, not drawn again
    other = ["Über jalapeño: é, then · and – in this order."] + [walk]
    assert _doc(other) == _plain_doc(other)


def test_a_paragraph_with_a_link_is_never_kept():
    # (its letters drawn first, so that the fonts would let a kept drawing be served)
    linked = ["See the hip page for more.",
              'See <a href="https://example.org/hip" color="blue">the hip page</a> for more.']
    first, second = _doc(linked), _doc(linked)
    assert first == second == _plain_doc(linked)
    assert "/Annots" in pdf_reader(second).pages[0]


def test_words_that_look_like_operators_do_not_stop_a_paragraph_being_kept():
    """"Do" and "gs" in the text are not the XObject and graphics-state operators."""
    texts = ["Rest, then Do not arch. Rest legs.", "Rest, then Do not arch. Rest legs gs."]
    _doc(texts)
    kept = len(drawcache._DRAWN)
    assert _doc(texts) == _plain_doc(texts)
    assert any("Do not arch" in key[1][0] for key in drawcache._DRAWN), "not kept"
    assert len(drawcache._DRAWN) == kept
