"""Figures v2: every pose file validates, obeys joint limits and renders (PDF and SVG); the 3D
model keeps its proportions; cameras show the plane of movement; body maps know every region
and alias, zoom, and never draw an empty map; figures are cheap in the PDF."""

from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET

import pytest
import yaml
from reportlab.pdfgen.canvas import Canvas

from conftest import ROOT, run_cli, spec_text
from handoutgen.build import build_handout
from handoutgen.errors import SpecError
from handoutgen.figures import body3d as b3
from handoutgen.figures.bodymap import VIEWS, canonical, load_regions, region_ids, shape
from handoutgen.figures.exercise import draw_exercise
from handoutgen.figures.framing import handout_scale, scene
from handoutgen.figures.mapdraw import draw_bodymap
from handoutgen.figures.posefile import PoseFile, load_pose, pose_ids
from handoutgen.figures.scene import Camera, frames, place
from handoutgen.draw import PdfSurface, SvgSurface
from handoutgen.resolve.library import default_library_dir, load_library

LIBRARY = load_library(default_library_dir()).check_all()
POSES = pose_ids()
NEW_IDS = ["side-push-lying", "side-push-standing", "offset-bridge", "single-leg-bridge", "sit-to-stand",
           "offset-squat", "side-step", "band-side-slide"]


def test_every_library_exercise_and_every_new_id_has_a_pose_file():
    assert set(LIBRARY) | set(NEW_IDS) <= set(POSES)


@pytest.mark.parametrize("pid", POSES)
def test_every_pose_renders_to_pdf_and_svg(pid):
    pose = load_pose(pid)
    canv = Canvas(io.BytesIO())
    draw_exercise(PdfSurface(canv), pose, 250, 112, "30 s")
    canv.save()
    svg = SvgSurface(250, 112)
    draw_exercise(svg, pose, 250, 112, "30 s")
    root = ET.fromstring(svg.to_svg())
    assert len(list(root.iter())) > 20  # body parts, frames, labels


@pytest.mark.parametrize("pid", POSES)
def test_every_pose_rests_on_the_floor_and_fits_its_frame_at_the_one_scale(pid):
    pose = load_pose(pid)
    camera, _, bodies, _ = scene(pose)
    for state, body in zip(frames(pose), bodies):
        assert body.lowest() == pytest.approx(state.lift or 0.0)  # on the floor (or lifted by a pillow)
        assert body.points["head"][2] - b3.HEAD_R > -1e-6
    from handoutgen.figures.framing import frame_size, window, zoom_of

    fw, fh = frame_size(250, 112)
    s = handout_scale(250, 112)
    x0, y0, x1, y1 = window(pose, camera, bodies, scene(pose)[3], ((fw - 6) / s, (fh - 4) / s))  # a close-up's part
    s *= zoom_of(pose)
    assert (x1 - x0) * s <= fw - 6 + 1e-6 and (y1 - y0) * s <= fh - 4 + 1e-6, "figure would be shrunk"


def test_segments_keep_standard_proportions_in_every_pose():
    for pid in POSES:
        for body in scene(load_pose(pid))[2]:
            p = body.points
            for side in ("right", "left"):
                assert math.dist(p[f"{side} hip"], p[f"{side} knee"]) == pytest.approx(b3.THIGH)
                assert math.dist(p[f"{side} knee"], p[f"{side} ankle"]) == pytest.approx(b3.SHIN)
                assert math.dist(p[f"{side} shoulder"], p[f"{side} elbow"]) == pytest.approx(b3.UPPER_ARM)
                assert math.dist(p[f"{side} elbow"], p[f"{side} wrist"]) == pytest.approx(b3.FOREARM)


def _state(text: str) -> PoseFile:
    return PoseFile.validate(yaml.safe_load(text))


def test_clinical_angles_move_limbs_the_way_a_clinician_means():
    standing = _state("start: {position: standing}\nmotion: hold").start
    base = place(standing).points
    flexed = place(standing.replace(right=_state("start: {position: standing, right: {hip: 90}}\nmotion: hold")
                                    .start.right)).points
    assert flexed["right knee"][0] - flexed["right hip"][0] == pytest.approx(b3.THIGH, abs=1e-6)  # forward
    abd = place(_state("start: {position: standing, right: {hip: {abduction: 30}}}\nmotion: hold").start).points
    assert abd["right knee"][1] < base["right knee"][1]  # the right leg goes out to the right (-y)
    abd_l = place(_state("start: {position: standing, left: {hip: {abduction: 30}}}\nmotion: hold").start).points
    assert abd_l["left knee"][1] > base["left knee"][1]
    knee = place(_state("start: {position: standing, right: {knee: 90}}\nmotion: hold").start).points
    assert knee["right ankle"][0] < knee["right knee"][0] - 0.3  # the shin goes back
    bend = place(_state("start: {position: standing, spine: {flexion: 60}}\nmotion: hold").start).points
    assert bend["head"][0] > base["head"][0] + 0.25


def test_face_up_and_face_down_are_different_drawings():
    up = _state("start: {position: lying on back}\nmotion: hold")
    down = _state("start: {position: lying on front}\nmotion: hold")
    assert place(up.start).head[0][2] > 0.9  # the face looks at the ceiling
    assert place(down.start).head[0][2] < -0.9
    svgs = []
    for pose in (up, down):
        svg = SvgSurface(250, 112)
        draw_exercise(svg, pose, 250, 112)
        svgs.append(svg.to_svg())
    assert svgs[0] != svgs[1]


@pytest.mark.parametrize("text, message", [
    ("start: {position: standing, right: {hip: {flexion: 140}}}\nmotion: hold",
     "start.right.hip.flexion: hip flexion 140° is outside the human range (-30° to 125°; negative is extension)"),
    ("start: {position: standing, left: {knee: -20}}\nmotion: hold",
     "start.left.knee: knee flexion -20° is outside the human range (-5° to 150°)"),
    ("start: {position: standing, spine: {rotation: 80}}\nmotion: hold",
     "start.spine.rotation: spine rotation 80° is outside the human range (-45° to 45°; + to the right)"),
    ("start: {position: standing}\nfinish: {right: {shoulder: {abduction: 200}}}",
     "finish.right.shoulder.abduction: shoulder abduction 200° is outside the human range (-45° to 180°; "
     "negative is adduction)"),
])
def test_a_pose_outside_human_range_names_the_joint_and_the_limit(text, message):
    with pytest.raises(Exception) as info:
        _state(text)
    assert message in str(info.value)


def test_pose_file_errors_are_located(tmp_path, monkeypatch):
    folder = tmp_path / "poses"
    folder.mkdir()
    (folder / "x.yaml").write_text("camera: sideways\nstart:\n  position: standing\n  right: {hip: {flexion: 130}}\n"
                                   "motion: hold\n")
    with pytest.raises(SpecError) as info:
        load_pose("x", folder)
    lines = [str(p) for p in info.value.problems]
    assert any("x.yaml:1:9: camera.view: expected one of 'side', 'front', 'back', 'three-quarter', 'top', got "
               "'sideways'" in line for line in lines), lines
    assert any("x.yaml:4:26: start.right.hip.flexion: hip flexion 130°" in line for line in lines), lines


def test_cameras_show_the_plane_of_movement():
    # sideways movements are seen from the front or back, the hydrant from behind; the clam's
    # knee rises up the picture (seen from 45 degrees above, only 75% of its lift was upward, and
    # the two frames looked alike)
    for pid in ("standing-hip-abduction", "side-step", "band-side-slide", "standing-cross-behind-stretch"):
        assert load_pose(pid).camera.view in ("front", "back"), pid
    assert load_pose("fire-hydrant").camera.view == "back"
    clam = load_pose("clam")
    camera, _, (start, finish), _ = scene(clam)
    lift = b3.sub(finish.points[clam.moving], start.points[clam.moving])
    assert b3.dot(lift, camera.up) > 0.9 * math.sqrt(b3.dot(lift, lift))
    hydrant = load_pose("fire-hydrant")
    camera, _, (start, finish), _ = scene(hydrant)
    moved = b3.sub(finish.points[hydrant.moving], start.points[hydrant.moving])
    across = math.hypot(b3.dot(moved, camera.right), b3.dot(moved, camera.up))
    assert across > 0.8 * math.sqrt(b3.dot(moved, moved))  # the knee moves mostly across the picture


@pytest.mark.parametrize("pid", POSES)
def test_a_person_lying_on_the_floor_is_not_drawn_from_straight_above(pid):
    # seen from 75 degrees up with the mat square to the picture, the side push lying down read
    # as a person standing against a board; from 40 degrees up, past the feet, the mat is a floor
    from handoutgen.figures.scene import VIEW_DIR

    pose = load_pose(pid)
    up = VIEW_DIR[pose.camera.view][1] if pose.camera.elevation is None else pose.camera.elevation
    if pose.start.position in ("lying on back", "lying on front"):
        assert up <= 60, f"{pid}: camera {up} degrees up"


def test_a_close_up_is_never_smaller_than_the_whole_person():
    """A close-up's zoom is relative to the scale a standing person needs; a person lying in a
    wide, low frame (the thigh tightening in a card) would come out smaller zoomed in than
    drawn whole, so it is drawn whole at the larger scale. In a tall box the close-up wins."""
    from handoutgen.figures.framing import fit_scale, layout, scene_extent, zoom_at

    pose = load_pose("quad-set")
    x0, y0, x1, y1 = scene_extent(pose)
    for width, height in ((500, 90), (500, 120), (300, 90)):
        stacked, fw, fh = layout(pose, width, height)
        drawn = fit_scale(pose, width, height) * zoom_at(pose, stacked)
        assert drawn >= min((fw - 6) / (x1 - x0), (fh - 10) / (y1 - y0)) - 1e-6
    stacked, fw, fh = layout(pose, 500, 500)
    assert fit_scale(pose, 500, 500) * zoom_at(pose, stacked) > (fw - 6) / (x1 - x0)  # zoomed in


def test_camera_front_puts_the_persons_left_on_the_readers_right():
    cam = Camera.make("front")
    body = place(_state("start: {position: standing}\nmotion: hold").start)
    assert cam.project(body.points["left hip"])[0] > cam.project(body.points["right hip"])[0]
    assert Camera.make("back").project(body.points["left hip"])[0] < 0


def test_a_lying_figure_fills_its_frame_and_stays_low():
    """Each figure is drawn as large as its frame allows: a lying person is scaled to the frame's
    width (larger than a standing person, whom the height limits) and still needs less height."""
    from handoutgen.layout.figure_forms import ExerciseFigure

    lying = ExerciseFigure("bridge", load_pose("bridge"), 500, 160, None)
    standing = ExerciseFigure("side-step", load_pose("side-step"), 500, 160, None)
    assert lying.scale > standing.scale
    assert lying.fig_h < standing.fig_h <= 160
    assert standing.fig_h >= 159  # a standing figure uses the whole box height
    # side by side, more height does not help a figure its width limits; in a box tall enough
    # Start goes above Finish, each as wide as the box, and the person is drawn larger
    from handoutgen.figures.framing import fit_scale, layout

    assert lying.height_at(200) == lying.fig_h and not layout(lying.pose, 500, 200)[0]
    assert layout(lying.pose, 500, 300)[0] and lying.height_at(300) > 200
    assert fit_scale(lying.pose, 500, 300) > 1.33 * lying.scale


@pytest.mark.parametrize("pid", ["bridge", "knee-to-chest", "offset-bridge", "clam", "side-step", "pelvic-tilt",
                                 "grip-squeeze"])
def test_a_taller_box_never_draws_the_person_smaller_or_the_figure_lower(pid):
    """Cards grow their figure box to fill a page (a bisection over the box height), so a taller
    box must never give a smaller person or a lower figure, across the side-by-side / stacked
    switch too."""
    from handoutgen.figures.framing import fit_scale, layout
    from handoutgen.layout.figure_forms import ExerciseFigure

    fig = ExerciseFigure(pid, load_pose(pid), 540, 100, None)
    heights = range(100, 600, 4)
    scales = [fit_scale(fig.pose, 540, h) for h in heights]
    drawn = [fig.height_at(h) for h in heights]
    assert all(b >= a - 1e-6 for a, b in zip(scales, scales[1:]))
    assert all(b >= a - 1e-6 for a, b in zip(drawn, drawn[1:]))
    if pid not in ("side-step", "grip-squeeze"):  # lying figures stack once the box is tall enough
        assert any(layout(fig.pose, 540, h)[0] for h in heights)


def test_a_close_up_shows_the_whole_person_once_stacked_frames_draw_them_no_smaller():
    """A close-up (the pelvic tilt, zoomed on the pelvis) side by side; in a box tall enough,
    Start above Finish, each the box's width, with the whole person, drawn at least as large as
    the close-up was. A hand close-up (zoom 2.5) never stacks: the whole person could not be
    that large."""
    from handoutgen.figures.framing import fit_scale, layout, zoom_at, zoom_of

    pose = load_pose("pelvic-tilt")
    assert zoom_of(pose) > 1 and not layout(pose, 540, 160)[0]
    tall = next(h for h in range(160, 800, 4) if layout(pose, 540, h)[0])
    close = fit_scale(pose, 540, tall - 4) * zoom_at(pose, False)  # the largest close-up side by side
    assert zoom_at(pose, True) == 1.0 and fit_scale(pose, 540, tall) >= close
    assert not any(layout(load_pose("grip-squeeze"), 540, h)[0] for h in range(100, 800, 20))


# --- body maps ----------------------------------------------------------------------------

REQUIRED = ["neck", "shoulder", "upper-back", "middle-back", "low-back", "upper-arm", "elbow-inner", "elbow-outer",
            "forearm", "wrist", "hand", "buttock", "hip", "groin", "thigh-front", "thigh-back", "thigh-inner",
            "thigh-outer", "knee-front", "knee-back", "knee-inner", "knee-outer", "shin", "calf", "ankle", "heel",
            "foot", "patella", "lateral-epicondyle", "medial-epicondyle", "greater-trochanter", "iliac-crest",
            "sacrum", "achilles-tendon", "plantar-fascia", "rotator-cuff",
            # used by handouts before Figures v2: must stay valid
            "gluteus-medius", "gluteus-maximus", "gluteus-minimus", "upper-buttock", "outer-hip", "outer-thigh"]


@pytest.mark.parametrize("rid", REQUIRED)
def test_every_required_region_exists_and_shows_in_some_view(rid):
    assert region_ids()[rid], f"{rid} is drawn in no view"


def test_aliases_are_plain_words():
    assert canonical("knee-cap") == "patella"
    assert canonical("outer-elbow") == "lateral-epicondyle"
    assert canonical("nope") is None
    assert set(load_regions().aliases.values()) <= set(load_regions().regions)


@pytest.mark.parametrize("view", VIEWS)
def test_every_region_draws_as_pdf_and_svg_in_every_view_that_shows_it(view):
    ids = [rid for rid, views in region_ids().items() if view in views and rid in load_regions().regions]
    for rid in ids:
        assert shape(rid, view) is not None
        svg = SvgSurface(250, 300)
        draw_bodymap(svg, view, [rid], "anatomy", 250, 300, 10)
        ET.fromstring(svg.to_svg())
    canv = Canvas(io.BytesIO())
    draw_bodymap(PdfSurface(canv), view, ids, "pain", 250, 300, 10, "Where it may hurt")
    canv.save()


def test_a_map_says_its_view_and_left_and_right():
    svg = SvgSurface(250, 300)
    draw_bodymap(svg, "back", ["outer-hip"], "pain", 250, 300, 10)
    text = svg.to_svg()
    assert "Seen from behind" in text and ">Left<" in text and ">Right<" in text and "Outer hip" in text


def test_region_ids_used_in_handouts_exist():
    known = region_ids()
    for path in sorted((ROOT / "handouts").glob("*.yaml")):
        spec = yaml.safe_load(path.read_text())
        for section in spec["sections"]:
            ids = list(section.get("regions", [])) + list((section.get("figure") or {}).get("highlight", []))
            assert set(ids) <= set(known), (path.name, set(ids) - set(known))


def test_unknown_region_is_a_validation_error_with_did_you_mean(write_spec):
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


def test_an_alias_works_in_a_spec(write_spec):
    path = write_spec(spec_text("""\
      - type: anatomy
        figure: {view: front, highlight: [knee-cap]}
    """))
    assert run_cli("validate", path).exit_code == 0


def test_a_caption_alone_draws_no_map(write_spec):
    from pypdf import PdfReader

    path = write_spec(spec_text("""\
      - type: anatomy
        caption: Just words.
    """))
    result = build_handout(path, None)
    reader = PdfReader(io.BytesIO(result.pdf))
    forms = [n for page in reader.pages for n in (page["/Resources"].get("/XObject") or {}) if "fig" in n]
    assert not any(n.startswith("/FormXob.fig") for n in forms)


def test_figures_are_drawn_once_and_cost_little():
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
    assert sum(sizes.values()) / len(sizes) < 12000, sizes


def test_gallery_covers_every_exercise_pose_and_region(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "gallery.pdf"
    result = run_cli("figures", "-o", out)
    assert result.exit_code == 0, result.output
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    for ex in LIBRARY.values():
        assert f"{ex.id} — {ex.name}" in text
    for pid in POSES:
        assert pid in text
    for view in VIEWS:
        assert f"Body map: {view} view" in text
    for rid in load_regions().regions:
        assert f"{rid} (" in text, rid
    one = run_cli("figures", "-o", tmp_path / "one.pdf", "--exercise", "bridge")
    assert one.exit_code == 0
    bad = run_cli("figures", "-o", tmp_path / "x.pdf", "--exercise", "nope")
    assert bad.exit_code == 1 and bad.stderr == "Error: no exercise with id 'nope'; `handoutgen exercises` lists them\n"


def test_outlines_are_at_least_three_quarters_of_a_point():
    from handoutgen.figures.mannequin import line_width

    assert line_width(handout_scale(120, 60)) >= 0.75  # the smallest figure box we draw




def test_a_spec_library_can_bring_its_own_pose_files(write_spec):
    from handoutgen.build import prepare

    path = write_spec(spec_text("""\
      - type: exercises
        items: [clam]
    """, top="library: lib/\n"))
    folder = path.parent / "lib" / "poses"
    folder.mkdir(parents=True)
    (folder / "clam.yaml").write_text("camera: front\nstart: {position: standing}\nmotion: hold\n")
    handout, _ = prepare(path)
    pose = next(ex.pose for s in handout.sections for ex in s.exercises)
    assert pose.camera.view == "front" and pose.kind() == "hold"
    (folder / "clam.yaml").write_text("start: {position: standing, left: {knee: 170}}\nmotion: hold\n")
    result = run_cli("validate", path)
    assert result.exit_code == 1
    assert "start.left.knee: knee flexion 170° is outside the human range (-5° to 150°)" in result.stderr


def test_figure_words_come_from_the_label_table():
    from handoutgen.figures.text import figure_text

    words = {k: k.upper() for k in ("figure_start", "figure_finish", "figure_hold", "figure_circle", "figure_push", "figure_rock",
                                     "seen_from_front", "seen_from_back", "seen_from_side", "seen_from_three_quarter",
                                     "seen_from_top", "map_left", "map_right", "map_right_side")}
    svg = SvgSurface(250, 112)
    draw_exercise(svg, load_pose("bridge"), 250, 112, None, None, figure_text(words))
    assert ">FIGURE_START<" in svg.to_svg() and ">FIGURE_FINISH<" in svg.to_svg()
    svg = SvgSurface(250, 300)
    draw_bodymap(svg, "back", ["low-back"], "pain", 250, 300, 10, None, figure_text(words))
    assert ">SEEN_FROM_BACK<" in svg.to_svg() and ">MAP_LEFT<" in svg.to_svg()


def test_every_prop_draws_in_the_same_3d_space():
    pose = _state("""
camera: {view: three-quarter, elevation: 30}
props: [mat, {kind: chair}, {kind: wall, at: right hand, side: right}, {kind: counter, at: left hand, side: left},
        {kind: step, at: right foot}, {kind: band, at: right knee, to: left knee}, {kind: belt, at: right foot, to: right hand},
        {kind: strap, at: left foot, to: left hand}, {kind: ball, at: low back, side: back}, {kind: roller, at: right thigh},
        {kind: pillow, at: head}]
start: {position: sitting, right: {knee: 60}}
finish: {right: {knee: 20}}
""")
    for surface in (SvgSurface(250, 112), PdfSurface(Canvas(io.BytesIO()))):
        draw_exercise(surface, pose, 250, 112)


def test_a_held_stretch_shows_its_stopwatch_on_the_finish_frame(write_spec):
    from handoutgen.build import prepare

    path = write_spec(spec_text("""\
      - type: exercises
        items: [hip-twist-stretch, bridge]
    """))
    handout, _ = prepare(path)
    labels = {ex.id: ex.hold_label for s in handout.sections for ex in s.exercises}
    assert labels["hip-twist-stretch"] and labels["bridge"] is None  # a move held at its finish; a plain move
    svg = SvgSurface(250, 112)
    draw_exercise(svg, load_pose("hip-twist-stretch"), 250, 112, labels["hip-twist-stretch"])
    assert f">{labels['hip-twist-stretch']}<" in svg.to_svg()


class _Calls:
    """A surface stand-in that keeps every drawing call (text widths are rough)."""

    def __init__(self):
        self.calls = []

    def text_width(self, text, size, bold=False):
        return len(text) * size * 0.5

    def __getattr__(self, name):
        return lambda *args, **kwargs: self.calls.append((name, args, kwargs))


def test_a_zoomed_camera_draws_its_focus_bigger_and_cuts_the_body_at_the_frame():
    from handoutgen.figures.framing import window

    text = """
camera: {view: side, elevation: 10%s}
props: [chair]
start: {position: sitting, right: {shoulder: {flexion: 25}, elbow: 65}}
motion: hold
"""
    whole, close = _state(text % ""), _state(text % ", focus: right wrist, zoom: 2.5")
    camera, _, bodies, boxes = scene(close)
    x0, y0, x1, y1 = window(close, camera, bodies, boxes)
    wx, wy, _ = camera.project(bodies[0].points["right wrist"])
    assert x0 < wx < x1 and y0 < wy < y1
    assert (x1 - x0) <= b3.H and (y1 - y0) < 1.0  # not the whole person
    sizes = []
    for pose in (whole, close):
        surf = _Calls()
        draw_exercise(surf, pose, 250, 112, None, 60.0)
        names = [c[0] for c in surf.calls]
        sizes.append(max(c[2]["width"] for c in surf.calls if c[0] == "path" and c[2].get("closed")
                         and c[2].get("fill") is not None and "width" in c[2]))
        assert ("clip" in names) == (pose is close)
        if pose is close:
            assert names.index("save") < names.index("clip") < names.index("restore")
    assert sizes[1] >= sizes[0]  # outlines no thinner close up
    with pytest.raises(Exception) as info:
        _state(text % ", zoom: 2")
    assert "a zoom needs `focus`" in str(info.value)


def test_a_held_weight_and_ball_follow_the_hand_in_every_frame():
    from handoutgen.figures import props3d
    from handoutgen.figures.mannequin import Page

    pose = _state("""
props: [{kind: weight, at: right hand}, {kind: ball, at: left hand}, {kind: ball, at: low back, side: back}]
start: {position: sitting, both: {shoulder: {flexion: 25}, elbow: 65}, right: {wrist: 50}}
finish: {right: {wrist: -45}}
""")
    camera, _, bodies, _ = scene(pose)
    assert [p.kind for p in pose.props if props3d.held(p)] == ["weight", "ball"]
    assert [r[0] for r in props3d.rounds(pose.props, bodies[0])] == ["ball"]  # only the one not held
    page = Page(100.0, 0.0, 0.0)
    drawn = []
    for body in bodies:
        surf = _Calls()
        props3d.draw_held(surf, camera, page, pose.props, body)
        ball = next(c for c in surf.calls if c[0] == "circle")
        hand = page(*camera.project(body.points["left hand"])[:2])
        assert math.dist(ball[1][:2], hand) < 0.5
        bar = next(c for c in surf.calls if c[0] == "line")  # the weight's bar through the right hand
        mid = ((bar[1][0] + bar[1][2]) / 2, (bar[1][1] + bar[1][3]) / 2)
        assert math.dist(mid, page(*camera.project(body.points["right hand"])[:2])) < 0.5
        drawn.append(mid)
    assert math.dist(*drawn) > 3  # it moved with the hand


def test_a_band_without_an_other_end_is_tied_to_the_door_in_front_at_hand_height():
    from handoutgen.figures import props3d

    pose = _state("""
props: [{kind: door, side: front}, {kind: band, at: right hand, side: front}]
start: {position: standing, both: {shoulder: {flexion: 80}}}
finish: {both: {shoulder: {flexion: -20}, elbow: 100}}
""")
    _, _, bodies, boxes = scene(pose)
    door = boxes[0]
    hand = bodies[0].points["right hand"]
    assert door[0] > max(p[0] for p in bodies[0].points.values())  # beyond reach
    tied = props3d.band_anchor(pose.props[1], bodies[0], boxes)
    assert tied == pytest.approx((door[0], hand[1], hand[2]))
    assert props3d.band_anchor(_state("""
props: [{kind: band, at: right knee, to: left knee}]
start: {position: standing}
motion: hold
""").props[0], bodies[0], boxes) is None  # a band between two body points is not tied


def test_a_towel_roll_fills_the_gap_under_a_bent_knee_and_draws_among_the_legs():
    from handoutgen.figures import props3d

    pose = _state("""
props: [mat, {kind: towel, at: right knee}]
start: {position: lying on back, right: {hip: {flexion: 15}, knee: 28}}
motion: isometric
push: down
moving: right knee
""")
    _, _, bodies, _ = scene(pose)
    (kind, centre, _, r), = props3d.rounds(pose.props, bodies[0])
    knee = bodies[0].points["right knee"]
    assert kind == "towel" and centre[2] == pytest.approx(r) and 0.03 <= r <= 0.07
    assert centre[2] + r < knee[2] and knee[2] - 0.05 - (centre[2] + r) < 0.025  # under the knee, touching it


@pytest.mark.parametrize("push, sign", [("up", 1), ("down", -1)])
def test_push_up_and_down_arrows_point_that_way_onto_the_point(push, sign):
    from handoutgen.figures.exercise import ARROW

    pose = _state("""
start: {position: lying on back}
motion: isometric
moving: right knee
push: %s
""" % push)
    surf = _Calls()
    draw_exercise(surf, pose, 250, 112)
    heads = [c for c in surf.calls if c[0] == "path" and c[2].get("fill") == ARROW and c[2].get("closed")]
    assert len(heads) == 2
    for head in heads:
        ops = head[1][0]
        tip, wing1, wing2 = ops[0][1:], ops[1][1:], ops[2][1:]
        assert (tip[1] - (wing1[1] + wing2[1]) / 2) * sign > 0  # the tip is above (up) or below (down) its base


@pytest.mark.parametrize("width", [250, 400, 540])
def test_a_hold_time_under_the_stopwatch_stays_inside_the_figure(width):
    """'10–20 s' centred under the stopwatch ran past a card's edge and lost its 's'."""
    import re

    from handoutgen.fonts import text_width

    svg = SvgSurface(width, 112)
    draw_exercise(svg, load_pose("side-bridge"), width, 112, "10–20 s")
    x = [float(m) for m in re.findall(r'<text x="([\d.]+)"[^>]*text-anchor="middle"[^>]*>10–20 s<', svg.to_svg())]
    assert x and x[0] + text_width("10–20 s", 10, True, "AtkinsonHyperlegible") / 2 <= width


# -- from the patient-eye figure review (session 6): each picture shows what its card says

def _frames(pid):
    camera, _, (start, finish), _ = scene(load_pose(pid))
    return camera, start, finish


@pytest.mark.parametrize("pid", ["bridge", "offset-bridge", "single-leg-bridge"])
def test_a_bridge_rests_on_the_shoulders_with_the_arms_flat(pid):
    """Hips up, the weight on the shoulders (not a 'neck bridge' on the head), head and hands
    still on the floor ('Rest your arms flat by your sides')."""
    _, start, finish = _frames(pid)
    rise = {p: finish.points[p][2] - start.points[p][2]
            for p in ("right shoulder", "head", "right wrist", "left wrist", "pelvis")}
    assert rise["pelvis"] > 0.15, rise
    assert all(abs(rise[p]) < 0.02 for p in ("right shoulder", "head", "right wrist", "left wrist")), rise


def test_the_clam_keeps_the_feet_together_as_the_knee_opens():
    _, start, finish = _frames("clam")
    apart = lambda b: math.dist(b.points["right ankle"], b.points["left ankle"])  # noqa: E731
    assert finish.points["right knee"][2] - start.points["right knee"][2] > 0.15
    assert abs(apart(finish) - apart(start)) < 0.05  # was 0.12 wider: the foot lifted too


def test_a_side_step_ends_with_both_feet_on_the_floor():
    """A step out, not a leg lifted to the side on one foot."""
    _, start, finish = _frames("side-step")
    for side in ("right", "left"):
        assert finish.points[f"{side} heel"][2] == pytest.approx(start.points[f"{side} heel"][2], abs=0.01)
    assert math.dist(finish.points["right ankle"], finish.points["left ankle"]) > \
        math.dist(start.points["right ankle"], start.points["left ankle"]) + 0.2


@pytest.mark.parametrize("pid, side", [("straight-leg-raise", "left"), ("knee-to-chest", "right"),
                                       ("knee-to-chest", "left"), ("bridge", "right")])
def test_a_bent_knee_with_the_foot_flat_has_heel_and_toes_on_the_floor(pid, side):
    _, start, _ = _frames(pid)
    assert start.points[f"{side} heel"][2] == pytest.approx(start.points[f"{side} toe"][2], abs=0.02)


def test_the_arm_and_leg_reach_look_level_with_the_back():
    """Seen from 25 degrees above, the lifted leg looked higher than the back and the arm reached
    down; the card says leg to hip height and arm to shoulder height."""
    camera, _, finish = _frames("bird-dog")
    up = lambda p: b3.dot(finish.points[p], camera.up)  # noqa: E731
    assert abs(up("left ankle") - up("left hip")) < 0.05
    assert abs(up("right wrist") - up("right shoulder")) < 0.08


def test_the_pelvic_tilt_arms_lie_out_to_the_side():
    """The arms do not cover the low back, whose press into the floor is the exercise."""
    _, start, _ = _frames("pelvic-tilt")
    for side in ("right", "left"):
        assert abs(start.points[f"{side} wrist"][1] - start.points["pelvis"][1]) > 0.4


def test_cat_and_camel_shows_the_hands_knees_and_floor():
    """A close-up cut off the hands and knees in a card's wide frame: nothing showed a person on
    hands and knees. The frame shows the whole scene."""
    from handoutgen.figures.framing import scene_extent, window

    pose = load_pose("cat-camel")
    camera, _, bodies, boxes = scene(pose)
    x0, y0, x1, y1 = window(pose, camera, bodies, boxes, (3.0, 0.8))
    for body in bodies:
        for p in ("right wrist", "left wrist", "right knee", "left knee"):
            x, y, _ = camera.project(body.points[p])
            assert x0 <= x <= x1 and y0 <= y <= y1, p
    assert (x0, y0, x1, y1) == scene_extent(pose)


@pytest.mark.parametrize("scale", [40.0, 100.0])
def test_sideways_push_arrows_at_an_ankle_stay_above_the_floor(monkeypatch, scale):
    """The side push standing's lower arrow went under the floor line at the ankle, and off the
    frame of the small picture on the one-page sheet."""
    from handoutgen.figures import exercise
    from handoutgen.figures.mannequin import Page

    pose = load_pose("side-push-standing")
    camera, _, bodies, _ = scene(pose)
    page = Page(scale, 0.0, 0.0)
    drawn = []
    monkeypatch.setattr(exercise, "arrow", lambda surf, pts, width=2.4, both=False: drawn.append(pts))
    exercise._push_arrows(None, camera, page, bodies[0], pose.moving)
    ankle = bodies[0].points[pose.moving]
    floor = page(*camera.project((ankle[0], ankle[1], 0.0))[:2])[1]
    assert len(drawn) == 2
    assert min(y for pts in drawn for _, y in pts) >= floor + 4  # the arrow head's half width


def test_a_region_span_out_of_range_is_a_located_error(tmp_path):
    """A two-number `at` out of range was unpacked anyway: an internal error instead of the line."""
    from handoutgen.errors import SpecError
    from handoutgen.figures.bodymap import RegionFile
    from handoutgen.spec.loader import load_yaml_file
    from handoutgen.spec.validate import validate

    path = tmp_path / "regions.yaml"
    path.write_text("regions:\n  buttock: {label: Buttock, kind: zone, on: pelvis, at: [-1.2, 0.0], "
                    "around: [110, 178]}\n")
    with pytest.raises(SpecError) as info:
        validate(load_yaml_file(path), RegionFile)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:2:58: regions.buttock.at[0]: expected a number from -1 to 2, got '-1.2'"]


def test_the_buttock_zone_sits_on_the_buttock_not_the_thigh():
    """Seen from behind it reached half its height below the hip joints, onto the thigh; the
    buttock runs from about the waist down to a little below the hip joints."""
    from handoutgen.figures.bodymap import map_body

    body = map_body()
    hip, waist = body.points["right hip"][2], body.points["waist"][2]
    _, pts = shape("buttock", "back")[:2]
    low, high = min(p[2] for p in pts), max(p[2] for p in pts)
    assert hip - 0.08 <= low < hip and hip < high <= waist


@pytest.mark.parametrize("name", ["gluteus-medius-pain", "knee-cap-pain"])
def test_anatomy_maps_highlight_muscles_and_bones_not_pain_zones(name):
    """Pain zones share the 'where it may hurt' pattern; on an anatomy map a zone read as a
    painful area (the knee handout's front-of-thigh muscles)."""
    from handoutgen.build import prepare

    handout, _ = prepare(ROOT / "handouts" / f"{name}.yaml")
    maps = [s.figure for s in handout.sections if s.figure and s.figure.view and s.figure.mode == "anatomy"]
    assert maps
    for fig in maps:
        assert all(load_regions().regions[canonical(rid)].kind != "zone" for rid in fig.highlight), fig.highlight
