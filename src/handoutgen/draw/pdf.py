"""The PDF backend of the drawing interface: draws on a reportlab canvas.

It remembers the graphics state it has set (colours, width, dash, line ends, font) and writes an
operator only when a call needs a different value, so figures stay small in the PDF.
"""

from __future__ import annotations

from handoutgen.draw.ink import rgb
from handoutgen.draw.surface import CAPS, JOINS, Colour, PathOp
from handoutgen.fonts import register, text_width


_PATH_OPS = {"M": "m", "L": "l", "C": "c"}  # PDF path operators: move, line, curve
_UNSET = object()  # a state not yet written


class _Path:
    """A finished path: what canvas.drawPath and clipPath ask of reportlab's PDFPathObject."""

    __slots__ = ("code",)

    def __init__(self, code: str):
        self.code = code

    def getCode(self) -> str:  # noqa: N802 - reportlab's name
        return self.code


class PdfSurface:
    """A `Surface` on a reportlab canvas, in the canvas's current coordinates."""

    def __init__(self, canvas, family: str = "AtkinsonHyperlegible"):
        self.canv = canvas
        self.family = family
        self._state: dict = {}  # what the canvas has now; unknown until first set
        self._saved: list[dict] = []

    # graphics state, written only when it changes
    def _set(self, key: str, value, write) -> None:
        if self._state.get(key, _UNSET) != value:
            write(value)
            self._state[key] = value

    def _pen(self, stroke: Colour, fill: Colour, width: float, dash, cap: str | None = None,
             join: str | None = None) -> None:
        # (_set spelt out: this runs for every path of every figure)
        c, st = self.canv, self._state
        if stroke is not None:
            v = rgb(stroke)
            if st.get("stroke", _UNSET) != v:
                c.setStrokeColorRGB(*v)
                st["stroke"] = v
            if st.get("width", _UNSET) != width:
                c.setLineWidth(width)
                st["width"] = width
            v = tuple(dash) if dash else ()
            if st.get("dash", _UNSET) != v:
                c.setDash(list(v), 0) if v else c.setDash()
                st["dash"] = v
            if cap is not None and st.get("cap", _UNSET) != CAPS[cap]:
                c.setLineCap(CAPS[cap])
                st["cap"] = CAPS[cap]
            if join is not None and st.get("join", _UNSET) != JOINS[join]:
                c.setLineJoin(JOINS[join])
                st["join"] = JOINS[join]
        if fill is not None:
            v = rgb(fill)
            if st.get("fill", _UNSET) != v:
                c.setFillColorRGB(*v)
                st["fill"] = v

    def _path_object(self, ops):
        """The path for canvas.drawPath / clipPath: the operator text reportlab's path object
        would make ("n", then "x y m", "x y l", "x1 y1 x2 y2 x3 y3 c", "h", joined by spaces),
        written in one pass; figures draw hundreds of paths (tests/test_draw.py compares)."""
        from reportlab.lib.rl_accel import fp_str  # (here: importing draw must not load reportlab)

        parts = ["n"]
        for op in ops:
            kind = op[0]
            if kind == "Z":
                parts.append("h")
            elif kind in _PATH_OPS:
                if len(parts) == 1 and kind != "M":
                    raise ValueError("a path must start with a move")
                parts.append(f"{fp_str(*op[1:])} {_PATH_OPS[kind]}")
            else:
                raise ValueError(f"unknown path operation {kind!r}")
        return _Path(" ".join(parts))

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
