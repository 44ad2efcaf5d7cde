"""From a pose file to posed 3D bodies and a camera: body placement, floor contact, the anchor
kept still between frames, and the orthographic projection to the page."""

from __future__ import annotations

from functools import lru_cache

import math
from dataclasses import dataclass

from handoutgen.figures import body3d as b3
from handoutgen.figures.posefile import PoseFile, Side, State, merged

# the camera's horizontal direction (from the body toward the reader) for each named view, and
# its default elevation in degrees
VIEW_DIR = {"side": ((0, -1, 0), 0.0), "front": ((1, 0, 0), 0.0), "back": ((-1, 0, 0), 0.0),
            "three-quarter": ((math.sqrt(0.5), -math.sqrt(0.5), 0), 20.0), "top": ((0, -1, 0), 80.0)}


@dataclass(frozen=True)
class Camera:
    """Orthographic: `right` and `up` span the page, `toward` points at the reader."""

    right: tuple
    up: tuple
    toward: tuple

    @classmethod
    def make(cls, view: str, elevation: float | None = None, turn: float = 0.0) -> "Camera":
        (hx, hy, _), default_el = VIEW_DIR[view]
        el = math.radians(default_el if elevation is None else elevation)
        t = math.radians(turn)
        hx, hy = hx * math.cos(t) - hy * math.sin(t), hx * math.sin(t) + hy * math.cos(t)
        toward = (hx * math.cos(el), hy * math.cos(el), math.sin(el))
        right = b3.norm(b3.cross((0, 0, 1), (hx, hy, 0)))
        up = b3.cross(toward, right)
        return cls(right, up, toward)

    def project(self, p) -> tuple[float, float, float]:
        """(x, y) on the page in metres, and depth (larger is nearer the reader)."""
        return b3.dot(p, self.right), b3.dot(p, self.up), b3.dot(p, self.toward)


def _joints(state: State) -> b3.Joints:
    implied = b3.defaults(state.position)
    sides = {}
    for name in ("right", "left"):
        side = merged(merged(None, state.both), getattr(state, name))
        sides[name] = _side_dict(implied, side)
    spine = {k: v for k, v in (state.spine.as_dict() if state.spine else {}).items() if v is not None}
    neck = {k: v for k, v in (state.neck.as_dict() if state.neck else {}).items() if v is not None}
    return b3.Joints(spine=spine, neck=neck, right=sides["right"], left=sides["left"])


def _side_dict(implied: dict, side: Side | None) -> dict:
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in implied.items()}
    if side is None:
        return out
    for joint, value in side.as_dict().items():
        if value is None:
            continue
        if isinstance(value, float):
            out[joint] = value
        else:
            ball = dict(out.get(joint, {})) if isinstance(out.get(joint), dict) else {}
            ball.update({k: v for k, v in value.as_dict().items() if v is not None})
            out[joint] = ball
    return out


CONTACT_R = {"head": b3.HEAD_R, "pelvis": 0.1, "hips": 0.1, "waist": 0.09, "chest": 0.09, "neck": 0.04,
             "shoulders": 0.09, "back": 0.0, "low back": 0.0}


def _low(body: b3.Body, point: str) -> float:
    r = CONTACT_R.get(point, 0.03 if point.endswith(("toe", "heel")) else 0.045)
    return body.points[point][2] - r


def _built(state: State, tilt_extra: float = 0.0, joints: b3.Joints | None = None) -> b3.Body:
    frame = b3.pelvis_frame(state.position, state.turn or 0.0, (state.tilt or 0.0) + tilt_extra, state.roll or 0.0)
    return b3.pose_body(joints or _joints(state), frame)


def solved_tilt(state: State, joints: b3.Joints | None = None) -> float:
    """The extra tilt that puts both `rests_on` points on the floor (0 without them). A state's
    own tilt is solved once per process (placing a pose and drawing its arrow both ask)."""
    if not state.rests_on:
        return 0.0
    return _solved_own(state) if joints is None else _solve(state, joints)


@lru_cache(maxsize=256)
def _solved_own(state: State) -> float:
    return _solve(state, None)


def _solve(state: State, joints: b3.Joints | None) -> float:
    a, b = state.rests_on

    def gap(t):
        body = _built(state, t, joints)
        return _low(body, a) - _low(body, b)

    lo, hi = -80.0, 80.0
    g_lo = gap(lo)
    if g_lo * gap(hi) > 0:  # no tilt makes both touch: take the closest
        return float(min(range(-80, 81, 2), key=lambda t: abs(gap(t))))
    for _ in range(14):  # to about a hundredth of a degree
        mid = (lo + hi) / 2
        g_mid = gap(mid)
        if g_lo * g_mid > 0:
            lo, g_lo = mid, g_mid
        else:
            hi = mid
    return (lo + hi) / 2


def place(state: State, joints: b3.Joints | None = None, extra: float | None = None) -> b3.Body:
    """The posed body resting on the floor (z = 0), its anchor point over the origin."""
    if extra is None:
        extra = solved_tilt(state, joints)
    body = _built(state, extra, joints)
    anchor = body.points[state.anchor or "pelvis"]
    return body.moved((-anchor[0], -anchor[1], (state.lift or 0.0) - body.lowest()))


def frames(pose: PoseFile) -> list[State]:
    """The states drawn: start, and the finish laid over it when there is one."""
    out = [pose.start]
    if pose.finish is not None and pose.kind() == "move":
        out.append(merged(pose.start, pose.finish))
    return out


def path_bodies(a: State, b: State, ts, tilts: tuple[float, float] | None = None) -> list[b3.Body]:
    """The bodies part way from a to b at each fraction in `ts`: joint angles, tilt, turn, roll
    and lift interpolated, then placed. `tilts` (the solved floor tilts of a and b) are
    interpolated too, rather than solved again."""
    ja, jb = _joints(a), _joints(b)
    out = []
    for t in ts:
        joints = b3.Joints(*(_lerp(getattr(ja, k), getattr(jb, k), t) for k in ("spine", "neck", "right", "left")))
        state = b if t >= 0.5 else a
        mix = {k: (getattr(a, k) or 0.0) + ((getattr(b, k) or 0.0) - (getattr(a, k) or 0.0)) * t
               for k in ("tilt", "turn", "roll", "lift")}
        extra = None if tilts is None else tilts[0] + (tilts[1] - tilts[0]) * t
        out.append(place(state.replace(**mix), joints, extra))
    return out


def _lerp(a, b, t):
    if isinstance(a, dict) or isinstance(b, dict):
        a = a if isinstance(a, dict) else ({"flexion": a} if a else {})
        b = b if isinstance(b, dict) else ({"flexion": b} if b else {})
        return {k: _lerp(a.get(k, 0.0), b.get(k, 0.0), t) for k in set(a) | set(b)}
    return (a or 0.0) + ((b or 0.0) - (a or 0.0)) * t
