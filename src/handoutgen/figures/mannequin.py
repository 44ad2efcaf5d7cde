"""The mannequin: every body part a tapered, rounded tube with an outline and a flat fill, drawn
far to near. The head has hair at the back and a nose and ear, so face-up, face-down and
facing away read. The side nearer the reader is darker; in a front or back view both are."""

from __future__ import annotations

from handoutgen.figures.palette import C

import math
from dataclasses import dataclass

from handoutgen.figures import body3d as b3

OUTLINE = C("#1d2733")
OUTLINE_FAR = C("#5b6673")
NEAR = C("#8ea3bd")
TORSO = C("#b7c6d8")
FAR = C("#dde5ee")
HAIR = C("#4a4f57")
GHOST = C("#eef1f5")
GHOST_LINE = C("#9aa3ad")
K = 0.5523  # cubic Bezier handle length for a quarter ellipse


@dataclass(frozen=True)
class Page:
    """Metres in the camera plane to page points: the figure's one scale and origin."""

    scale: float
    ox: float
    oy: float

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        return self.ox + x * self.scale, self.oy + y * self.scale


def tube_ops(camera, page: Page, seg: b3.Segment) -> list[tuple]:
    """The outline of a tapered tube with half-ellipse ends, as path ops on the page."""
    x0, y0, _ = camera.project(seg.p0)
    x1, y1, _ = camera.project(seg.p1)
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    if length < 1e-4:
        dx, dy, length = 0.0, 1.0, 1.0
    ux, uy = dx / length, dy / length
    nx, ny = -uy, ux
    across = b3.add(b3.mul(camera.right, nx), b3.mul(camera.up, ny))
    w0 = b3.extent(seg.cross, *seg.r0, across)
    w1 = b3.extent(seg.cross, *seg.r1, across)
    along = b3.add(b3.mul(camera.right, ux), b3.mul(camera.up, uy))
    # a tube seen end-on shows its cross-section: the ends reach as far as the section does
    c0 = max(b3.extent(seg.cross, *seg.r0, along), w0 * 0.25)
    c1 = max(b3.extent(seg.cross, *seg.r1, along), w1 * 0.25)
    cap0 = min(c0 if seg.cap[0] is None else max(seg.cap[0], 0.6 * c0), w0)
    cap1 = min(c1 if seg.cap[1] is None else max(seg.cap[1], 0.6 * c1), w1)
    cap0, cap1 = max(cap0, 0.004), max(cap1, 0.004)

    def pt(x, y):
        return page(x, y)

    a0 = (x0 + nx * w0, y0 + ny * w0)
    a1 = (x1 + nx * w1, y1 + ny * w1)
    b1 = (x1 - nx * w1, y1 - ny * w1)
    b0 = (x0 - nx * w0, y0 - ny * w0)
    tip1 = (x1 + ux * cap1, y1 + uy * cap1)
    tip0 = (x0 - ux * cap0, y0 - uy * cap0)
    ops = [("M", *pt(*a0)), ("L", *pt(*a1))]
    ops.append(("C", *pt(a1[0] + ux * cap1 * K, a1[1] + uy * cap1 * K),
                *pt(tip1[0] + nx * w1 * K, tip1[1] + ny * w1 * K), *pt(*tip1)))
    ops.append(("C", *pt(tip1[0] - nx * w1 * K, tip1[1] - ny * w1 * K),
                *pt(b1[0] + ux * cap1 * K, b1[1] + uy * cap1 * K), *pt(*b1)))
    ops.append(("L", *pt(*b0)))
    ops.append(("C", *pt(b0[0] - ux * cap0 * K, b0[1] - uy * cap0 * K),
                *pt(tip0[0] - nx * w0 * K, tip0[1] - ny * w0 * K), *pt(*tip0)))
    ops.append(("C", *pt(tip0[0] + nx * w0 * K, tip0[1] + ny * w0 * K),
                *pt(a0[0] - ux * cap0 * K, a0[1] - uy * cap0 * K), *pt(*a0)))
    ops.append(("Z",))
    return ops


def side_tones(body: b3.Body, camera) -> dict[str, tuple[str, str]]:
    """(fill, outline) per side: the nearer side darker when one side is clearly nearer."""
    depth = {s: camera.project(body.points[b3.at(s, "hip")])[2] + camera.project(body.points[b3.at(s, "shoulder")])[2]
             for s in b3.SIDES}
    diff = depth["right"] - depth["left"]
    if abs(diff) < 0.12:
        return {"right": (NEAR, OUTLINE), "left": (NEAR, OUTLINE), "centre": (TORSO, OUTLINE)}
    near, far = ("right", "left") if diff > 0 else ("left", "right")
    return {near: (NEAR, OUTLINE), far: (FAR, OUTLINE_FAR), "centre": (TORSO, OUTLINE)}


def line_width(scale: float) -> float:
    """Outline width in points: at least 0.75 pt at print size, a little more on big figures."""
    return max(0.8, min(1.3, scale / 55))


LIMBS = b3.LIMB_OF


def draw_body(surf, body: b3.Body, camera, page: Page, *, ghost: bool = False, faint: bool = False,
              moving: str | None = None, extras=()) -> None:
    """The whole mannequin, far parts first (`extras`: (depth, paint()) pairs drawn in among the
    parts, a towel roll under a knee). `ghost`: the start pose behind a finish pose;
    `faint`: the whole-body map's orientation figure; `moving`: a body point whose limb is
    drawn in the near tone even when it is on the far side (the part that moves stands out)."""
    side_of, part = (moving.split(" ", 1) + [""])[:2] if moving else ("", "")
    strong = (side_of, LIMBS.get(part) or {"knee": "leg", "ankle": "leg", "heel": "leg", "toe": "leg",
                                            "elbow": "arm", "wrist": "arm"}.get(part))  # not hip, shoulder
    tones = side_tones(body, camera)
    width = line_width(page.scale)
    plane = camera.project(body.points["pelvis"])[2] - 0.09  # limbs well behind the trunk are far
    items = []
    for seg in body.segments:
        depth = (camera.project(seg.p0)[2] + camera.project(seg.p1)[2]) / 2
        if seg.side == "centre" and seg.name != "neck":
            depth -= 0.06  # arms and legs beside the trunk are drawn over it
        items.append((depth, "seg", seg))
    items.append((camera.project(body.points["head"])[2] + 0.05, "head", None))
    items += [(depth, paint, None) for depth, paint in extras]
    for depth, kind, seg in sorted(items, key=lambda i: i[0]):
        if callable(kind):
            kind()
            continue
        if ghost:
            fill, stroke = GHOST, GHOST_LINE
        elif faint:
            fill, stroke = C("#f1f3f6"), C("#aab2bc")
        else:
            fill, stroke = tones[seg.side] if seg else tones["centre"]
            if seg and seg.side != "centre" and depth < plane:
                fill, stroke = FAR, OUTLINE_FAR
            if seg and (seg.side, LIMBS.get(seg.name)) == strong:
                fill, stroke = NEAR, OUTLINE
        if kind == "seg":
            surf.path(tube_ops(camera, page, seg), stroke=stroke, fill=fill, width=width, closed=True)
        else:
            draw_head(surf, body, camera, page, fill, stroke, width, plain=ghost, hair_colour=C("#c5cad0") if faint else HAIR)


def _hull(points):
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def half(seq):
        out = []
        for p in seq:
            while len(out) >= 2 and ((out[-1][0] - out[-2][0]) * (p[1] - out[-2][1])
                                     - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])) <= 0:
                out.pop()
            out.append(p)
        return out

    lower, upper = half(pts), half(reversed(pts))
    return lower[:-1] + upper[:-1]


def draw_head(surf, body: b3.Body, camera, page: Page, fill: str, stroke: str, width: float,
              plain: bool = False, hair_colour: str = HAIR) -> None:
    """Head, hair on the back and top, then the face cues that face the reader."""
    centre = body.points["head"]
    a, l, s = body.head
    r = b3.HEAD_R
    cx, cy, _ = camera.project(centre)
    px, py = page(cx, cy)
    facing = b3.dot(a, camera.toward)  # 1: the face looks at the reader
    nose_tip = b3.add(centre, b3.add(b3.mul(a, r * 1.22), b3.mul(s, -r * 0.1)))
    nose = [b3.add(centre, b3.add(b3.mul(a, r * 0.8), b3.mul(s, r * 0.25))), nose_tip,
            b3.add(centre, b3.add(b3.mul(a, r * 0.85), b3.mul(s, -r * 0.35)))]
    nose_ops = [("M", *page(*camera.project(nose[0])[:2]))] + [("L", *page(*camera.project(p)[:2])) for p in nose[1:]]
    if facing < 0.6 and not plain:  # in profile or turned away: the nose shows past the outline
        surf.path(nose_ops, stroke=stroke, fill=fill, width=width, closed=True)
    surf.circle(px, py, r * page.scale, stroke=stroke, fill=fill, width=width)
    if plain:
        return
    # hair is a cap on the top and back of the head, convex in any view: its outline is the cap's
    # rim where it faces the reader plus the head's outline where the cap reaches it
    crown = b3.norm(b3.sub(b3.mul(s, 0.75), b3.mul(a, 0.62)))
    c = 0.28
    e1 = b3.norm(b3.cross(crown, camera.toward if abs(b3.dot(crown, camera.toward)) < 0.99 else a))
    e2 = b3.cross(crown, e1)
    side1 = b3.norm(b3.cross(camera.toward, crown if abs(b3.dot(crown, camera.toward)) < 0.99 else a))
    side2 = b3.cross(camera.toward, side1)
    hair = []
    for k in range(24):
        ang = 2 * math.pi * k / 24
        rim = b3.add(b3.mul(crown, c), b3.mul(b3.add(b3.mul(e1, math.cos(ang)), b3.mul(e2, math.sin(ang))),
                                              math.sqrt(1 - c * c)))
        edge = b3.add(b3.mul(side1, math.cos(ang)), b3.mul(side2, math.sin(ang)))
        for n, ok in ((rim, b3.dot(rim, camera.toward) >= 0), (edge, b3.dot(edge, crown) > c)):
            if ok:
                hair.append(page(*camera.project(b3.add(centre, b3.mul(n, r * 0.99)))[:2]))
    hull = _hull(hair)
    if len(hull) >= 3:
        surf.path([("M", *hull[0])] + [("L", *p) for p in hull[1:]], fill=hair_colour, stroke=hair_colour, width=0.75, closed=True)
    ear_side = l if b3.dot(l, camera.toward) > 0 else b3.mul(l, -1)
    if abs(b3.dot(l, camera.toward)) > 0.35:
        ex, ey, _ = camera.project(b3.add(centre, b3.add(b3.mul(ear_side, r * 0.9), b3.mul(a, -r * 0.05))))
        surf.ellipse(*page(ex, ey), r * 0.2 * page.scale, r * 0.27 * page.scale, stroke=stroke, fill=fill, width=width * 0.8)
    if facing > -0.1:  # an eye on the side toward the reader
        eye = b3.add(centre, b3.add(b3.mul(a, r * 0.78), b3.add(b3.mul(s, r * 0.25), b3.mul(ear_side, r * 0.38))))
        surf.circle(*page(*camera.project(eye)[:2]), max(0.7, r * 0.1 * page.scale), fill=stroke)
        if facing > 0.6:  # facing the reader: both eyes and the nose as a short line
            eye2 = b3.add(centre, b3.add(b3.mul(a, r * 0.78), b3.add(b3.mul(s, r * 0.25), b3.mul(ear_side, -r * 0.38))))
            surf.circle(*page(*camera.project(eye2)[:2]), max(0.7, r * 0.1 * page.scale), fill=stroke)
            surf.line(*page(*camera.project(nose[0])[:2]), *page(*camera.project(nose_tip)[:2]),
                      stroke=stroke, width=width * 0.8)
