"""The tick-box tracker, read back from the PDF with pdfplumber: how much paper it takes, that
its boxes are big enough to tick with a pen and its words big enough to read, that it follows
the prescription, and that it runs on across a page end instead of jumping."""

from __future__ import annotations

import io

import pytest

from conftest import ROOT, run_cli, spec_text

pdfplumber = pytest.importorskip("pdfplumber")

HEADING = "Track your exercises"
MIN_BOX = 0.25 * 72  # a tick box a pen can tick in
BODY = 0.84  # share of the page between the running header and footer bands (shared/tools/page-space)


def tracker_tables(pdf: bytes) -> list[tuple[int, object, list]]:
    """(page index, page, tables) for each page holding the tracker, from its heading on."""
    out, on = [], False
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for i, page in enumerate(doc.pages):
            text = page.extract_text() or ""
            if not on and HEADING not in text:
                continue
            # lines snapped within 1 pt, not pdfplumber's 3: with 3 a week's 2 pt divider and the
            # grid lines near it snap together and a 18.7 pt box reads as 17.2 or 20.2
            tables = [t for t in page.find_tables({"snap_tolerance": 1}) if _is_tracker(t, page)]
            if on and not tables:
                break
            on = True
            out.append((i, page, tables))
    return out


def _is_tracker(table, page) -> bool:
    return "Exercise" in (page.crop(table.bbox).extract_text() or "").split("\n")[:2]


def height_used(pages: list) -> float:
    """Points of page the tracker takes: its heading to its last table on the first page, top to
    bottom of its tables on each later page, less the header a table split at the page end
    repeats there (that is the page end's cost, not the tracker's size)."""
    total, before = 0.0, set()
    for n, (_, page, tables) in enumerate(pages):
        top = min(t.bbox[1] for t in tables)
        if n == 0:
            top = min([w["top"] for w in page.extract_words() if w["text"] == "Track"] + [top])
        total += max(t.bbox[3] for t in tables) - top
        repeated = [t for t in tables if abs(t.bbox[1] - top) < 1 and _header(t, page) in before]
        total -= max((t.rows[1].bbox[3] - t.rows[0].bbox[1] for t in repeated), default=0)
        before = {_header(t, page) for t in tables}
    return total


def _header(table, page) -> str:
    """A table's week numbers: the same on a split table's two parts."""
    return " ".join((page.crop(table.rows[0].bbox).extract_text() or "").split())


def _built(name: str, *options: str, tmp_path) -> bytes:
    out = tmp_path / "t.pdf"
    result = run_cli("build", ROOT / "handouts" / f"{name}.yaml", "-o", out, *options)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


# The class sheet's 8-week plan (3 stages, 11 exercise rows, a twice-a-day push in the first two stages).
@pytest.mark.parametrize("options,most", [((), 0.9), (("--paper", "a4"), 0.9), (("--large-print",), 1.0)],
                         ids=["letter", "a4", "large-print"])
def test_eight_week_tracker_takes_at_most_one_page(tmp_path, options, most):
    pages = tracker_tables(_built("hip-strength-class", *options, tmp_path=tmp_path))
    assert 1 <= len(pages) <= 2
    page_h = pages[0][1].height
    assert height_used(pages) <= most * BODY * page_h  # was 1.6 pages on Letter, 2.3 on A4 (a table a week)
    first = sorted(pages[0][2], key=lambda t: (t.bbox[1], t.bbox[0]))
    assert abs(first[0].bbox[1] - first[1].bbox[1]) < 1 and first[0].bbox[2] < first[1].bbox[0]  # weeks 1, 2 side by side


@pytest.mark.parametrize("options", [(), ("--large-print",), ("--paper", "a4")], ids=["letter", "large", "a4"])
def test_tick_boxes_and_words_are_big_enough(tmp_path, options):
    pages = tracker_tables(_built("hip-strength-class", *options, tmp_path=tmp_path))
    boxes = 0
    for _, page, tables in pages:
        for table in tables:
            cells = [c for row in table.rows[2:] for c in row.cells if c]  # under the week and day numbers
            for x0, top, x1, bottom in cells:
                if x1 - x0 < 30:  # a day's box (the name column is far wider)
                    boxes += 1
                    assert x1 - x0 >= MIN_BOX - 0.5 and bottom - top >= MIN_BOX - 0.5, (x1 - x0, bottom - top)
            sizes = {round(c["size"], 1) for c in page.crop(table.bbox).chars}
            assert min(sizes) >= 13, sizes
    # 7 days x (7 + 7 sessions in weeks 1 and 2, with the twice-a-day pushes, + 4 rows x 6 weeks);
    # a table split at a page end repeats only its header, so no box is counted twice
    assert boxes >= 7 * (7 + 7 + 4 * 6)


TRACKED = spec_text("""\
  - type: exercises
    heading: Plan
    items:
      - side-push-lying                 # twice a day, every day
      - {id: clam, days_per_week: 3}
      - {id: bridge, days_per_week: 2}
  - type: tracker
    weeks: 2
""")


def test_tracker_follows_the_prescription_on_paper(write_spec, tmp_path):
    """Two lines of boxes for the twice-a-day push; 7 columns a week because it is daily; the
    3-days-a-week clam and 2-days-a-week bridge have their spare boxes shaded."""
    pdf = _write_and_build(write_spec, tmp_path, TRACKED)
    (_, page, tables), = tracker_tables(pdf)
    (table,) = tables
    text = " ".join(page.crop(table.bbox).extract_text().split())
    assert text.startswith("Week 1 Week 2 Exercise 1 2 3 4 5 6 7 1 2 3 4 5 6 7")
    assert "Side push, lying down (twice a day)" in text
    rows = table.rows
    assert len(rows) == 2 + 2 + 1 + 1  # header, two sessions of the push, clam, bridge
    shaded = [r for r in page.rects if r["fill"] and r["top"] >= rows[2].bbox[1] - 0.5]
    widths = sorted(round(r["width"] / (rows[2].cells[2][2] - rows[2].cells[2][0])) for r in shaded)
    assert widths == [4, 4, 5, 5]  # per week: clam 7 - 3 = 4 spare days, bridge 7 - 2 = 5


def test_morning_pain_ends_each_table_with_a_row_to_write_the_pain_in(write_spec, tmp_path):
    """The pain guide's next-morning rule needs the morning's pain written down: a box a day."""
    plain = tracker_tables(_write_and_build(write_spec, tmp_path, TRACKED))
    assert "Morning pain" not in plain[0][1].extract_text()
    pdf = _write_and_build(write_spec, tmp_path, TRACKED + "    morning_pain: yes\n  - type: pain_guide\n")
    (_, page, tables), = tracker_tables(pdf)
    assert "Each morning, write your pain (0 to 10)." in " ".join(page.extract_text().split())
    for table in tables:
        last = table.rows[-1]
        assert " ".join(page.crop(last.bbox).extract_text().split()) == "Morning pain"
        assert len([c for c in last.cells if c and c[2] - c[0] < 30]) == 2 * 7  # a box a day


def test_three_days_a_week_gives_three_columns_a_week(write_spec, tmp_path):
    pdf = _write_and_build(write_spec, tmp_path, spec_text("""\
  - type: exercises
    items:
      - {id: clam, days_per_week: 3}
      - {id: bridge, days_per_week: 3}
  - type: tracker
    weeks: 6
"""))
    (_, page, tables), = tracker_tables(pdf)
    assert len(tables) == 1  # 6 weeks of 3 days fit beside the names in one table
    text = " ".join(page.crop(tables[0].bbox).extract_text().split())
    assert "Week 1 Week 2" in text and "Week 6" in text and "1 2 3 1 2 3" in text
    assert "4" not in text.split("Week 6")[1]


def empty_share(page) -> float:
    """The share of the page's body band left empty at its foot (as shared/tools/page-space)."""
    top, foot = page.height * (1 - BODY) / 2, page.height * (1 + BODY) / 2
    ink = [o["bottom"] for o in page.chars + page.rects + page.lines if top <= o["bottom"] <= foot]
    return (foot - max(ink, default=top)) / (foot - top)


def page_end_spec(filler: int) -> str:
    """Two stages of tracker after `filler` lines of text, so the page end falls before,
    inside or after it."""
    lines = "\n".join(f"      - Walk a little more each day, line {n}." for n in range(filler))
    return spec_text(f"""\
  - type: text
    heading: Filler
    points:
{lines}
  - type: exercises
    heading: Week 1
    style: list
    items: [side-push-lying, side-push-standing, bridge, sit-to-stand, side-step]
  - type: exercises
    heading: Later
    style: list
    items: [offset-bridge, offset-squat, band-side-slide]
  - type: tracker
    stages: ["Week 1", {{sections: [Later], weeks: 7}}]
""")


FILLERS = [14, 18, 22, 26, 30, 34]


@pytest.mark.parametrize("filler", FILLERS)
def test_a_tracker_at_a_page_end_runs_on_with_its_header(write_spec, tmp_path, filler):
    """Pushed down the page by text, the tracker starts where it is and runs on, its header
    repeated: the page before is never left a quarter empty by a table that jumped."""
    pdf = _write_and_build(write_spec, tmp_path, page_end_spec(filler))
    pages = tracker_tables(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        before = doc.pages[pages[0][0] - 1] if pages[0][0] else None
        if before is not None and len(pages) == 1:
            assert empty_share(before) <= 0.25  # what was left there was too small to start it
        if len(pages) == 2:
            assert empty_share(doc.pages[pages[0][0]]) <= 0.25  # it started where it was
    for _, page, tables in pages[1:]:  # every table on a later page starts with its header
        assert tables and all(_is_tracker(t, page) for t in tables)


def test_some_filler_splits_the_tracker(write_spec, tmp_path):
    """The test above is only worth something if the tracker really runs across a page end."""
    split = [len(tracker_tables(_write_and_build(write_spec, tmp_path, page_end_spec(n)))) for n in FILLERS]
    assert 2 in split


def _write_and_build(write_spec, tmp_path, text: str) -> bytes:
    out = tmp_path / "t.pdf"
    result = run_cli("build", write_spec(text), "-o", out)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.mark.parametrize("filler", FILLERS)
def test_a_split_tracker_keeps_two_exercises_on_each_side(write_spec, tmp_path, filler):
    """Wherever the page end falls, a band splits only where two or more exercises stay on each
    side: one exercise's boxes alone at a page's foot or top read as a stray piece of table."""
    pdf = _write_and_build(write_spec, tmp_path, page_end_spec(filler))
    for _, page, tables in tracker_tables(pdf):
        for table in tables:
            names = [row[0] for row in table.extract()[2:] if row and row[0]]
            exercises = [n for n in names if "pain" not in n.lower()]
            assert len(exercises) >= 2, (filler, names)


@pytest.mark.parametrize("filler", range(12, 36))
def test_the_tracker_heading_never_ends_a_page_without_its_boxes(write_spec, tmp_path, filler):
    """The heading and its line ("Tick a box...") are kept with as many rows as the table needs to
    start a page (two exercises, see the test above). Kept with only the first exercise, they
    stayed at the foot of a page whose table then could not start there (the class sheet's
    tracker did on Letter)."""
    pages = tracker_tables(_write_and_build(write_spec, tmp_path, page_end_spec(filler)))
    assert pages[0][2], (filler, "heading without its table")


def test_a_band_measured_for_its_heading_can_split_at_that_height():
    """What a heading is kept with (TickTable measured at MEASURING) is what the band needs to
    start a page: splitting it in that much room leaves two parts, the first not empty."""
    from handoutgen.build import prepare
    from handoutgen.labels import labels
    from handoutgen.layout.context import RenderContext
    from handoutgen.layout.flowables import _scratch_canvas
    from handoutgen.layout.styles import styles_for
    from handoutgen.layout.theme import load_theme
    from handoutgen.layout.tracker import MEASURING, SideBySide, tracker_table

    handout, _ = prepare(ROOT / "handouts" / "hip-strength-class.yaml")
    theme = load_theme()
    ctx = RenderContext(handout, theme, styles_for(theme), labels(handout.language), 540.0, {})
    (section,) = [s for s in handout.sections if s.type == "tracker"]
    bands = [t for f in tracker_table(ctx, section) for t in ([f.left, f.right] if isinstance(f, SideBySide) else [f])]
    assert len(bands) == 4  # weeks 1 and 2 side by side, weeks 3 to 5, weeks 6 to 8
    for band in bands:
        band.canv = _scratch_canvas()
        need = band.wrap(sum(band._colWidths), MEASURING)[1]
        full = band.wrap(sum(band._colWidths), 1e6)[1]
        assert need < full
        parts = band.splitOn(band.canv, sum(band._colWidths), need + 0.5)
        assert len(parts) == 2, need
