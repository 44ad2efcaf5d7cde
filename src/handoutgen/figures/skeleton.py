"""A simple articulated figure with fixed proportions: joint angles in, joint points out.

Angles are absolute, in degrees, counter-clockwise from pointing right (0 = right, 90 = up).
In the side view, "near" limbs are on the viewer's side and drawn dark; "far" limbs are drawn
lighter behind. In the front and back views the limbs hang from hips and shoulders set apart
across the body ("near" on the right of the picture), so sideways movements can be drawn.
A segment pointing toward or away from the viewer is drawn shortened (foreshortening).
Units: a standing figure is about 100 units tall. The figure is dropped so that its lowest
point rests on the floor (y = 0), which is what a lying or standing person does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# segment lengths (fixed proportions, so start and end poses always match)
TRUNK = 30.0
NECK = 4.0
HEAD_R = 6.5
UPPER_ARM = 16.0
FOREARM = 15.0
THIGH = 24.0
SHIN = 23.0
FOOT = 8.0
LIMB_WIDTH = 3.2  # drawn stroke width; half of it is the clearance above the floor
HIP_HALF = 5.0  # front and back views: half the distance between the hip joints
SHOULDER_HALF = 8.0

# the chains we draw: (from joint, to joint, angle name, length)
SEGMENTS = (
    ("pelvis", "shoulder", "trunk", TRUNK),
    ("pelvis", "knee_near", "thigh_near", THIGH), ("knee_near", "ankle_near", "shin_near", SHIN),
    ("ankle_near", "toe_near", "foot_near", FOOT),
    ("pelvis", "knee_far", "thigh_far", THIGH), ("knee_far", "ankle_far", "shin_far", SHIN),
    ("ankle_far", "toe_far", "foot_far", FOOT),
    ("shoulder", "elbow_near", "upper_arm_near", UPPER_ARM), ("elbow_near", "wrist_near", "forearm_near", FOREARM),
    ("shoulder", "elbow_far", "upper_arm_far", UPPER_ARM), ("elbow_far", "wrist_far", "forearm_far", FOREARM),
)
LENGTHS = {(a, b): length for a, b, _, length in SEGMENTS}


@dataclass(frozen=True)
class Placed:
    """Joint points of one pose, already resting on the floor."""

    points: dict[str, tuple[float, float]]
    head: tuple[float, float]

    def lowest(self) -> float:
        ys = [y for _, y in self.points.values()] + [self.head[1] - HEAD_R]
        return min(ys)

    def bounds(self) -> tuple[float, float, float, float]:
        xs = [x for x, _ in self.points.values()] + [self.head[0] - HEAD_R, self.head[0] + HEAD_R]
        ys = [y for _, y in self.points.values()] + [self.head[1] - HEAD_R, self.head[1] + HEAD_R]
        return min(xs), min(ys), max(xs), max(ys)


def _step(origin: tuple[float, float], degrees: float, length: float) -> tuple[float, float]:
    r = math.radians(degrees)
    return origin[0] + length * math.cos(r), origin[1] + length * math.sin(r)


def angles_with_defaults(angles: dict[str, float]) -> dict[str, float]:
    """Fill unspecified angles: head follows the trunk, feet are square to the shins."""
    a = dict(angles)
    a.setdefault("head", a["trunk"])
    for side in ("near", "far"):
        a.setdefault(f"shin_{side}", a[f"thigh_{side}"])
        a.setdefault(f"foot_{side}", a[f"shin_{side}"] + 90)
        a.setdefault(f"forearm_{side}", a[f"upper_arm_{side}"])
    return a


def place(angles: dict[str, float], *, view: str = "side", shorten: dict[str, float] | None = None,
          drop_to_floor: bool = True) -> Placed:
    """Forward kinematics from the pelvis, then rest the lowest point on the floor.
    `shorten` scales segments (by angle name, 0-1) that point toward or away from the viewer."""
    a = angles_with_defaults(angles)
    short = shorten or {}
    pts: dict[str, tuple[float, float]] = {"pelvis": (0.0, 0.0)}
    pts["shoulder"] = _step(pts["pelvis"], a["trunk"], TRUNK * short.get("trunk", 1.0))
    across = (HIP_HALF, SHOULDER_HALF) if view != "side" else (0.0, 0.0)
    for joint, half in zip(("pelvis", "shoulder"), across):
        for side, sign in (("near", -1), ("far", 1)):  # near: the picture's right when upright
            pts[f"{joint}_{side}"] = _step(pts[joint], a["trunk"] + sign * 90, half)
    for start, end, name, length in SEGMENTS[1:]:
        origin = pts[f"{start}_{end.rsplit('_', 1)[1]}"] if start in ("pelvis", "shoulder") else pts[start]
        pts[end] = _step(origin, a[name], length * short.get(name, 1.0))
    head = _step(pts["shoulder"], a["head"], (NECK + HEAD_R) * short.get("head", 1.0))
    placed = Placed(pts, head)
    if not drop_to_floor:
        return placed
    dy = LIMB_WIDTH / 2 - placed.lowest()
    return Placed({k: (x, y + dy) for k, (x, y) in pts.items()}, (head[0], head[1] + dy))
