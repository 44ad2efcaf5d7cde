"""Packs read back from the PDF: one front page (title, contents, clinic), page numbers in one
sequence that the contents uses, contents continued when long, same titles told apart."""

from __future__ import annotations

import re

import pytest

from conftest import MINIMAL, ROOT, pdf_reader, run_cli

CLINIC = "clinic: {name: Riverside Physiotherapy, phone: 555-0100, website: 'https://riverside.example.org'}\n"


def texts(pdf) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in pdf_reader(pdf).pages]


@pytest.fixture(scope="module")
def shipped_pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("pack") / "pack.pdf"
    specs = sorted((ROOT / "handouts").glob("*.yaml"))
    result = run_cli("pack", *specs, "-o", out, "--title", "Hip, knee and back class")
    assert result.exit_code == 0, result.output
    return out, texts(out)


def _contents(pdf, index: int = 0) -> list[tuple[str, int]]:
    """(entry, page) for each contents entry on a page: the title, then its subtitle (smaller
    type) if it has one; the page number is the run of digits at the right."""
    runs = []

    def visit(text, cm, tm, fd, fs):
        if text.strip():
            runs.append((tm[4] * cm[0] + cm[4], fs * (tm[0] * cm[0]), text.strip()))

    pdf_reader(pdf).pages[index].extract_text(visitor_text=visit)
    texts_ = [t for _, _, t in runs]
    start = next(i for i, t in enumerate(texts_) if t.startswith("Contents")) + 1
    entries: list[list] = []
    for x, size, text in runs[start:]:
        if text.startswith("Page "):
            break
        if text.isdigit() and x > 400:
            entries[-1][1] = int(text)
        elif size < 13.5:  # a subtitle
            entries[-1][0] += " " + text
        elif entries and entries[-1][1] is None:  # a title's next line
            entries[-1][0] += " " + text
        else:
            entries.append([text, None])
    return [(name, page) for name, page in entries]


def test_one_front_page_has_the_title_and_the_contents(shipped_pack):
    _, pages = shipped_pack
    front = pages[0]
    assert front.startswith("Hip, knee and back class 6 handouts in this pack Contents")
    assert len(_contents(shipped_pack[0])) == 6
    assert not pages[1].startswith("Contents")  # no separate contents page: the handouts follow


def test_every_page_number_in_the_contents_is_the_one_printed_there(shipped_pack):
    out, pages = shipped_pack
    total = len(pages)
    for k, text in enumerate(pages, start=1):  # one sequence across the whole pack
        assert re.search(rf"Page {k} of( {total})?\b", text), (k, text[-60:])
    reader = pdf_reader(out)
    marks = [(o.title, reader.get_destination_page_number(o) + 1) for o in reader.outline if not isinstance(o, list)]
    for entry, page in _contents(out):
        title = next(t for t, p in marks if p == page)  # a handout's bookmark is where the contents says
        assert entry.startswith(title) and title in pages[page - 1][:200], (entry, page)


def test_same_titles_are_told_apart(shipped_pack):
    entries = [e for e, _ in _contents(shipped_pack[0]) if e.startswith("Gluteus medius pain")]
    # the full handout and the later stages by their subtitles; the front-desk sheet has none, so by its length
    assert sorted(entries) == ["Gluteus medius pain 2 pages",
                               "Gluteus medius pain Pain on the side of your hip, and an 8-week plan that helps",
                               "Gluteus medius pain Weeks 2 to 8: the next stages of your plan"]


def test_front_page_names_the_clinic(write_spec, tmp_path):
    spec = write_spec(MINIMAL + CLINIC)
    out = tmp_path / "pack.pdf"
    assert run_cli("pack", spec, spec.with_name("h.yaml"), "-o", out).exit_code == 0
    front = texts(out)[0]
    assert "Riverside Physiotherapy Phone: 555-0100 https://riverside.example.org" in front
    uris = [a.get_object()["/A"]["/URI"] for a in pdf_reader(out).pages[0].get("/Annots", [])]
    assert uris == ["https://riverside.example.org"]


def test_long_contents_continue_and_keep_the_numbers_right(write_spec, tmp_path):
    specs = [write_spec(MINIMAL.replace("Hip pain basics", f"Handout {i:02d} about hips"), f"h{i:02d}.yaml")
             for i in range(40)]
    out = tmp_path / "pack.pdf"
    assert run_cli("pack", *specs, "-o", out).exit_code == 0
    pages = texts(out)
    continued = [k for k, t in enumerate(pages) if t.startswith("Contents (continued)")]
    assert continued == list(range(1, 1 + len(continued))) and continued  # right after the front page
    listed = [pair for k in [0] + continued for pair in re.findall(r"Handout (\d\d) about hips (\d+)", pages[k])]
    assert [int(n) for n, _ in listed] == list(range(40))  # every handout, once, in order
    for n, page in listed:
        assert f"Handout {n} about hips" in pages[int(page) - 1][:80]
        assert f"Page {page} of" in pages[int(page) - 1]


def test_pack_booklet_pages_are_numbered_as_one(tmp_path):
    specs = [ROOT / "handouts" / "gluteus-medius-pain-short.yaml", ROOT / "handouts" / "low-back-pain.yaml"]
    out = tmp_path / "pack.pdf"
    result = run_cli("pack", *specs, "-o", out, "--booklet")
    assert result.exit_code == 0, result.output
    pages = int(re.search(r"(\d+) pages on", result.stdout).group(1))
    found = set()
    for side in pdf_reader(out).pages:
        side.extract_text(visitor_text=lambda t, cm, tm, fd, fs: found.update(
            int(m.group(1)) for m in [re.match(r"Page (\d+) of", t.strip())] if m))
    assert found == set(range(1, pages + 1))  # the front page and the Notes pages too


def test_pack_booklet_ends_on_a_back_cover(write_spec, tmp_path):
    from test_booklet import halves

    plain = write_spec(MINIMAL, "plain.yaml")
    clinic = write_spec(MINIMAL.replace("Hip pain basics", "Knee basics") + CLINIC, "clinic.yaml")
    for specs, first_line in (([plain], "Notes"), ([plain, clinic], "Questions? Contact your clinic")):
        out = tmp_path / "pack.pdf"
        assert run_cli("pack", *specs, "-o", out, "--booklet").exit_code == 0
        back = [t for _, _, t in sorted(halves(out)[-1], key=lambda r: -r[1])]
        assert back[0] == first_line and "Notes" in back, back
        if len(specs) == 2:
            assert back[1:4] == ["Riverside Physiotherapy", "Phone: 555-0100", "https://riverside.example.org"]
