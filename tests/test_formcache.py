"""Figure forms kept as PDF operators (layout/formcache.py) write the bytes a fresh drawing writes:
labels are drawn again on each document, and another size, figure or grey mode is never served
a kept drawing."""

from __future__ import annotations

import io

import pytest

from conftest import render_shipped
from handoutgen.draw.ink import GRAYSCALE
from handoutgen.draw.pdf import PdfSurface
from handoutgen.fonts import register
from handoutgen.layout import formcache
from handoutgen.layout.render import PrintOptions


@pytest.fixture(autouse=True)
def _fresh_cache():
    formcache._PROGRAMS.clear()
    yield
    formcache.ENABLED = True




@pytest.mark.parametrize("options", [PrintOptions(), PrintOptions(paper="a4", grayscale=True)],
                         ids=["plain", "a4-grey"])
def test_kept_forms_give_the_same_bytes_in_later_documents(options):
    """The front-desk sheet, the knee handout, then the sheet again (its figures now kept, its
    labels' glyphs in another document's order before it): the same bytes as fresh drawings."""
    names = ["gluteus-medius-pain-short.yaml", "knee-cap-pain.yaml", "gluteus-medius-pain-short.yaml",
             "hip-strength-class.yaml"]
    formcache.ENABLED = False
    fresh = render_shipped(names, options)
    formcache.ENABLED = True
    kept = render_shipped(names, options)
    assert formcache._PROGRAMS  # figures were kept, and replayed
    assert kept == fresh


def _form_code(paint, key, before: str = "") -> list[str]:
    """The operators of a form drawn by `paint(surface)` on a new canvas that has already set
    `before` in the body font (so its font subset is in another state)."""
    from reportlab.pdfgen.canvas import Canvas

    canv = Canvas(io.BytesIO(), invariant=1)
    font = register()["regular"]
    if before:
        canv.setFont(font, 12)
        canv.drawString(10, 10, before)
    canv.beginForm("f", 0, 0, 100, 100)
    formcache.draw(canv, key, lambda target: paint(PdfSurface(target)))
    code = list(canv._code)
    canv.endForm()
    return code


def _labelled(colour="#336699", width=2.0):
    def paint(s):
        s.save()
        s.translate(5, 5)
        s.path([("M", 0, 0), ("L", 40, 10), ("C", 50, 20, 60, 20, 70, 0)], stroke=colour, width=width)
        s.circle(20, 20, 5, fill="#cc3300")
        s.text(10, 40, "Start", size=9, color="#1d2733", bold=True)
        s.restore()
        s.text(60, 40, "Finish", size=9, color="#1d2733", anchor="middle")
    return paint


def test_labels_are_drawn_again_for_each_document():
    first = _form_code(_labelled(), ("k",))
    replayed = _form_code(_labelled(), ("k",), before="zyxw Finish")  # glyphs already numbered otherwise
    formcache.ENABLED = False
    assert replayed == _form_code(_labelled(), ("k",), before="zyxw Finish")
    assert first == _form_code(_labelled(), ("k",))
    assert replayed != first  # the labels' glyph codes differ between the two documents


def test_another_key_or_grey_mode_is_never_served_a_kept_drawing():
    blue = _form_code(_labelled("#336699"), ("fig", 100.0))
    red = _form_code(_labelled("#993333"), ("fig", 100.5))  # another exact size: another key
    token = GRAYSCALE.set(True)
    try:
        grey = _form_code(_labelled("#336699"), ("fig", 100.0))
    finally:
        GRAYSCALE.reset(token)
    formcache.ENABLED = False
    assert red == _form_code(_labelled("#993333"), ("fig", 100.5)) != blue
    token = GRAYSCALE.set(True)
    try:
        assert grey == _form_code(_labelled("#336699"), ("fig", 100.0)) != blue
    finally:
        GRAYSCALE.reset(token)


def test_a_drawing_that_uses_other_canvas_calls_is_not_kept():
    def paint(s):
        s.line(0, 0, 10, 10, stroke="#000000", width=1)
        s.canv.setFillAlpha(0.5)  # not a call formcache knows: it changes the document's state

    _form_code(paint, ("alpha",))
    assert ("alpha", False) not in formcache._PROGRAMS
