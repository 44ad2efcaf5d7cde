"""A surface that cuts everything to a rectangle, for zoomed body maps: paths are flattened to
polygons and clipped in our own code, so any surface (PDF or SVG) works without clip support."""

from __future__ import annotations

import math

from handoutgen.figures.props3d import clip


def _flatten(ops) -> list[list[tuple[float, float]]]:
    polys, cur = [], []
    for op in ops:
        if op[0] == "M":
            if cur:
                polys.append(cur)
            cur = [op[1:3]]
        elif op[0] == "L":
            cur.append(op[1:3])
        elif op[0] == "C":
            (x0, y0), (x1, y1, x2, y2, x3, y3) = cur[-1], op[1:]
            for i in range(1, 7):
                t = i / 6
                a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
                cur.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    if cur:
        polys.append(cur)
    return polys


class ClippedSurface:
    """Forwards drawing to `surf`, cut to the rectangle (x0, y0, x1, y1)."""

    def __init__(self, surf, box):
        self.surf, self.box = surf, box

    def path(self, ops, *, stroke=None, fill=None, width=1.0, dash=None, closed=False, join="round"):
        for poly in _flatten(ops):
            if closed or fill or any(op[0] == "Z" for op in ops):
                cut = clip(poly, *self.box)
                if len(cut) >= 3:
                    self.surf.path([("M", *cut[0])] + [("L", *p) for p in cut[1:]], stroke=stroke, fill=fill,
                                   width=width, dash=dash, closed=True, join=join)
            else:
                x0, y0, x1, y1 = self.box
                for a, b in zip(poly, poly[1:]):
                    if all(x0 <= p[0] <= x1 and y0 <= p[1] <= y1 for p in (a, b)):
                        self.surf.line(*a, *b, stroke=stroke, width=width, dash=dash)

    def circle(self, cx, cy, r, **kw):
        self.ellipse(cx, cy, r, r, **kw)

    def ellipse(self, cx, cy, rx, ry, *, stroke=None, fill=None, width=1.0, dash=None):
        pts = [(cx + rx * math.cos(a * math.pi / 16), cy + ry * math.sin(a * math.pi / 16)) for a in range(32)]
        self.path([("M", *pts[0])] + [("L", *p) for p in pts[1:]], stroke=stroke, fill=fill, width=width,
                  dash=dash, closed=True)

    def line(self, x1, y1, x2, y2, *, stroke, width, dash=None, cap="round"):
        self.path([("M", x1, y1), ("L", x2, y2)], stroke=stroke, width=width, dash=dash)

    def text(self, *args, **kw):
        self.surf.text(*args, **kw)

    def text_width(self, *args, **kw):
        return self.surf.text_width(*args, **kw)
