"""Props that a patient copies: a belt or band round both legs is drawn as a loop round the
outside of both thighs just above the knees (not a bar between the knees, which reads as
"squeeze"); band side slides keep both feet on the floor; a foot on a stair stands on it, and a
heel lowered in front of a stair reaches the floor past its front edge."""

from __future__ import annotations

import math

import pytest
import yaml

from handoutgen.figures import body3d as b3
from handoutgen.figures import props3d, straps3d
from handoutgen.figures.framing import scene
from handoutgen.figures.mannequin import Page, tube_ops
from handoutgen.figures.posefile import PoseFile, load_pose

CM = 0.01


class _Calls:
    """A surface stand-in that keeps every drawing call."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        return lambda *args, **kwargs: self.calls.append((name, args, kwargs))


def _points(ops) -> list[tuple[float, float]]:
    """Every end and control point of M/L/C path ops."""
    out = []
    for op in ops:
        vals = op[1:]
        out += [(vals[i], vals[i + 1]) for i in range(0, len(vals) - 1, 2)]
    return out


def _flat(ops) -> list[tuple[float, float]]:
    """A closed outline of M/L/C ops as a polygon (curves sampled)."""
    out = []
    for op in ops:
        if op[0] in ("M", "L"):
            out.append(op[1:3])
        elif op[0] == "C":
            p0, (c1, c2, p3) = out[-1], (op[1:3], op[3:5], op[5:7])
            for k in range(1, 9):
                t = k / 8
                out.append(tuple((1 - t) ** 3 * p0[i] + 3 * (1 - t) ** 2 * t * c1[i] + 3 * (1 - t) * t * t * c2[i]
                                 + t ** 3 * p3[i] for i in (0, 1)))
    return out


def _crossings(poly, c, u) -> list[float]:
    """Where the line through `c` along `u` crosses the polygon, as distances from `c`."""
    along = (-u[1], u[0])
    out = []
    for a, b in zip(poly, poly[1:] + poly[:1]):
        da = (a[0] - c[0]) * along[0] + (a[1] - c[1]) * along[1]
        db = (b[0] - c[0]) * along[0] + (b[1] - c[1]) * along[1]
        if (da <= 0 <= db or db <= 0 <= da) and da != db:
            t = da / (da - db)
            p = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            out.append((p[0] - c[0]) * u[0] + (p[1] - c[1]) * u[1])
    return out


def _strap_points(pose, body, page):
    camera, _, bodies, boxes = scene(pose)
    surf = _Calls()
    straps3d.draw_straps(surf, camera, page, pose.props, body, bodies[0], boxes)
    pts = []
    for name, args, kwargs in surf.calls:
        if name == "path":
            pts += _points(args[0])
        elif name == "line":
            pts += [(args[0], args[1]), (args[2], args[3])]
    return pts


def _thigh(body, side):
    return next(s for s in body.segments if s.side == side and s.name == "thigh")


@pytest.mark.parametrize("pid", ["side-push-lying", "band-side-slide"])
def test_a_strap_round_both_legs_goes_round_the_outside_of_both_thighs_above_the_knees(pid):
    pose = load_pose(pid)
    camera, _, bodies, _ = scene(pose)
    page = Page(60.0, 0.0, 0.0)
    for body in bodies:
        pts = _strap_points(pose, body, page)
        assert len(pts) > 4, "a loop, not a two-point bar"
        centres = {}
        for side in b3.SIDES:
            seg = _thigh(body, side)
            c = b3.add(seg.p0, b3.mul(b3.sub(seg.p1, seg.p0), 0.8))  # just above the knee
            centres[side] = page(*camera.project(c)[:2])
        across = (centres["right"][0] - centres["left"][0], centres["right"][1] - centres["left"][1])
        n = math.hypot(*across)
        u = (across[0] / n, across[1] / n)  # on the page, from the left thigh toward the right one
        along = (-u[1], u[0])
        for side, sign in (("right", 1), ("left", -1)):
            c = centres[side]
            # the thigh's outer edge at the strap's height: where its drawn outline crosses the
            # line through the strap's place on it
            edge = max(sign * t for t in _crossings(_flat(tube_ops(camera, page, _thigh(body, side))), c, u))
            reach = max(sign * ((p[0] - c[0]) * u[0] + (p[1] - c[1]) * u[1]) for p in pts)
            assert reach >= edge - 0.3, f"{pid}: the strap stops inside the {side} thigh's outline"
            # and it sits on the thigh just above the knee, not at the knee or mid-thigh
            level = [(p[0] - c[0]) * along[0] + (p[1] - c[1]) * along[1] for p in pts]
            assert min(abs(v) for v in level) < 0.03 * 60
        knee = page(*camera.project(body.points["right knee"])[:2])
        hip = page(*camera.project(body.points["right hip"])[:2])
        strap_mid = min(pts, key=lambda p: math.dist(p, centres["right"]))
        assert math.dist(strap_mid, knee) < math.dist(strap_mid, hip)  # nearer the knee than the hip


def test_a_strap_from_one_leg_to_a_hand_stays_a_straight_line():
    pose = PoseFile.validate(yaml.safe_load("""
camera: side
props: [{kind: strap, at: right foot, to: right hand}, {kind: band, at: right knee, to: left knee}]
start: {position: sitting, right: {knee: 20}}
motion: hold
"""))
    assert straps3d.loop_ends(pose.props[0]) is None
    assert straps3d.loop_ends(pose.props[1]) == (("right", "thigh", 0.8), ("left", "thigh", 0.8))
    camera, _, bodies, boxes = scene(pose)
    surf = _Calls()
    straps3d.draw_straps(surf, camera, Page(60.0, 0, 0), pose.props[:1], bodies[0], bodies[0], boxes)
    assert [c[0] for c in surf.calls] == ["line"]


def test_band_side_slides_keep_both_feet_on_the_floor_wider_apart():
    pose = load_pose("band-side-slide")
    _, _, (start, finish), _ = scene(pose)
    for body in (start, finish):
        for side in b3.SIDES:
            assert props3d.sole(body, side) < 1 * CM, f"{side} foot off the floor"
    width = [abs(b.points["right ankle"][1] - b.points["left ankle"][1]) for b in (start, finish)]
    assert width[1] > width[0] + 0.08  # a slide out to the side, not a lift


def _step(pose):
    return scene(pose)[3][0]


def test_step_up_feet_stand_on_the_stair():
    pose = load_pose("step-up")
    _, _, (start, finish), boxes = scene(pose)
    x0, x1, _, _, _, top = boxes[0]
    assert top >= 0.12  # a stair, not a mat
    assert abs(props3d.sole(start, "right") - top) < 1 * CM  # the lead foot on the stair, not above it
    assert start.points["left toe"][0] + 0.02 < x0  # the standing foot behind the stair, not in it
    assert props3d.sole(start, "left") < 1 * CM
    for side in b3.SIDES:  # both feet on the stair at the finish, not sunk into it
        assert abs(props3d.sole(finish, side) - top) < 1 * CM
        assert x0 < finish.points[f"{side} heel"][0] - 0.01 and finish.points[f"{side} toe"][0] < x1
    assert x0 < start.points["right heel"][0] - 0.01 and start.points["right toe"][0] < x1
    # the stairs go on up in front: the bottom stair reads as one
    assert len(boxes) == 2 and boxes[1][0] == pytest.approx(x1) and boxes[1][5] == pytest.approx(2 * top)


def test_step_down_heel_reaches_the_floor_in_front_of_the_stair():
    pose = load_pose("step-down")
    _, _, (start, finish), boxes = scene(pose)
    x0, x1, _, _, _, top = boxes[0]
    assert top >= 0.12
    for body in (start, finish):  # the standing foot stays flat on the stair
        assert abs(props3d.sole(body, "right") - top) < 1 * CM
        assert x0 < body.points["right heel"][0] - 0.01 and body.points["right toe"][0] < x1
    heel = finish.points["left heel"]
    assert heel[0] - 0.02 > x1  # the back of the heel past the stair's front edge
    assert props3d.sole(finish, "left") < 1 * CM  # on the floor
    assert start.points["left heel"][0] > x1  # the other foot starts off the front of the stair
    assert boxes[1][1] == pytest.approx(x0) and boxes[1][5] == pytest.approx(2 * top)  # the flight goes up behind


def test_a_step_at_a_foot_is_under_its_sole_from_heel_to_toes():
    pose = PoseFile.validate(yaml.safe_load("""
camera: side
props: [{kind: step, at: left heel}]
start: {position: standing, left: {hip: {flexion: 40}, knee: 40}}
motion: hold
"""))
    _, _, (body,), boxes = scene(pose)
    x0, x1, _, _, z0, top = boxes[0]
    assert (z0, top) == (0.0, pytest.approx(props3d.sole(body, "left")))
    heel, toe = body.points["left heel"][0], body.points["left toe"][0]
    assert heel - 0.06 < x0 < heel - 0.01 and toe < x1 < toe + 0.05
    assert len(boxes) == 1  # no `side`: one step
