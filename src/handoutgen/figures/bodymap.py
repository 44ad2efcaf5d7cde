"""Whole-body maps: the standing mannequin seen from the front, back or side, with named regions
placed on its surface (assets/bodymap/regions.yaml). A map zooms to its highlighted regions and
draws the rest of the body faint, says which way it is seen and marks left and right.

Anatomy highlights muscles and bones; pain patterns shade zones. Every fill also has a pattern
(hatching, cross-hatching or dots) and outline weight, so a map still reads in black and white.
"""

from __future__ import annotations

from handoutgen.figures.palette import C

import math
from collections.abc import Mapping
from functools import lru_cache

from handoutgen.figures import body3d as b3
from handoutgen.figures.scene import Camera
from handoutgen.paths import assets_dir
from handoutgen.spec.fields import BAD, F, DictOf, Invalid, ListOf, Model
from handoutgen.spec.types import Slug, choice, number, text

VIEWS = ("back", "side", "front")
PARTS = ("pelvis", "chest", "neck", "thigh", "shin", "foot", "upper arm", "forearm", "hand")
DARK = C("#1a1a1a")
MUSCLE = C("#cdd9e8")
ZONE = C("#c7c7c7")


class Span:
    """A number, or two numbers [from, to]."""

    def __init__(self, lo: float, hi: float):
        self.one = number(lo, hi)
        self.two = ListOf(self.one, 2, 2)

    def parse(self, value, path, issues):
        if isinstance(value, list):
            parsed = self.two.parse(value, path, issues)
            return parsed if parsed is BAD else tuple(parsed)  # a bad list is reported, not unpacked
        v = self.one.parse(value, path, issues)
        return (v, v)

    def schema(self, defs):
        return {"anyOf": [self.one.schema(defs), self.two.schema(defs)]}


class Region(Model):
    """A named place on the body's surface."""

    label = F(text(60), doc="What the map prints beside it.")
    kind = F(choice("muscle", "deep", "bone", "zone", "line"))
    on = F(choice(*PARTS), doc="The body part it lies on.")
    at = F(Span(-1, 2), doc="Along the part: 0 its upper end, 1 its lower end.")
    around = F(Span(-180, 270), doc="Degrees around the part: 0 front, 90 outer side, 180 back.")
    side = F(choice("right", "left"), "right")
    size = F(number(0.005, 0.2), 0.025, "Radius of a bone landmark, metres.")
    narrow = F(number(0.1, 1.0), 1.0, "How wide the patch is at its first `at` end, as a share of "
                                      "its width at the other: below 1 a fan (a muscle that narrows "
                                      "to its tendon).")


class RegionFile(Model):
    regions = F(DictOf(Region))
    aliases = F(DictOf(Slug), factory=dict)

    def after(self) -> None:
        for alias, target in self.aliases.items():
            if target not in self.regions:
                raise Invalid(f"alias {alias!r} names no region {target!r}")


@lru_cache(maxsize=1)
def load_regions() -> RegionFile:
    from handoutgen.spec.loader import load_yaml_file
    from handoutgen.spec.validate import validate

    return validate(load_yaml_file(assets_dir() / "bodymap" / "regions.yaml"), RegionFile)


def canonical(rid: str) -> str | None:
    """The region id for an id or a plain-word alias, or None."""
    data = load_regions()
    return rid if rid in data.regions else data.aliases.get(rid)


@lru_cache(maxsize=1)
def map_body() -> b3.Body:
    """The standing mannequin the maps show: arms a little away from the sides."""
    arms = {"shoulder": {"abduction": 14, "flexion": 18}, "elbow": 10}  # clear of the hips from the side
    body = b3.pose_body(b3.Joints(right=dict(arms), left=dict(arms)), b3.pelvis_frame("standing"))
    return body.moved((0, 0, -body.lowest()))


def camera(view: str) -> Camera:
    return Camera.make(view)


class _Shown(Mapping):
    """Region id or alias -> the views that show it, worked out only for the ids looked up."""

    def __init__(self):
        data = load_regions()
        self.ids = list(data.regions) + list(data.aliases)

    def __getitem__(self, rid: str) -> list[str]:
        target = canonical(rid)
        if target is None:
            raise KeyError(rid)
        return _views(target)

    def __iter__(self):
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


@lru_cache(maxsize=None)
def _views(rid: str) -> list[str]:
    return [v for v in VIEWS if shape(rid, v) is not None]


@lru_cache(maxsize=1)
def region_ids() -> Mapping:
    """Every region id and alias, with the views that show it."""
    return _Shown()


def _segment(region: Region) -> b3.Segment:
    side = "centre" if region.on in ("pelvis", "chest", "neck") else region.side
    return next(s for s in map_body().segments if s.name == region.on and s.side == side)


def _surface(seg: b3.Segment, region: Region, t: float, theta: float, lift: float = 1.03):
    k = min(1.0, max(0.0, t))
    centre = b3.add(seg.p0, b3.mul(b3.sub(seg.p1, seg.p0), t))
    ra = (seg.r0[0] + (seg.r1[0] - seg.r0[0]) * k) * lift
    rl = (seg.r0[1] + (seg.r1[1] - seg.r0[1]) * k) * lift
    out = -1.0 if region.side == "right" else 1.0  # outward is the body's right on the right side
    th = math.radians(theta)
    return b3.add(centre, b3.add(b3.mul(seg.cross[0], math.cos(th) * ra), b3.mul(seg.cross[1], out * math.sin(th) * rl)))


def _normal(seg, region, theta):
    out = -1.0 if region.side == "right" else 1.0
    th = math.radians(theta)
    return b3.add(b3.mul(seg.cross[0], math.cos(th)), b3.mul(seg.cross[1], out * math.sin(th)))


def _visible_run(seg, region, cam, a0, a1) -> tuple[float, float] | None:
    """The longest stretch of angles from a0 to a1 whose surface faces the reader."""
    steps = max(1, int(abs(a1 - a0) / 5))
    angles = [a0 + (a1 - a0) * i / steps for i in range(steps + 1)]
    seen = [b3.dot(_normal(seg, region, a), cam.toward) > 0.08 for a in angles]
    full = abs(a1 - a0) >= 359
    best, run = None, []
    for a, ok in zip(angles + (angles if full else []), seen + (seen if full else [])):
        run = run + [a] if ok else []
        if run and (best is None or len(run) > len(best)) and len(run) <= len(angles):
            best = list(run)
    return (best[0], best[-1]) if best and len(best) >= 1 else None


@lru_cache(maxsize=512)
def shape(rid: str, view: str):
    """('poly' | 'line', 3D points) or ('bone', centre, radius) as seen in `view`, or None."""
    rid = canonical(rid) or rid
    region = load_regions().regions[rid]
    seg, cam = _segment(region), camera(view)
    (t0, t1), (a0, a1) = region.at, region.around
    if region.kind == "bone" and t0 == t1:
        if b3.dot(_normal(seg, region, a0), cam.toward) <= -0.12:  # at the outline still counts
            return None
        return ("bone", _surface(seg, region, t0, a0), region.size)
    if region.kind == "line":
        n = 10
        pts = [(t0 + (t1 - t0) * i / n, a0 + (a1 - a0) * i / n) for i in range(n + 1)]
        seen = [_surface(seg, region, t, a) for t, a in pts if b3.dot(_normal(seg, region, a), cam.toward) > -0.12]
        if len(seen) < 2:
            return None
        ends = [cam.project(p)[:2] for p in (seen[0], seen[-1])]
        return ("line", tuple(seen)) if math.dist(*ends) > 0.03 else None  # end-on it would be a dot
    run = _visible_run(seg, region, cam, a0, a1)
    if run is None:
        return None
    a0, a1 = run
    if abs(a1 - a0) < 8:
        return None
    # a rounded patch: an ellipse in (along, around), a little squarer than a true ellipse; a fan
    # (narrow < 1) is as wide as that at its second `at` end and `narrow` times it at its first
    tc, ac, th, ah = (t0 + t1) / 2, (a0 + a1) / 2, (t1 - t0) / 2, (a1 - a0) / 2
    ring = []
    for i in range(28):
        c, s = math.cos(2 * math.pi * i / 28), math.sin(2 * math.pi * i / 28)
        t = tc + th * math.copysign(abs(c) ** 0.6, c)
        width = ah * (region.narrow + (1 - region.narrow) * (t - t0) / (t1 - t0)) if t1 != t0 else ah
        ring.append((t, ac + width * math.copysign(abs(s) ** 0.6, s)))
    return ("poly", tuple(_surface(seg, region, t, a) for t, a in ring))
