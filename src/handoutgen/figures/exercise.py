"""Exercise figures from 3D poses: labelled Start and Finish frames with a bold arrow along the
moving part's path, or one frame with a timer (a hold), a round arrow (circles) or push arrows
(an isometric push). Each figure fills its frames (fit_scale): a lying person is as wide as the
frame, a standing one as tall; in a tall box a low figure stacks Start above Finish (layout)."""

from __future__ import annotations

from handoutgen.figures.palette import C

import math
from functools import lru_cache

from handoutgen.figures import body3d as b3
from handoutgen.figures import props3d, straps3d
from handoutgen.figures.mannequin import Page, draw_body
from handoutgen.figures.posefile import PoseFile
from handoutgen.figures.scene import path_bodies, solved_tilt

ARROW = C("#0a3d6b")
LABEL = C("#1d2733")
FRAME = C("#c3c9d0")
from handoutgen.figures.framing import GAP, LABEL as LABEL_SIZE, handout_scale, label_h, layout, scene, window, zoom_at


def draw_exercise(surf, pose: PoseFile, width: float, height: float, hold_label: str | None = None,
                  scale: float | None = None, text: tuple | None = None, label: float = LABEL_SIZE) -> None:
    """Draw into the box (0, 0, width, height) of the surface (computed once per process).
    `text` is `figure_text(words)` in the handout's language (English when None); its labels
    are `label` points high (large print passes a larger size)."""
    from handoutgen.figures.record import drawn_once
    from handoutgen.figures.text import figure_text

    text = text or figure_text()
    drawn_once(("ex", pose, round(width, 2), round(height, 2), hold_label, scale, text, label), surf,
               lambda s: _draw_exercise(s, pose, width, height, hold_label, scale, dict(text), label=label))


def draw_thumbnail(surf, pose: PoseFile, width: float, height: float) -> None:
    """Only the Finish frame (or the one frame of a hold), filling the box, with its arrow: a
    reminder on a one-page sheet, where two frames would each be too small to read."""
    from handoutgen.figures.record import drawn_once
    from handoutgen.figures.text import figure_text

    drawn_once(("thumb", pose, round(width, 2), round(height, 2)), surf,
               lambda s: _draw_exercise(s, pose, width, height, None, 1e6, dict(figure_text()), True))


def _draw_exercise(surf, pose, width, height, hold_label, scale, say, finish_only: bool = False,
                   label: float = LABEL_SIZE) -> None:
    camera, states, bodies, boxes = scene(pose)
    stacked, fw, fh = (False, width, height - 2) if finish_only else layout(pose, width, height, label)
    s = scale or handout_scale(width, height, label)
    zoom = zoom_at(pose, stacked)
    x0, y0, x1, y1 = window(pose, camera, bodies, boxes, ((fw - 6) / s, (fh - 4) / s), zoom)
    s *= zoom
    zoomed = zoom > 1
    s = min(s, (fw - 6) / (x1 - x0), (fh - 4) / (y1 - y0))  # only a figure too big to fit is smaller
    kind = pose.kind()
    lefts = [0.0, fw + GAP] if len(bodies) == 2 else [(width - fw) / 2]  # one frame: centred
    if finish_only or stacked:
        lefts = [0.0] * len(bodies)
    for i, body in enumerate(bodies):
        if finish_only and i != len(bodies) - 1:
            continue
        left = lefts[i]
        if stacked:  # Start above Finish: each frame is drawn as if it were the only one
            surf.save()
            surf.translate(0, (fh + label_h(label) + 2 + GAP) * (1 - i))
        surf.rect(left, 0, fw, fh, stroke=FRAME, width=0.75, radius=4)
        page = Page(s, left + fw / 2 - (x0 + x1) / 2 * s, 3 - y0 * s)
        words = say["start" if i == 0 else "finish"] if kind == "move" else say[kind]
        if not finish_only:
            surf.text(left + 2, fh + 3, words, size=label, color=LABEL, bold=True)
        if zoomed:  # a close-up: the body is cut at the frame
            surf.save()
            surf.clip([("M", left + 1, 1), ("L", left + fw - 1, 1), ("L", left + fw - 1, fh - 1),
                       ("L", left + 1, fh - 1), ("Z",)])
        x0_, x1_, y0_, y1_ = props3d.footprint(body, 10)
        props3d.draw_floor(surf, camera, page, (x0_ - 0.3, x1_ + 0.3, y0_ - 0.3, y1_ + 0.3),
                           (left + 1, 1, left + fw - 1, fh - 1), any(p.kind == "mat" for p in pose.props))
        for box in boxes:
            props3d.draw_box(surf, camera, page, box)
        items = props3d.rounds(pose.props, bodies[0])
        props3d.draw_rounds(surf, camera, page, [it for it in items if it[0] != "towel"])
        if i == 1 and pose.ghost:
            draw_body(surf, bodies[0], camera, page, ghost=True)
        towels = [(camera.project(it[1])[2] - 0.01, lambda it=it: props3d.draw_rounds(surf, camera, page, [it]))
                  for it in items if it[0] == "towel"]  # in among the legs: over the far one, under the near
        draw_body(surf, body, camera, page, moving=pose.moving, extras=towels)
        straps3d.draw_straps(surf, camera, page, pose.props, body, bodies[0], boxes)
        props3d.draw_held(surf, camera, page, pose.props, body)
        if zoomed:
            surf.restore()
        if kind == "move" and i == 1:
            _move_arrow(surf, pose, camera, page, states, bodies)
        elif kind in ONE_FRAME_ARROWS:
            ONE_FRAME_ARROWS[kind](surf, pose, camera, page, body)
        if stacked:
            surf.restore()
    if finish_only:
        return
    if kind == "move" and stacked:  # a chevron pointing down, between the frames, says "then"
        cx, cy = width / 2, fh + label_h(label) + 2 + GAP / 2
        surf.path([("M", cx - 5, cy + 2.5), ("L", cx, cy - 2.5), ("L", cx + 5, cy + 2.5)], stroke=ARROW, width=1.6)
    elif kind == "move":  # a chevron between the frames says "then"
        cx, cy = fw + GAP / 2, fh / 2
        surf.path([("M", cx - 2.5, cy + 5), ("L", cx + 2.5, cy), ("L", cx - 2.5, cy - 5)], stroke=ARROW, width=1.6)
    if kind != "move" and (hold_label or kind == "hold"):  # beside the one frame
        r = min(11.0 * label / LABEL_SIZE, fh * 0.14)
        cx = lefts[0] + fw + GAP + r + 4
        # the hold time is centred under the stopwatch, but never past the figure's right edge
        shift = max(0.0, cx + surf.text_width(hold_label, label, bold=True) / 2 - width) if hold_label else 0.0
        timer(surf, cx, fh - r - 6, r, hold_label, size=label, label_dx=-shift)
    elif hold_label:  # a held finish: a small stopwatch in the Finish label's row
        timer(surf, lefts[-1] + fw - 6, fh + 1.5 + label / 2, label / 2, hold_label, inside=True, size=label)


def _circle(surf, pose, camera, page, body) -> None:
    """Around the point, set a little out from the body so it stays clear of it and the floor."""
    p = body.points[pose.moving]
    out = b3.sub(p, body.points["chest"])
    out = b3.norm((out[0], out[1], max(out[2], 0.0)))
    centre = b3.add(p, b3.mul(out, 0.06))
    _circle_arrow(surf, camera, page, (centre[0], centre[1], max(centre[2], 0.25)))


def _rock(surf, pose, camera, page, body) -> None:
    """A two-headed arrow through the point, level with the floor, toward `toward`: to and fro
    (rolling on a roller or a ball)."""
    p, q = body.points[pose.moving], body.points[pose.toward or "chest"]
    q = (q[0], q[1], p[2])
    (x, y), (qx, qy) = page(*camera.project(p)[:2]), page(*camera.project(q)[:2])
    n = math.hypot(qx - x, qy - y) or 1.0
    ux, uy = (qx - x) / n, (qy - y) / n
    half = 0.16 * page.scale + 4
    mx, my = x, y
    arrow(surf, [(mx - ux * half, my - uy * half), (mx + ux * half, my + uy * half)], width=2.0, both=True)


def _push(surf, pose, camera, page, body) -> None:
    if pose.push in ("up", "down"):
        _press_arrows(surf, camera, page, body, pose.moving, 1.0 if pose.push == "up" else -1.0)
    else:
        _push_arrows(surf, camera, page, body, pose.moving)


ONE_FRAME_ARROWS = {"circle": _circle, "isometric": _push, "rock": _rock}


@lru_cache(maxsize=256)
def moving_path(pose: PoseFile, steps: int = 6) -> tuple:
    """The moving point's path from start to finish, in world space."""
    _, states, bodies, _ = scene(pose)
    name = moving_point(pose, bodies)
    tilts = (solved_tilt(states[0]), solved_tilt(states[1]))
    bodies = path_bodies(states[0], states[1], [i / steps for i in range(steps + 1)], tilts)
    return tuple(b.points[name] for b in bodies)


def moving_point(pose: PoseFile, bodies) -> str:
    """The named point, or the one that travels furthest between start and finish."""
    if pose.moving:
        return pose.moving
    a, b = bodies
    return max(a.points, key=lambda n: math.dist(a.points[n], b.points[n]))


def _move_arrow(surf, pose, camera, page, states, bodies) -> None:
    """A bold arrow beside the moving point's path from start to finish."""
    path = [page(*camera.project(p)[:2]) for p in moving_path(pose)]
    centre = page(*camera.project(bodies[1].points["chest"])[:2])
    pull = page(*camera.project(bodies[1].points["pelvis"])[:2])
    centre = ((centre[0] + pull[0]) / 2, (centre[1] + pull[1]) / 2)
    offset = 0.11 * page.scale + 3
    mid = path[len(path) // 2]
    chord = (path[-1][0] - path[0][0], path[-1][1] - path[0][1])
    n = math.hypot(*chord) or 1.0
    normal = (-chord[1] / n, chord[0] / n)
    if (mid[0] - centre[0]) * normal[0] + (mid[1] - centre[1]) * normal[1] < 0:
        normal = (-normal[0], -normal[1])
    floor = page(0, camera.project((0, 0, 0))[1])[1]
    if min(y + normal[1] * offset for _, y in path) < floor - 1:  # never under the floor
        normal = (-normal[0], -normal[1])
    pts = [(x + normal[0] * offset, y + normal[1] * offset) for x, y in path]
    length = sum(math.dist(pts[i], pts[i + 1]) for i in range(len(pts) - 1))
    if length < 22:  # a small movement still gets a readable arrow: stretch it about its middle
        k = 22 / max(length, 0.5)
        cx, cy = pts[len(pts) // 2]
        pts = [(cx + (x - cx) * k, cy + (y - cy) * k) for x, y in pts]
    low = min(y for _, y in pts)
    if low < floor - 1:  # a stretched arrow (a small movement toward the floor) stays above it
        pts = [(x, y + floor + 2 - low) for x, y in pts]
    arrow(surf, pts)


def arrow(surf, pts: list[tuple[float, float]], width: float = 2.4, both: bool = False) -> None:
    """A solid arrow along a polyline (white halo so it reads over the body), head at the end
    (and at the start too when `both`)."""
    head = 4.2 * width
    heads, line = [], list(pts)
    for tip_first in ((False, True) if both else (False,)):
        seq = list(reversed(line)) if tip_first else line
        tri, base = _head(seq, head)
        heads.append(tri)
        cut = [p for p in seq[:-1] if math.dist(p, seq[-1]) > head * 0.8] + [base]
        line = list(reversed(cut)) if tip_first else cut
    ops = _smooth_open(line)
    surf.path(ops, stroke=C("#ffffff"), width=width + 2.2)
    for tri in heads:
        surf.path(tri, stroke=C("#ffffff"), fill=C("#ffffff"), width=2.2, closed=True)
    surf.path(ops, stroke=ARROW, width=width)
    for tri in heads:
        surf.path(tri, fill=ARROW, stroke=ARROW, width=0.8, closed=True)


def _smooth_open(pts) -> list[tuple]:
    """A smooth curve through the points (Catmull-Rom as Beziers), for arrows from few samples."""
    ops = [("M", *pts[0])]
    for i in range(len(pts) - 1):
        p0, p1, p2 = pts[max(i - 1, 0)], pts[i], pts[i + 1]
        p3 = pts[min(i + 2, len(pts) - 1)]
        ops.append(("C", p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6,
                    p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6, *p2))
    return ops


def _head(pts, head: float):
    """The arrowhead at the end of `pts` and the point where the line should stop."""
    end, before = pts[-1], pts[-1]
    for p in reversed(pts[:-1]):  # the head's direction from a point about its length back
        before = p
        if math.dist(p, end) >= head:
            break
    dx, dy = end[0] - before[0], end[1] - before[1]
    n = math.hypot(dx, dy) or 1.0
    ux, uy = dx / n, dy / n
    base = (end[0] - ux * head * 0.8, end[1] - uy * head * 0.8)
    wing = head * 0.55
    tri = [("M", end[0] + ux * 1.0, end[1] + uy * 1.0), ("L", base[0] - uy * wing, base[1] + ux * wing),
           ("L", base[0] + uy * wing, base[1] - ux * wing), ("Z",)]
    return tri, base


def _circle_arrow(surf, camera, page, point) -> None:
    x, y = page(*camera.project(point)[:2])
    r = 0.08 * page.scale + 3
    pts = [(x + r * math.cos(math.radians(a)), y + r * math.sin(math.radians(a))) for a in range(60, 390, 10)]
    arrow(surf, pts)


def _push_arrows(surf, camera, page, body, name) -> None:
    """Two short arrows from the moving point outward (away from the midline): push this way."""
    p = body.points[name]
    side = "left" if name.startswith("left") else "right"
    other = "right" if side == "left" else "left"
    direction = b3.norm(b3.sub(body.points[b3.at(side, "hip")], body.points[b3.at(other, "hip")]))  # outward
    x, y = page(*camera.project(p)[:2])
    dx, dy = b3.dot(direction, camera.right), b3.dot(direction, camera.up)
    n = math.hypot(dx, dy) or 1.0
    dx, dy = dx / n, dy / n
    start = 0.06 * page.scale + 3
    if camera.up[2] > 0.7 and abs(dx) > 0.9:  # upright view, sideways push: both arrows above the
        # floor (at an ankle the lower one went under it, and off a small picture's frame)
        floor = page(*camera.project((p[0], p[1], 0.0))[:2])[1]
        y = max(y, floor + 6 + 5)
    for k in (-1, 1):
        ox, oy = -dy * k * 6, dx * k * 6
        arrow(surf, [(x + dx * start + ox, y + dy * start + oy), (x + dx * (start + 16) + ox, y + dy * (start + 16) + oy)],
              width=2.0)


def _press_arrows(surf, camera, page, body, name, up: float) -> None:
    """Two short arrows pointing up (`up` 1) or down (-1) onto the point from the other side:
    push this way (a knee pressing down, the back of a hand pushing up)."""
    x, y = page(*camera.project(body.points[name])[:2])
    dx, dy = b3.dot((0, 0, up), camera.right), b3.dot((0, 0, up), camera.up)
    n = math.hypot(dx, dy) or 1.0
    dx, dy = dx / n, dy / n
    gap = 0.035 * page.scale + 1.5
    for k in (-1, 1):
        ox, oy = -dy * k * 6, dx * k * 6
        tip = (x - dx * gap + ox, y - dy * gap + oy)
        arrow(surf, [(tip[0] - dx * 13, tip[1] - dy * 13), tip], width=2.0)


def timer(surf, cx: float, cy: float, r: float, label: str | None, inside: bool = False,
          size: float = LABEL_SIZE, label_dx: float = 0.0) -> None:
    """A stopwatch badge with the hold time (`size` points) under it (moved `label_dx` to stay
    inside the figure), or (`inside` a label row) to its left."""
    surf.circle(cx, cy, r, stroke=ARROW, fill=C("#ffffff"), width=1.6)
    surf.rect(cx - r * 0.22, cy + r * 1.02, r * 0.44, r * 0.3, fill=ARROW)
    surf.line(cx, cy, cx, cy + r * 0.7, stroke=ARROW, width=1.6)
    surf.line(cx, cy, cx + r * 0.5, cy + r * 0.2, stroke=ARROW, width=1.6)
    if label and inside:
        surf.text(cx - r - 4, cy - size * 0.35, label, size=size, color=LABEL, bold=True, anchor="end")
    elif label:
        surf.text(cx + label_dx, cy - r - size - 1, label, size=size, color=LABEL, bold=True, anchor="middle")
