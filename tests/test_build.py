"""Building PDFs: text read back, citations, escaping, fonts, sizes, metadata, determinism."""

from __future__ import annotations

import re

import pytest

from conftest import MINIMAL, font_sizes, pdf_fonts, pdf_reader, pdf_text, run_cli, spec_text
from handoutgen.build import build_handout
from handoutgen.resolve.library import default_library_dir, load_library

CITED = spec_text("""\
  - type: text
    heading: Evidence
    text: |
      Exercise beats a shot [@mellor2018]. Load matters [@grimaldi2015; @mellor2018].

      Our own source says so too [@own2024].
""", """\
references:
  - id: own2024
    cite: "Own A. A study of hips. J Hips. 2024;1:1-2."
    doi: 10.1000/xyz123
""")


def build(write_spec, text, **kw):
    path = write_spec(text)
    return build_handout(path, path.with_suffix(".pdf"), **kw)


def test_opening_text_and_blanks(write_spec):
    result = build(write_spec, spec_text(top="key_points: [Move every day., Stop if it hurts more.]\n"))
    text = pdf_text(result.pdf)
    for expected in ("Hip pain basics", "Gentle exercise helps most people.", "Move every day.",
                     "Stop if it hurts more.", "Prepared for:", "By:", "Date:", "What to do",
                     "Walk a little each day."):
        assert expected in text


DRAFT = "Draft — not yet reviewed by a clinician"


@pytest.mark.parametrize("reviewer,printed,draft", [
    ("Dr Kim Park, PT", "Written by Test Author. Reviewed by Dr Kim Park, PT.", False),
    ("Pending clinical review", f"Written by Test Author. {DRAFT}.", True),
    (None, f"Written by Test Author. {DRAFT}.", True),
])
def test_a_named_reviewer_or_a_draft_mark_on_every_page(write_spec, reviewer, printed, draft):
    """A placeholder is never printed as a name: without a named reviewer every page says 'Draft'."""
    line = f"  reviewed_by: {reviewer}\n" if reviewer else ""
    spec = MINIMAL.replace("  author: Test Author\n", f"  author: Test Author\n{line}")
    spec += "  - type: text\n    heading: More\n    text: " + " ".join(["Walk a little more each day."] * 200) + "\n"
    result = build(write_spec, spec)
    text = " ".join(pdf_text(result.pdf).split())
    assert printed in text
    assert "Pending" not in text and "Reviewed by Pending" not in text
    pages = [page.extract_text() for page in pdf_reader(result.pdf).pages]
    assert len(pages) >= 2
    assert all((DRAFT in " ".join(p.split())) == draft for p in pages)


def test_citations_are_numbered_by_first_use_and_listed_in_that_order(write_spec):
    result = build(write_spec, CITED)
    text = pdf_text(result.pdf)
    assert "Exercise beats a shot [1]. Load matters [1, 2]." in text
    assert "Our own source says so too [3]." in text
    refs = text[text.index("References"):]
    assert re.search(r"1\. Mellor R.*2\. Grimaldi A, Mellor R.*3\. Own A\. A study of hips", refs)
    assert "doi:10.1000/xyz123" in refs
    assert [r.id for r in result.handout.references] == ["mellor2018", "grimaldi2015", "own2024"]


def test_doi_is_a_link(write_spec):
    result = build(write_spec, CITED)
    reader = pdf_reader(result.pdf)
    uris = [a.get_object()["/A"].get("/URI") for page in reader.pages for a in page.get("/Annots", [])
            if a.get_object().get("/A", {}).get("/S") == "/URI"]
    assert "https://doi.org/10.1000/xyz123" in uris


EXPLOIT = """<font color="[[getattr(pow,Word('__globals__'))]]">x</font>"""


def test_markup_in_spec_text_prints_literally(write_spec):
    text = spec_text(f"""\
      - type: text
        heading: "<b>not bold</b> & co"
        text: |
          Math: a < b & c. {EXPLOIT} <img src="/etc/passwd"/>
    """)
    result = build(write_spec, text)
    out = pdf_text(result.pdf)
    assert "<b>not bold</b> & co" in out
    assert "a < b & c." in out
    assert EXPLOIT in out
    assert '<img src="/etc/passwd"/>' in out


def test_inline_markup_bold_italic_link(write_spec):
    result = build(write_spec, spec_text("""\
      - type: text
        heading: Styles
        text: "Plain **strong** and *soft* and [our site](https://example.org/a?b=1&c=2)."
    """))
    assert "Plain strong and soft and our site." in pdf_text(result.pdf)
    fonts_used = {f for f, _, t in font_sizes(result.pdf) if t.startswith("strong")}
    assert any(f.endswith("AtkinsonHyperlegible-Bold") for f in fonts_used)
    reader = pdf_reader(result.pdf)
    uris = [a.get_object()["/A"].get("/URI") for a in reader.pages[0].get("/Annots", [])]
    assert "https://example.org/a?b=1&c=2" in uris


def test_only_embedded_fonts(write_spec):
    result = build(write_spec, CITED)
    fonts = pdf_fonts(result.pdf)
    assert fonts and all(fonts.values()), fonts
    assert all("AtkinsonHyperlegible" in name for name in fonts)


def test_body_text_is_large_print(write_spec):
    result = build(write_spec, MINIMAL)
    sizes = {t: s for _, s, t in font_sizes(result.pdf)}
    assert sizes["Walk a little each day."] >= 13
    assert sizes["Gentle exercise helps most people."] >= 16
    assert sizes["Hip pain basics"] >= 24


@pytest.mark.parametrize("paper,size", [("letter", (612, 792)), ("a4", (595.28, 841.89))])
def test_page_size(write_spec, paper, size):
    result = build(write_spec, MINIMAL.replace("title:", f"paper: {paper}\ntitle:"))
    box = pdf_reader(result.pdf).pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == size


def test_paper_option_overrides_spec(write_spec):
    result = build(write_spec, MINIMAL, paper="a4")
    assert round(float(pdf_reader(result.pdf).pages[0].mediabox.height)) == 842


def test_header_footer_on_every_page(write_spec):
    long = spec_text("""\
      - type: text
        heading: Long
        text: |
""" + "".join(f"          Paragraph {i} says walk a little more each day and rest when you need.\n\n"
                  for i in range(60)))
    result = build(write_spec, long.replace("title: Hip pain basics", "title: Hip pain basics\nclinic: {name: Sunrise Physio}"))
    reader = pdf_reader(result.pdf)
    assert result.pages == len(reader.pages) >= 3
    for n, page in enumerate(reader.pages, start=1):
        text = " ".join(page.extract_text().split())
        assert f"Page {n} of {result.pages}" in text
        assert "Hip pain basics" in text and "Sunrise Physio" in text
        assert "Published 22 November 2026 · Next review 22 November 2027" in text


def test_metadata_and_bookmarks(write_spec):
    text = CITED.replace("title: Hip pain basics", "title: Hip pain basics\nsubtitle: Why it hurts\n"
                                                  "keywords: [hip, exercise]")
    result = build(write_spec, text)
    reader = pdf_reader(result.pdf)
    meta = reader.metadata
    assert meta.title == "Hip pain basics"
    assert meta.author == "Test Author"
    assert meta.subject == "Why it hurts"
    assert meta["/Keywords"] == "hip, exercise"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert [o.title for o in reader.outline] == ["What to do", "Evidence", "References"]


def test_same_spec_gives_identical_bytes(write_spec):
    path = write_spec(CITED)
    first = build_handout(path, None).pdf
    second = build_handout(path, None).pdf
    assert first == second


def test_cli_build_writes_pdf_and_reports_pages(write_spec, tmp_path):
    path = write_spec(MINIMAL)
    out = tmp_path / "out.pdf"
    result = run_cli("build", path, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {out} (1 page)\n"
    assert out.read_bytes().startswith(b"%PDF")


def test_cli_build_into_folder(write_spec, tmp_path):
    a = write_spec(MINIMAL, "a.yaml")
    b = write_spec(MINIMAL, "b.yaml")
    outdir = tmp_path / "out"
    outdir.mkdir()
    result = run_cli("build", a, b, "-o", outdir)
    assert result.exit_code == 0
    assert sorted(p.name for p in outdir.iterdir()) == ["a.pdf", "b.pdf"]


def test_exercise_card_shows_steps_dose_override_and_evidence(write_spec):
    result = build(write_spec, spec_text("""\
      - type: exercises
        items:
          - {id: clam, sets: 3, reps: 12, side: left, days_per_week: 7, notes: Go slow on the left.}
    """))
    text = pdf_text(result.pdf)
    assert "Clamshell" in text
    assert "How much: 3 sets · 12 reps · left side · every day" in text
    assert "Go slow on the left." in text
    assert re.search(r"Evidence: \[1[–,]", text)
    clam = load_library(default_library_dir()).get("clam")
    assert [r.id for r in result.handout.references] == list(clam.evidence)  # cited in the card's order


def test_page_limit_compacts_then_warns_when_impossible(write_spec):
    fits = build(write_spec, spec_text("""\
      - type: relief_plan
        steps: [{title: Rest, text: Rest a bit., dose: Daily}, {title: Move, text: Walk a bit.}]
      - type: exercises
        items: [clam, bridge]
    """, "page_limit: 1\n"))
    assert fits.pages == 1 and fits.warnings == []
    assert "1. Clamshell — " in pdf_text(fits.pdf)  # compact list instead of cards
    too_long = build(write_spec, spec_text("""\
      - type: text
        heading: Long
        text: |
""" + "".join(f"          Paragraph {i} is long enough to need its own line or two on the page.\n\n"
                  for i in range(80)), "page_limit: 1\n"))
    assert too_long.pages > 1
    (warning,) = too_long.warnings
    assert str(warning).endswith("page_limit: does not fit on 1 page(s) even with compact layouts (the type "
                                 f"stays at least 14 pt); it has {too_long.pages}. Shorten the text")


def test_page_limit_in_large_print_says_the_type_stayed_large(write_spec):
    from handoutgen.layout.render import PrintOptions

    result = build(write_spec, spec_text(top="page_limit: 1\n"), options=PrintOptions(large_print=True))
    assert result.warnings == []  # the minimal spec fits one page even at 16 pt
    path = write_spec(spec_text("""\
      - type: text
        heading: More
        text: |
""" + "".join(f"          Paragraph {i} needs a line of its own.\n\n" for i in range(30)), "page_limit: 1\n"))
    (warning,) = build_handout(path, None, options=PrintOptions(large_print=True)).warnings
    assert "does not fit on 1 page(s) in large print, even with compact layouts; it has" in str(warning)
    assert build_handout(path, None, options=PrintOptions(booklet=True)).warnings == []
