"""The PDF backend of the drawing interface: draws on a reportlab canvas.

It remembers the graphics state it has set (colours, width, dash, line ends, font) and writes an
operator only when a call needs a different value, so figures stay small in the PDF.
"""

from __future__ import annotations

from handoutgen.draw.ink import rgb
from handoutgen.draw.surface import CAPS, JOINS, Colour, PathOp
from handoutgen.fonts import register, text_width


class PdfSurface:
    """A `Surface` on a reportlab canvas, in the canvas's current coordinates."""

    def __init__(self, canvas, family: str = "AtkinsonHyperlegible"):
        self.canv = canvas
        self.family = family
        self._state: dict = {}  # what the canvas has now; unknown until first set
        self._saved: list[dict] = []

    # graphics state, written only when it changes
    def _set(self, key: str, value, write) -> None:
        if self._state.get(key, object()) != value:
            write(value)
            self._state[key] = value

    def _pen(self, stroke: Colour, fill: Colour, width: float, dash, cap: str | None = None,
             join: str | None = None) -> None:
        c = self.canv
        if stroke is not None:
            self._set("stroke", rgb(stroke), lambda v: c.setStrokeColorRGB(*v))
            self._set("width", width, c.setLineWidth)
            self._set("dash", tuple(dash) if dash else (), lambda v: c.setDash(list(v), 0) if v else c.setDash())
            if cap is not None:
                self._set("cap", CAPS[cap], c.setLineCap)
            if join is not None:
                self._set("join", JOINS[join], c.setLineJoin)
        if fill is not None:
            self._set("fill", rgb(fill), lambda v: c.setFillColorRGB(*v))

    def _path_object(self, ops):
        p = self.canv.beginPath()
        for op in ops:
            if op[0] == "M":
                p.moveTo(*op[1:])
            elif op[0] == "L":
                p.lineTo(*op[1:])
            elif op[0] == "C":
                p.curveTo(*op[1:])
            elif op[0] == "Z":
                p.close()
            else:
                raise ValueError(f"unknown path operation {op[0]!r}")
        return p

    # drawing
    def line(self, x1, y1, x2, y2, *, stroke, width, dash=None, cap="round") -> None:
        if stroke is None:
            return
        self._pen(stroke, None, width, dash, cap)
        self.canv.line(x1, y1, x2, y2)

    def path(self, ops, *, stroke=None, fill=None, width=1.0, dash=None, closed=False, join="round",
             cap="round") -> None:
        if stroke is None and fill is None:
            return
        self._pen(stroke, fill, width, dash, cap, join)
        p = self._path_object(list(ops) + ([("Z",)] if closed else []))
        self.canv.drawPath(p, stroke=int(stroke is not None), fill=int(fill is not None))

    def circle(self, cx, cy, r, *, stroke=None, fill=None, width=1.0, dash=None) -> None:
        if stroke is None and fill is None:
            return
        self._pen(stroke, fill, width, dash, "round")  # reportlab leaves the circle open at 0 degrees
        self.canv.circle(cx, cy, r, stroke=int(stroke is not None), fill=int(fill is not None))

    def ellipse(self, cx, cy, rx, ry, *, stroke=None, fill=None, width=1.0, dash=None) -> None:
        if stroke is None and fill is None:
            return
        self._pen(stroke, fill, width, dash, "round")
        self.canv.ellipse(cx - rx, cy - ry, cx + rx, cy + ry, stroke=int(stroke is not None),
                          fill=int(fill is not None))

    def rect(self, x, y, w, h, *, stroke=None, fill=None, width=1.0, dash=None, radius=0, join="miter") -> None:
        if stroke is None and fill is None:
            return
        self._pen(stroke, fill, width, dash, join=join)
        flags = {"stroke": int(stroke is not None), "fill": int(fill is not None)}
        if radius:
            self.canv.roundRect(x, y, w, h, radius, **flags)
        else:
            self.canv.rect(x, y, w, h, **flags)

    def text(self, x, y, s, *, size, color, bold=False, anchor="start") -> None:
        self._pen(None, color, 0, None)
        font = register(self.family)["bold" if bold else "regular"]
        self._set("font", (font, size), lambda v: self.canv.setFont(*v))
        draw = {"start": self.canv.drawString, "middle": self.canv.drawCentredString,
                "end": self.canv.drawRightString}[anchor]
        draw(x, y, s)

    def text_width(self, s, size, bold=False) -> float:
        return text_width(s, size, bold, self.family)

    # transform and clip
    def save(self) -> None:
        self.canv.saveState()
        self._saved.append(dict(self._state))

    def restore(self) -> None:
        self.canv.restoreState()
        self._state = self._saved.pop()

    def translate(self, dx, dy) -> None:
        self.canv.translate(dx, dy)

    def scale(self, sx, sy=None) -> None:
        self.canv.scale(sx, sx if sy is None else sy)

    def clip(self, ops: list[PathOp]) -> None:
        self.canv.clipPath(self._path_object(ops), stroke=0, fill=0)
