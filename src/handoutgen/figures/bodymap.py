"""Body maps drawn from data (assets/bodymap/<view>.yaml): an outline and named regions.

Anatomy highlights muscles and bones; pain patterns shade zones. Every fill also has a pattern
(hatching, cross-hatching or dots) and outline weight, so a map still reads in black and white.
"""

from __future__ import annotations

from functools import lru_cache

from handoutgen.draw.surface import Surface, ellipse_ops, polyline_ops, rect_ops
from handoutgen.paths import assets_dir
from handoutgen.spec.fields import F, DictOf, ListOf, Model, TupleOf
from handoutgen.spec.loader import load_yaml_file
from handoutgen.spec.types import Bool, choice, number, text
from handoutgen.spec.validate import validate

VIEWS = ("back", "side", "front")
Coord = number(-50, 500)
Points = ListOf(TupleOf(Coord, Coord), 3)


class Outline(Model):
    points = F(Points)
    mirror = F(Bool, False)  # given for the right half; mirrored about x = 100
    closed = F(Bool, False)  # a separate closed shape (an arm) rather than part of the body outline


class Region(Model):
    label = F(text(60))
    kind = F(choice("muscle", "deep", "bone", "zone", "line"))
    points = F(Points, None)
    circle = F(TupleOf(Coord, Coord, number(1, 50)), None)


class Ellipse(Model):
    cx = F(Coord)
    cy = F(Coord)
    rx = F(number(1, 100))
    ry = F(number(1, 100))


class View(Model):
    view = F(choice(*VIEWS))
    crop = F(TupleOf(Coord, Coord, Coord, Coord))
    head = F(Ellipse)
    outline = F(ListOf(Outline))
    regions = F(DictOf(Region))


@lru_cache(maxsize=4)
def load_view(name: str) -> View:
    return validate(load_yaml_file(assets_dir() / "bodymap" / f"{name}.yaml"), View)


def region_ids() -> dict[str, list[str]]:
    """Every region id, with the views that draw it."""
    out: dict[str, list[str]] = {}
    for view in VIEWS:
        for rid in load_view(view).regions:
            out.setdefault(rid, []).append(view)
    return out


DARK = (0.1, 0.1, 0.1)
SHADE = (0.78, 0.78, 0.78)  # pain zones and their legend


def _mirror(points):
    return [(200 - x, y) for x, y in points]


def _body_path(view: View) -> list:
    """The body silhouette: mirrored halves joined into one closed path."""
    main = view.outline[0]
    pts = list(main.points)
    if main.mirror:
        pts = pts + list(reversed(_mirror(pts)))[1:-1]
    return _poly(pts)


def _poly(points, smooth: bool = True) -> list:
    """A closed path through `points`; smooth ones use Catmull-Rom curves (drawn as Beziers)."""
    pts = list(points)
    ops: list = [("M", *pts[0])]
    n = len(pts)
    for i in range(n):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[(i + 1) % n], pts[(i + 2) % n]
        if smooth and n > 3:
            c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
            c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
            ops.append(("C", *c1, *c2, *p2))
        else:
            ops.append(("L", *p2))
    return ops + [("Z",)]


def _bbox(region: Region) -> tuple[float, float, float, float]:
    if region.circle:
        x, y, r = region.circle
        return x - r, y - r, x + r, y + r
    xs = [p[0] for p in region.points]
    ys = [p[1] for p in region.points]
    return min(xs) - 4, min(ys) - 4, max(xs) + 4, max(ys) + 4  # smooth curves bulge a little


def _hatch(surface: Surface, path, spacing: float, slopes, width: float, box) -> None:
    """Pattern lines clipped to `path`, only across its bounding box: one slope = hatching,
    two = cross-hatching."""
    x0, y0, x1, y1 = box
    surface.save()
    surface.clip(path)
    h = y1 - y0
    c = x0 - h
    while c < x1 + h:
        for slope in slopes:
            if slope > 0:
                surface.line(c, y0, c + h, y1, stroke=DARK, width=width, cap="butt")
            else:
                surface.line(c + h, y0, c, y1, stroke=DARK, width=width, cap="butt")
        c += spacing
    surface.restore()


def _dots(surface: Surface, path, spacing: float, r: float, box) -> None:
    x0, y0, x1, y1 = box
    surface.save()
    surface.clip(path)
    y, row = y0, 0
    while y <= y1:
        x = x0 + (spacing / 2 if row % 2 else 0)
        while x <= x1:
            surface.rect(x - r, y - r, 2 * r, 2 * r, fill=DARK)
            x += spacing
        y, row = y + spacing, row + 1
    surface.restore()


def draw_body(surface: Surface, view: View) -> None:
    """The silhouette in light grey with a firm outline."""
    pen = {"fill": (0.95, 0.95, 0.95), "stroke": (0.25, 0.25, 0.25), "width": 1.3}
    h = view.head
    surface.ellipse(h.cx, h.cy, h.rx, h.ry, **pen)
    pen["join"] = "round"
    surface.path(_body_path(view), **pen)
    for part in view.outline[1:]:
        shapes = [part.points] + ([_mirror(part.points)] if part.mirror else [])
        for pts in shapes:
            surface.path(_poly(pts), **pen)


def draw_region(surface: Surface, region: Region, mode: str) -> None:
    """One highlighted region; the pattern depends on its kind and on anatomy vs pain mode."""
    if region.kind == "line":
        surface.path(polyline_ops(region.points), stroke=DARK, width=3.2, join="round", cap="round")
        return
    if region.circle:
        x, y, r = region.circle
        path = ellipse_ops(x, y, r, r)
    else:
        path = _poly(region.points, smooth=region.kind != "bone")
    if region.kind == "bone":
        surface.path(path, stroke=DARK, fill=(1, 1, 1), width=1.6, join="round")
        _dots(surface, path, 3, 0.5, _bbox(region))
        return
    if mode == "pain" or region.kind == "zone":
        surface.path(path, fill=SHADE)
        _hatch(surface, path, 3.2, (1, -1), 0.5, _bbox(region))  # cross-hatching = "it may hurt here"
        surface.path(path, stroke=DARK, width=1.4, dash=(3, 2), join="round", cap="butt")
        return
    surface.path(path, fill=(0.82, 0.87, 0.93))
    _hatch(surface, path, 2.6 if region.kind == "muscle" else 4.0, (1,), 0.45, _bbox(region))  # muscle fibres
    surface.path(path, stroke=DARK, width=1.8 if region.kind == "muscle" else 1.2, join="round", cap="butt",
                 dash=(2.5, 2) if region.kind == "deep" else None)


def anchor(region: Region) -> tuple[float, float]:
    """Where a label's leader line touches the region."""
    if region.circle:
        return region.circle[0], region.circle[1]
    xs = [p[0] for p in region.points]
    ys = [p[1] for p in region.points]
    return (max(xs) + sum(xs) / len(xs)) / 2, sum(ys) / len(ys)


def draw_bodymap(surface: Surface, view_name: str, highlight: list[str], mode: str, width: float, height: float,
                 size: float, legend: str | None = None) -> None:
    """The body, highlighted regions and their labels (at `size` points), and the legend's words
    if any, in the box (0, 0, width, height)."""
    view = load_view(view_name)
    x0, y0, x1, y1 = view.crop
    scale = min(height / (y1 - y0), width * 0.5 / (x1 - x0))
    body_w = (x1 - x0) * scale
    surface.save()
    surface.clip(rect_ops(0, 0, body_w, height))
    surface.translate(0, (height - (y1 - y0) * scale) / 2)
    surface.scale(scale)
    surface.translate(-x0, -y0)
    draw_body(surface, view)
    shown = [rid for rid in highlight if rid in view.regions]
    for rid in sorted(shown, key=lambda r: view.regions[r].kind in ("bone", "line")):  # bones on top
        draw_region(surface, view.regions[rid], mode)
    surface.restore()
    anchors = []
    for rid in shown:
        ax, ay = anchor(view.regions[rid])
        px = (ax - x0) * scale
        py = (ay - y0) * scale + (height - (y1 - y0) * scale) / 2
        anchors.append((py, px, view.regions[rid].label))
    _labels(surface, sorted(anchors, reverse=True), body_w + 16, height, size)
    if legend:
        legend_w = size * 2.1 + surface.text_width(legend, size)
        _legend(surface, max(0.0, min(body_w + 16, width - legend_w)), 4, legend, size, mode)


def _labels(surface: Surface, anchors, x: float, height: float, size: float) -> None:
    """Labels stacked on the right, in the same top-to-bottom order as their regions."""
    gap = size * 1.5
    ys = []
    for py, _, _ in anchors:
        y = min(py - size / 3, (ys[-1] - gap) if ys else height - size)
        ys.append(max(y, size * 2.6))
    for i in range(len(ys) - 2, -1, -1):  # push up again if the bottom ones ran out of room
        ys[i] = max(ys[i], ys[i + 1] + gap)
    for (py, px, label), y in zip(anchors, ys):
        surface.circle(px, py, 1.6, fill=DARK)
        surface.line(px, py, x - 4, y + size / 3, stroke=DARK, width=0.8, cap="butt")
        surface.text(x, y, label, size=size, color=DARK)


def _legend(surface: Surface, x: float, y: float, text_: str, size: float, mode: str) -> None:
    w, h = size * 1.6, size * 1.1
    surface.rect(x, y, w, h, fill=SHADE)
    _hatch(surface, rect_ops(x, y, w, h), 3.2, (1, -1) if mode == "pain" else (1,), 0.5, (x, y, x + w, y + h))
    surface.rect(x, y, w, h, stroke=DARK, width=1.2, dash=(3, 2))
    surface.text(x + size * 2.1, y + size * 0.2, text_, size=size, color=DARK)
