"""The SVG backend of the drawing interface: collects elements, `to_svg()` returns the document.

y points up as in PDF: everything sits in one group flipped about the middle of the page, and
text is flipped back so it reads the right way up. Output is deterministic (clip ids count up).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from handoutgen.draw.ink import hex_rgb
from handoutgen.draw.surface import Colour, PathOp
from handoutgen.fonts import text_width

SVG_NS = "http://www.w3.org/2000/svg"
FONT_NAMES = {"AtkinsonHyperlegible": "'Atkinson Hyperlegible', sans-serif"}


def _n(v: float) -> str:
    """A number, short: at most 3 decimals, no trailing zeros."""
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def path_data(ops) -> str:
    """M/L/C/Z operations as an SVG path's `d`."""
    return " ".join(op[0] + " ".join(_n(v) for v in op[1:]) for op in ops)


class SvgSurface:
    """A `Surface` that builds an SVG document `width` x `height` points."""

    def __init__(self, width: float, height: float, family: str = "AtkinsonHyperlegible"):
        self.width, self.height, self.family = width, height, family
        self.root = ET.Element("svg", xmlns=SVG_NS, width=f"{_n(width)}pt", height=f"{_n(height)}pt",
                               viewBox=f"0 0 {_n(width)} {_n(height)}")
        self.defs = ET.SubElement(self.root, "defs")
        flip = ET.SubElement(self.root, "g", transform=f"matrix(1 0 0 -1 0 {_n(height)})")
        self._groups: list[ET.Element] = [flip]
        self._saved: list[int] = []
        self._clips = 0

    def to_svg(self) -> str:
        """The document as a string."""
        if len(self.defs) == 0:
            self.root.remove(self.defs)
        out = ET.tostring(self.root, encoding="unicode")
        if len(self.defs) == 0:
            self.root.insert(0, self.defs)
        return out + "\n"

    def _add(self, tag: str, **attrs) -> ET.Element:
        return ET.SubElement(self._groups[-1], tag, {k.replace("_", "-"): v for k, v in attrs.items()})

    @staticmethod
    def _paint(stroke: Colour, fill: Colour, width: float, dash, cap=None, join=None) -> dict:
        a = {"fill": hex_rgb(fill) if fill is not None else "none"}
        if fill is not None:
            a["fill_rule"] = "evenodd"
        if stroke is not None:
            a["stroke"] = hex_rgb(stroke)
            a["stroke_width"] = _n(width)
            if dash:
                a["stroke_dasharray"] = " ".join(_n(d) for d in dash)
            if cap:
                a["stroke_linecap"] = cap
            if join:
                a["stroke_linejoin"] = join
        return a

    # drawing
    def line(self, x1, y1, x2, y2, *, stroke, width, dash=None, cap="round") -> None:
        if stroke is not None:
            self._add("line", x1=_n(x1), y1=_n(y1), x2=_n(x2), y2=_n(y2),
                      **self._paint(stroke, None, width, dash, cap))

    def path(self, ops, *, stroke=None, fill=None, width=1.0, dash=None, closed=False, join="round",
             cap="round") -> None:
        if stroke is not None or fill is not None:
            ops = list(ops) + ([("Z",)] if closed else [])
            self._add("path", d=path_data(ops), **self._paint(stroke, fill, width, dash, cap, join))

    def circle(self, cx, cy, r, *, stroke=None, fill=None, width=1.0, dash=None) -> None:
        if stroke is not None or fill is not None:
            self._add("circle", cx=_n(cx), cy=_n(cy), r=_n(r), **self._paint(stroke, fill, width, dash))

    def ellipse(self, cx, cy, rx, ry, *, stroke=None, fill=None, width=1.0, dash=None) -> None:
        if stroke is not None or fill is not None:
            self._add("ellipse", cx=_n(cx), cy=_n(cy), rx=_n(rx), ry=_n(ry),
                      **self._paint(stroke, fill, width, dash))

    def rect(self, x, y, w, h, *, stroke=None, fill=None, width=1.0, dash=None, radius=0, join="miter") -> None:
        if stroke is None and fill is None:
            return
        x, w = (x + w, -w) if w < 0 else (x, w)
        y, h = (y + h, -h) if h < 0 else (y, h)
        extra = {"rx": _n(radius)} if radius else {}
        self._add("rect", x=_n(x), y=_n(y), width=_n(w), height=_n(h), **extra,
                  **self._paint(stroke, fill, width, dash, join=join))

    def text(self, x, y, s, *, size, color, bold=False, anchor="start") -> None:
        el = self._add("text", x=_n(x), y=_n(-y), transform="scale(1 -1)",
                       font_family=FONT_NAMES.get(self.family, self.family), font_size=_n(size),
                       fill=hex_rgb(color), text_anchor=anchor)
        if bold:
            el.set("font-weight", "bold")
        el.text = s

    def text_width(self, s, size, bold=False) -> float:
        return text_width(s, size, bold, self.family)

    # transform and clip: each opens a group, closed again by restore()
    def save(self) -> None:
        self._saved.append(len(self._groups))

    def restore(self) -> None:
        del self._groups[self._saved.pop():]

    def translate(self, dx, dy) -> None:
        self._groups.append(self._add("g", transform=f"translate({_n(dx)} {_n(dy)})"))

    def scale(self, sx, sy=None) -> None:
        self._groups.append(self._add("g", transform=f"scale({_n(sx)} {_n(sx if sy is None else sy)})"))

    def clip(self, ops: list[PathOp]) -> None:
        self._clips += 1
        cid = f"clip{self._clips}"
        clip = ET.SubElement(self.defs, "clipPath", id=cid)
        ET.SubElement(clip, "path", d=path_data(ops), **{"clip-rule": "evenodd"})
        self._groups.append(self._add("g", clip_path=f"url(#{cid})"))
