"""A paragraph's drawing operators, kept per shared wrap (issue #17).

Drawing paragraphs was a fifth of a warm render. Reportlab draws a paragraph in its own
coordinates (Flowable.drawOn translates to the place first), so what it writes is a function of
the paragraph's lines, its style and the document's fonts. A paragraph that took a shared wrap
(layout/wrapcache.py: same class, text, style object and width, and nothing changed since) has
exactly the lines of every other paragraph under that key. Its operators are kept after it is
drawn once, and a later paragraph under the same key writes them again instead of drawing.

What ties the operators to one document is checked at every use, and the paragraph is drawn
afresh if anything differs:
- the fonts: each character's byte in its font subset and the subset's name (/F1+0) are
  assigned per document in the order characters are first drawn. The kept operators carry the
  bytes and names the first document gave; they are used only when this document has given
  every one of those characters the same byte and the font the same name.
- what a paragraph may add to the page or the document besides operators (links, anchors,
  forms, a newly registered font or PDF object): a paragraph whose drawing did any of that
  is never kept; nor one that set a font that is not TrueType (its name is per document) or a
  graphics state (gs) or drew an XObject (Do).

tests/test_drawcache.py compares every shipped handout's bytes with and without it, in renders
one after another, and checks that a changed document font state is never served kept
operators. Reportlab internals: Paragraph.draw, Canvas._code, and the attributes in _effects.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

from handoutgen import fonts
from handoutgen.layout import wrapcache

ENABLED = True  # the byte-identity test turns it off for the reference
_depth = [0]  # > 0 while a render that keeps drawings runs
_paused = [0]  # > 0 while a stamping template is recorded (it must see every text drawn)
_DRAWN: dict = {}
LIMIT = 2048  # kept paragraphs (a 12-page handout draws about 360)
_UNSAFE = re.compile(r"/\S+ (?:gs|Do)\b|/[^\s/+()]+ [-\d.]+ Tf")  # a graphics state, an XObject, a Type 1 font


@contextmanager
def kept_drawings():
    """Keep and serve paragraph drawings while the block runs (a render, inside
    wrapcache.cached_wraps: only paragraphs holding a shared wrap are kept)."""
    _install()
    _depth[0] += 1
    try:
        yield
    finally:
        _depth[0] -= 1


def _install() -> None:
    from reportlab.platypus.paragraph import Paragraph

    if getattr(Paragraph.draw, "_hg_kept", False):
        return
    original = Paragraph.draw

    def draw(self):
        key = _key(self)
        if key is None:
            return original(self)
        canv = self.canv
        kept = _DRAWN.get(key)
        if kept is not None and kept[0] is self.style and _fonts_agree(kept[2], canv._doc):
            canv._code.extend(kept[1])
            return
        code, start, before = canv._code, len(canv._code), _effects(canv)
        splits = fonts.SPLITS
        fonts.SPLITS = recorded = []
        try:
            original(self)
        finally:
            fonts.SPLITS = splits
        if canv._code is not code or _effects(canv) != before:
            return
        ops = code[start:]
        used = _fonts_used(recorded, canv._doc)
        if used is None or any(_UNSAFE.search(op) for op in ops):
            return
        if len(_DRAWN) >= LIMIT:
            _DRAWN.pop(next(iter(_DRAWN)))
        _DRAWN[key] = (self.style, ops, used)  # the style kept alive: its id (in the key) stays its own

    draw._hg_kept = True
    Paragraph.draw = draw


def _key(paragraph):
    """The paragraph's shared-wrap key, when its drawing may be kept or served; else None."""
    if not ENABLED or _paused[0] or not _depth[0] or not wrapcache.active():
        return None
    d = paragraph.__dict__
    if d.get("debug"):
        return None
    return wrapcache.drawn_key(paragraph)


def _effects(canv) -> tuple:
    """What drawing may change on the page or in the document besides the operators."""
    doc = canv._doc
    return (canv._annotationCount, len(canv._annotationrefs), len(canv._destinations), len(canv._formsinuse),
            doc.objectcounter, len(doc.fontMapping), getattr(doc, "_pdfVersion", None))


def _fonts_used(splits: list, doc) -> tuple | None:
    """(font, its subset name, ((character, byte), ...)) for every TrueType font the paragraph
    drew text in; None when a font has no state in this document."""
    chars: dict = {}
    for font, text in splits:
        chars.setdefault(font, set()).update(map(ord, text.replace("\xa0", " ")))
    used = []
    for font, codes in chars.items():
        state = font.state.get(doc)
        if state is None or state.internalName is None:
            return None
        assigned = state.assignments
        used.append((font, state.internalName, tuple((c, assigned.get(c)) for c in codes)))
    return tuple(used)


def _fonts_agree(used: tuple, doc) -> bool:
    for font, name, codes in used:
        state = font.state.get(doc)
        if state is None or state.internalName != name:
            return False
        assigned = state.assignments
        for c, n in codes:
            if assigned.get(c) != n:
                return False
    return True
