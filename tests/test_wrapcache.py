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


def _render_all(specs, options, who) -> dict:
    out = {}
    for spec in specs:
        handout, warnings = prepare(spec)
        for name, option in options.items():
            out[spec.name, name] = render_to(handout, spec, None, warnings, options=option, who=who).pdf
    return out


def test_wraps_shared_between_paragraphs_and_renders_give_the_same_bytes():
    """Two handouts in two variants, rendered in one process one after the other and then in the
    other order: the same bytes as renders that share no wraps (and as uncached ones)."""
    specs = [ROOT / "handouts" / "knee-cap-pain.yaml", ROOT / "handouts" / "low-back-pain.yaml"]
    options = {"plain": PrintOptions(), "large": PrintOptions(large_print=True)}
    who = Personal("Bo Chen", "Sam Lee, PT", "2026-11-22")
    wrapcache.ENABLED = False
    try:
        plain = _render_all(specs, options, who)
    finally:
        wrapcache.ENABLED = True
    wrapcache.ACROSS = False
    try:
        own = _render_all(specs, options, who)
    finally:
        wrapcache.ACROSS = True
    shared = _render_all(specs, options, who)
    again = _render_all(specs[::-1], options, who)
    assert own == plain and shared == plain and again == plain


def _lines(p) -> list[str]:
    bl = p.blPara
    if bl.kind == 0:
        return [" ".join(words) for _, words in bl.lines]
    return ["".join(w.text for w in line.words) for line in bl.lines]


def _fresh(make, width):
    """What plain reportlab makes of the paragraph: its height and lines."""
    p = make()
    height = p.wrap(width, 1000)[1]
    return height, _lines(p)


TEXT = "Lie on your side with your knees bent and your feet together, then lift the top knee slowly."


def test_a_shared_wrap_is_never_served_for_another_text_style_width_or_class():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    class Other(Paragraph):
        pass

    small = ParagraphStyle("small", fontName="Helvetica", fontSize=10, leading=12)
    large = ParagraphStyle("large", fontName="Helvetica", fontSize=16, leading=19)
    cases = [(lambda: Paragraph(TEXT, small), 200), (lambda: Paragraph(TEXT, large), 200),
             (lambda: Paragraph(TEXT, small), 120), (lambda: Paragraph(TEXT + " Hold.", small), 200),
             (lambda: Other(TEXT, large), 200), (lambda: Paragraph(f"<b>{TEXT}</b>", small), 200)]
    expected = [_fresh(make, width) for make, width in cases]
    with wrapcache.cached_wraps():
        for _ in range(2):  # the second round finds every wrap remembered
            got = []
            for make, width in cases:
                p = make()
                got.append((p.wrap(width, 1000)[1], _lines(p)))
            assert got == expected
    assert len({len(lines) for _, lines in expected}) > 1  # the cases really do break differently


def test_a_paragraph_with_its_own_settings_or_fragments_is_wrapped_afresh():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle("s", fontName="Helvetica", fontSize=12, leading=14)
    with wrapcache.cached_wraps():
        Paragraph(TEXT, style).wrap(150, 1000)  # remembered
        swapped = Paragraph(TEXT, style)
        swapped.frags = Paragraph("Walk.", style).frags
        assert swapped.wrap(150, 1000)[1] == 14 and _lines(swapped) == ["Walk."]
        loose = Paragraph(TEXT, style)
        loose.autoLeading = "max"  # an attribute a plain paragraph does not have: not shared
        assert wrapcache._shared_key(loose, loose.__dict__, 150) is None
        assert loose.wrap(150, 1000) == Paragraph(TEXT, style).wrap(150, 1000)


def test_splitting_a_paragraph_that_shares_its_wrap_leaves_the_shared_lines_alone():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle("s", fontName="Helvetica", fontSize=12, leading=14)
    text = f"<b>Take care:</b> {TEXT} {TEXT}"
    expected = _fresh(lambda: Paragraph(text, style), 150)
    with wrapcache.cached_wraps():
        first = Paragraph(text, style)
        first.wrap(150, 1000)
        second = Paragraph(text, style)
        second.wrap(150, 1000)
        assert second.blPara is first.blPara  # shared
        parts = second.split(150, 30)
        assert len(parts) == 2 and second.blPara is not first.blPara  # split from its own lines
        third = Paragraph(text, style)
        assert (third.wrap(150, 1000)[1], _lines(third)) == expected
        assert (first.height, _lines(first)) == expected


def test_a_text_in_two_styles_keeps_a_parse_for_each():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    small = ParagraphStyle("small", fontName="Helvetica", fontSize=10, leading=12)
    bold = ParagraphStyle("bold", fontName="Helvetica-Bold", fontSize=10, leading=12)
    with wrapcache.cached_wraps():
        for _ in range(2):
            a, b = Paragraph(TEXT, small), Paragraph(TEXT, bold)
            assert a.frags[0].fontName == "Helvetica" and b.frags[0].fontName == "Helvetica-Bold"
        keys = [k for k in wrapcache._PARSED if k[0] == TEXT]
        assert {k[-1] for k in keys} >= {id(small), id(bold)}  # neither evicted the other
        assert all(wrapcache._PARSED[k][0] is (small if k[-1] == id(small) else bold) for k in keys
                   if k[-1] in (id(small), id(bold)))


def test_a_heading_shares_its_wrap_and_still_bookmarks_itself():
    from reportlab.lib.styles import ParagraphStyle

    from handoutgen.layout.flowables import Heading

    style = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=18, leading=22)
    expected = _fresh(lambda: Heading(TEXT, style, "k", "t"), 200)
    with wrapcache.cached_wraps():
        first = Heading(TEXT, style, "one", "One")
        first.wrap(200, 1000)
        second = Heading(TEXT, style, "two", "Two", level=1)
        assert wrapcache._shared_key(second, second.__dict__, 200) is not None
        assert (second.wrap(200, 1000)[1], _lines(second)) == expected
        assert (second.key, second.title, second.level) == ("two", "Two", 1)
        other = Heading(TEXT, style, "x", "X")
        other.autoLeading = "max"  # not one of a heading's own attributes: not shared
        assert wrapcache._shared_key(other, other.__dict__, 200) is None


def test_copied_fragments_are_new_objects_with_the_same_attributes():
    import copy

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle("s", fontName="Helvetica", fontSize=12, leading=14)
    frags = Paragraph(f'<b>Take care:</b> {TEXT} <font color="#8A1C1C">Stop</font>', style).frags
    copies = wrapcache._copies(frags)
    assert len(copies) == len(frags) >= 3
    for mine, theirs in zip(copies, frags):
        assert mine is not theirs and type(mine) is type(theirs)
        assert vars(mine) == vars(theirs) == vars(copy.copy(theirs))
        mine.text = "changed"
        assert theirs.text != "changed"


def test_lent_fragments_are_never_written_into():
    """Paragraphs of a kept text hold the parse cache's own fragments until they break lines of
    their own: wrapping at new widths, splitting, swapping fragments or wrapping outside a render
    leaves the kept fragments as parsed."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle("lent", fontName="Helvetica", fontSize=12, leading=14)
    text = f"<b>Take care:</b> {TEXT} <i>{TEXT}</i>"
    expected = _fresh(lambda: Paragraph(text, style), 137)
    with wrapcache.cached_wraps():
        Paragraph(text, style)  # parsed and kept
        kept = next(v for k, v in wrapcache._PARSED.items() if k[0] == text and v[0] is style)[3]
        before = [dict(vars(f)) for f in kept]
        lent = Paragraph(text, style)
        assert lent.frags is kept  # lent, not copied
        assert (lent.wrap(137, 1000)[1], _lines(lent)) == expected  # its own lines: copies first
        assert lent.frags is not kept
        again = Paragraph(text, style)
        assert again.wrap(137, 1000)[1] == expected[0] and again.frags is kept  # a shared wrap: still lent
        for width in (90, 137, 211):
            p = Paragraph(text, style)
            p.wrap(width, 1000)
            p.split(width, 30)
        swapped = Paragraph("Walk.", style)
        swapped.frags = Paragraph(text, style).frags
        swapped.wrap(77, 1000)
        outside = Paragraph(text, style)
    outside.wrap(66, 1000)  # reportlab's own wrap, after the render
    assert [dict(vars(f)) for f in kept] == before
