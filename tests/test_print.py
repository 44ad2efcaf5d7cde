"""Print and batch: personalising, rosters, tracker size, booklet, large print, greys, packs,
and the spec embedded in every PDF — all read back from the PDFs."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, font_sizes, pdf_reader, pdf_text, run_cli, spec_text

EXERCISES = spec_text("""\
  - type: exercises
    items:
      - {id: clam, days_per_week: 3}
      - {id: bridge, days_per_week: 2}
  - type: tracker
    weeks: 2
""")


def page_text(pdf, index: int) -> str:
    return " ".join(pdf_reader(pdf).pages[index].extract_text().split())


def test_personalised_build(write_spec, tmp_path):
    spec = write_spec(EXERCISES)
    out = tmp_path / "p.pdf"
    result = run_cli("build", spec, "-o", out, "--patient", "Maria Lopez", "--clinician", "Sam Lee, PT",
                     "--date", "2026-11-22", "--notes", "Start with one set.", "--dose", "clam=3x12")
    assert result.exit_code == 0, result.output
    first = page_text(out, 0)
    assert "Prepared for: Maria Lopez By: Sam Lee, PT Date: 22 November 2026" in first
    # the patient's name is in the running header of every page, so loose pages find their owner
    for n in range(len(pdf_reader(out.read_bytes()).pages)):
        assert re.match(r"(Draft — not yet reviewed by a clinician )?Prepared for Maria Lopez Published",
                        page_text(out, n))
    assert "Notes: Start with one set." in first
    assert "How much: 3 sets · 12 reps" in pdf_text(out)


def test_a_name_too_long_for_the_header_line_gets_a_line_of_its_own(write_spec, tmp_path):
    """A name that does not fit beside the draft mark, even the short one, was cut ("…"); it now
    takes the header's first line whole, the mark the line under it, on every page."""
    name = "Maximiliana Alexandrina Featherstonehaugh-Cholmondeley of Little Snoring"
    out = tmp_path / "p.pdf"
    result = run_cli("build", write_spec(EXERCISES), "-o", out, "--patient", name)
    assert result.exit_code == 0, result.output
    for n in range(len(pdf_reader(out.read_bytes()).pages)):
        lines = pdf_reader(out).pages[n].extract_text().splitlines()  # (the mark is drawn first)
        assert set(lines[:2]) == {f"Prepared for {name}", "Draft — not yet reviewed by a clinician"}, lines[:3]


@pytest.mark.parametrize("dose,message", [
    ("clam=three", "Error: --dose clam: dose 'three' should look like 3x12, 3x10-15, 2x30s or 3x5x10s"),
    ("clam", "Error: --dose 'clam': expected EXERCISE-ID=3x12"),
    ("clam=30x10", "Error: --dose clam: dose '30x10': sets: expected a whole number 1–20, got '30'"),
])
def test_bad_dose_option(write_spec, tmp_path, dose, message):
    result = run_cli("build", write_spec(EXERCISES), "-o", tmp_path / "p.pdf", "--dose", dose)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == message
    assert not (tmp_path / "p.pdf").exists()


def test_dose_for_an_exercise_not_in_the_handout(write_spec, tmp_path):
    result = run_cli("build", write_spec(EXERCISES), "-o", tmp_path / "p.pdf", "--dose", "pigeon-stretch=2x30s")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == ("Error: dose for 'pigeon-stretch': not an exercise in this handout "
                                             "(it has bridge, clam)")


def test_tracker_follows_the_prescription(write_spec, tmp_path):
    spec = write_spec(EXERCISES)
    out = tmp_path / "t.pdf"
    assert run_cli("build", spec, "-o", out).exit_code == 0
    text = pdf_text(out)
    grid = text[text.index("Week 1"):]
    assert re.search(r"Week 1 Week 2 1 2 3 1 2 3 Clamshell", grid)  # 3 days a week x 2 weeks


ROSTER = """name,clinician,date,notes,clam
Ana López,Sam Lee,2026-11-22,Go slow.,3x8
Ana López,,,,
,,,,
Bo Chen,,bad-date,,
Cy Diaz,,,,9x9x
Di Eve,Kim,2026-11-23,,
"""


def test_roster_one_pdf_per_row_bad_rows_reported(write_spec, tmp_path):
    spec = write_spec(EXERCISES)
    roster = tmp_path / "class.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli("build", spec, "--roster", roster, "-o", out, "-j", "1")
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["ana-lopez-2.pdf", "ana-lopez.pdf", "di-eve.pdf"]
    assert "Prepared for: Ana López By: Sam Lee Date: 22 November 2026" in page_text(out / "ana-lopez.pdf", 0)
    assert "How much: 3 sets · 8 reps" in pdf_text(out / "ana-lopez.pdf")
    assert "Prepared for: Di Eve By: Kim" in page_text(out / "di-eve.pdf", 0)
    assert result.stderr.splitlines() == [  # the row of empty cells (line 4) is skipped, not a failure
        f"Error: {roster}:5: row 3, date: expected a date like 2026-11-22, got 'bad-date'",
        f"Error: {roster}:6: row 4, clam: dose '9x9x' should look like 3x12, 3x10-15, 2x30s or 3x5x10s",
        "2 rows failed"]
    assert result.stdout == f"Built 3 of 5 handouts into {out}\n"


def test_roster_merged_in_parallel_keeps_order(write_spec, tmp_path):
    spec = write_spec(EXERCISES)
    roster = tmp_path / "class.csv"
    roster.write_text("name\n" + "".join(f"Person {i}\n" for i in range(6)), encoding="utf-8")
    merged = tmp_path / "class.pdf"
    result = run_cli("build", spec, "--roster", roster, "--merge", merged, "-j", "2")
    assert result.exit_code == 0, result.output
    reader = pdf_reader(merged)
    per = len(reader.pages) // 6
    names = [re.search(r"Prepared for: (Person \d)", page_text(merged, i * per)).group(1) for i in range(6)]
    assert names == [f"Person {i}" for i in range(6)]


def _run_with_terminal_stderr(args: list) -> tuple[int, str, str]:
    """Run the real CLI with stderr on a pseudo-terminal (as in a clinic's shell)."""
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "handoutgen", *map(str, args)], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=slave, timeout=300)
    finally:
        os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal is closed and drained
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    return proc.returncode, proc.stdout.decode(), seen.decode()


def test_roster_progress_bar_on_a_terminal_only(write_spec, tmp_path):
    spec = write_spec(EXERCISES)
    roster = tmp_path / "class.csv"
    roster.write_text("name\nAna\nBo\nCy\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    code, stdout, terminal = _run_with_terminal_stderr(["build", spec, "--roster", roster, "-o", out, "-j", "1"])
    assert code == 0, terminal
    assert stdout == f"Built 3 of 3 handouts into {out}\n"
    frames = [f for f in terminal.replace("\r\n", "\n").split("\r") if f.strip()]
    assert frames == [f"[{'#' * 10}{'.' * 20}] 1/3", f"[{'#' * 20}{'.' * 10}] 2/3", f"[{'#' * 30}] 3/3\n"]
    quiet = run_cli("build", spec, "--roster", roster, "-o", out, "-j", "1")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_large_print_is_16pt(write_spec, tmp_path):
    spec = write_spec(EXERCISES)
    out = tmp_path / "l.pdf"
    assert run_cli("build", spec, "-o", out, "--large-print").exit_code == 0
    sizes = {text: size for _, size, text in font_sizes(out, 0)}
    assert sizes["Walk a little each day."] >= 16
    assert sizes["Gentle exercise helps most people."] >= 16
    normal = tmp_path / "n.pdf"
    run_cli("build", spec, "-o", normal)
    assert len(pdf_reader(out).pages) >= len(pdf_reader(normal).pages)


def _colours(pdf) -> set[tuple[str, ...]]:
    found = set()
    reader = pdf_reader(pdf)
    streams = []
    for page in reader.pages:
        streams.append(page.get_contents().get_data())
        for ref in (page["/Resources"].get("/XObject") or {}).values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Form":
                streams.append(obj.get_data())
    for data in streams:
        found |= set(re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)\b", data))
    return found


def test_grayscale_uses_only_greys(write_spec, tmp_path):
    spec = write_spec(EXERCISES.replace("sections:", "sections:\n  - {type: pain_patterns, regions: [outer-hip]}"))
    colour, grey = tmp_path / "c.pdf", tmp_path / "g.pdf"
    assert run_cli("build", spec, "-o", colour).exit_code == 0
    assert run_cli("build", spec, "-o", grey, "--grayscale").exit_code == 0
    assert any(len(set(c)) > 1 for c in _colours(colour))  # the normal build does use colour
    assert _colours(grey) and all(len(set(c)) == 1 for c in _colours(grey))


def _booklet(write_spec, tmp_path, paragraphs: int):
    body = "\n".join(f"          Paragraph {i} has enough words to fill a line or two of the page."
                     for i in range(paragraphs))
    spec = write_spec(spec_text("""\
      - type: text
        heading: Long
        text: |
""" + body + "\n"))
    out = tmp_path / "b.pdf"
    result = run_cli("build", spec, "-o", out, "--booklet")
    assert result.exit_code == 0, result.output
    pages, sheets = map(int, re.search(r"\((\d+) pages on (\d+) sheets?: print on both sides, fold\)",
                                        result.stdout).groups())
    return out, pages, sheets


def test_booklet_pages_are_imposed_in_saddle_order(write_spec, tmp_path):
    out, n, sheets = _booklet(write_spec, tmp_path, 70)
    reader = pdf_reader(out)
    assert n == 8 and sheets == 2 and len(reader.pages) == n // 2  # two sides per sheet
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (792, 612)
    order = []
    for page in reader.pages:
        found = []
        page.extract_text(visitor_text=lambda t, cm, tm, fd, fs: found.append((tm[4] + cm[4], t)))
        numbers = [(x, int(m.group(1))) for x, t in found for m in [re.match(r"Page (\d+) of", t.strip())] if m]
        order.append(tuple(num for _, num in sorted(numbers)))
    expected = []
    for s in range(n // 4):
        expected += [(n - 2 * s, 1 + 2 * s), (2 + 2 * s, n - 1 - 2 * s)]
    assert order == expected
    # 5 pages of text, padded with 3 ruled Notes pages to fill the two sheets
    assert pdf_text(out).count("Notes") == 3


def test_booklet_that_fills_its_sheets_has_only_its_back_cover_for_notes(write_spec, tmp_path):
    out, n, sheets = _booklet(write_spec, tmp_path, 40)  # 3 pages of text and the back cover
    assert (n, sheets) == (4, 1)
    assert pdf_text(out).count("Notes") == 1


def test_pack_has_one_front_page_with_contents_and_bookmarks(tmp_path):
    specs = [ROOT / "handouts" / "gluteus-medius-pain-short.yaml", ROOT / "handouts" / "hip-strength-class.yaml"]
    out = tmp_path / "pack.pdf"
    result = run_cli("pack", *specs, "-o", out, "--title", "Tuesday hip class")
    assert result.exit_code == 0, result.output
    reader = pdf_reader(out)
    front = page_text(out, 0)  # title and contents on one page
    assert "Tuesday hip class" in front
    short_pages = 2  # the front-desk sheet: one sheet, both sides
    assert re.search(r"Contents Gluteus medius pain\W+2 Hip strength class\W+%d" % (2 + short_pages), front)
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles == ["Contents", "Gluteus medius pain", "Hip strength class"]
    children = reader.outline[-1]
    assert isinstance(children, list) and "Track your exercises" in [c.title for c in children]
    hip = next(o for o in reader.outline if not isinstance(o, list) and o.title == "Hip strength class")
    assert reader.get_destination_page_number(hip) == 3  # 0-based: the front page, the short sheet (2)
    assert "Hip strength class" in page_text(out, 3)
    assert f"Page 4 of {len(reader.pages)}" in page_text(out, 3)  # the number the contents gives


def test_spec_round_trips_through_the_pdf(write_spec, tmp_path):
    spec = write_spec(EXERCISES)
    out = tmp_path / "h.pdf"
    assert run_cli("build", spec, "-o", out).exit_code == 0
    back = tmp_path / "back.yaml"
    result = run_cli("extract", out, "-o", back)
    assert result.exit_code == 0
    assert back.read_bytes() == spec.read_bytes()
    assert run_cli("build", back, "-o", tmp_path / "again.pdf").exit_code == 0


def test_extract_from_a_pdf_without_a_spec(tmp_path):
    plain = tmp_path / "plain.pdf"
    from reportlab.pdfgen.canvas import Canvas

    canv = Canvas(str(plain))
    canv.drawString(100, 100, "hi")
    canv.save()
    result = run_cli("extract", plain)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {plain}: has no embedded spec (was it made by handoutgen build?)\n"
    junk = tmp_path / "junk.pdf"
    junk.write_text("not a pdf")
    assert run_cli("extract", junk).exit_code == 1


def test_links_and_videos_get_qr_codes(write_spec):
    from handoutgen.build import prepare
    from handoutgen.layout.render import render  # noqa: F401  (imports the layout stack)
    from handoutgen.layout.context import RenderContext
    from handoutgen.layout.story import build_story
    from handoutgen.layout.styles import styles_for
    from handoutgen.layout.theme import load_theme
    from handoutgen.labels import labels

    spec = write_spec(spec_text("""\
      - type: text
        heading: More help
        text: Watch [our video](https://example.org/hip) and call [us](tel:5550100).
      - type: exercises
        items:
          - id: wall-squeeze
            exercise:
              id: wall-squeeze
              name: Wall squeeze
              kind: strengthen
              steps: [Stand by a wall., Press your knee into it.]
              video: https://example.org/wall
              common_practice: yes
    """))
    handout, _ = prepare(spec)
    theme = load_theme()
    ctx = RenderContext(handout, theme, styles_for(theme), labels("en"), 490, {})
    found = []

    def walk(item):
        if type(item).__name__ == "QRCode":
            found.append((item.url, item.level))
        for child in getattr(item, "_content", []) or []:
            walk(child)
        for make in getattr(item, "cards", []) or []:  # a run of exercise cards builds them per page
            walk(make(150))
        for row in getattr(item, "_cellvalues", []) or []:
            for cell in row:
                for sub in cell if isinstance(cell, (list, tuple)) else [cell]:
                    walk(sub)

    for flowable in build_story(ctx):
        walk(flowable)
    assert found == [("https://example.org/hip", "M"), ("https://example.org/wall", "M")]


@pytest.mark.parametrize("flag", ["--large-print", "--booklet"])
def test_single_column_cards_stay_inside_the_page(write_spec, tmp_path, flag):
    """Large print and half-size booklet pages use one-column cards; nothing may spill off."""
    spec = write_spec(EXERCISES)
    out = tmp_path / "o.pdf"
    assert run_cli("build", spec, "-o", out, flag).exit_code == 0
    reader = pdf_reader(out)
    for page in reader.pages:
        width = float(page.mediabox.width)
        xs = []
        page.extract_text(visitor_text=lambda t, cm, tm, fd, fs: xs.append(tm[4] * cm[0] + cm[4]) if t.strip() else None)
        assert xs and min(xs) >= 0 and max(xs) <= width
    assert "Keep your feet together" in pdf_text(out)  # the clam's caption, whole


def _story_pages(story) -> list[str]:
    """Lay out `story` on Letter pages; the text of each page."""
    import io

    from reportlab.lib.pagesizes import letter
    from reportlab.platypus import SimpleDocTemplate

    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=letter).build(story)
    return [" ".join(p.extract_text().split()) for p in pdf_reader(buf.getvalue()).pages]


@pytest.mark.parametrize("lead_lines,starts_on", [(5, 1), (40, 2)])
def test_a_card_taller_than_a_page_starts_where_there_is_room(lead_lines, starts_on):
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, Spacer

    from handoutgen.layout.flowables import Grid, KeepOrSplit

    style = getSampleStyleSheet()["BodyText"]
    lead = [Paragraph(f"Lead line {i}.", style) for i in range(lead_lines)]
    rows = [[Paragraph(f"Card row {i}.", style)] for i in range(60)]  # about 1.3 pages
    frame_h = 792 - 2 * 72 - 12
    pages = _story_pages(lead + [Spacer(1, 6), KeepOrSplit([Grid(rows, splitInRow=1)], room=frame_h * 0.4)])
    first = next(i for i, text in enumerate(pages, start=1) if "Card row 0." in text)
    assert first == starts_on
    assert "Card row 59." in pages[-1]


def test_booklet_cards_show_the_dose_right_under_the_title(tmp_path):
    out = tmp_path / "class.pdf"
    result = run_cli("build", ROOT / "handouts" / "hip-strength-class.yaml", "-o", out, "--booklet")
    assert result.exit_code == 0, result.output
    assert re.search(r"\(\d+ pages on (\d+) sheets", result.stdout)
    text = " ".join(pdf_text(out).split())
    for title, dose in (("Side push, lying down", "How much: 3–5 reps · hold 5–10 s · each side · twice a day"),
                        ("Bridge", "How much: 10 reps · both legs · once a day · light effort")):
        assert f"{title} {dose}" in text, title  # the dose bar right under the name


def test_pack_as_one_booklet_with_every_spec_inside(tmp_path):
    specs = [ROOT / "handouts" / "gluteus-medius-pain-short.yaml", ROOT / "handouts" / "hip-strength-class.yaml"]
    out = tmp_path / "pack.pdf"
    result = run_cli("pack", *specs, "-o", out, "--booklet", "--title", "Tuesday hip class")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # the one-pager's page_limit counts full pages, not booklet pages
    pages, sheets = map(int, re.search(r"\(2 handouts, (\d+) pages on (\d+) sheets: print on both sides, fold\)",
                                        result.stdout).groups())
    reader = pdf_reader(out)
    assert pages % 4 == 0 and sheets == pages // 4 and len(reader.pages) == 2 * sheets
    for page in reader.pages:  # landscape Letter sheets, two half-letter pages each
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (792, 612)
    front = []
    reader.pages[0].extract_text(visitor_text=lambda t, cm, tm, fd, fs: front.append((tm[4] + cm[4], t)))
    right_half = " ".join(t for x, t in front if x >= 396)
    assert "Tuesday hip class" in right_half  # the cover is page 1: the right half of the first side
    assert sorted(reader.attachments) == ["01-gluteus-medius-pain-short.yaml", "02-hip-strength-class.yaml"]


@pytest.mark.parametrize("name,expected", [
    ("María López", "maria-lopez.pdf"),
    ("José O'Brien", "jose-o-brien.pdf"),
    ("李小龙", "李小龙.pdf"),  # letters of any script are kept
    ("../../etc/passwd", "etc-passwd.pdf"),  # never a path
    ("CON", "con-handout.pdf"),  # a name Windows cannot use for a file
    ("?!", "handout.pdf"),
])
def test_roster_file_names_are_safe_and_keep_the_name(name, expected):
    from handoutgen.roster import safe_filename

    assert safe_filename(name, set()) == expected


def test_roster_with_semicolons_and_capitalised_columns(write_spec, tmp_path):
    spec = write_spec(EXERCISES)
    roster = tmp_path / "class.csv"
    roster.write_text("Name;Clinician;Date;clam\nAna López;Sam Lee;2026-11-22;3x8\nBo Chen;;2026-02-30;\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli("build", spec, "--roster", roster, "-o", out, "-j", "1")
    assert result.exit_code == 1
    assert [p.name for p in out.iterdir()] == ["ana-lopez.pdf"]
    assert "Prepared for: Ana López By: Sam Lee Date: 22 November 2026" in page_text(out / "ana-lopez.pdf", 0)
    assert "How much: 3 sets · 8 reps" in pdf_text(out / "ana-lopez.pdf")
    assert result.stderr.splitlines() == [
        f"Error: {roster}:3: row 2, date: expected a real date like 2026-11-22, got '2026-02-30' "
        "(day is out of range for month)",
        "1 row failed"]


def test_a_roster_with_no_rows_is_an_error(write_spec, tmp_path):
    roster = tmp_path / "class.csv"
    roster.write_text("name,clinician\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli("build", write_spec(EXERCISES), "--roster", roster, "-o", out)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {roster}: no rows under the column names; nothing to build\n"
    assert list(out.iterdir()) == []


def _runs_with_y(pdf, page_index=0) -> list[tuple[float, str]]:
    found = []
    pdf_reader(pdf).pages[page_index].extract_text(
        visitor_text=lambda t, cm, tm, fd, fs: found.append((round(tm[5] * cm[3] + cm[5], 1), t.strip())))
    return [(y, t) for y, t in found if t]


@pytest.mark.parametrize("patient,stacked", [("Ana López", False),
                                             ("Maria Alejandra Guadalupe de los Santos Fernández-Villaverde", True)])
def test_prepared_for_line_never_wraps_a_name(write_spec, tmp_path, patient, stacked):
    out = tmp_path / "p.pdf"
    result = run_cli("build", write_spec(EXERCISES), "-o", out, "--patient", patient, "--clinician", "Sam Lee, PT")
    assert result.exit_code == 0, result.output
    runs = _runs_with_y(out)
    y = {text: y for y, text in runs}
    assert patient in y  # the whole name in one run: it did not wrap
    assert y["Prepared for:"] == y[patient]
    assert (y["By:"] < y["Prepared for:"]) == stacked  # a long name puts each blank on its own line
