"""Form streams kept compressed per text (layout/formstream.py) write the bytes reportlab writes,
and a form is never given another text's stream."""

from __future__ import annotations

import zlib

import pytest

from conftest import render_shipped
from handoutgen.layout import formstream
from handoutgen.layout.render import PrintOptions


@pytest.fixture(autouse=True)
def _fresh():
    formstream._STREAMS.clear()
    yield
    formstream.ENABLED = True




@pytest.mark.parametrize("options", [PrintOptions(), PrintOptions(paper="a4", grayscale=True),
                                     PrintOptions(booklet=True)], ids=["plain", "a4-grey", "booklet"])
def test_kept_form_streams_give_the_same_bytes(options):
    """Two handouts that share figures, then the first again: the same bytes as reportlab's own
    encoding and compression."""
    names = ["gluteus-medius-pain-short.yaml", "hip-strength-class.yaml", "gluteus-medius-pain-short.yaml"]
    formstream.ENABLED = False
    plain = render_shipped(names, options)
    assert not formstream._STREAMS
    formstream.ENABLED = True
    kept = render_shipped(names, options)
    assert formstream._STREAMS  # forms were kept, and served again
    assert kept == plain


def test_a_kept_stream_is_never_served_for_another_text():
    texts = ["0 0 m 10 10 l S", "0 0 m 10 10 l S ", "BT /F1 10 Tf (Start) Tj ET", "BT /F1 10 Tf (Stbrt) Tj ET"]
    for _ in range(2):
        got = [formstream.flate(t) for t in texts]
        assert [zlib.decompress(g).decode("latin-1") for g in got] == texts
        assert len(set(got)) == len(texts)


def test_kept_streams_are_bounded(monkeypatch):
    monkeypatch.setattr(formstream, "LIMIT", 3)
    for n in range(10):
        assert zlib.decompress(formstream.flate(f"{n} 0 m S")) == f"{n} 0 m S".encode()
    assert len(formstream._STREAMS) <= 3
