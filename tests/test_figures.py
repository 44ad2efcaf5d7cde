"""Figures: every library exercise has a pose that renders; geometry invariants hold; body-map
regions used in handouts exist; figures are cheap in the PDF."""

from __future__ import annotations

import io
import math

import pytest
import yaml
from reportlab.pdfgen.canvas import Canvas

from conftest import ROOT, run_cli, spec_text
from handoutgen.build import build_handout
from handoutgen.draw import PdfSurface
from handoutgen.figures.bodymap import region_ids
from handoutgen.figures.exercise import CIRCLE_R, behind_limbs, draw_exercise, layout
from handoutgen.figures.skeleton import HEAD_R, HIP_HALF, LIMB_WIDTH, SEGMENTS, SHOULDER_HALF, place
from handoutgen.resolve.library import default_library_dir, load_library

LIBRARY = load_library(default_library_dir()).check_all()
ENTRIES = sorted(LIBRARY.values(), key=lambda e: e.id)
FEET = {"ankle_near", "toe_near", "ankle_far", "toe_far"}


@pytest.mark.parametrize("ex", ENTRIES, ids=lambda e: e.id)
def test_every_exercise_has_a_pose_that_renders(ex):
    assert ex.pose is not None, f"{ex.id} has no pose"
    canv = Canvas(io.BytesIO())
    draw_exercise(PdfSurface(canv), ex.pose, 220, 95, "30 s")
    canv.save()


@pytest.mark.parametrize("ex", [e for e in ENTRIES if e.pose], ids=lambda e: e.id)
def test_geometry_invariants(ex):
    poses, bounds, panel_w, gap, lefts, scale = layout(ex.pose, 220, 95)
    for placed in poses:
        # nothing below the floor line; the lowest point rests on it
        assert placed.lowest() >= LIMB_WIDTH / 2 - 1e-6
        assert min(y for _, y in placed.points.values()) >= 0
        # a standing person (trunk within 30 degrees of upright) stands on their feet
        trunk = math.degrees(math.atan2(placed.points["shoulder"][1] - placed.points["pelvis"][1],
                                        placed.points["shoulder"][0] - placed.points["pelvis"][0]))
        if 60 <= trunk <= 120:
            lowest = min(placed.points, key=lambda k: placed.points[k][1])
            assert lowest in FEET, f"{ex.id}: standing but lowest point is {lowest}"
    # fixed proportions: every segment keeps its length (times its foreshortening) in every pose
    for placed, angles in zip(poses, [ex.pose.start, ex.pose.end]):
        for a, b, name, length in SEGMENTS:
            origin = f"{a}_{b.rsplit('_', 1)[1]}" if b.endswith(("_near", "_far")) and a in ("pelvis", "shoulder") else a
            expected = length * angles.shorten.get(name, 1.0)
            assert math.dist(placed.points[origin], placed.points[b]) == pytest.approx(expected), (ex.id, name)
    # the figure fits its box
    x0, y0, x1, y1 = bounds
    for left in lefts:
        assert left >= -1e-6 and left + (x1 - x0) * scale <= 220 + 1e-6
    assert (y1 - y0) * scale + 2 <= 95 + 1e-6


def test_front_view_sets_hips_and_shoulders_apart_across_the_trunk():
    upright = {"trunk": 90, "thigh_near": -90, "thigh_far": -90, "upper_arm_near": -90, "upper_arm_far": -90}
    front = place(upright, view="front").points
    assert front["pelvis_near"][0] - front["pelvis_far"][0] == pytest.approx(2 * HIP_HALF)
    assert front["shoulder_near"][0] - front["shoulder_far"][0] == pytest.approx(2 * SHOULDER_HALF)
    assert front["pelvis_near"][1] == pytest.approx(front["pelvis"][1])  # across, not along, the trunk
    assert front["knee_near"][0] == pytest.approx(front["pelvis"][0] + HIP_HALF)
    side = place(upright).points
    assert side["knee_near"] == pytest.approx(side["knee_far"])  # side view: legs one behind the other
    short = place({**upright, "thigh_near": 0}, shorten={"thigh_near": 0.5}, drop_to_floor=False).points
    assert math.dist(short["pelvis"], short["knee_near"]) == pytest.approx(12.0)


def test_sideways_exercises_are_drawn_from_the_front_with_the_crossed_leg_behind():
    assert LIBRARY["standing-hip-abduction"].pose.view == "front"
    start, end = layout(LIBRARY["standing-hip-abduction"].pose, 220, 95)[0]
    assert end.points["ankle_near"][0] - start.points["ankle_near"][0] > 8  # the leg goes out to the side
    cross = LIBRARY["standing-cross-behind-stretch"].pose
    assert behind_limbs(cross) == {"leg_far"}
    (placed,) = layout(cross, 220, 95)[0]
    assert placed.points["ankle_far"][0] > placed.points["ankle_near"][0]  # the far leg crosses behind
    assert behind_limbs(LIBRARY["bridge"].pose) == {"leg_far", "arm_far"}


def test_circling_movements_show_one_pose_with_room_for_the_circle():
    for ex_id, joint in (("shoulder-circles", "shoulder"), ("standing-hip-circles", "ankle_near"),
                         ("ankle-mobility", "ankle_near")):
        pose = LIBRARY[ex_id].pose
        assert (pose.motion, pose.moving, pose.end) == ("circle", joint, None)
        poses, (x0, y0, x1, y1), _, _, (left,), scale = layout(pose, 220, 95)
        jx, jy = poses[0].points[joint]
        assert x0 <= jx - CIRCLE_R and jx + CIRCLE_R <= x1 and jy + CIRCLE_R <= y1
        assert jy - CIRCLE_R >= 0, ex_id  # the circle stays above the floor
        assert left == pytest.approx((220 - (x1 - x0) * scale) / 2)  # centred: no timer panel


def _pose_problems(write_spec, pose: str) -> list[str]:
    path = write_spec(spec_text(f"""\
      - type: exercises
        items:
          - id: my-circles
            name: Arm circles
            kind: mobility
            steps: [Circle your arm.]
            common_practice: yes
            pose: {pose}
    """))
    result = run_cli("validate", path)
    assert result.exit_code == 1
    return [line.replace(str(path), "h.yaml") for line in result.stderr.splitlines()]


STANDING = "{trunk: 90, thigh_near: -90, thigh_far: -90, upper_arm_near: -90, upper_arm_far: -90"


def test_a_circle_needs_its_joint_and_no_end(write_spec):
    assert _pose_problems(write_spec, f"{{motion: circle, start: {STANDING}}}}}") == [
        "Error: h.yaml:18:15: sections[1].items[0].pose: motion: circle draws one pose: give `moving` "
        "(the joint that circles) and no `end`"]


def test_only_real_segments_can_be_shortened(write_spec):
    assert _pose_problems(write_spec, f"{{start: {STANDING}, shorten: {{knee: 0.5, trunk: 2}}}}}}") == [
        "Error: h.yaml:18:119: sections[1].items[0].pose.start.shorten.knee: unknown segment 'knee'; expected "
        "one of trunk, head, thigh_near, shin_near, foot_near, thigh_far, shin_far, foot_far, upper_arm_near, "
        "forearm_near, upper_arm_far, forearm_far",
        "Error: h.yaml:18:137: sections[1].items[0].pose.start.shorten.trunk: expected a length factor from 0 "
        "to 1, got '2'"]


def test_head_is_never_below_the_floor():
    for ex in ENTRIES:
        if ex.pose:
            for placed in layout(ex.pose, 220, 95)[0]:
                assert placed.head[1] - HEAD_R >= 0


def test_region_ids_used_in_handouts_exist():
    known = region_ids()
    for path in sorted((ROOT / "handouts").glob("*.yaml")):
        spec = yaml.safe_load(path.read_text())
        for section in spec["sections"]:
            ids = list(section.get("regions", [])) + list((section.get("figure") or {}).get("highlight", []))
            assert set(ids) <= set(known), (path.name, set(ids) - set(known))


def test_unknown_region_is_a_validation_error(write_spec):
    path = write_spec(spec_text("""\
      - type: anatomy
        figure: {view: side, highlight: [gluteus-medias]}
      - type: pain_patterns
        regions: [low-back]
        figure: {view: front}
    """))
    result = run_cli("validate", path)
    assert result.exit_code == 1
    lines = [line.replace(str(path), "h.yaml") for line in result.stderr.splitlines()]
    assert lines[0].startswith("Error: h.yaml:12:38: sections[1].figure.highlight[0]: unknown body-map region "
                               "'gluteus-medias' (did you mean 'gluteus-medius'?)")
    assert lines[1] == ("Error: h.yaml:14:15: sections[2].regions[0]: region 'low-back' is not drawn in the "
                        "front view; use view: back or side")


def test_figures_cost_under_3kb_each_on_average():
    """Each figure is one compressed form XObject, drawn once and placed by reference."""
    from pypdf import PdfReader

    result = build_handout(ROOT / "handouts" / "gluteus-medius-pain.yaml", None)
    reader = PdfReader(io.BytesIO(result.pdf))
    sizes, uses = {}, 0
    for page in reader.pages:
        for name, ref in (page["/Resources"].get("/XObject") or {}).items():
            if name.startswith("/FormXob.fig"):
                sizes[name] = len(ref.get_object()._data)
        uses += page.get_contents().get_data().count(b"/FormXob.fig")
    assert len(sizes) >= 4  # two body maps and the exercise figures
    assert uses >= len(sizes)
    assert sum(sizes.values()) / len(sizes) < 3000, sizes


def test_gallery_covers_the_whole_library(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "gallery.pdf"
    result = run_cli("figures", "-o", out)
    assert result.exit_code == 0, result.output
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    for ex in ENTRIES:
        assert f"{ex.id} — {ex.name}" in text
    for view in ("back", "side", "front"):
        assert f"Body map: {view} view" in text
    one = run_cli("figures", "-o", tmp_path / "one.pdf", "--exercise", "bridge")
    assert one.exit_code == 0
    bad = run_cli("figures", "-o", tmp_path / "x.pdf", "--exercise", "nope")
    assert bad.exit_code == 1 and bad.stderr == "Error: no exercise with id 'nope'; `handoutgen exercises` lists them\n"


@pytest.mark.parametrize("ex_id", ["fire-hydrant", "prone-hip-extension", "bridge"])
def test_arrows_stay_visible_in_card_sized_figures(ex_id):
    from handoutgen.figures.exercise import _pen

    scale = layout(LIBRARY[ex_id].pose, 140, 45)[-1]  # about the figure box on a card
    width, head = _pen(scale)
    assert width * scale >= 1.2 - 1e-9 and head * scale >= 4.5 - 1e-9  # points on paper
