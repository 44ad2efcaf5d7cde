"""A 3D skeleton with standard adult proportions, posed by clinical joint angles.

World axes: X forward (where a standing person faces), Y to that person's left, Z up; metres.
Every body part has a frame whose columns are its anterior, left and superior directions in
anatomical position. Joint angles rotate a child frame from its parent's (intrinsic order:
flexion, then abduction, then rotation), so "hip flexion 90, abduction 30" means what a
clinician means. Segment lengths are fractions of stature (Drillis and Contini; Winter,
Biomechanics and Motor Control of Human Movement, table 4.1) for a 1.70 m adult.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

H = 1.70  # stature, metres
THIGH, SHIN, FOOT, ANKLE_H = 0.245 * H, 0.246 * H, 0.152 * H, 0.039 * H
UPPER_ARM, FOREARM, HAND = 0.186 * H, 0.146 * H, 0.108 * H
LOW_SPINE, HIGH_SPINE, NECK = 0.12 * H, 0.168 * H, 0.05 * H
HIP_HALF, SHOULDER_HALF = 0.052 * H, 0.122 * H  # half the distance between hip / shoulder joints
HEAD_R = 0.062 * H

Vec = tuple  # (x, y, z)
Mat = tuple  # three columns: (anterior, left, superior)

SIDES = ("right", "left")
LIMB_OF = {"thigh": "leg", "shin": "leg", "foot": "leg", "upper arm": "arm", "forearm": "arm", "hand": "arm"}


def add(a, b):
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a, b):
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def mul(a, k):
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a, b):
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a, b):
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def norm(a):
    n = math.sqrt(dot(a, a)) or 1.0
    return (a[0] / n, a[1] / n, a[2] / n)


def apply(m: Mat, v: Vec) -> Vec:
    """Frame times a local vector (anterior, left, superior components). Written out: it runs
    some 6,000 times in a cold build, and add(add(mul, mul), mul) was five calls each; the sums
    are in the same order, so the numbers are the same to the last bit."""
    a, b, c = m
    x, y, z = v
    return (a[0] * x + b[0] * y + c[0] * z, a[1] * x + b[1] * y + c[1] * z, a[2] * x + b[2] * y + c[2] * z)


def compose(m: Mat, r: Mat) -> Mat:
    return tuple(apply(m, col) for col in r)


def turned(m: Mat, axis: str, degrees: float) -> Mat:
    """`m` rotated about its own axis; unchanged (and no work) for 0 degrees."""
    return compose(m, rot(axis, degrees)) if degrees else m


@lru_cache(maxsize=4096)
def rot(axis: str, degrees: float) -> Mat:
    """Rotation about a local axis: 'a' (anterior), 'l' (left) or 's' (superior)."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    if axis == "a":
        return ((1, 0, 0), (0, c, s), (0, -s, c))
    if axis == "l":
        return ((c, 0, -s), (0, 1, 0), (s, 0, c))
    return ((c, s, 0), (-s, c, 0), (0, 0, 1))


IDENTITY: Mat = ((1, 0, 0), (0, 1, 0), (0, 0, 1))


@dataclass
class Joints:
    """Clinical joint angles in degrees (0 = anatomical position). Signs: flexion, abduction and
    external rotation positive; spine and neck side-bend and rotation positive toward the right."""

    spine: dict = field(default_factory=dict)  # flexion, side_bend, rotation
    neck: dict = field(default_factory=dict)
    right: dict = field(default_factory=dict)  # hip: {flexion, abduction, rotation}, knee, ankle, shoulder, elbow, wrist
    left: dict = field(default_factory=dict)


@dataclass
class Segment:
    """One drawn part: a tapered tube from p0 to p1 whose cross-sections are ellipses with
    semi-axes r = (along cross[0], along cross[1]) at each end; `cap` limits how far the rounded
    ends reach past p0 and p1 (the torso's ends are flatter than a limb's)."""

    name: str
    side: str  # right, left or centre
    p0: Vec
    p1: Vec
    r0: tuple[float, float]
    r1: tuple[float, float]
    cross: tuple  # two unit vectors across the tube
    cap: tuple = (None, None)


@dataclass
class Body:
    """A posed body: named points and drawable segments, in world coordinates."""

    points: dict[str, Vec]
    segments: list[Segment]
    head: Mat  # the head frame (its anterior is where the face looks)

    def moved(self, d: Vec) -> "Body":
        segs = [Segment(s.name, s.side, add(s.p0, d), add(s.p1, d), s.r0, s.r1, s.cross, s.cap)
                for s in self.segments]
        return Body({k: add(v, d) for k, v in self.points.items()}, segs, self.head)

    def lowest(self) -> float:
        """The lowest surface point's height (each tube end's elliptical section, and the head)."""
        out = self.points["head"][2] - HEAD_R
        for s in self.segments:
            for p, (ra, rl) in ((s.p0, s.r0), (s.p1, s.r1)):
                out = min(out, p[2] - extent(s.cross, ra, rl, (0, 0, 1)))
        return out


def extent(cross, ra: float, rl: float, direction: Vec) -> float:
    """Half the size of an elliptical cross-section (semi-axes ra along cross[0], rl along
    cross[1]) in `direction`."""
    return math.hypot(ra * dot(cross[0], direction), rl * dot(cross[1], direction))


def _angle(d: dict, joint: str, motion: str) -> float:
    value = d.get(joint, 0.0)
    if isinstance(value, dict):
        return float(value.get(motion, 0.0))
    return float(value) if motion == "flexion" else 0.0


def _ball(parent: Mat, d: dict, joint: str, sign: float) -> Mat:
    """Hip or shoulder: flexion (forward), abduction (outward), external rotation. `sign` is
    +1 on the left, -1 on the right, so outward and outward-turning mean the same on both sides."""
    m = turned(parent, "l", -_angle(d, joint, "flexion"))
    m = turned(m, "a", sign * _angle(d, joint, "abduction"))
    return turned(m, "s", sign * _angle(d, joint, "rotation"))


def _spine(parent: Mat, d: dict, share: float) -> Mat:
    m = turned(parent, "l", d.get("flexion", 0.0) * share)
    m = turned(m, "a", d.get("side_bend", 0.0) * share)
    return turned(m, "s", -d.get("rotation", 0.0) * share)


def pose_body(joints: Joints, pelvis: Mat, origin: Vec = (0.0, 0.0, 0.0)) -> Body:
    """Forward kinematics from the pelvis frame and position (the point between the hip joints)."""
    pts: dict[str, Vec] = {"pelvis": origin}
    segs: list[Segment] = []

    def seg(name, side, a, b, r0, r1, frame, cap=(None, None)):
        cross = (frame[2], frame[1]) if name == "foot" else (frame[0], frame[1])
        segs.append(Segment(name, side, pts[a], pts[b], r0, r1, cross, cap))

    low = _spine(pelvis, joints.spine, 0.5)
    pts["waist"] = add(origin, apply(pelvis, (0, 0, LOW_SPINE)))
    chest = _spine(low, joints.spine, 0.5)
    pts["neck"] = add(pts["waist"], apply(low, (0, 0, HIGH_SPINE)))
    head = _spine(chest, joints.neck, 1.0)
    pts["head"] = add(pts["neck"], apply(head, (0.012, 0, NECK + HEAD_R * 0.8)))
    pts["chest"] = add(pts["waist"], apply(low, (0, 0, HIGH_SPINE * 0.55)))
    for side, sign in (("right", -1.0), ("left", 1.0)):
        d = joints.right if side == "right" else joints.left
        hip = pts[f"{side} hip"] = add(origin, apply(pelvis, (0, sign * HIP_HALF, 0)))
        thigh = _ball(pelvis, d, "hip", sign)
        pts[f"{side} knee"] = add(hip, apply(thigh, (0, 0, -THIGH)))
        shin = turned(thigh, "l", _angle(d, "knee", "flexion"))
        pts[f"{side} ankle"] = add(pts[f"{side} knee"], apply(shin, (0, 0, -SHIN)))
        foot = turned(shin, "l", -_angle(d, "ankle", "flexion"))
        pts[f"{side} heel"] = add(pts[f"{side} ankle"], apply(foot, (-0.035, 0, -ANKLE_H * 0.55)))
        pts[f"{side} toe"] = add(pts[f"{side} ankle"], apply(foot, (FOOT * 0.78, 0, -ANKLE_H * 0.7)))
        sh = pts[f"{side} shoulder"] = add(pts["neck"], apply(chest, (-0.01, sign * SHOULDER_HALF, -0.035)))
        arm = _ball(chest, d, "shoulder", sign)
        pts[f"{side} elbow"] = add(sh, apply(arm, (0, 0, -UPPER_ARM)))
        fore = turned(arm, "l", -_angle(d, "elbow", "flexion"))
        pts[f"{side} wrist"] = add(pts[f"{side} elbow"], apply(fore, (0, 0, -FOREARM)))
        hand = turned(fore, "l", -_angle(d, "wrist", "flexion"))
        pts[f"{side} hand"] = add(pts[f"{side} wrist"], apply(hand, (0, 0, -HAND * 0.75)))
        seg("thigh", side, f"{side} hip", f"{side} knee", (0.075, 0.07), (0.05, 0.048), thigh)
        seg("shin", side, f"{side} knee", f"{side} ankle", (0.05, 0.046), (0.033, 0.03), shin)
        seg("foot", side, f"{side} heel", f"{side} toe", (0.038, 0.04), (0.02, 0.045), foot)
        seg("upper arm", side, f"{side} shoulder", f"{side} elbow", (0.045, 0.045), (0.036, 0.036), arm)
        seg("forearm", side, f"{side} elbow", f"{side} wrist", (0.035, 0.035), (0.026, 0.03), fore)
        seg("hand", side, f"{side} wrist", f"{side} hand", (0.014, 0.03), (0.016, 0.036), hand)
        pts[f"{side} thigh"] = _mid(pts[f"{side} hip"], pts[f"{side} knee"])
        pts[f"{side} shin"] = _mid(pts[f"{side} knee"], pts[f"{side} ankle"])
        pts[f"{side} foot"] = _mid(pts[f"{side} heel"], pts[f"{side} toe"])
        pts[f"{side} buttock"] = add(hip, apply(pelvis, (-0.09, sign * 0.01, -0.03)))
    seg("pelvis", "centre", "pelvis", "waist", (0.10, 0.165), (0.085, 0.135), low, (0.07, 0.0))
    seg("chest", "centre", "waist", "neck", (0.09, 0.13), (0.085, 0.16), chest, (0.0, 0.045))
    seg("neck", "centre", "neck", "head", (0.04, 0.045), (0.04, 0.045), head)
    pts["shoulders"] = _mid(pts["right shoulder"], pts["left shoulder"])
    pts["hips"] = origin
    pts["back"] = add(pts["chest"], apply(chest, (-0.09, 0, 0)))
    pts["low back"] = add(pts["waist"], apply(low, (-0.09, 0, -0.03)))
    return Body(pts, segs, head)


def at(side: str, part: str) -> str:
    """A sided body point's name: at("right", "knee") is "right knee"."""
    return f"{side} {part}"


def _mid(a: Vec, b: Vec) -> Vec:
    return mul(add(a, b), 0.5)


# Body positions: the pelvis frame (anterior, superior) in world axes and the joint angles the
# position implies unless the pose says otherwise.
POSITIONS: dict[str, tuple[Vec, Vec, dict]] = {
    "standing": ((1, 0, 0), (0, 0, 1), {}),
    "sitting": ((1, 0, 0), (0, 0, 1), {"hip": {"flexion": 90}, "knee": 90}),
    "kneeling": ((1, 0, 0), (0, 0, 1), {"knee": 90, "ankle": -40}),
    "hands and knees": ((0, 0, -1), (1, 0, 0), {"hip": {"flexion": 90}, "knee": 90, "ankle": -40,
                                               "shoulder": {"flexion": 90}, "wrist": -80}),
    "lying on back": ((0, 0, 1), (-1, 0, 0), {}),
    "lying on front": ((0, 0, -1), (-1, 0, 0), {}),
    "lying on left side": ((0, -1, 0), (1, 0, 0), {}),
    "lying on right side": ((0, -1, 0), (-1, 0, 0), {}),
}


def pelvis_frame(position: str, turn: float = 0.0, tilt: float = 0.0, roll: float = 0.0) -> Mat:
    """The pelvis frame for a body position, rolled about the X axis (+ lifts the -Y side),
    tilted about the Y axis (+ lifts whatever lies toward +X), then turned about the vertical."""
    a, s, _ = POSITIONS[position]
    frame = (a, cross(s, a), s)
    t, c, r = math.radians(tilt), math.radians(turn), math.radians(roll)

    def world(v):
        x, y, z = v
        y, z = y * math.cos(r) + z * math.sin(r), -y * math.sin(r) + z * math.cos(r)  # roll about X
        x, z = x * math.cos(t) - z * math.sin(t), x * math.sin(t) + z * math.cos(t)  # tilt about Y
        return (x * math.cos(c) - y * math.sin(c), x * math.sin(c) + y * math.cos(c), z)

    return tuple(world(col) for col in frame)


def defaults(position: str) -> dict:
    return POSITIONS[position][2]
