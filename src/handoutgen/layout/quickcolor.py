"""Setting a fill colour without working out its operator each time (issue #17).

Every paragraph line, table cell and page decoration sets its fill colour: some 600 times a
render. Reportlab's setFillColor tests the colour's type, formats its three numbers with
fp_str and then sets its alpha; on a text object that alpha goes nowhere (a text object has no
_setFillAlpha), on the canvas it is kept in the graphics state. For a plain RGB Color (every
colour a theme, a HexColor or a named colour gives) the operator depends only on the three
numbers, so it is made once per colour; the rest is reportlab's own path, so the bytes are the
same. Anything else (CMYK, a tuple, a name, an explicit alpha, an enforced colour space) goes
to reportlab. Reportlab internals as of 5.1: `_PDFColorSetter.setFillColor`."""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

_FILL: dict = {}


def _fill_op(color: Color) -> str:
    rgb = (color.red, color.green, color.blue)
    op = _FILL.get(rgb)
    if op is None:
        op = _FILL[rgb] = "%s rg" % fp_str(rgb)
    return op


class _KeptFill:
    """setFillColor with the kept operator for a plain RGB Color, reportlab's own for the rest;
    mixed in before a canvas or a text object (both have reportlab's _PDFColorSetter)."""

    def setFillColor(self, aColor, alpha=None):
        if type(aColor) is not Color or alpha is not None or self._enforceColorSpace:
            return super().setFillColor(aColor, alpha)
        self._fillColorObj = aColor
        self._code.append(_fill_op(aColor))
        a = aColor.alpha
        if a is not None:
            self.setFillAlpha(a)  # checks the value, as reportlab does (a text object writes nothing)


class QuickText(_KeptFill, PDFTextObject):
    """A text object whose plain RGB fill colours take the kept operator."""


class QuickColorCanvas(_KeptFill, Canvas):
    """A canvas whose plain RGB fill colours, and its text objects', take the kept operator."""

    def beginText(self, x=0, y=0, direction=None):
        return QuickText(self, x, y, direction=direction)
