"""Stamped roster copies read and look like full renders (stamp.py, layout/slots.py): the same
text on every page, the same low-resolution image outside the stamped words, a clean qpdf
check, the spec attached; rows stamping cannot print exactly are rendered in full."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, pdf_reader, run_cli
from handoutgen.batch import build_roster
from handoutgen.build import prepare
from handoutgen.roster import read_roster
from handoutgen.stamp import Stamper, roster_charset

SPEC = ROOT / "handouts" / "gluteus-medius-pain-short.yaml"
ROSTER = """\
name,clinician,date,notes,bridge
Ana María López,"Sam Lee, PT",2026-11-22,,
Bo Li,"Sam Lee, PT",2026-12-01,,
Zoë Ørsted-Çelik,Dr Jo Smith,2027-01-05,,
Pat Doe,,2026-11-22,,
Maximiliana Alexandrina Featherstonehaugh-Cholmondeley of Little Snoring,"Sam Lee, PT",2026-11-22,,
Maximiliana Featherstonehaugh-Cholmondeley,"Sam Lee, PT",2026-11-22,,
Alexandrina Featherstonehaugh,"Sam Lee, PT",2026-11-22,,
Chris Park,"Sam Lee, PT",2026-11-22,Start with one set.,
Dee Ng,"Sam Lee, PT",2026-11-22,,3x8
Σοφία Παππά,"Sam Lee, PT",2026-11-22,,
Eve Adams,"Sam Lee, PT",2026-11-22,,
"""

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The roster built twice: stamped, and with every row rendered in full."""
    work = tmp_path_factory.mktemp("stamp")
    roster = work / "class.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    rows = read_roster(roster).rows
    out = {}
    for mode in ("stamped", "full"):
        folder = work / mode
        folder.mkdir()
        results, _ = build_roster(SPEC, rows, folder, jobs=1, stamp=mode == "stamped")
        assert [r.error for r in results] == [None] * len(rows)
        out[mode] = [r.output for r in results]
    out["people"] = [row.who for row in rows]
    return out


def _pages(pdf: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pdf_reader(pdf).pages]


def test_stamped_copies_have_the_text_of_full_renders_on_every_page(built):
    for stamped, full in zip(built["stamped"], built["full"]):
        assert stamped.name == full.name
        assert _pages(stamped) == _pages(full), stamped.name


def test_stamped_pages_look_like_full_renders_outside_the_stamped_words(built):
    from handoutgen.labels import labels
    from handoutgen.resolve.words import date_words

    for stamped, full, who in zip(built["stamped"], built["full"], built["people"]):
        assert _layout_text(stamped) == _layout_text(full), stamped.name
        a, b = _images(stamped), _images(full)
        assert len(a) == len(b)
        texts = ["Prepared for", who.patient, who.clinician or "", date_words(who.date, labels("en")) or ""]
        areas = _stamped_areas(full, {word for text in texts for word in text.split()})
        for page, (left, right) in enumerate(zip(a, b)):
            assert left[:2] == right[:2]
            outside = [xy for xy in _differing(left, right) if not _inside(xy, areas.get(page, []))]
            assert outside == [], f"{stamped.name} page {page + 1}: {len(outside)} pixels differ"


def qpdf_problems(pdf: Path | bytes) -> list[str]:
    """What qpdf's syntax check finds in a PDF (through pikepdf, its Python binding, so that the
    check runs wherever the tests do, with no qpdf program installed): empty when it is clean."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf) as doc:
        return doc.check_pdf_syntax()


def test_qpdf_finds_every_stamped_copy_clean(built):
    for pdf in built["stamped"]:
        assert qpdf_problems(pdf) == [], pdf.name


def test_the_qpdf_check_finds_a_damaged_file(built):
    """(the check above can fail: a stream one byte longer than its /Length says is reported)"""
    data = built["stamped"][0].read_bytes()
    length = re.search(rb"/Length (\d+)", data)
    bad = data[:length.start(1)] + str(int(length.group(1)) + 1).encode() + data[length.end(1):]
    assert qpdf_problems(bad)


def test_every_stamped_copy_carries_the_spec(built):
    for stamped, full in zip(built["stamped"], built["full"]):
        assert pdf_reader(stamped).attachments == pdf_reader(full).attachments
        assert pdf_reader(stamped).attachments["handout.yaml"] == [SPEC.read_bytes()]


def test_which_rows_are_stamped():
    """Rows sharing a layout are stamped; each other layout (notes, a missing clinician, a name
    too long for the side-by-side blanks) gets its own template; a Greek name (a fallback font)
    and a name that wraps in its blank render in full."""
    from handoutgen.personal import Personal

    handout, _ = prepare(SPEC)
    long = "Maximiliana Featherstonehaugh-Cholmondeley"
    people = [Personal("Ana López", "Sam Lee, PT", "2026-11-22"), Personal("Bo Li", "Sam Lee, PT", "2026-12-01"),
              Personal("Σοφία Παππά", "Sam Lee, PT", "2026-11-22"), Personal("Cy Ode", None, "2026-11-22"),
              Personal("Di Fox", "Sam Lee, PT", None, "Walk daily."), Personal(long, "Sam Lee, PT", "2026-11-22"),
              Personal(" ".join([long] * 3), "Sam Lee, PT", "2026-11-22"),
              Personal("Alexandrina Featherstonehaugh", "Sam Lee, PT", "2026-11-22"), Personal("Eve", "Sam Lee, PT")]
    stamper = Stamper(handout, SPEC, None, roster_charset(handout, people))
    stamped = [stamper.pdf(who) is not None for who in people]
    assert stamped == [True, True, False, True, True, True, False, True, True]
    assert len(stamper.groups) == 4  # name, clinician and date; no clinician; notes, no date; no date
    full = max(stamper.groups.values(), key=len)  # side by side, one per line, wrapping
    assert [e.template is not None for e in full] == [True, True, False]


def test_stamping_is_reproducible_and_the_same_with_two_processes(tmp_path):
    roster = tmp_path / "class.csv"
    roster.write_text("name,clinician\n" + "".join(f"Person {i},Sam Lee\n" for i in range(6)))
    rows = read_roster(roster).rows
    outputs = []
    for jobs in (1, 1, 2):
        folder = tmp_path / f"out{len(outputs)}"
        folder.mkdir()
        results, _ = build_roster(SPEC, rows, folder, jobs=jobs)
        outputs.append([r.output.read_bytes() for r in results])
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(set(outputs[0])) == 6


def test_merge_of_stamped_copies_reads_like_the_copies(tmp_path):
    roster = tmp_path / "class.csv"
    roster.write_text("name,clinician\nAna López,Sam Lee\nBo Li,Sam Lee\nCy Ode,Sam Lee\n", encoding="utf-8")
    merged, one = tmp_path / "class.pdf", tmp_path / "one.pdf"
    assert run_cli("build", SPEC, "--roster", roster, "--merge", merged, "-j", "1").exit_code == 0
    assert run_cli("build", SPEC, "-o", one, "--patient", "Bo Li", "--clinician", "Sam Lee").exit_code == 0
    pages = _pages(merged)
    per = len(_pages(one))
    sheet = per + per % 2
    assert pages[sheet:sheet + per] == _pages(one)


def _layout_text(pdf: Path) -> list[str]:
    """Every page's text laid out as printed (words in their places, spaces between)."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [page.extract_text(layout=True) for page in doc.pages]


def _images(pdf: Path) -> list[tuple[int, int, bytes]]:
    """Every page at 30 dpi in grey: (width, height, pixels), drawn by PDFium (pypdfium2)."""
    import pypdfium2 as pdfium

    out = []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for page in doc:
            bitmap = page.render(scale=30 / 72, grayscale=True)
            width, height, stride = bitmap.width, bitmap.height, bitmap.stride
            rows = bytes(bitmap.buffer)
            out.append((width, height, b"".join(rows[y * stride:y * stride + width] for y in range(height))))
    finally:
        doc.close()
    return out


def _differing(a, b) -> list[tuple[int, int]]:
    width, pixels_a, pixels_b = a[0], a[2], b[2]
    return [(i % width, i // width) for i, (x, y) in enumerate(zip(pixels_a, pixels_b)) if x != y]


def _stamped_areas(full: Path, words: set[str]) -> dict[int, list[tuple[float, float, float, float]]]:
    """Pixel boxes (at 30 dpi, 2 pixels of margin) of the words a stamp writes: the running
    header's "Prepared for NAME" on every page, and the values in page 1's blanks."""
    import html

    import pdfplumber

    scale = 30 / 72
    out: dict[int, list] = {}
    with pdfplumber.open(full) as doc:
        for page, content in enumerate(doc.pages):
            for w in content.extract_words():
                x0, y0, x1, y1 = (w[k] * scale for k in ("x0", "top", "x1", "bottom"))
                header = y0 < 80 * scale  # the running header's line
                if html.unescape(w["text"]).rstrip("…") in words or (header and "…" in w["text"]):
                    if header or page == 0:
                        out.setdefault(page, []).append((x0 - 2, y0 - 2, x1 + 2, y1 + 2))
    return out


def _inside(xy, areas) -> bool:
    x, y = xy
    return any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in areas)


def test_merge_copies_our_rows_as_pypdf_would(monkeypatch, tmp_path):
    """layout/rawpdf.py reads row PDFs for --merge; the result matches the pypdf path."""
    import io

    from handoutgen.build import render_to
    from handoutgen.layout import rawpdf, stream
    from handoutgen.personal import Personal

    handout, warnings = prepare(SPEC)
    rows = [render_to(handout, SPEC, None, warnings, who=Personal(name, "Sam Lee")).pdf for name in ("Ana", "Bo")]
    merged = {}
    for fast in (True, False):
        if not fast:
            monkeypatch.setattr(rawpdf, "parse", lambda pdf: None)
        buffer = io.BytesIO()
        out = stream.StreamingPdf(buffer)
        for pdf in rows:
            out.add(pdf, even=True)
        out.finish(b"title: x\n")
        merged[fast] = buffer.getvalue()
    fast, slow = (pdf_reader(merged[k]) for k in (True, False))
    assert [p.extract_text() for p in fast.pages] == [p.extract_text() for p in slow.pages]
    assert [len(p.get("/Annots") or []) for p in fast.pages] == [len(p.get("/Annots") or []) for p in slow.pages]
    assert fast.attachments == slow.attachments
    assert qpdf_problems(merged[True]) == []


def test_two_processes_keep_roster_order_across_many_chunks(tmp_path):
    """Workers get rows a chunk at a time, a few chunks ahead (batch.py); the merge still
    follows the roster."""
    from handoutgen import batch

    rows = batch.CHUNK * 2 * 4 + 5  # more than the window of chunks in flight
    roster = tmp_path / "class.csv"
    roster.write_text("name\n" + "".join(f"Person {i}\n" for i in range(rows)))
    merged = tmp_path / "class.pdf"
    assert run_cli("build", SPEC, "--roster", roster, "--merge", merged, "-j", "2").exit_code == 0
    pages = _pages(merged)
    sheet = len(pages) // rows
    assert [f"Prepared for Person {i}" in pages[i * sheet] for i in range(rows)] == [True] * rows


@pytest.mark.parametrize("variant", ["plain", "large", "a4-grey"])
@pytest.mark.parametrize("reviewed", [False, True])
def test_stamped_headers_match_full_renders_with_a_clinic_in_every_variant(write_spec, variant, reviewed):
    """The running header holds the name, the draft mark and the clinic; a long name moves the
    mark and drops the clinic. Stamped copies print what full renders print, in every variant."""
    from conftest import spec_text
    from handoutgen.build import render_to
    from handoutgen.layout.render import PrintOptions
    from handoutgen.personal import Personal

    options = {"plain": PrintOptions(), "large": PrintOptions(large_print=True),
               "a4-grey": PrintOptions(paper="a4", grayscale=True)}[variant]
    top = "clinic: {name: Riverside, phone: 555 0100}\n"
    spec = write_spec(spec_text(top=top).replace("  author: Test Author\n", "  author: Test Author\n"
                                                 + ("  reviewed_by: Dr Ann Lee\n" if reviewed else "")))
    handout, warnings = prepare(spec)
    people = [Personal("Ana López", "Sam Lee, PT", "2026-11-22"),
              Personal("Maximiliana Featherstonehaugh-Cholmondeley", "Sam Lee, PT", "2026-11-22"),
              Personal("Bo Li", "Sam Lee, PT", "2026-12-01"), Personal("Jo Ward", "Sam Lee, PT", "2026-12-01")]
    stamper = Stamper(handout, spec, options, roster_charset(handout, people))
    for who in people:
        stamped = stamper.pdf(who)
        assert stamped is not None, who.patient
        full = render_to(handout, spec, None, warnings, options=options, who=who).pdf
        assert [p.extract_text() for p in pdf_reader(stamped).pages] == \
            [p.extract_text() for p in pdf_reader(full).pages], who.patient


STAMP_AFTER_ANOTHER_FONT = """
import sys
from pathlib import Path
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from handoutgen.paths import assets_dir
# a program that registered the same font file first, under a name of its own: reportlab then
# gives handoutgen's font names that font object (it registers TrueType fonts by face)
pdfmetrics.registerFont(TTFont("Other", str(assets_dir() / "fonts" / "AtkinsonHyperlegible-Regular.ttf")))
from handoutgen.build import prepare
from handoutgen.personal import Personal
from handoutgen.stamp import Stamper, roster_charset
spec = Path(sys.argv[1])
handout, _ = prepare(spec)
people = [Personal("Ana López", "Sam Lee, PT", "2026-11-22"), Personal("Bo Li", "Sam Lee, PT", "2026-12-01")]
stamper = Stamper(handout, spec, None, roster_charset(handout, people))
pdfs = [stamper.pdf(who) for who in people]
assert all(pdfs), "not stamped"
Path(sys.argv[2]).write_bytes(pdfs[1])
"""


def test_stamping_works_when_the_font_was_registered_under_another_name(tmp_path):
    """Stamped copies whatever font object reportlab gives the handout's font names (it raised
    KeyError when a plain TTFont of the same file had been registered first)."""
    import sys

    out = tmp_path / "bo.pdf"
    result = subprocess.run([sys.executable, "-c", STAMP_AFTER_ANOTHER_FONT, str(SPEC), str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Prepared for Bo Li" in pdf_reader(out).pages[1].extract_text()
