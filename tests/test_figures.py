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
from handoutgen.figures.bodymap import region_ids
from handoutgen.figures.exercise import draw_exercise, layout
from handoutgen.figures.skeleton import HEAD_R, LENGTHS, LIMB_WIDTH
from handoutgen.resolve.library import default_library_dir, load_library

LIBRARY = load_library(default_library_dir()).check_all()
ENTRIES = sorted(LIBRARY.values(), key=lambda e: e.id)
FEET = {"ankle_near", "toe_near", "ankle_far", "toe_far"}


@pytest.mark.parametrize("ex", ENTRIES, ids=lambda e: e.id)
def test_every_exercise_has_a_pose_that_renders(ex):
    assert ex.pose is not None, f"{ex.id} has no pose"
    canv = Canvas(io.BytesIO())
    draw_exercise(canv, ex.pose, 220, 95, "30 s")
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
    if len(poses) == 2:  # fixed proportions: every segment is as long at the end as at the start
        for (a, b), length in LENGTHS.items():
            for placed in poses:
                assert math.dist(placed.points[a], placed.points[b]) == pytest.approx(length)
    # the figure fits its box
    x0, y0, x1, y1 = bounds
    for left in lefts:
        assert left >= -1e-6 and left + (x1 - x0) * scale <= 220 + 1e-6
    assert (y1 - y0) * scale + 2 <= 95 + 1e-6


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
