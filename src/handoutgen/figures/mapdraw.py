"""Drawing a body map: the faint whole body, zoomed to the highlighted regions, the regions with
a pattern per kind, labels with leader lines, the view ("Seen from behind") and Left / Right."""

from __future__ import annotations

from handoutgen.figures.palette import C

import math

from handoutgen.figures.bodymap import DARK, MUSCLE, ZONE, camera, canonical, load_regions, map_body, shape
from handoutgen.draw.surface import rect_ops
from handoutgen.figures.body3d import at
from handoutgen.figures.mannequin import Page, draw_body

TEXT = C("#1a1a1a")
MIN_WINDOW = 0.95  # metres: a zoom never shows less of the body than this, so it stays a body


def _projected(cam, item, page):
    kind = item[0]
    if kind == "bone":
        x, y, _ = cam.project(item[1])
        return kind, [page(x, y)], item[2] * page.scale
    return kind, [page(*cam.project(p)[:2]) for p in item[1]], 0.0


def _bbox(cam, items):
    xs, ys = [], []
    for item in items:
        pts = [item[1]] if item[0] == "bone" else list(item[1])
        for p in pts:
            x, y, _ = cam.project(p)
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def _window(cam, items, aspect: float):
    """The part of the body to show (metres in the view plane), the aspect of the map area."""
    body = map_body()
    if not items:
        x0, y0, x1, y1 = _bbox(cam, [("poly", tuple(body.points.values()))])
        x0, y0, x1, y1 = x0 - 0.3, y0 - 0.05, x1 + 0.3, y1 + 0.2
    else:
        x0, y0, x1, y1 = _bbox(cam, items)
        pad = max(0.25, 0.5 * max(x1 - x0, y1 - y0))
        x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    w, h = x1 - x0, y1 - y0
    h = max(h, MIN_WINDOW, w / aspect)
    w = max(w, h * aspect)
    cx, cy = (x0 + x1) / 2, max((y0 + y1) / 2, h / 2 - 0.06)  # little floor below the feet
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def draw_bodymap(surf, view: str, highlight: list[str], mode: str, width: float, height: float,
                 size: float, legend: str | None = None, text: tuple | None = None) -> None:
    """The map in the box (0, 0, width, height): body on the left half, labels on the right
    (computed once per process). `text` is `figure_text(words)` (English when None)."""
    from handoutgen.figures.record import drawn_once
    from handoutgen.figures.text import figure_text

    text = text or figure_text()
    drawn_once(("map", view, tuple(highlight), mode, round(width, 2), round(height, 2), size, legend, text), surf,
               lambda s: _draw_bodymap(s, view, highlight, mode, width, height, size, legend, dict(text)))


def _draw_bodymap(surf, view, highlight, mode, width, height, size, legend, say) -> None:
    cam = camera(view)
    ids = [canonical(r) or r for r in highlight]
    ids = list(dict.fromkeys(i for i in ids if i in load_regions().regions))
    items = {rid: shape(rid, view) for rid in ids}
    items = {k: v for k, v in items.items() if v is not None}
    top = size * 1.6  # room for "Seen from behind"
    bottom = size * 1.5 + (size * 1.6 if legend else 0)  # Left / Right, and the legend
    # the body on the left half, or less when the longest label needs more of the right (large
    # print cut "Top of the hip bone" to "Top of the hip bo…"); never under a third of the box
    widest = max((surf.text_width(load_regions().regions[r].label, size) for r in items), default=0.0)
    area_w, area_h = max(width / 3, min(width * 0.5, width - 14 - widest - 2)), height - top - bottom
    wx0, wy0, wx1, wy1 = _window(cam, list(items.values()), area_w / area_h)
    scale = min(area_w / (wx1 - wx0), area_h / (wy1 - wy0))
    page = Page(scale, -wx0 * scale, bottom - wy0 * scale)
    box = (0, bottom, area_w, bottom + area_h)
    surf.save()
    surf.clip(rect_ops(0, bottom, area_w, area_h))
    draw_body(surf, map_body(), cam, page, faint=bool(items))
    order = sorted(items, key=lambda r: load_regions().regions[r].kind in ("bone", "line"))  # landmarks on top
    anchors = []
    for rid in order:
        kind, pts, r = _projected(cam, items[rid], page)
        _draw_region(surf, load_regions().regions[rid].kind, kind, pts, r, mode)
        anchors.append((_anchor(kind, pts), load_regions().regions[rid].label))
    surf.restore()
    surf.rect(*box[:2], area_w, area_h, stroke=C("#9aa3ad"), width=0.75, radius=3)
    surf.text(3, height - size, say[view], size=size * 0.9, color=TEXT, bold=True)
    _left_right(surf, cam, page, box, size, say)
    _labels(surf, sorted(anchors, key=lambda a: -a[0][1]), area_w + 14, width, height, size)
    if legend:
        _legend(surf, 3, 3, legend, size, mode)


def _anchor(kind, pts):
    if kind == "bone":
        return pts[0]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (max(xs) + sum(xs) / len(xs)) / 2, sum(ys) / len(ys)


def _left_right(surf, cam, page, box, size, say) -> None:
    """'Left' and 'Right' under the map on the sides they are on; a side view names its side."""
    body = map_body()
    xr = page(*cam.project(body.points[at("right", "hip")])[:2])[0]
    xl = page(*cam.project(body.points[at("left", "hip")])[:2])[0]
    y = box[1] - size * 1.2
    # a little smaller than the labels; with large-print (16 pt) labels, never under 14 pt
    small = size * 0.85 if size < 16 else max(14.0, size * 0.85)
    if abs(xr - xl) < 2:
        surf.text(box[0] + 3, y, say["right_side"], size=small, color=TEXT, bold=True)
        return
    right_on_right = xr > xl
    surf.text(box[2] - 3, y, say["right" if right_on_right else "left"], size=small, color=TEXT, bold=True,
              anchor="end")
    surf.text(box[0] + 3, y, say["left" if right_on_right else "right"], size=small, color=TEXT, bold=True)


def _smooth(pts):
    """A closed Catmull-Rom curve through the points, as path ops."""
    n = len(pts)
    ops = [("M", *pts[0])]
    for i in range(n):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[(i + 1) % n], pts[(i + 2) % n]
        ops.append(("C", p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6,
                    p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6, *p2))
    return ops


def hatch_lines(poly, spacing: float, angle: float):
    """Segments of parallel lines at `angle` degrees, `spacing` apart, inside the polygon."""
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    rot = [(x * c + y * s, -x * s + y * c) for x, y in poly]  # lines become horizontal
    ys = [p[1] for p in rot]
    out = []
    y = min(ys) + spacing / 2
    while y < max(ys):
        xs = []
        for (x0, y0), (x1, y1) in zip(rot, rot[1:] + rot[:1]):
            if (y0 <= y < y1) or (y1 <= y < y0):
                xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
        xs.sort()
        for a, b in zip(xs[::2], xs[1::2]):
            out.append(((a * c - y * s, a * s + y * c), (b * c - y * s, b * s + y * c)))
        y += spacing
    return out


def _draw_region(surf, kind: str, shape_kind: str, pts, r: float, mode: str) -> None:
    if shape_kind == "line":
        surf.path([("M", *pts[0])] + [("L", *p) for p in pts[1:]], stroke=C("#ffffff"), width=4.6)
        surf.path([("M", *pts[0])] + [("L", *p) for p in pts[1:]], stroke=DARK, width=2.8)
        return
    if shape_kind == "bone":
        r = max(r, 3.2)
        surf.circle(*pts[0], r, stroke=DARK, fill=C("#ffffff"), width=1.4)
        surf.circle(*pts[0], r * 0.3, fill=DARK)
        return
    ops = _smooth(pts)
    if kind == "bone":  # a bony area (the sacrum): white with dots
        surf.path(ops, stroke=DARK, fill=C("#ffffff"), width=1.4, closed=True)
        for (a, b) in hatch_lines(pts, 3.2, 0):
            x = a[0] + 1.6
            while x < b[0] - 0.5:
                surf.circle(x, a[1], 0.5, fill=DARK)
                x += 3.2
        return
    pain = mode == "pain" or kind == "zone"
    surf.path(ops, fill=ZONE if pain else MUSCLE, closed=True)
    lines = [seg for angle in ((45, 135) if pain else (60,)) for seg in hatch_lines(pts, 4.2 if pain else 3.4, angle)]
    _strokes(surf, lines)
    dash = (3, 2) if pain or kind == "deep" else None
    surf.path(ops, stroke=DARK, width=1.4 if pain else 1.8, dash=dash, closed=True)


def _strokes(surf, segments) -> None:
    """Thin pattern lines, all in one path."""
    if segments:
        surf.path([op for a, b in segments for op in (("M", *a), ("L", *b))], stroke=DARK, width=0.75, cap="butt")


def _labels(surf, anchors, x: float, width: float, height: float, size: float) -> None:
    """Labels stacked on the right, in the same top-to-bottom order as their regions."""
    gap = size * 1.5
    ys = []
    for (px, py), _ in anchors:
        y = min(py - size / 3, (ys[-1] - gap) if ys else height - size * 2.4)
        ys.append(max(y, size * 2.6))
    for i in range(len(ys) - 2, -1, -1):  # push up again if the bottom ones ran out of room
        ys[i] = max(ys[i], ys[i + 1] + gap)
    for ((px, py), label), y in zip(anchors, ys):
        surf.circle(px, py, 1.8, fill=DARK, stroke=C("#ffffff"), width=0.8)
        surf.line(px, py, x - 4, y + size / 3, stroke=DARK, width=0.8)
        surf.text(x, y, _fit(surf, label, width - x, size), size=size, color=TEXT)


def _fit(surf, label: str, room: float, size: float) -> str:
    while surf.text_width(label, size) > room and len(label) > 4:
        label = label[:-2].rstrip() + "…"
    return label


def _legend(surf, x: float, y: float, text_: str, size: float, mode: str) -> None:
    w, h = size * 1.6, size * 1.1
    poly = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    surf.rect(x, y, w, h, fill=ZONE)
    _strokes(surf, hatch_lines(poly, 4.2, 45) + hatch_lines(poly, 4.2, 135))
    surf.rect(x, y, w, h, stroke=DARK, width=1.2)
    surf.text(x + size * 2.1, y + size * 0.2, text_, size=size, color=TEXT)
