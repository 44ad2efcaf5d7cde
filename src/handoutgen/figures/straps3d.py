"""Straps in the body's 3D space: a band, belt or strap between two body points, or from a hand to
where a band is tied. A strap from one leg to the other is a loop round the outside of both (at a
knee: just above it), not a bar between them."""

from __future__ import annotations

import math

from handoutgen.figures import body3d as b3
from handoutgen.figures.mannequin import _hull  # the convex hull of page points
from handoutgen.figures.props3d import BAND, PROP_LINE, STRAPS, band_anchor


# Where a strap between the two legs goes round each leg, for each leg point it is tied `at`:
# the segment and the fraction of the way along it. "Knee" means just above the knee, about 80%
# of the way from hip to knee, where a belt or band loop sits.
LOOP_AT = {"thigh": ("thigh", 0.5), "knee": ("thigh", 0.8), "shin": ("shin", 0.5), "ankle": ("shin", 0.85),
           "heel": ("foot", 0.45), "foot": ("foot", 0.45), "toe": ("foot", 0.45)}
LOOP_GAP = 0.006  # metres between the skin and the strap (its own thickness)


def _leg_point(name: str | None):
    """(side, segment, fraction) for a point on a leg, else None."""
    side, _, part = (name or "").partition(" ")
    if side not in b3.SIDES or part not in LOOP_AT:
        return None
    return (side, *LOOP_AT[part])


def loop_ends(prop) -> tuple | None:
    """A strap whose two ends are on the two legs is a loop round both of them: the two
    (side, segment, fraction) places it goes round; None for any other strap."""
    if prop.kind not in STRAPS or not prop.at or not prop.to:
        return None
    a, b = _leg_point(prop.at), _leg_point(prop.to)
    if a is None or b is None or a[0] == b[0]:
        return None
    return a, b


def _section(body: b3.Body, side: str, name: str, f: float, steps: int = 36) -> tuple[b3.Vec, list]:
    """The centre of a limb's cross-section `f` of the way along it, and points round its
    outside (the strap's path round that limb), in world space."""
    seg = next(s for s in body.segments if s.side == side and s.name == name)
    c = b3.add(seg.p0, b3.mul(b3.sub(seg.p1, seg.p0), f))
    ra = seg.r0[0] + (seg.r1[0] - seg.r0[0]) * f + LOOP_GAP
    rl = seg.r0[1] + (seg.r1[1] - seg.r0[1]) * f + LOOP_GAP
    pts = [b3.add(c, b3.add(b3.mul(seg.cross[0], ra * math.cos(2 * math.pi * k / steps)),
                            b3.mul(seg.cross[1], rl * math.sin(2 * math.pi * k / steps)))) for k in range(steps)]
    return c, pts


def loop_path(prop, body: b3.Body, camera) -> tuple[list, bool] | None:
    """The world points of the part of a loop round both legs that faces the reader (drawn over
    the legs), and whether that is the whole loop (seen along the legs). The loop is the band
    stretched round the outside of both legs' cross-sections: their convex hull, in the plane
    across the legs. None when the strap is not such a loop."""
    ends = loop_ends(prop)
    if ends is None:
        return None
    (ca, pa), (cb, pb) = (_section(body, *end) for end in ends)
    segs = {(s.side, s.name): s for s in body.segments}
    axis = b3.norm(b3.add(*(b3.norm(b3.sub(segs[e[:2]].p1, segs[e[:2]].p0)) for e in ends)))
    across = b3.sub(cb, ca)
    across = b3.sub(across, b3.mul(axis, b3.dot(across, axis)))
    if b3.dot(across, across) < 1e-10:
        across = b3.cross(axis, (0.0, 0.0, 1.0)) if abs(axis[2]) < 0.9 else (1.0, 0.0, 0.0)
    e1 = b3.norm(across)
    e2 = b3.cross(axis, e1)
    pts = pa + pb
    flat = {(b3.dot(p, e1), b3.dot(p, e2)): p for p in pts}
    ring = [flat[q] for q in _hull(list(flat))]
    if abs(b3.dot(axis, camera.toward)) > 0.85:  # seen along the legs: the whole loop shows
        return ring, True
    centre = b3.mul(b3.add(ca, cb), 0.5)
    n = len(ring)
    seen = []
    for i, p in enumerate(ring):
        out = b3.cross(b3.sub(ring[(i + 1) % n], ring[i - 1]), axis)
        if b3.dot(out, b3.sub(p, centre)) < 0:
            out = b3.mul(out, -1)
        seen.append(b3.dot(out, camera.toward) >= -1e-9)
    if all(seen):
        return ring, True
    first = next(i for i in range(n) if seen[i] and not seen[i - 1])
    arc = []
    for k in range(n):
        i = (first + k) % n
        if not seen[i]:
            break
        arc.append(ring[i])
    return arc, False


def _strap_line(surf, pts, kind: str, closed: bool = False) -> None:
    """A band (dark edges, orange core) or a belt or strap (a dark line) along page points."""
    ops = [("M", *pts[0])] + [("L", *p) for p in pts[1:]]
    if kind == "band":
        surf.path(ops, stroke=PROP_LINE, width=4.2, closed=closed)
        surf.path(ops, stroke=BAND, width=2.4, closed=closed)
    else:
        surf.path(ops, stroke=PROP_LINE, width=2.6, closed=closed)


def draw_straps(surf, camera, page, props, body: b3.Body, start: b3.Body | None = None,
                boxes_: list[tuple] = ()) -> None:
    """Bands and straps, over the body: a thick dark line with a lighter core. A band without
    `to` runs from the hand to where it is tied (placed from the `start` body), with a knot. A
    strap from one leg to the other is a loop round the outside of both legs (loop_path): its
    side facing the reader is drawn over them, from the outer edge of one leg to the other's."""
    for prop in props:
        if prop.kind not in STRAPS or not prop.at:
            continue
        loop = loop_path(prop, body, camera)
        if loop is not None:
            pts, whole = loop
            _strap_line(surf, [page(*camera.project(p)[:2]) for p in pts], prop.kind, closed=whole)
            continue
        tied = band_anchor(prop, start or body, list(boxes_))
        ends = [body.points[prop.at], tied or body.points[prop.to or prop.at]]
        a, b = (page(*camera.project(p)[:2]) for p in ends)
        if tied:
            surf.circle(*b, 2.6, stroke=PROP_LINE, fill=PROP_LINE, width=0.75)
        if prop.kind == "band" and math.dist(a, b) > 1:
            surf.line(*a, *b, stroke=PROP_LINE, width=4.2)
            surf.line(*a, *b, stroke=BAND, width=2.4)
        else:
            surf.line(*a, *b, stroke=PROP_LINE, width=2.6)
