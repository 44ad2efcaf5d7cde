"""Slots: lay a personal copy out once, then write other people's names into the same pages.

A roster's copies differ only in a few strings: "Prepared for NAME" in every page's running
header (pages.py `_decorate`) and the name, clinician and date in the blanks on page 1
(story.py `_prepared`). `recording()` renders one copy while reportlab's text writer marks
where each of those strings goes in the page content streams, and puts every character the
roster uses into the font subsets before they are written. `Template.fill()` then writes a copy
for another person by replacing just those strings, in the same font, size and place, and
re-compressing the page streams — no layout, no font work.

Everything that knows reportlab's internals is in this module, on purpose (issue #17 allows it
in one small place): PDFTextObject._formatText (the one function that turns a string into
`(...) Tj` operators), TTFont subset state (the byte each character is drawn with), the
classic xref table reportlab writes, and two of our own layout functions it watches
(`pages._fit`, `story._prepared`). If any of them changes shape, a template comes out unusable
(the marks do not add up) and the roster falls back to full renders: slower, never wrong.
"""

from __future__ import annotations

import copy
import hashlib
import re
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

SLOTS = ("header", "for", "by", "date")  # what a stamp may change; nothing else
_BEGIN, _END = b"/HGs%d BMC ", b" EMC /HGe%d BMC EMC"  # marked content: allowed inside BT/ET


@dataclass
class _Mark:
    slot: str
    font: str
    size: float
    leading: float
    before: int  # the text object's font subset before the string (-1: none chosen yet)
    after: int  # and after it: whatever follows in the same text object relies on it


@dataclass
class Recording:
    """What one render with marked slots learned; `usable` says whether it can be stamped."""

    texts: dict  # slot -> the template's own text (None: the slot is empty in this group)
    charset: str  # every character the roster will stamp
    doc: object = None
    marks: list = field(default_factory=list)
    lookup: dict = field(default_factory=dict)  # drawn string -> slot
    fonts: dict = field(default_factory=dict)  # font name -> (assignments, internal name)
    escape: object = None
    header_fit: tuple | None = None  # (font, size, width) the header is fitted into
    header: tuple | None = None  # (a copy of the HandoutDoc, the arguments of its _header)
    header_drawn: str | None = None  # the header's name as last fitted (pages._header_plan)
    ctx: object = None  # the RenderContext `_prepared` was called with
    pages: int = 0

    def _reset(self, doc) -> None:  # a page_limit retry starts a new document: start over
        self.doc, self.marks, self.fonts = doc, [], {}
        self.lookup = {t: s for s, t in self.texts.items() if t and s != "header"}
        if self.header_drawn:  # fitted for this document's header before its first text is drawn
            self.lookup[self.header_drawn] = "header"

    def _subset_font(self, name: str, font, doc) -> None:
        """Put the roster's characters into this font's subsets now, before they are written.
        Kept under the name text is drawn in: reportlab may give that name a font object of
        another name (one registered earlier for the same font file)."""
        if name in self.fonts:
            return
        font.splitString(self.charset, doc)
        font.getSubsetInternalName(0, doc)  # registers the font as a first string would
        state = font.state[doc]
        self.fonts[name] = (state.assignments, state.internalName)


@contextmanager
def recording(texts: dict, charset: str):
    """Render inside this block to get a Recording of where the slot texts were drawn."""
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfgen.textobject import PDFTextObject

    from handoutgen.layout import drawcache, pages, story

    rec = Recording(texts=dict(texts), charset=charset)
    format_text, fit, prepared = PDFTextObject._formatText, pages._fit, story._prepared
    header = pages.HandoutDoc._header

    def _format_text(tobj, text):
        doc = tobj._canvas._doc
        if doc is not rec.doc:
            rec._reset(doc)
        slot = rec.lookup.get(text) if type(text) is str else None
        font = getFont(tobj._fontname) if slot else None
        if font is None or not font._dynamicFont:
            return format_text(tobj, text)
        rec._subset_font(tobj._fontname, font, doc)
        before = tobj._curSubset
        code = format_text(tobj, text)
        rec.marks.append(_Mark(slot, tobj._fontname, tobj._fontsize, tobj._leading, before, tobj._curSubset))
        rec.escape = tobj._canvas._escape
        n = len(rec.marks) - 1
        return (_BEGIN % n).decode() + code + (_END % n).decode()

    def _fit(text, font, size, width):
        out = fit(text, font, size, width)
        if text == rec.texts.get("header") and text:
            rec.header_fit, rec.header_drawn = (font, size, width), out
            rec.lookup[out] = "header"
        return out

    def _prepared(ctx):
        rec.ctx = ctx
        return prepared(ctx)

    def _header(doc, canv, *args):
        rec.header = (doc, args)  # the last call is the kept layout's (page_limit tries smaller type)
        return header(doc, canv, *args)

    PDFTextObject._formatText, pages._fit, story._prepared = _format_text, _fit, _prepared
    pages.HandoutDoc._header = _header
    drawcache._paused[0] += 1  # every paragraph drawn, so that each slot's text is seen
    try:
        yield rec
    finally:
        PDFTextObject._formatText, pages._fit, story._prepared = format_text, fit, prepared
        pages.HandoutDoc._header = header
        drawcache._paused[0] -= 1


def signature(rec: Recording, handout) -> tuple[tuple, str]:
    """(signature, the header's name as drawn). The signature is everything a person's name, clinician and date can move, for `handout`: how the
    prepared-for blanks lay out (rows, column widths, row heights: a long name takes a line of
    its own) and every drawing call of the running header but the name itself (a long name
    moves the draft mark and drops the clinic). Copies with equal signatures share pages."""
    from handoutgen.layout.story import _prepared

    table = _prepared(replace(rec.ctx, handout=handout))
    table.wrap(rec.ctx.width, 1e6)
    calls, drawn = header_calls(rec, handout)
    return (len(table._cellvalues), tuple(table._colWidths), tuple(table._rowHeights), calls), drawn


def header_calls(rec: Recording, handout) -> tuple[tuple, str]:
    """(the running header's drawing calls with the name left out, the name as drawn) for
    `handout`, by running pages.HandoutDoc._header against a canvas that only listens."""
    from handoutgen.layout.pages import HandoutDoc

    doc, args = rec.header
    doc = copy.copy(doc)
    doc.handout = handout
    canvas = _Listener()
    HandoutDoc._header(doc, canvas, *args)
    margin, name, calls = doc.theme.margin, [], []
    for method, call in canvas.calls:
        if method == "drawString" and call[0] == margin and call[1] == args[1]:
            name.append(call[2])  # the left text; more than one piece only with fallback fonts
            call = call[:2]
        calls.append((method, repr(call)))
    return tuple(calls), "".join(name)


class _Listener:
    """A stand-in canvas that records what is drawn on it."""

    def __init__(self):
        self.calls: list = []

    def __getattr__(self, method):
        return lambda *args, **kwargs: self.calls.append((method, args + tuple(sorted(kwargs.items()))))


class Template:
    """A rendered copy cut into fixed bytes and slots; `fill(texts)` writes another copy."""

    def __init__(self, pdf: bytes, rec: Recording):
        from handoutgen.layout import rawpdf

        self.rec, self.ok = rec, False
        parsed = rawpdf.parse(pdf)
        if parsed is None:
            return  # not the file layout reportlab writes: nothing to edit
        self.head, self.trailer = parsed.head, parsed.trailer
        contents = {int(n) for n in re.findall(rb"/Contents (\d+) 0 R", pdf)}
        self.objects: list = []  # bytes, or (number, frame, [bytes | mark index]) for a page stream
        seen: list[int] = []
        for number in sorted(parsed.objects):
            head, stream = parsed.objects[number]
            parts = _stream_parts(number, head, stream) if number in contents else None
            if parts is None:
                self.objects.append(b"%d 0 obj\n" % number + head + stream + b"endobj\n")
                continue
            self.objects.append((number, parts[0], parts[1]))
            seen += [p for p in parts[1] if isinstance(p, int)]
        self.ok = sorted(parsed.objects) == list(range(1, len(parsed.objects) + 1)) and \
            self._checks(seen, len(contents))

    def _checks(self, seen: list[int], pages: int) -> bool:
        """Each mark once; the header on every page exactly once; each blank once."""
        rec = self.rec
        if sorted(seen) != list(range(len(rec.marks))) or None in (rec.header_fit, rec.header, rec.escape):
            return False
        counts = {s: sum(m.slot == s for m in rec.marks) for s in SLOTS}
        wanted = {s: (pages if s == "header" else 1) if rec.texts.get(s) else 0 for s in SLOTS}
        rec.pages = pages
        return counts == wanted

    def fill(self, texts: dict) -> bytes | None:
        """The PDF with `texts` (slot -> text) in the slots; None when a character was not put
        in the subsets (the caller renders that copy in full)."""
        codes = []
        for mark in self.rec.marks:
            code = self._code(mark, texts.get(mark.slot) or "")
            if code is None:
                return None
            codes.append(code)
        out = [self.head]
        offsets = []
        position = len(self.head)
        digest = hashlib.md5()
        for obj in self.objects:
            if not isinstance(obj, bytes):
                (before, after, tail), parts = obj[1], obj[2]
                data = zlib.compress(b"".join(p if isinstance(p, bytes) else codes[p] for p in parts))
                obj = before + b"%d" % len(data) + after + data + tail
            offsets.append(position)
            digest.update(obj)
            out.append(obj)
            position += len(obj)
        out.append(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
        out.append(b"".join(b"%010d 00000 n \n" % o for o in offsets))
        # an identifier from this copy's own bytes (as reportlab's is), the same whichever
        # row the template was first rendered for
        file_id = digest.hexdigest().encode()
        out.append(re.sub(rb"/ID \n\[<[0-9a-f]+><[0-9a-f]+>\]", b"/ID \n[<%s><%s>]" % (file_id, file_id),
                          self.trailer))
        out.append(b"startxref\n%d\n%%%%EOF\n" % position)
        return b"".join(out)

    def _code(self, mark: _Mark, text: str) -> bytes | None:
        """The operators _formatText writes for `text` (TrueType, unshaped), with the
        subsets this template assigned."""
        from reportlab.lib.rl_accel import fp_str

        assignments, internal = self.rec.fonts[mark.font]
        tf = b" %s Tf %s TL" % (fp_str(mark.size).encode(), fp_str(mark.leading).encode())
        runs: list[tuple[int, list[int]]] = []
        for char in text:
            n = assignments.get(32 if ord(char) == 0xA0 else ord(char))
            if n is None:
                return None
            if not runs or runs[-1][0] != n >> 8:
                runs.append((n >> 8, []))
            runs[-1][1].append(n & 0xFF)
        code, current = [], mark.before
        for subset, chars in runs:
            if subset != current:
                code.append(b"/%s+%d%s" % (internal.encode(), subset, tf))
                current = subset
            code.append(b"(%s) Tj" % self.rec.escape(bytes(chars)).encode("latin-1"))
        if current != mark.after:
            code.append(b"/%s+%d%s" % (internal.encode(), mark.after, tf))
        return b" ".join(code)


def _stream_parts(number: int, head: bytes, stream: bytes):
    """A page content stream -> ((bytes before its new length, after it up to the data, after
    the data), [bytes | mark index])."""
    length = re.search(rb"/Length (\d+)", head)
    # render() writes Flate-compressed page streams (rl_config.useA85 = 0); anything else is left be
    if not length or not re.search(rb"/Filter \[ /FlateDecode \] /Length", head) or \
            not stream.startswith(b"\nstream\n"):
        return None
    data_end = 8 + int(length.group(1))
    tail = stream[data_end:]
    if not tail.startswith(b"endstream"):
        return None
    data = zlib.decompress(stream[8:data_end])
    frame = (b"%d 0 obj\n" % number + head[:length.start(1)], head[length.end(1):] + b"\nstream\n",
             tail + b"endobj\n")
    parts: list = []
    pos = 0
    for m in re.finditer(rb"/HGs(\d+) BMC ", data):
        if m.start() < pos:
            return None
        n = int(m.group(1))
        end_mark = _END % n
        stop = data.find(end_mark, m.end())
        if stop < 0:
            return None
        parts += [data[pos:m.start()], n]
        pos = stop + len(end_mark)
    parts.append(data[pos:])
    return frame, parts
