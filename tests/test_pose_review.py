"""The figure review (s6) findings 4, 11, 15 and 17, checked on the placed bodies: each picture
shows what its card's steps say (offset squat, sit to stand, side plank on the knees, wall
squat). World axes: x forward (where a standing person faces), y to their left, z up; the
floor is z = 0."""

from __future__ import annotations

import math

import pytest

from handoutgen.figures import body3d as b3
from handoutgen.figures.framing import scene
from handoutgen.figures.posefile import load_pose

FLAT = 0.012  # a foot is flat when its heel and toe both touch the floor to within this (metres)


def placed(pid: str):
    """(bodies, boxes) of a pose: one placed body per frame, and the standing props' boxes."""
    _, _, bodies, boxes = scene(load_pose(pid))
    return bodies, boxes


def seg(body: b3.Body, side: str, name: str) -> b3.Segment:
    return next(s for s in body.segments if s.side == side and s.name == name)


def lows(segment: b3.Segment) -> tuple[float, float]:
    """The heights of the undersides of a segment's two ends."""
    return tuple(p[2] - b3.extent(segment.cross, *r, (0, 0, 1)) for p, r in
                 ((segment.p0, segment.r0), (segment.p1, segment.r1)))


def flat_on_floor(body: b3.Body, side: str) -> bool:
    heel, toe = lows(seg(body, side, "foot"))
    return abs(heel) < FLAT and abs(toe) < FLAT


def knee_bend(body: b3.Body, side: str) -> float:
    """Knee flexion, degrees, from the placed points (0 straight)."""
    p = body.points
    return _between(b3.sub(p[f"{side} knee"], p[f"{side} hip"]), b3.sub(p[f"{side} ankle"], p[f"{side} knee"]))


def from_vertical(a, b) -> float:
    """Degrees between the line a -> b and the vertical."""
    return _between(b3.sub(b, a), (0, 0, 1 if b[2] >= a[2] else -1))


def _between(u, v) -> float:
    c = b3.dot(u, v) / math.sqrt(b3.dot(u, u) * b3.dot(v, v))
    return math.degrees(math.acos(max(-1.0, min(1.0, c))))


# --- Offset squat (finding 4): hips back and down, weight on the back leg, feet flat and staggered

def test_offset_squat_hips_go_back_and_down_away_from_the_front_foot():
    (start, finish), _ = placed("offset-squat")
    front = start.points["left heel"][0]  # the left foot is the front one (x forward)
    assert front > start.points["right toe"][0] - 0.02  # half a step ahead: its heel by the back toes
    back_by = start.points["pelvis"][0] - finish.points["pelvis"][0]
    assert back_by > 0.12, "the pelvis should travel backward, as if to sit"
    assert abs(finish.points["pelvis"][0] - front) > abs(start.points["pelvis"][0] - front) + 0.12
    assert start.points["pelvis"][2] - finish.points["pelvis"][2] > 0.07, "and down"


def test_offset_squat_feet_stay_flat_and_staggered_where_they_started():
    (start, finish), _ = placed("offset-squat")
    for body in (start, finish):
        for side in ("right", "left"):
            assert flat_on_floor(body, side), f"{side} foot not flat on the floor"
        stagger = body.points["left heel"][0] - body.points["right heel"][0]
        assert 0.2 < stagger < 0.4, "the front foot is about half a step ahead"
    for side in ("right", "left"):
        for part in ("heel", "toe"):
            assert math.dist(start.points[f"{side} {part}"], finish.points[f"{side} {part}"]) < 0.012


def test_offset_squat_back_leg_bends_and_takes_the_weight_knee_behind_the_toes():
    (start, finish), _ = placed("offset-squat")
    p = finish.points
    assert knee_bend(finish, "right") > knee_bend(finish, "left") + 20  # the back leg bends most
    assert 45 <= knee_bend(finish, "right") <= 70  # part of the way down
    # the pelvis over the back foot, not between the feet or ahead
    assert abs(p["pelvis"][0] - p["right ankle"][0]) < abs(p["pelvis"][0] - p["left ankle"][0]) - 0.2
    assert p["right knee"][0] < p["right toe"][0], "the back knee stays behind its toes"
    assert p["left knee"][0] < p["left toe"][0]
    lean = from_vertical(p["pelvis"], p["neck"])
    assert 10 <= lean <= 25, "the trunk leans forward only a little"
    assert p["neck"][0] > p["pelvis"][0]  # forward, not back
    assert from_vertical(start.points["pelvis"], start.points["neck"]) < 2  # Start stands tall


# --- Sit to stand (finding 11): arms crossed on the chest; the lean comes from the hips

def _trunk(body: b3.Body):
    """(forward, up) unit vectors of the chest: from the back point to the chest point, and from
    the waist to the neck."""
    p = body.points
    return b3.norm(b3.sub(p["chest"], p["back"])), b3.norm(b3.sub(p["neck"], p["waist"]))


def test_sit_to_stand_wrists_cross_in_front_of_the_chest_in_both_frames():
    bodies, _ = placed("sit-to-stand")
    for body in bodies:
        p = body.points
        mid = p["pelvis"][1]
        # each wrist past the middle of the body, on the other side (y is to the person's left)
        assert p["right wrist"][1] > mid + 0.04 and p["left wrist"][1] < mid - 0.04
        forward, up = _trunk(body)
        for side in ("right", "left"):
            w = b3.sub(p[f"{side} wrist"], p["chest"])
            assert 0.09 < b3.dot(w, forward) < 0.2, "just in front of the chest, not in it or held out"
            height = b3.dot(b3.sub(p[f"{side} wrist"], p["waist"]), up)
            assert 0.1 < height < math.dist(p["waist"], p["neck"]), "at chest height, not by the chin"


def test_sit_to_stand_leans_from_the_hips_with_a_straight_back_on_the_chair():
    (start, finish), boxes = placed("sit-to-stand")
    p = start.points
    lean = from_vertical(p["pelvis"], p["neck"])
    assert 15 <= lean <= 35 and p["neck"][0] > p["pelvis"][0], "leaning forward a little"
    # a straight back: the lower and upper trunk in one line (no slump)
    assert _between(b3.sub(p["waist"], p["pelvis"]), b3.sub(p["neck"], p["waist"])) < 1
    seat_top = boxes[0][5]
    for side in ("right", "left"):
        assert abs(p[f"{side} hip"][2] - p[f"{side} knee"][2]) < 0.01  # thighs level on the seat
        assert abs(lows(seg(start, side, "thigh"))[0] - seat_top) < 0.03  # resting on it
        assert flat_on_floor(start, side) and flat_on_floor(finish, side)
    assert p["pelvis"][2] - seat_top == pytest.approx(0.1)  # sitting on the seat, as the chair is set
    q = finish.points
    assert from_vertical(q["pelvis"], q["neck"]) < 2 and knee_bend(finish, "right") < 2  # stands tall


# --- Side plank on the knees (finding 15): shins on the mat behind, elbow under the shoulder

def test_side_plank_bottom_shin_lies_on_the_mat_behind_the_body():
    (body,), boxes = placed("side-bridge")
    p = body.points
    knee_end, ankle_end = lows(seg(body, "left", "shin"))
    assert abs(knee_end) < 0.01, "the bottom knee is on the mat"
    assert ankle_end < 0.06, "and the shin lies along it, not up in the air"
    assert lows(seg(body, "left", "thigh"))[1] < 0.02
    forward = b3.norm(b3.sub(p["chest"], p["back"]))
    shin = b3.norm(b3.sub(p["left ankle"], p["left knee"]))
    assert b3.dot(shin, forward) < -0.8, "the shin points behind the body"
    assert knee_bend(body, "left") >= 80
    # the top leg rests on the bottom one (knees stacked), not held in the air
    assert p["right knee"][2] - p["left knee"][2] < 0.11
    mat = boxes[0]
    for name in ("left knee", "left ankle", "left elbow", "left wrist", "right ankle"):
        assert mat[0] < p[name][0] < mat[1] and mat[2] < p[name][1] < mat[3], f"{name} off the mat"


def test_side_plank_elbow_under_the_shoulder_forearm_flat_hips_in_a_line():
    (body,), _ = placed("side-bridge")
    p = body.points
    assert from_vertical(p["left elbow"], p["left shoulder"]) < 5, "upper arm vertical"
    assert all(low < 0.03 for low in lows(seg(body, "left", "forearm"))), "forearm flat on the mat"
    assert p["left elbow"][2] < 0.06, "the elbow rests on the mat"
    # straight from head to knees: the middle of the hips on the line from the middle of the
    # shoulders to the middle of the knees (within 3 cm; not sagging toward the mat)
    a, m = p["shoulders"], p["pelvis"]
    k = b3.mul(b3.add(p["left knee"], p["right knee"]), 0.5)
    assert _between(b3.sub(m, a), b3.sub(k, m)) < 6
    on_line = a[2] + (k[2] - a[2]) * (m[0] - a[0]) / (k[0] - a[0])
    assert -0.01 < m[2] - on_line < 0.03
    assert m[2] > 0.25, "the hips are lifted"


# --- Wall squat (finding 17): Start stands tall, Finish knees about 45-50; back on the wall

def test_wall_squat_start_and_finish_clearly_differ_and_stop_by_halfway():
    (start, finish), _ = placed("wall-squat")
    k0, k1 = knee_bend(start, "right"), knee_bend(finish, "right")
    assert k1 - k0 >= 35
    assert k0 <= 10, "Start stands tall"
    assert 40 <= k1 <= 50, "not past halfway to sitting"
    assert start.points["head"][2] - finish.points["head"][2] > 0.06


def test_wall_squat_back_stays_flat_on_the_wall_and_feet_stay_a_step_out():
    (start, finish), boxes = placed("wall-squat")
    wall = boxes[0][1]  # the wall's face toward the person (it stands behind them, at -x)
    for body in (start, finish):
        p = body.points
        assert from_vertical(p["pelvis"], p["neck"]) < 1, "back upright, flat on the wall"
        for name in ("back", "low back"):
            gap = p[name][0] - wall
            assert 0 <= gap < 0.03, f"{name} {gap:.3f} m from the wall"
        pelvis_back = p["pelvis"][0] - seg(body, "centre", "pelvis").r0[0]
        assert 0 <= pelvis_back - wall < 0.02
        assert p["head"][0] - b3.HEAD_R >= wall, "the head stays out of the wall"
        for side in ("right", "left"):
            assert flat_on_floor(body, side)
            assert 0.2 < p[f"{side} heel"][0] - wall < 0.45, "heels a short step out from the wall"
            assert p[f"{side} knee"][0] < p[f"{side} toe"][0]
    for part in ("right heel", "right toe", "left heel", "left toe"):
        assert math.dist(start.points[part], finish.points[part]) < 0.01, "the feet stay put"
