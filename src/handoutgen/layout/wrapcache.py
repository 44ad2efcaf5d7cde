"""Paragraph wraps, remembered per width within a render; paragraph markup, parsed once.

Platypus wraps the same Paragraph at the same width again and again: KeepTogether measures its
content, the frame wraps it to place it, a table measures its cells for column and row sizes and
again to split them. A wrap depends only on the paragraph's own fragments, its style and the
width (reportlab's Paragraph.wrap never reads the available height), so the line breaks found the
first time are the line breaks every later call would find. Issue #17 measured 2.65 wraps per
paragraph and a 21% faster render with identical bytes; tests/test_wrapcache.py compares the
bytes of cached and uncached renders of every shipped handout.

Parsing a paragraph's markup (HTMLParser, then fragments) is 10-15% of a render, and a roster or
a second build in one process parses the same texts in the same (cached) styles again. The
parsed fragments are kept, per text and style object, and each new Paragraph gets its own
shallow copies (line breaking writes attributes onto fragments, so none is ever shared).

Reportlab internals: Paragraph._setup (where the markup is parsed), Paragraph.wrap stores its result in attributes (blPara, width, height,
_wrapWidths) and breakLines in a few more; the cache saves and restores exactly those. They are
named here, in one place, so a reportlab upgrade that renames them breaks one small module (and
its byte-identity test), not the layout.
"""

from __future__ import annotations

from contextlib import contextmanager

# What Paragraph.wrap and Paragraph.breakLines leave on the instance (reportlab 4.x/5.x).
_STATE = ("blPara", "width", "height", "_wrapWidths", "_width_max", "_splitLongWordCount", "_hyphenations")
_KEY = "_hg_wraps"
_depth = [0]  # > 0 while a render that wants caching runs (renders do not nest threads)
ENABLED = True  # the byte-identity test turns it off to render the uncached reference


def _install() -> None:
    from reportlab.platypus.paragraph import Paragraph

    if getattr(Paragraph.wrap, "_hg_cached", False):
        return
    original = Paragraph.wrap

    def wrap(self, availWidth, availHeight):
        if not _depth[0]:
            return original(self, availWidth, availHeight)
        cache = self.__dict__.get(_KEY)
        if cache is None:
            cache = self.__dict__[_KEY] = {}
        hit = cache.get(availWidth)
        # the first wrap replaces the frags with their processed form (which breaks the same);
        # anyone who swaps an instance's frags afterwards gets a fresh wrap
        if hit is not None and hit[1] is self.frags:
            for name, value in zip(_STATE, hit[2]):
                if value is not _MISSING:
                    setattr(self, name, value)
            return hit[0]
        result = original(self, availWidth, availHeight)
        cache[availWidth] = (result, self.frags, tuple(self.__dict__.get(n, _MISSING) for n in _STATE))
        return result

    wrap._hg_cached = True
    Paragraph.wrap = wrap
    Paragraph._setup = _parsed_once(Paragraph._setup)


_PARSED: dict = {}
PARSED_LIMIT = 4096  # texts kept per process (a 15-page handout has about 400)


def _parsed_once(original):
    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is not None or not _depth[0] or type(text) is not str or type(bulletText) not in (str, type(None)):
            return original(self, text, style, bulletText, frags, cleaner)
        key = (text, bulletText, self.caseSensitive, cleaner)
        hit = _PARSED.get(key)
        if hit is None or hit[0] is not style:  # styles are cached objects: same object, same style
            original(self, text, style, bulletText, frags, cleaner)
            if len(_PARSED) >= PARSED_LIMIT:
                _PARSED.pop(next(iter(_PARSED)))
            hit = _PARSED[key] = (style, self.text, self.style, _copies(self.frags), _copies(self.bulletText))
            return
        self.text, self.style, self.debug = hit[1], hit[2], 0
        self.frags, self.bulletText = _copies(hit[3]), _copies(hit[4])

    return _setup


def _copies(frags):
    """Fresh fragment objects with the same attributes (a list of them, or a plain string)."""
    if not isinstance(frags, list):
        return frags
    from copy import copy

    return [copy(f) for f in frags]


_MISSING = object()


@contextmanager
def cached_wraps(enabled: bool = True):
    """Remember Paragraph wraps per width while the block runs (a render); off outside it, so
    code that wraps paragraphs for other reasons sees plain reportlab."""
    if not (enabled and ENABLED):
        yield
        return
    _install()
    _depth[0] += 1
    try:
        yield
    finally:
        _depth[0] -= 1
