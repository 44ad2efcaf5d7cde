"""Props in the body's 3D space: boxes (mat, chair, wall, counter, step, door), round things
(ball, roller, pillow, towel roll), things held in a hand (ball, weight) and straps (band, belt,
strap) between two body points, or from a hand to where a band is tied (drawn by straps3d.py).
Boxes are placed from the start pose and stay put in every frame; straps and held things follow
the body.

A step at a foot is a stair under that foot's sole, from just
behind the heel to just past the toes; with `side: front` or `back` the next stair up is drawn
that way too, so it reads as the bottom of a flight of stairs."""

from __future__ import annotations

from handoutgen.figures.palette import C

import math

from handoutgen.figures import body3d as b3

PROP_FILL = C("#e9e9e4")
PROP_SIDE = C("#cfcfc8")
PROP_LINE = C("#55554f")
BAND = C("#d08a2e")
WEIGHT = C("#5d6670")
OUTLINE_DARK = C("#1d2733")
FLOOR = C("#f3f3f0")

MAT_T = 0.02
STRAPS = ("band", "belt", "strap")


def _box_faces(x0, x1, y0, y1, z0, z1):
    c = [(x, y, z) for x in (x0, x1) for y in (y0, y1) for z in (z0, z1)]
    # (corner indexes, outward normal)
    return [((0, 1, 3, 2), (-1, 0, 0)), ((4, 5, 7, 6), (1, 0, 0)), ((0, 1, 5, 4), (0, -1, 0)),
            ((2, 3, 7, 6), (0, 1, 0)), ((0, 2, 6, 4), (0, 0, -1)), ((1, 3, 7, 5), (0, 0, 1))], c


def draw_box(surf, camera, page, box, fill=PROP_FILL, width=0.9) -> None:
    faces, corners = _box_faces(*box)
    for idx, normal in faces:
        facing = b3.dot(normal, camera.toward)
        if facing <= 1e-6:
            continue
        pts = [page(*camera.project(corners[i])[:2]) for i in idx]
        shade = fill if normal[2] > 0 or facing > 0.9 else PROP_SIDE
        surf.path([("M", *pts[0])] + [("L", *p) for p in pts[1:]], stroke=PROP_LINE, fill=shade, width=width,
                  closed=True)


def footprint(body: b3.Body, below: float = 0.3) -> tuple[float, float, float, float]:
    """x0, x1, y0, y1 of the body parts near the floor."""
    pts = [p for p in body.points.values() if p[2] < below] or list(body.points.values())
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), max(xs), min(ys), max(ys)


def boxes(props, body: b3.Body) -> list[tuple]:
    """World boxes (x0, x1, y0, y1, z0, z1) of the standing props, from the start pose."""
    out = []
    for prop in props:
        p = body.points[prop.at] if prop.at else body.points["pelvis"]
        if prop.kind == "mat":
            x0, x1, y0, y1 = footprint(body, 0.45)
            out.append((x0 - 0.12, x1 + 0.12, y0 - 0.1, y1 + 0.1, -MAT_T, 0.0))
        elif prop.kind == "chair":
            seat = body.points["pelvis"][2] - 0.1
            px, py = body.points["pelvis"][0], body.points["pelvis"][1]
            out += [(px - 0.3, px + 0.15, py - 0.22, py + 0.22, seat - 0.05, seat),
                    (px - 0.3, px - 0.26, py - 0.22, py + 0.22, seat, seat + 0.45),
                    (px - 0.3, px - 0.26, py - 0.2, py - 0.16, 0.0, seat - 0.05),
                    (px + 0.11, px + 0.15, py - 0.2, py - 0.16, 0.0, seat - 0.05)]
        elif prop.kind == "wall":
            out.append(_wall(prop.side or "front", p))
        elif prop.kind == "counter":
            top = p[2] - 0.03
            if prop.side in ("left", "right"):  # beside the body, the hand resting on its near edge
                y = p[1] - 0.05 if prop.side == "left" else p[1] + 0.05
                y0, y1 = (y, y + 0.5) if prop.side == "left" else (y - 0.5, y)
                out.append((p[0] - 0.3, p[0] + 0.3, y0, y1, 0.0, top))
            else:
                out.append((p[0] - 0.05, p[0] + 0.45, p[1] - 0.5, p[1] + 0.5, 0.0, top))
        elif prop.kind == "door":  # a closed door beyond the reach of the start pose, a band tied to it
            out.append(_door(prop.side or "front", body))
        elif prop.kind == "step":
            step = _step(prop.at, body)
            out.append(step)
            if prop.side in ("front", "back"):  # the stairs go on up that way: the next stair
                out.append(_next_stair(step, prop.side))
    return out


STEP_BEHIND, STEP_AHEAD, STEP_HALF_W = 0.04, 0.025, 0.25  # metres: behind the heel, past the toes, half its width


def sole(body: b3.Body, side: str) -> float:
    """The height of the lowest point of a foot (the sole, for a foot standing flat)."""
    foot = next(s for s in body.segments if s.side == side and s.name == "foot")
    return min(p[2] - b3.extent(foot.cross, *r, (0, 0, 1)) for p, r in ((foot.p0, foot.r0), (foot.p1, foot.r1)))


def _step(at: str | None, body: b3.Body) -> tuple:
    """A stair under the foot of the leg `at` names (in the start pose): its top at that foot's
    sole, from just behind the heel to a little past the toes, so the foot stands on it and a
    foot lowered in front of it reaches the floor. At another point: a step just under it."""
    side = (at or "").split(" ", 1)[0]
    if side not in b3.SIDES:
        p = body.points[at] if at else body.points["pelvis"]
        return (p[0] - 0.2, p[0] + 0.2, p[1] - STEP_HALF_W, p[1] + STEP_HALF_W, 0.0, max(0.02, p[2] - 0.06))
    heel, toe = body.points[b3.at(side, "heel")], body.points[b3.at(side, "toe")]
    top = max(0.02, sole(body, side))
    along = 0 if abs(toe[0] - heel[0]) >= abs(toe[1] - heel[1]) else 1  # the axis the foot points along
    sign = 1 if toe[along] >= heel[along] else -1
    ends = sorted((heel[along] - sign * STEP_BEHIND, toe[along] + sign * STEP_AHEAD))
    mid = (heel[1 - along] + toe[1 - along]) / 2
    across = (mid - STEP_HALF_W, mid + STEP_HALF_W)
    return (*ends, *across, 0.0, top) if along == 0 else (*across, *ends, 0.0, top)


STAIR_DEPTH = 0.28  # metres: the next stair's tread


def _next_stair(step: tuple, side: str) -> tuple:
    """The stair above a step, in front of it (a person facing up the stairs) or behind it (one
    standing on the bottom stair facing down them): as high again, so the step reads as the
    bottom of a flight, not a block."""
    x0, x1, y0, y1, _, top = step
    return (x1, x1 + STAIR_DEPTH, y0, y1, 0.0, 2 * top) if side == "front" else \
        (x0 - STAIR_DEPTH, x0, y0, y1, 0.0, 2 * top)


def _wall(side: str, p) -> tuple:
    x, y = p[0], p[1]
    if side == "front":
        return (x + 0.12, x + 0.18, y - 0.6, y + 0.6, 0.0, 1.8)
    if side == "back":
        return (x - 0.23, x - 0.17, y - 0.6, y + 0.6, 0.0, 1.8)
    if side == "left":
        return (x - 0.6, x + 0.6, y + 0.05, y + 0.11, 0.0, 1.8)
    return (x - 0.6, x + 0.6, y - 0.11, y - 0.05, 0.0, 1.8)


DOOR_GAP = 0.3  # from the start pose's furthest point to a door
DOOR_H = 1.75  # no taller than a standing person with room, so it never shrinks the figure


def _door(side: str, body: b3.Body) -> tuple:
    xs = [p[0] for p in body.points.values()]
    ys = [p[1] for p in body.points.values()]
    x, y = body.points["pelvis"][0], body.points["pelvis"][1]
    if side == "back":
        x0 = min(xs) - DOOR_GAP
        return (x0 - 0.05, x0, y - 0.45, y + 0.45, 0.0, DOOR_H)
    if side in ("left", "right"):
        y0 = max(ys) + DOOR_GAP if side == "left" else min(ys) - DOOR_GAP - 0.05
        return (x - 0.45, x + 0.45, y0, y0 + 0.05, 0.0, DOOR_H)
    x0 = max(xs) + DOOR_GAP
    return (x0, x0 + 0.05, y - 0.45, y + 0.45, 0.0, DOOR_H)


def held(prop) -> bool:
    """A ball or weight `at` a hand is held in it (drawn with each frame's hand)."""
    return prop.kind == "weight" or (prop.kind == "ball" and bool(prop.at) and prop.at.endswith("hand"))


def band_anchor(prop, body: b3.Body, boxes_: list[tuple]) -> tuple | None:
    """Where a band without `to` is tied: on the near face of the box on its `side` (a door, wall
    or counter), at the height of the hand in the start pose (`body`); None for other straps."""
    if prop.kind != "band" or prop.to or not prop.at:
        return None
    side = prop.side or "front"
    hand = body.points[prop.at]
    axis, sign = {"front": (0, 1), "back": (0, -1), "left": (1, 1), "right": (1, -1)}.get(side, (0, 1))
    faces = [box[2 * axis] if sign > 0 else box[2 * axis + 1] for box in boxes_
             if (box[2 * axis] - hand[axis]) * sign > 0 and box[5] > hand[2] > box[4]]
    near = min(faces, key=lambda f: abs(f - hand[axis])) if faces else hand[axis] + sign * 0.5
    out = list(hand)
    out[axis] = near
    return tuple(out)


def rounds(props, body: b3.Body) -> list[tuple[str, tuple, float, float]]:
    """(kind, centre, rx, ry) of balls, rollers and pillows, in world space and metres."""
    out = []
    for prop in props:
        if prop.kind not in ("ball", "roller", "pillow", "towel") or held(prop):
            continue
        p = body.points[prop.at] if prop.at else body.points["pelvis"]
        r = {"ball": 0.08, "roller": 0.075, "pillow": 0.06, "towel": 0.04}[prop.kind]
        if prop.kind == "towel":  # a roll on the floor filling the gap under the point (a bent knee)
            r = min(0.07, max(0.03, (p[2] - 0.045) / 2))
            centre = (p[0], p[1], r)
        elif prop.side == "back":  # between the back and a wall
            centre = (p[0] - 0.12, p[1], p[2])
        elif prop.kind == "pillow":
            centre = (p[0], p[1], max(0.04, p[2] - 0.08))
        else:  # on the floor under the point (a roller is 15 cm across; a ball fills the gap)
            r = 0.075 if prop.kind == "roller" else min(0.09, max(0.04, (p[2] - 0.04) / 2))
            centre = (p[0], p[1], r)
        out.append((prop.kind, centre, r * (2.2 if prop.kind == "pillow" else 1), r))
    return out


def draw_rounds(surf, camera, page, items) -> None:
    for kind, centre, rx, ry in items:
        x, y, _ = camera.project(centre)
        cx, cy = page(x, y)
        if kind == "towel":  # a rolled towel seen end-on: a round with the roll's spiral inside
            surf.circle(cx, cy, ry * page.scale, stroke=PROP_LINE, fill=PROP_FILL, width=0.9)
            k = ry * page.scale
            surf.path([("M", cx + k * 0.62, cy)] + [("L", cx + k * (0.62 - 0.5 * a / 540) * math.cos(math.radians(a)),
                                                     cy + k * (0.62 - 0.5 * a / 540) * math.sin(math.radians(a)))
                                                    for a in range(20, 541, 20)], stroke=PROP_LINE, width=0.75)
        elif kind == "roller":  # a cylinder across the body, seen end-on in a side view
            surf.circle(cx, cy, ry * page.scale, stroke=PROP_LINE, fill=PROP_SIDE, width=0.9)
            surf.circle(cx, cy, ry * page.scale * 0.35, stroke=PROP_LINE, fill=PROP_FILL, width=0.75)
        elif kind == "ball":
            surf.circle(cx, cy, ry * page.scale, stroke=PROP_LINE, fill=PROP_SIDE, width=0.9)
            surf.ellipse(cx - ry * page.scale * 0.3, cy + ry * page.scale * 0.35, ry * page.scale * 0.25,
                         ry * page.scale * 0.15, fill=C("#ffffff"))
        else:
            surf.ellipse(cx, cy, rx * page.scale, ry * page.scale * 0.7, stroke=PROP_LINE, fill=PROP_FILL, width=0.9)


def clip(poly, x0, y0, x1, y1):
    """A polygon cut to a rectangle (Sutherland-Hodgman)."""
    for inside, cut in ((lambda p: p[0] >= x0, lambda a, b: x0), (lambda p: p[0] <= x1, lambda a, b: x1)):
        poly = _clip_edge(poly, inside, cut, 0)
    for inside, cut in ((lambda p: p[1] >= y0, lambda a, b: y0), (lambda p: p[1] <= y1, lambda a, b: y1)):
        poly = _clip_edge(poly, inside, cut, 1)
    return poly


def _clip_edge(poly, inside, cut, axis):
    out = []
    for i, b in enumerate(poly):
        a = poly[i - 1]
        if inside(b) != inside(a):
            v = cut(a, b)
            t = (v - a[axis]) / ((b[axis] - a[axis]) or 1e-9)
            p = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            out.append(p)
        if inside(b):
            out.append(b)
    return out


def draw_floor(surf, camera, page, footprint_: tuple, box: tuple, mat: bool = False) -> None:
    """The floor under the figure, cut to the frame `box` (x0, y0, x1, y1): a flat grey area when
    seen from above (a mat shows it instead), else a line."""
    x0, x1, y0, y1 = footprint_
    corners = [(x0, y0, -MAT_T), (x1, y0, -MAT_T), (x1, y1, -MAT_T), (x0, y1, -MAT_T)]
    pts = clip([page(*camera.project(c)[:2]) for c in corners], *box)
    if camera.toward[2] > 0.15:
        if not mat and len(pts) >= 3:
            surf.path([("M", *pts[0])] + [("L", *p) for p in pts[1:]], fill=FLOOR, closed=True)
        return
    if pts:
        y = min(p[1] for p in pts)
        surf.line(min(p[0] for p in pts), y, max(p[0] for p in pts), y, stroke=PROP_LINE, width=1.0)


WEIGHT_BAR, WEIGHT_R = 0.15, 0.04  # a small hand weight: bar length, plate radius (metres)
HELD_BALL_R = 0.04


def draw_held(surf, camera, page, props, body: b3.Body) -> None:
    """Balls and weights held in a hand, over it: a ball in the palm, or a small dumbbell whose
    bar runs across the hand (toward the body's other side), plates drawn as the ellipses they
    project to."""
    for prop in props:
        if not held(prop) or not prop.at:
            continue
        side = "left" if prop.at.startswith("left") else "right"
        other = "right" if side == "left" else "left"
        p = body.points[prop.at if prop.at.endswith("hand") else b3.at(side, "hand")]
        if prop.kind == "ball":
            cx, cy = page(*camera.project(p)[:2])
            r = HELD_BALL_R * page.scale
            surf.circle(cx, cy, r, stroke=PROP_LINE, fill=PROP_SIDE, width=0.9)
            surf.ellipse(cx - r * 0.3, cy + r * 0.35, r * 0.25, r * 0.15, fill=C("#ffffff"))
            continue
        axis = b3.norm(b3.sub(body.points[b3.at(side, "hip")], body.points[b3.at(other, "hip")]))
        ends = [b3.add(p, b3.mul(axis, k * WEIGHT_BAR / 2)) for k in (-1, 1)]
        ends.sort(key=lambda e: camera.project(e)[2])  # the far plate first
        (ax, ay), (bx, by) = (page(*camera.project(e)[:2]) for e in ends)
        bar = (bx - ax, by - ay)
        n = math.hypot(*bar)
        ux, uy = (bar[0] / n, bar[1] / n) if n > 1e-6 else (1.0, 0.0)
        r = WEIGHT_R * page.scale
        thin = max(r * abs(b3.dot(axis, camera.toward)), r * 0.3)
        surf.line(ax, ay, bx, by, stroke=OUTLINE_DARK, width=max(2.2, r * 0.45))
        for x, y in ((ax, ay), (bx, by)):  # each plate: an ellipse across the bar
            ops = [("M", x + (-uy) * r, y + ux * r)]
            for a in range(20, 361, 20):
                c, s_ = math.cos(math.radians(a)), math.sin(math.radians(a))
                ops.append(("L", x - uy * r * c + ux * thin * s_, y + ux * r * c + uy * thin * s_))
            surf.path(ops, stroke=OUTLINE_DARK, fill=WEIGHT, width=0.9, closed=True)
