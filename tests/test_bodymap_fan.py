"""A body-map region may narrow at one end (`narrow` in assets/bodymap/regions.yaml): gluteus
medius is drawn as the fan it is, wide along the top of the hip bone and narrow where its tendon
meets the bony point of the thigh, not as a small square patch."""

from __future__ import annotations

from handoutgen.figures.bodymap import camera, load_regions, shape


def _widths(rid: str, view: str) -> tuple[float, float, float, float]:
    """(width across the top fifth, across the bottom fifth, top, bottom) of the region as seen."""
    kind, points = shape(rid, view)[:2]
    assert kind == "poly"
    cam = camera(view)
    flat = [cam.project(p)[:2] for p in points]
    top, bottom = max(y for _, y in flat), min(y for _, y in flat)
    band = (top - bottom) / 5

    def across(lo, hi):
        xs = [x for x, y in flat if lo <= y <= hi]
        return max(xs) - min(xs)

    return across(top - band, top), across(bottom, bottom + band), top, bottom


def test_gluteus_medius_is_a_fan_from_the_hip_bone_to_the_bony_point():
    regions = load_regions().regions
    assert regions["gluteus-medius"].narrow < 0.5 and regions["gluteus-maximus"].narrow == 1.0
    wide, narrow, top, bottom = _widths("gluteus-medius", "side")
    assert narrow < 0.6 * wide, (wide, narrow)
    # it reaches down to the bony point (greater trochanter) and up to the top of the hip bone
    cam = camera("side")
    crest = shape("iliac-crest", "side")
    point = shape("greater-trochanter", "side")
    assert point[0] == "bone" and abs(cam.project(point[1])[1] - bottom) < point[2] * 1.5
    assert crest is not None


def test_a_region_without_narrow_is_as_wide_at_both_ends():
    wide, narrow, _, _ = _widths("gluteus-maximus", "back")
    assert abs(wide - narrow) < 0.35 * wide
