"""The drawing interface: every library figure draws to PDF and to SVG through the same code;
the SVG parses, has the drawing in it and honours --grayscale; both backends keep to the contract."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
from reportlab.pdfgen.canvas import Canvas

from handoutgen.draw import PdfSurface, SvgSurface, arc_ops, ellipse_ops, polyline_ops, rect_ops
from handoutgen.draw.ink import GRAYSCALE
from handoutgen.figures.bodymap import VIEWS, load_regions, region_ids
from handoutgen.figures.exercise import draw_exercise
from handoutgen.figures.mapdraw import draw_bodymap
from handoutgen.figures.posefile import load_pose
from handoutgen.resolve.library import default_library_dir, load_library

NS = {"svg": "http://www.w3.org/2000/svg"}
LIBRARY = sorted(load_library(default_library_dir()).check_all().values(), key=lambda e: e.id)
MAPS = [(view, mode) for view in VIEWS for mode in ("anatomy", "pain")]


def exercise(surface, ex):
    draw_exercise(surface, load_pose(ex.id), 300, 105, "30 s")


def shown_in(view, mode):
    """Six regions of the mode's kinds that the view shows (as many labels as fit beside a map)."""
    kinds = {"zone"} if mode == "pain" else {"muscle", "deep", "bone", "line"}
    return [rid for rid, r in load_regions().regions.items() if r.kind in kinds and view in region_ids()[rid]][:6]


def bodymap(surface, view, mode):
    ids = shown_in(view, mode)
    draw_bodymap(surface, view, ids, mode, 500, 420, 12, "Where it may hurt" if mode == "pain" else None)


def both(paint, width, height) -> tuple[bytes, ET.Element]:
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=(width, height), invariant=1)
    paint(PdfSurface(canv))
    canv.showPage()
    canv.save()
    svg = SvgSurface(width, height)
    paint(svg)
    return buf.getvalue(), ET.fromstring(svg.to_svg())


@pytest.mark.parametrize("ex", LIBRARY, ids=lambda e: e.id)
def test_every_exercise_figure_draws_to_pdf_and_svg(ex):
    pdf, svg = both(lambda s: exercise(s, ex), 300, 105)
    assert pdf.startswith(b"%PDF")
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("viewBox") == "0 0 300 105"
    assert len(svg.findall(".//svg:path", NS)) >= 15  # the body parts at least
    assert svg.findall(".//svg:circle", NS)  # the head


@pytest.mark.parametrize("view,mode", MAPS)
def test_every_body_map_draws_to_pdf_and_svg(view, mode):
    pdf, svg = both(lambda s: bodymap(s, view, mode), 500, 420)
    assert pdf.startswith(b"%PDF")
    labels = [t.text for t in svg.findall(".//svg:text", NS)]
    shown = {load_regions().regions[rid].label for rid in shown_in(view, mode)}
    assert shown <= set(labels)
    clips = {c.get("id") for c in svg.findall(".//svg:clipPath", NS)}
    used = {re.fullmatch(r"url\(#(.+)\)", g.get("clip-path")).group(1)
            for g in svg.findall(".//svg:g[@clip-path]", NS)}
    assert used and used <= clips


def test_svg_colours_follow_grayscale():
    ex = next(e for e in LIBRARY if e.id == "clam")
    colour = SvgSurface(300, 105)
    exercise(colour, ex)
    token = GRAYSCALE.set(True)
    try:
        grey = SvgSurface(300, 105)
        exercise(grey, ex)
    finally:
        GRAYSCALE.reset(token)
    assert "#0a3d6b" in colour.to_svg()  # the arrow's blue
    hexes = set(re.findall(r'"#([0-9a-f]{6})"', grey.to_svg()))
    assert hexes and all(h[0:2] == h[2:4] == h[4:6] for h in hexes)


def test_svg_is_deterministic_and_y_points_up():
    def paint(s):
        s.line(10, 10, 10, 90, stroke="#000000", width=2)
        s.text(50, 20, "Hi & <bye>", size=12, color="#1a1a1a", anchor="middle", bold=True)

    one, two = SvgSurface(100, 100), SvgSurface(100, 100)
    paint(one)
    paint(two)
    assert one.to_svg() == two.to_svg()
    root = ET.fromstring(one.to_svg())
    flip = root.find("svg:g", NS)
    assert flip.get("transform") == "matrix(1 0 0 -1 0 100)"
    text = root.find(".//svg:text", NS)
    assert text.text == "Hi & <bye>" and text.get("font-weight") == "bold" and text.get("text-anchor") == "middle"


def test_save_restore_closes_transforms_and_clips():
    s = SvgSurface(100, 100)
    s.save()
    s.clip(rect_ops(0, 0, 50, 50))
    s.translate(5, 5)
    s.scale(2)
    s.line(0, 0, 1, 1, stroke="#000000", width=1)
    s.restore()
    s.line(0, 0, 1, 1, stroke="#000000", width=1)
    lines = ET.fromstring(s.to_svg()).findall(".//svg:line", NS)
    flip = ET.fromstring(s.to_svg()).find("svg:g", NS)
    assert len(lines) == 2 and flip.find("svg:line", NS) is not None  # the second is back at the top


def test_pdf_surface_writes_state_only_when_it_changes():
    canv = Canvas(io.BytesIO(), pageCompression=0)
    s = PdfSurface(canv)
    for _ in range(3):
        s.line(0, 0, 10, 10, stroke="#333333", width=2, cap="butt")
    code = "\n".join(canv._code)
    assert code.count(" RG") == 1 and code.count(" w") == 1 and code.count(" J") == 1


def test_shape_helpers():
    assert rect_ops(1, 2, 3, 4) == [("M", 1, 2), ("L", 4, 2), ("L", 4, 6), ("L", 1, 6), ("Z",)]
    assert polyline_ops([(0, 0), (1, 1)], closed=True)[-1] == ("Z",)
    ring = ellipse_ops(0, 0, 10, 5)
    assert ring[0] == ("M", 10.0, 0.0) and len(ring) == 5 and ring[-1][-2:] == pytest.approx((10, 0))
    quarter = arc_ops(0, 0, 10, 10, 0, 90)
    assert quarter[-1][-2:] == pytest.approx((0, 10))


def test_pdf_paths_are_written_as_reportlabs_path_object_writes_them():
    """PdfSurface writes a path's operators in one pass (draw/pdf.py); the text must be exactly
    what reportlab's PDFPathObject makes of the same moves, lines, curves and closes."""
    import io
    import random

    from reportlab.pdfgen.canvas import Canvas

    rng = random.Random(17)
    canv = Canvas(io.BytesIO())
    surface = PdfSurface(canv)
    for _ in range(50):
        ops = [("M", rng.uniform(-50, 500), rng.uniform(-50, 500))]
        for _ in range(rng.randint(0, 12)):
            kind = rng.choice("LCZ")
            n = {"L": 2, "C": 6, "Z": 0}[kind]
            ops.append((kind, *(rng.choice([rng.uniform(-1e3, 1e3), 0, 1e-7, 12345.678, -0.0]) for _ in range(n))))
        path = canv.beginPath()
        for op in ops:
            {"M": path.moveTo, "L": path.lineTo, "C": path.curveTo, "Z": path.close}[op[0]](*op[1:])
        assert surface._path_object(ops).getCode() == path.getCode()
    with pytest.raises(ValueError):
        surface._path_object([("L", 0, 0)])
