"""Exercise figures: start and end poses side by side with an arrow, or one held pose and a timer."""

from __future__ import annotations

import math

from handoutgen.draw.surface import Surface, arc_ops
from handoutgen.figures.skeleton import HEAD_R, LIMB_WIDTH, SEGMENTS, Placed, place

DARK = (0.2, 0.2, 0.2)
FAR = (0.6, 0.6, 0.6)
PROP = (0.45, 0.45, 0.45)
PROP_FILL = (0.9, 0.9, 0.9)
ARROW = (0.04, 0.24, 0.42)

# prop footprints in figure units: (width, height) above the floor, or radius for balls
CHAIR_SEAT, CHAIR_BACK, COUNTER_H, BALL_R, ROLLER_R = 24.0, 22.0, 48.0, 3.6, 6.5
CIRCLE_R = 9.0  # the circling arrow around a joint


def placed_poses(pose) -> list[Placed]:
    return [place(a.angles(), view=pose.view, shorten=a.shorten) for a in (pose.start, pose.end) if a is not None]


def moving_joint(pose, poses: list[Placed]) -> str:
    """The joint named in the pose, or the one that travels furthest between start and end."""
    if pose.moving:
        return pose.moving
    start, end = poses
    names = list(start.points) + ["head"]

    def at(p: Placed, name: str):
        return p.head if name == "head" else p.points[name]

    return max(names, key=lambda n: math.dist(at(start, n), at(end, n)))


def prop_bounds(prop, pelvis: tuple[float, float]) -> tuple[float, float, float, float]:
    x = pelvis[0] + prop.x
    kind = prop.kind
    if kind == "chair":
        return x - CHAIR_SEAT / 2, 0, x + CHAIR_SEAT / 2, CHAIR_SEAT + CHAIR_BACK
    if kind == "counter":
        return x - 8, 0, x + 8, COUNTER_H
    if kind == "wall":
        return x - 2, 0, x + 2, 100
    if kind in ("ball", "roller"):
        r = BALL_R if kind == "ball" else ROLLER_R
        y = pelvis[1] + prop.y
        return x - r, y - r, x + r, y + r
    if kind == "pillow":
        y = pelvis[1] + prop.y
        return x - 7, y - 2.5, x + 7, y + 2.5
    return x, 0, x, 0  # mat: spans the figure, drawn separately


def figure_bounds(pose, poses: list[Placed]) -> tuple[float, float, float, float]:
    boxes = [p.bounds() for p in poses]
    for p in poses:
        boxes += [prop_bounds(prop, p.points["pelvis"]) for prop in pose.props]
    x0 = min(b[0] for b in boxes) - 3
    x1 = max(b[2] for b in boxes) + 3
    y1 = max(b[3] for b in boxes) + 3
    return x0, 0.0, x1, max(y1, 25.0)


def layout(pose, width: float, height: float):
    """Placed poses, figure bounds, panel width and, per pose, (left offset, scale)."""
    poses = placed_poses(pose)
    x0, y0, x1, y1 = figure_bounds(pose, poses)
    gap = 10.0
    if pose.motion == "circle":  # one pose, centred, with room for the circling arrow
        pad = CIRCLE_R + 2
        x0, y1 = x0 - pad, y1 + pad
        x1 += pad
        scale = min((width - 8) / (x1 - x0), (height - 4) / (y1 - y0))
        return poses, (x0, y0, x1, y1), width, gap, [(width - (x1 - x0) * scale) / 2], scale
    # two poses share the width; a hold keeps 30% for its timer
    panel_w = (width - gap) / 2 if len(poses) == 2 else (width - gap) * 0.7
    scale = min(panel_w / (x1 - x0), (height - 4) / (y1 - y0))
    lefts = [i * (panel_w + gap) + (panel_w - (x1 - x0) * scale) / 2 for i in range(len(poses))]
    return poses, (x0, y0, x1, y1), panel_w, gap, lefts, scale


def draw_exercise(surface: Surface, pose, width: float, height: float, hold_label: str | None = None) -> None:
    """Draw into the box (0, 0, width, height) of the surface."""
    poses, (x0, y0, x1, y1), panel_w, gap, lefts, scale = layout(pose, width, height)
    for i, placed in enumerate(poses):
        surface.save()
        surface.translate(lefts[i], 2)
        surface.scale(scale)
        surface.translate(-x0, 0)
        _floor(surface, pose, placed, x0, x1)
        _props(surface, pose, placed)
        _person(surface, placed, pose.view, behind_limbs(pose))
        if i == 1:
            joint = moving_joint(pose, poses)
            _arrow(surface, _at(poses[0], joint), _at(placed, joint), scale)
        if pose.motion == "circle":
            _circling(surface, _at(placed, pose.moving), scale)
        surface.restore()
    if pose.motion == "circle":
        return
    if len(poses) == 1:
        timer_w = width - panel_w - gap
        _timer(surface, width - timer_w / 2, height / 2, min(timer_w * 0.6, height) * 0.4, hold_label)
    else:  # a chevron between the panels says "then"
        cx, cy = panel_w + gap / 2, height / 2
        surface.line(cx - 3, cy + 5, cx + 2, cy, stroke=ARROW, width=1.6, cap="butt")
        surface.line(cx + 2, cy, cx - 3, cy - 5, stroke=ARROW, width=1.6, cap="butt")


def _at(placed: Placed, joint: str) -> tuple[float, float]:
    return placed.head if joint == "head" else placed.points[joint]


def _floor(surface: Surface, pose, placed: Placed, x0: float, x1: float) -> None:
    if any(p.kind == "mat" for p in pose.props):
        bx0, _, bx1, _ = placed.bounds()
        surface.rect(bx0 - 3, -1.5, bx1 - bx0 + 6, 1.5, stroke=PROP, fill=PROP_FILL, width=0.6)
    surface.line(x0, -1.5, x1, -1.5, stroke=PROP, width=0.9, cap="butt")


def _props(surface: Surface, pose, placed: Placed) -> None:
    pelvis = placed.points["pelvis"]
    pen = {"stroke": PROP, "width": 1.2}
    for prop in pose.props:
        x = pelvis[0] + prop.x
        if prop.kind == "chair":
            surface.line(x - CHAIR_SEAT / 2, CHAIR_SEAT, x + CHAIR_SEAT / 2, CHAIR_SEAT, **pen)
            surface.line(x - CHAIR_SEAT / 2, 0, x - CHAIR_SEAT / 2, CHAIR_SEAT + CHAIR_BACK, **pen)
            surface.line(x + CHAIR_SEAT / 2, 0, x + CHAIR_SEAT / 2, CHAIR_SEAT, **pen)
        elif prop.kind == "counter":
            surface.rect(x - 8, 0, 16, COUNTER_H, fill=PROP_FILL, **pen)
        elif prop.kind == "wall":
            surface.line(x, 0, x, 100, stroke=PROP, width=2.4)
        elif prop.kind in ("ball", "roller"):
            r = BALL_R if prop.kind == "ball" else ROLLER_R
            surface.circle(x, pelvis[1] + prop.y, r, fill=PROP_FILL, **pen)
        elif prop.kind == "pillow":
            surface.ellipse(x, pelvis[1] + prop.y, 7, 2.5, fill=PROP_FILL, **pen)


def behind_limbs(pose) -> set[str]:
    """Limbs (and the head) drawn light, behind the body: the far limbs in a side view; in a front
    or back view only those the pose names (arms further away, a leg crossed behind)."""
    if pose.behind is not None:
        return set(pose.behind)
    return {"leg_far", "arm_far"} if pose.view == "side" else set()


def _person(surface: Surface, placed: Placed, view: str = "side",
            behind: set[str] = frozenset({"leg_far", "arm_far"})) -> None:
    pts = placed.points

    def limbs(light: bool) -> None:
        for a, b, name, _ in SEGMENTS[1:]:
            side = b.rsplit("_", 1)[1]
            limb = "arm" if name.startswith(("upper_arm", "forearm")) else "leg"
            if (f"{limb}_{side}" in behind) == light:
                surface.line(*pts[f"{a}_{side}" if a in ("pelvis", "shoulder") else a], *pts[b],
                             stroke=FAR if light else DARK, width=LIMB_WIDTH)

    limbs(light=True)
    if "head" in behind:  # seen from behind, beyond the shoulders
        surface.circle(*placed.head, HEAD_R, fill=FAR)
    trunk = {"stroke": DARK, "width": LIMB_WIDTH * 1.6}  # between the limbs behind and in front
    surface.line(*pts["pelvis"], *pts["shoulder"], **trunk)
    if view != "side":  # hips and shoulders across the body
        surface.line(*pts["pelvis_far"], *pts["pelvis_near"], **trunk)
        surface.line(*pts["shoulder_far"], *pts["shoulder_near"], **trunk)
    if "head" not in behind:
        surface.circle(*placed.head, HEAD_R, fill=DARK)
    limbs(light=False)


def _pen(scale: float) -> tuple[float, float]:
    """Arrow line width and head size in figure units: at least 1.2 pt and 4.5 pt on paper, so
    arrows stay visible in small card figures."""
    return max(1.3, 1.2 / scale), max(4.5, 4.5 / scale)


def _arrow(surface: Surface, p0: tuple[float, float], p1: tuple[float, float], scale: float = 1.0) -> None:
    """A curved arrow from where the joint starts to where it ends."""
    dist = math.dist(p0, p1)
    if dist < 2:
        return
    mx, my = (p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2
    nx, ny = -(p1[1] - p0[1]) / dist, (p1[0] - p0[0]) / dist  # bulge away from the body's centre
    if ny < 0:
        nx, ny = -nx, -ny
    cx, cy = mx + nx * dist * 0.35, my + ny * dist * 0.35
    width, size = _pen(scale)
    surface.path([("M", *p0), ("C", cx, cy, cx, cy, *p1)], stroke=ARROW, width=width,
                 dash=(2 * width, 1.2 * width))
    angle = math.atan2(p1[1] - cy, p1[0] - cx)
    head = [("M", *p1)]
    for da in (2.6, -2.6):
        head.append(("L", p1[0] - size * math.cos(angle + da / 6), p1[1] - size * math.sin(angle + da / 6)))
    surface.path(head, fill=ARROW, closed=True)


def _circling(surface: Surface, centre: tuple[float, float], scale: float = 1.0) -> None:
    """A dashed circle with an arrowhead around a joint: this part moves in slow circles."""
    cx, cy = centre
    start, end = 40.0, 330.0  # degrees, counter-clockwise; the gap shows where the arrow points
    width, size = _pen(scale)
    surface.path(arc_ops(cx, cy, CIRCLE_R, CIRCLE_R, start, end - start), stroke=ARROW, width=width,
                 dash=(2 * width, 1.2 * width))
    a = math.radians(end)
    tip = (cx + CIRCLE_R * math.cos(a), cy + CIRCLE_R * math.sin(a))
    along = a + math.pi / 2  # the tangent, in the direction of travel
    half = size * 0.5
    head = [("M", tip[0] + half * math.cos(along), tip[1] + half * math.sin(along))]
    for side in (1, -1):
        head.append(("L", tip[0] - 0.55 * size * math.cos(along) + side * half * math.cos(a),
                     tip[1] - 0.55 * size * math.sin(along) + side * half * math.sin(a)))
    surface.path(head, fill=ARROW, closed=True)


def _timer(surface: Surface, cx: float, cy: float, r: float, label: str | None) -> None:
    """A stopwatch: this position is held."""
    pen = {"stroke": ARROW, "width": 1.6}
    surface.circle(cx, cy + r * 0.15, r, **pen)
    surface.line(cx, cy + r * 1.15, cx, cy + r * 1.35, cap="butt", **pen)
    surface.line(cx - r * 0.25, cy + r * 1.35, cx + r * 0.25, cy + r * 1.35, cap="butt", **pen)
    surface.line(cx, cy + r * 0.15, cx, cy + r * 0.8, cap="butt", **pen)
    surface.line(cx, cy + r * 0.15, cx + r * 0.45, cy + r * 0.15, cap="butt", **pen)
    if label:
        surface.text(cx, cy - r * 1.35, label, size=max(9.0, r * 0.55), color=DARK, bold=True, anchor="middle")
