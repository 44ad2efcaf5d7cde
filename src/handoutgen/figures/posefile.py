"""Pose files (assets/poses/<exercise id>.yaml): the drawing data of an exercise figure, in
clinical joint angles, validated with the same located messages as specs. Joint limits are the
normal adult ranges of motion (AAOS; Norkin and White, Measurement of Joint Motion); a pose
outside them is an error naming the joint and its range."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from handoutgen.figures.body3d import POSITIONS
from handoutgen.paths import assets_dir
from handoutgen.spec.fields import F, Invalid, Model, Scalar
from handoutgen.spec.types import Bool, choice, listed, number

PARTS = ("hip", "knee", "ankle", "heel", "toe", "foot", "thigh", "shin", "buttock",
         "shoulder", "elbow", "wrist", "hand")
POINTS = ("head", "neck", "chest", "waist", "pelvis", "hips", "shoulders", "back", "low back") + tuple(
    f"{side} {part}" for side in ("right", "left") for part in PARTS)
VIEWS = ("side", "front", "back", "three-quarter", "top")
PROPS = ("mat", "chair", "wall", "counter", "step", "door", "band", "belt", "strap", "ball", "roller", "pillow",
         "towel", "weight")
PUSHES = ("out", "up", "down")


def joint_angle(joint: str, lo: float, hi: float, note: str = ""):
    """An angle in degrees within a joint's normal range; the error names the joint and range."""

    def parse(value: object) -> float:
        try:
            if isinstance(value, bool):
                raise ValueError
            out = float(str(value).strip())
        except ValueError:
            raise Invalid(f"{joint}: expected an angle in degrees, got {value!r}") from None
        if not lo <= out <= hi:
            raise Invalid(f"{joint} {out:g}° is outside the human range ({lo:g}° to {hi:g}°{note})")
        return out

    return Scalar(parse, {"type": "number", "minimum": lo, "maximum": hi,
                          "description": f"{joint}, degrees ({lo:g} to {hi:g}{note})"})


def _ball(name: str, flexion, abduction, rotation):
    class Ball(Model):
        __doc__ = f"{name.capitalize()}: flexion (+ forward), abduction (+ out to the side), rotation (+ outward)."
        extra_allowed = False

        @classmethod
        def before(cls, data):  # `hip: 90` is hip flexion 90
            return data if isinstance(data, dict) else {"flexion": data}

    Ball.fields = {
        "flexion": F(joint_angle(f"{name} flexion", *flexion, "; negative is extension"), None),
        "abduction": F(joint_angle(f"{name} abduction", *abduction, "; negative is adduction"), None),
        "rotation": F(joint_angle(f"{name} rotation", *rotation, "; + outward, - inward"), None),
    }
    Ball.__name__ = name.capitalize()
    return Ball


Hip = _ball("hip", (-30, 125), (-30, 50), (-45, 60))
Shoulder = _ball("shoulder", (-60, 180), (-45, 180), (-70, 90))


class Side(Model):
    """One side's joints; every angle is optional (0, or what the body position implies)."""

    hip = F(Hip, None, "Hip flexion, abduction and rotation, or one number for flexion.")
    knee = F(joint_angle("knee flexion", -5, 150), None, "Knee bend, degrees (0 straight).")
    ankle = F(joint_angle("ankle", -50, 25, "; + toes up, - toes down"), None, "Ankle: + toes up, - toes down.")
    shoulder = F(Shoulder, None, "Shoulder flexion, abduction and rotation, or one number for flexion.")
    elbow = F(joint_angle("elbow flexion", 0, 150), None, "Elbow bend, degrees (0 straight).")
    wrist = F(joint_angle("wrist", -85, 85, "; + palm side, - back of the hand"), None, "Wrist: + palm side.")


class Spine(Model):
    """Trunk (or neck) bending: flexion + forward, side_bend + to the right, rotation + to the right."""

    flexion = F(joint_angle("spine flexion", -30, 90, "; negative is extension"), None, "+ bending forward.")
    side_bend = F(joint_angle("spine side-bend", -40, 40, "; + to the right"), None, "+ bending to the right.")
    rotation = F(joint_angle("spine rotation", -45, 45, "; + to the right"), None, "+ turning to the right.")


class Neck(Model):
    """Neck bending: flexion + chin down, side_bend + to the right, rotation + to the right."""

    flexion = F(joint_angle("neck flexion", -60, 60, "; negative is extension"), None, "+ chin down.")
    side_bend = F(joint_angle("neck side-bend", -45, 45, "; + to the right"), None, "+ ear toward the right shoulder.")
    rotation = F(joint_angle("neck rotation", -80, 80, "; + to the right"), None, "+ looking to the right.")


Point = choice(*POINTS)


class State(Model):
    """One position of the body. In `finish`, only what changes from `start`."""

    position = F(choice(*POSITIONS), None, "Body placement: " + ", ".join(POSITIONS) + ".")
    tilt = F(number(-80, 80, "degrees"), None, "Whole body tilted in the picture (+ lifts the end toward +x).")
    turn = F(number(-180, 180, "degrees"), None, "Whole body turned about the vertical.")
    roll = F(number(-90, 90, "degrees"), None, "Pelvis rolled about the x axis (+ lifts the side toward the reader).")
    lift = F(number(0, 1, "metres"), None, "Body raised off the floor (sitting on a roller or ball), metres.")
    rests_on = F(listed(Point, 2, 2), None, "Two body points that both touch the floor (tilt is solved).")
    anchor = F(Point, None, "The body point kept in the same place in every frame (default: pelvis).")
    spine = F(Spine, None, "Trunk bending and turning.")
    neck = F(Neck, None, "Neck bending and turning.")
    both = F(Side, None, "Joints set the same on both sides (right and left override).")
    right = F(Side, None)
    left = F(Side, None)


class Prop(Model):
    """Equipment in the same 3D space as the body."""

    kind = F(choice(*PROPS))
    at = F(Point, None, "Body point the prop touches (chair: under the pelvis; wall: beside it; ball or "
                        "weight at a hand: held in it; towel: rolled up under it).")
    to = F(Point, None, "Band, belt or strap: the other end (a band without one is tied to the door, wall "
                        "or counter on its `side`).")
    side = F(choice("front", "back", "right", "left", "below"), None,
             "Where a wall, door or counter stands; for a band without `to`, where it is tied; for a "
             "step, the side where the stairs go on up (the next stair is drawn there).")

    @classmethod
    def before(cls, data):
        return {"kind": data} if isinstance(data, str) else data


class Camera(Model):
    """Where the reader stands: a named view, raised (elevation) and turned (azimuth) from it."""

    view = F(choice(*VIEWS), "side", "side (from the person's right), front, back, three-quarter or top.")
    elevation = F(number(-10, 90, "degrees"), None, "Degrees above level (default: the view's own).")
    turn = F(number(-90, 90, "degrees"), 0.0, "Degrees walked round from the view (+ counter-clockwise from above).")
    focus = F(Point, None, "Body point a zoomed camera centres on (the forearm and hand, the knee).")
    zoom = F(number(1, 4), 1.0, "Magnification about `focus` (1: the whole body, at the handout's scale).")

    @classmethod
    def before(cls, data):
        return {"view": data} if isinstance(data, str) else data


class PoseFile(Model):
    """A whole figure: camera, props, start and finish (or a hold, or a circle)."""

    camera = F(Camera, factory=lambda: Camera(view="side"), doc="Where the reader stands.")
    props = F(listed(Prop, 0, 12), factory=list, doc="Equipment, in the body's 3D space.")
    start = F(State, doc="The starting position (or the one drawn position).")
    finish = F(State, None, "What changes from the start; omit for a held position or a circle.")
    moving = F(Point, None, "The point the arrow follows (default: the one that travels furthest).")
    motion = F(choice("move", "hold", "circle", "isometric", "rock"), None,
               "move (start and finish), hold (one position, a timer), circle (one position, a round "
               "arrow around `moving`), isometric (one position, push arrows at `moving`), rock (one "
               "position, a two-headed arrow at `moving` toward `toward`: rolling to and fro).")
    toward = F(Point, None, "With motion: rock, the body point the to-and-fro arrow points along to.")
    push = F(choice(*PUSHES), None, "With motion: isometric, which way the push arrows point: out (away "
             "from the midline, the default), or up or down (onto `moving` from the other side).")
    ghost = F(Bool, False, "Draw the start pose faint behind the finish.")

    def after(self) -> None:
        if self.start.position is None:
            raise Invalid("start: give the body position (position: lying on back, standing, …)")
        kind = self.kind()
        if kind == "move" and self.finish is None:
            raise Invalid("give `finish` (what changes), or motion: hold / circle / isometric / rock")
        if kind in ("circle", "isometric", "rock") and self.moving is None:
            raise Invalid(f"motion: {kind} needs `moving` (the body point the arrow goes round or pushes)")
        if self.camera.zoom > 1 and self.camera.focus is None:
            raise Invalid("camera: a zoom needs `focus` (the body point to zoom in on)")

    def kind(self) -> str:
        return self.motion or ("move" if self.finish is not None else "hold")

    def key(self) -> str:
        """A stable text key for caching the drawn figure; kept once made (a record is
        read-only), as every render asks for it again for every figure (issue #17)."""
        cached = self.__dict__.get("_key")
        if cached is None:
            cached = repr(self)
            object.__setattr__(self, "_key", cached)
        return cached


def merged(base: Model | None, over: Model | None):
    """`over` laid on `base`, field by field (nested models merged too)."""
    if base is None or over is None:
        return over if base is None else base
    values = {}
    for name in base.fields:
        a, b = getattr(base, name), getattr(over, name)
        values[name] = merged(a, b) if isinstance(a, Model) and isinstance(b, Model) else (a if b is None else b)
    return type(base)(**values)


def poses_dir() -> Path:
    return assets_dir() / "poses"


def load_pose(exercise_id: str, folder: Path | None = None) -> PoseFile | None:
    """The pose file for an exercise id, or None when there is none (read again when it changes)."""
    path = (folder or poses_dir()) / f"{exercise_id}.yaml"
    if not path.exists():
        return None
    return _load(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=256)
def _load(path: Path, mtime: int) -> PoseFile:
    from handoutgen.spec.loader import load_yaml_file
    from handoutgen.spec.validate import validate

    try:  # a short name for messages: relative to the working folder when possible
        display = str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        display = str(path)
    return validate(load_yaml_file(path, display), PoseFile)


def pose_ids(folder: Path | None = None) -> list[str]:
    return sorted(p.stem for p in (folder or poses_dir()).glob("*.yaml"))
