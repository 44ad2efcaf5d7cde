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

Across renders (a roster laid out in full, a second build, the benchmark's warm render), the
same text in the same cached style is wrapped at the same widths again by a new Paragraph. A
paragraph whose fragments came from the parse cache and that nobody has changed since (no
attribute beyond what reportlab's constructor and wrap set) is wrapped once per process per
(class, text, bullet, style object, width): later paragraphs take the same line-break result.
Drawing only reads it; splitting may write into it, so a paragraph holding a shared result is
first wrapped again privately, from its own fragments, before it is split. Issue #17: about a
quarter of a warm render was line breaking; tests/test_wrapcache.py compares bytes with and
without sharing, and checks that a changed text, style, width or class is never served a
remembered wrap.

A paragraph holding a shared wrap is drawn the same as every other under its key: its drawing
operators are kept under that key too (layout/drawcache.py).

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
_PARSE = "_hg_parse"  # (parse key, the frags the parse cache gave this paragraph)
_DONE = "_hg_frags"  # the frags as our last wrap left them (reportlab's processed form)
_SHARED = "_hg_shared"  # this paragraph's wrap state is also in _WRAPS: re-wrap before a split
_DRAWKEY = "_hg_drawkey"  # the _WRAPS key of the wrap state the paragraph holds now (None: its own)
_depth = [0]  # > 0 while a render that wants caching runs (renders do not nest threads)
ENABLED = True  # the byte-identity test turns it off to render the uncached reference
ACROSS = True  # share wraps between paragraphs (and renders); off: per paragraph only
# what a paragraph made by Paragraph(text, style) carries before and after wraps: anything else
# (autoLeading, _offsets, a split part's _JustifyLast...) may change its lines, so it is not shared
# (canv, _frame and keepWithNext are set by platypus to measure and place a flowable; wrap never
# reads them)
_PLAIN = frozenset({"caseSensitive", "encoding", "text", "frags", "style", "bulletText", "debug",
                    "canv", "_frame", "keepWithNext", _KEY, _PARSE, _DONE, _SHARED, _DRAWKEY} | set(_STATE))
_WRAPS: dict = {}
WRAPS_LIMIT = 2048  # wraps kept per process (a 12-page handout makes about 500; about 2.5 KB each)


def _install() -> None:
    from reportlab.platypus.paragraph import Paragraph

    if getattr(Paragraph.wrap, "_hg_cached", False):
        return
    original, original_split = Paragraph.wrap, Paragraph.split

    def wrap(self, availWidth, availHeight):
        if not _depth[0]:
            _own(self)
            self.__dict__.pop(_DRAWKEY, None)
            return original(self, availWidth, availHeight)
        d = self.__dict__
        cache = d.get(_KEY)
        if cache is None:
            cache = d[_KEY] = {}
        hit = cache.get(availWidth)
        # the first wrap replaces the frags with their processed form (which breaks the same);
        # anyone who swaps an instance's frags afterwards gets a fresh wrap
        if hit is not None and hit[1] is self.frags:
            _restore(self, hit[2])
            d[_DRAWKEY] = hit[3]
            return hit[0]
        key = _shared_key(self, d, availWidth)
        shared = _WRAPS.get(key) if key is not None else None
        if shared is not None and shared[0] is self.style:
            result, state = shared[1], shared[2]
            _restore(self, state)
        else:
            _own(self)  # reportlab's line breaking writes into the fragments
            result = original(self, availWidth, availHeight)
            state = {n: d[n] for n in _STATE if n in d}  # what the wrap left, restored in one update
            if key is not None:
                if len(_WRAPS) >= WRAPS_LIMIT:
                    _WRAPS.pop(next(iter(_WRAPS)))
                _WRAPS[key] = (self.style, result, state)  # the style kept alive: its id stays its own
        if key is not None:
            d[_SHARED] = True
            d[_DONE] = self.frags
        d[_DRAWKEY] = key
        cache[availWidth] = (result, self.frags, state, key)
        return result

    def split(self, availWidth, availHeight):
        d = self.__dict__
        d.pop(_DRAWKEY, None)
        if d.pop(_SHARED, False):
            # splitting may write into the lines (reportlab's _split_blParaHard adds spaces):
            # wrap this paragraph again from its own parsed fragments, so what it writes into is
            # its own, then split as reportlab would
            d.pop(_KEY, None)
            self.frags = d[_PARSE][1]
            _own(self)
            original(self, self.width, availHeight)
        _own(self)  # (a split without a wrap before it: reportlab's split writes too)
        return original_split(self, availWidth, availHeight)

    wrap._hg_cached = True
    Paragraph.wrap = wrap
    Paragraph.split = split
    Paragraph._setup = _parsed_once(Paragraph._setup)


def active() -> bool:
    """Whether a render that shares wraps is running."""
    return _depth[0] > 0


def drawn_key(paragraph):
    """The key of the shared wrap `paragraph` holds now, if nothing has changed it since
    (layout/drawcache.py keeps drawings under it); else None."""
    d = paragraph.__dict__
    key = d.get(_DRAWKEY)
    if key is None or d.get("frags") is not d.get(_DONE) or d.get("width") != key[2]:
        return None
    if not d.keys() <= _PLAIN and not d.keys() - _PLAIN <= getattr(paragraph, "WRAP_INERT", frozenset()):
        return None
    return key


def _restore(paragraph, state: dict) -> None:
    # plain instance attributes (Paragraph has no properties of these names)
    paragraph.__dict__.update(state)


def _shared_key(paragraph, d: dict, width: float):
    """The key under which this paragraph's wrap at `width` is shared, or None when it must not
    be: its frags are not the parse cache's (or what our own wrap made of them), or it carries
    attributes beyond a plain paragraph's."""
    parsed = d.get(_PARSE)
    if not ACROSS or parsed is None:
        return None
    # a subclass may name attributes of its own that its wrap never reads (WRAP_INERT)
    if not d.keys() <= _PLAIN and not d.keys() - _PLAIN <= getattr(paragraph, "WRAP_INERT", frozenset()):
        return None
    frags = d.get("frags")
    if frags is not parsed[1] and frags is not d.get(_DONE):
        return None
    return (type(paragraph), parsed[0], width)


_PARSED: dict = {}
PARSED_LIMIT = 4096  # texts kept per process (a 15-page handout has about 400)


def _parsed_once(original):
    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is not None or not _depth[0] or type(text) is not str or type(bulletText) not in (str, type(None)):
            return original(self, text, style, bulletText, frags, cleaner)
        # one entry per text and style object (a text set in two styles, a step in a card and
        # in a list, would otherwise evict itself back and forth in every render)
        key = (text, bulletText, self.caseSensitive, cleaner, self.encoding, id(style))
        hit = _PARSED.get(key)
        if hit is None or hit[0] is not style:  # styles are cached objects: same object, same style
            original(self, text, style, bulletText, frags, cleaner)
            if len(_PARSED) >= PARSED_LIMIT:
                _PARSED.pop(next(iter(_PARSED)))
            frags = _copies(self.frags)
            hit = _PARSED[key] = (style, self.text, self.style, _Lent(frags) if isinstance(frags, list) else frags,
                                  _copies(self.bulletText))
        else:
            self.text, self.style, self.debug = hit[1], hit[2], 0
            # the kept fragments themselves, lent: copied only if this paragraph must break its
            # own lines (most take a shared wrap, which never writes into them)
            self.frags, self.bulletText = hit[3], _copies(hit[4])
        # wraps are shared by parse key and style object: the key holds the style's id, and
        # _PARSED and _WRAPS keep the style itself, so the id cannot be reused by another style
        self.__dict__[_PARSE] = (key, self.frags)

    return _setup


class _Lent(list):
    """The parse cache's own fragments, lent to paragraphs; never written into."""


def _own(paragraph) -> None:
    """Give a paragraph holding lent fragments copies of its own, before reportlab writes into
    them (every call of reportlab's wrap, which a split also makes, goes through here)."""
    frags = paragraph.__dict__.get("frags")
    if type(frags) is _Lent:
        paragraph.frags = _copies(frags)


def _copies(frags):
    """Fresh fragment objects with the same attributes (a list of them, or a plain string)."""
    if not isinstance(frags, list):
        return frags
    from copy import copy

    from reportlab.platypus.paraparser import ParaFrag

    # a ParaFrag is a plain attribute bag (lib/abag.py: no slots, no __copy__ or __reduce__ of
    # its own): a new one with a copy of its attributes is what copy.copy makes, at a third of
    # the cost; anything else is copied by copy.copy
    return [_bag(f, ParaFrag) if type(f) is ParaFrag else copy(f) for f in frags]


def _bag(frag, cls):
    new = cls.__new__(cls)
    new.__dict__.update(frag.__dict__)
    return new


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
