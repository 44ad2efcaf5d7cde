"""Form XObject streams encoded and compressed once per process for the same operators.

A figure is drawn into a form, and a later document writes the same operators into it again
(layout/formcache.py). Reportlab then encodes the form's operator text to PDFDocEncoding (a
per-character codec: about 4% of a warm render) and compresses it when the file is written
(another 2%). Both are pure functions of the text, so the compressed stream is kept per text:
a later form whose text is exactly the same takes the same bytes. The key is the whole text,
compared in full, so a changed label or glyph code is never served another form's stream.

Reportlab internals: Canvas.endForm is reportlab's own, with the form made by our class (only
when streams are compressed with Flate alone, reportlab's setting here); PDFStream.format does
not filter content whose dictionary already names its Filter. tests/test_formstream.py compares
the bytes with and without the cache.
"""

from __future__ import annotations

import zlib

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc

from handoutgen.layout.quickcolor import QuickColorCanvas

_STREAMS: dict = {}
LIMIT = 256  # form texts kept (a handout has 10-20 forms; a kept one is its 2-8 KB compressed)
ENABLED = True  # the byte-identity test turns it off for the reference


def flate(text: str) -> bytes:
    """zlib.compress(pdfdocEnc(text)), the bytes reportlab's Flate filter writes, kept per text."""
    hit = _STREAMS.get(text)
    if hit is None:
        hit = zlib.compress(pdfdoc.pdfdocEnc(text))
        if len(_STREAMS) >= LIMIT:
            _STREAMS.pop(next(iter(_STREAMS)))
        _STREAMS[text] = hit
    return hit


class KeptForm(pdfdoc.PDFFormXObject):
    """A form whose content stream is already compressed (`flate`)."""

    def setStreamList(self, data):
        text = "\n".join(data) if isinstance(data, (list, tuple)) else data
        stream = pdfdoc.PDFStream(content=flate(text))
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
        # (reportlab also names the stream in a comment, written only with rl_config.pdfComments)
        self.Contents = stream
        self.stream = None


class KeptFormCanvas(QuickColorCanvas):
    """A canvas whose forms keep their compressed streams (`KeptForm`)."""

    def endForm(self, **extra_attributes):
        if not (ENABLED and self._pageCompression and not rl_config.useA85):
            return super().endForm(**extra_attributes)
        # reportlab 5.1's Canvas.endForm, with KeptForm for PDFFormXObject
        (name, lowerx, lowery, upperx, uppery) = self._formData
        (w, h) = self._pagesize
        if upperx is None:
            upperx = w
        if uppery is None:
            uppery = h
        form = KeptForm(lowerx=lowerx, lowery=lowery, upperx=upperx, uppery=uppery)
        form.compression = self._pageCompression
        form.setStreamList([self._preamble] + self._code)
        for k, v in extra_attributes.items():
            setattr(form, k, v)
        self._setColorSpace(form)
        self._setExtGState(form)
        self._setXObjects(form)
        self._setAnnotations(form)
        self._doc.addForm(name, form)
        self._restartAccumulators()
        self.pop_state_stack()
