"""Booklets read back from the imposed PDF, half page by half page in reading order: no blank
half pages but the trailing Notes, whole footers, whole cards, the back cover, and blanks long
enough to write in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, pdf_reader, run_cli, spec_text

HALF_W, HALF_H, MARGIN = 396.0, 612.0, 36.0
BODY = (MARGIN + 22, HALF_H - MARGIN - 20)  # between the footer band and the header band (pages.py)
A5_H = 595.28
SHIPPED = sorted(p.stem for p in (ROOT / "handouts").glob("*.yaml"))
CLINIC = "clinic: {name: Riverside Physiotherapy, phone: 555-0100, website: 'https://riverside.example.org/hip'}\n"


def halves(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """The text lines (x, y, text) of each half page, in reading order, in the half page's own
    coordinates (y up from the bottom). pdfplumber places text inside forms (figures, the page
    total) where it is printed. Letter sheets give half-letter pages, A4 sheets A5 pages."""
    import pdfplumber

    from handoutgen.layout.impose import saddle_order

    with pdfplumber.open(pdf) as doc:
        n = 2 * len(doc.pages)
        pages: dict[int, list] = {}
        for (left, right), side in zip(saddle_order(n), doc.pages):
            half = side.width / 2
            for number, x0 in ((left, 0.0), (right, half)):
                lines: dict[float, list] = {}
                for w in side.crop((x0, 0, x0 + half, side.height)).extract_words(keep_blank_chars=False):
                    lines.setdefault(round(w["bottom"]), []).append(w)
                pages[number] = [(min(w["x0"] for w in ws) - x0, side.height - bottom,
                                  " ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"])))
                                 for bottom, ws in sorted(lines.items())]
    return [pages[k] for k in range(1, n + 1)]


def body(runs, height: float = HALF_H) -> list[tuple[float, float, str]]:
    """The lines between the footer band and the header band of a half page `height` tall."""
    return [r for r in runs if BODY[0] < r[1] < height - MARGIN - 20]


def squash(text: str) -> str:
    """Text without any white space: line breaks and run boundaries do not matter."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module", params=[(name, large) for large in (False, True) for name in SHIPPED],
                ids=lambda p: p[0] + ("-large" if p[1] else ""))
def booklet(request, tmp_path_factory):
    """(name, large print?, half pages, the PDF) of a shipped handout built as a booklet."""
    name, large = request.param
    out = tmp_path_factory.mktemp("booklet") / f"{name}.pdf"
    result = run_cli("build", ROOT / "handouts" / f"{name}.yaml", "-o", out, "--booklet",
                     *(["--large-print"] if large else []))
    assert result.exit_code == 0, result.output
    return name, large, halves(out), out


def _is_notes(runs) -> bool:
    return [t for _, _, t in body(runs)] == ["Notes"]


def test_no_blank_half_pages_but_the_trailing_notes(booklet):
    name, _, pages, _ = booklet
    content = [k for k, runs in enumerate(pages) if not _is_notes(runs)]
    assert all(_is_notes(runs) for runs in pages[content[-1] + 1:])  # Notes pages only at the end
    for k in content:
        runs = body(pages[k])
        text = squash(" ".join(t for _, _, t in runs))
        filled = (BODY[1] - min(y for _, y, _ in runs)) / (BODY[1] - BODY[0])
        # a stub (the last bullet or two of a split card) fails here; a section's heading and
        # intro facing the card that needs all of the next page (12% in the class handout) passes
        assert len(text) > 60 and filled > 0.1, f"{name} page {k + 1}: {filled:.0%} filled: {text[:80]}"


def test_footers_are_whole_on_every_half_page(booklet):
    name, _, pages, _ = booklet
    for k, runs in enumerate(pages, start=1):
        # pypdf reports text inside forms (figures, the page total) in the form's own coordinates
        foot = [r for r in runs if 1 < r[1] < BODY[0] and r[2].startswith(("Published", "Next review", "Page"))]
        text = " ".join(t for _, _, t in foot)
        # the dates in words, never cut to "Next review 30 Nov…"; then this page's number
        assert "Published 30 November 2026" in text and "Next review 30 November 2027" in text, (name, k, text)
        assert f"Page {k} of" in text and "…" not in text, (name, k, text)
        assert all(MARGIN - 1 <= x < HALF_W - MARGIN for x, _, _ in foot)  # on this half page


def test_headers_are_whole_on_every_half_page(booklet):
    """The running header: the handout's title and the draft mark both whole. Large print on a
    half page cut both ("Gluteus mediu…", "Draft — not yet reviewed by…"); the short mark now
    stands in for the long one there, never with an ellipsis."""
    from handoutgen.build import prepare

    name, large, pages, _ = booklet
    title = prepare(ROOT / "handouts" / f"{name}.yaml")[0].title
    for k, runs in enumerate(pages, start=1):
        head = " ".join(t for _, y, t in runs if y > HALF_H - MARGIN - 14)
        assert "…" not in head, (name, k, head)
        assert head.startswith(title), (name, k, head)
        mark = head[len(title):].strip()
        assert mark == ("Draft — not reviewed" if large else "Draft — not yet reviewed by a clinician"), (name, k, head)


def test_the_prepared_for_blanks_stay_on_one_half_page(booklet):
    """"Prepared for", "By" and "Date" (one a line on a half page) together: the class sheet's
    large-print booklet ended page 1 with two of them and began page 2 with "Date:"."""
    name, _, pages, _ = booklet
    where = {label: [k for k, runs in enumerate(pages) for _, _, t in body(runs) if t.startswith(label)]
             for label in ("Prepared for:", "By:", "Date:")}
    assert all(len(ks) == 1 for ks in where.values()), (name, where)
    assert len({ks[0] for ks in where.values()}) == 1, (name, where)


def test_a_long_name_takes_the_header_line_and_the_mark_the_next(tmp_path):
    """A personal large-print booklet: "Prepared for Maria Lo…" was cut beside the draft mark.
    The name now has the first header line to itself, whole, the whole mark under it, and the
    page's text starts below both."""
    out = tmp_path / "maria.pdf"
    result = run_cli("build", ROOT / "handouts" / "gluteus-medius-pain-short.yaml", "-o", out, "--booklet",
                     "--large-print", "--patient", "Maria Lopez-Garcia de la Fuente")
    assert result.exit_code == 0, result.output
    for k, runs in enumerate(halves(out), start=1):
        top = sorted((r for r in runs if r[1] > HALF_H - MARGIN - 40), key=lambda r: -r[1])
        assert [t for _, _, t in top[:2]] == ["Prepared for Maria Lopez-Garcia de la Fuente",
                                             "Draft — not yet reviewed by a clinician"], (k, top)
        name_y, mark_y = top[0][1], top[1][1]
        assert name_y - mark_y >= 14  # a line apart, at 14 pt
        text = [r for r in runs if BODY[0] < r[1] < mark_y - 1]
        assert all(y < mark_y - 14 for _, y, _ in text), (k, text[:2])


def test_a_tiles_heading_starts_the_half_page_of_its_first_tile(tmp_path):
    """The front-desk sheet's "Week 1" tiles in a large-print booklet: the heading and its
    intro ended a half page, the tiles all on the next; they now go with the first tile."""
    out = tmp_path / "short.pdf"
    result = run_cli("build", ROOT / "handouts" / "gluteus-medius-pain-short.yaml", "-o", out, "--booklet",
                     "--large-print")
    assert result.exit_code == 0, result.output
    pages = [squash(" ".join(t for _, _, t in body(runs))) for runs in halves(out)]
    [k] = [k for k, text in enumerate(pages) if squash("Week 1: do these every day") in text]
    assert squash("1. Side push, lying down") in pages[k], pages[k]


def test_no_printed_word_is_cut_short_on_a_half_page(booklet):
    """No ellipsis anywhere on a half page: not in the header, the footer, a figure's labels."""
    name, _, pages, _ = booklet
    assert [(k, t) for k, runs in enumerate(pages, start=1) for _, _, t in runs if "…" in t] == [], name


def _card_parts(name: str) -> list[tuple[str, str, str]]:
    """(exercise name, last step, last caution) of every card in a shipped handout."""
    from handoutgen.build import prepare

    handout, _ = prepare(ROOT / "handouts" / f"{name}.yaml")
    plain = lambda rich: "".join(run.text for run in rich)  # noqa: E731
    return [(ex.name, plain(ex.steps[-1]) if ex.steps else "", plain(ex.cautions[-1]) if ex.cautions else "")
            for s in handout.sections if s.type == "exercises" and s.style == "cards" for ex in s.exercises]


def _card_pieces(name: str) -> list[tuple[str, list[str]]]:
    """(exercise name, pieces) for every card in a shipped handout: the start of its text (the
    position, description or first step), its last step, caution, tip and note, squashed. A
    piece is the longest run of its paragraph: a citation is printed as a number, not a run."""
    from handoutgen.build import prepare

    handout, _ = prepare(ROOT / "handouts" / f"{name}.yaml")
    longest = lambda rich: squash(max((run.text for run in rich), key=len))  # noqa: E731
    out = []
    for section in handout.sections:
        if section.type == "exercises" and section.style == "cards":
            for ex in section.exercises:
                groups = [ex.position + ex.description + ex.steps[:1], ex.steps[-1:], ex.cautions[-1:], ex.tips[-1:],
                          ex.notes[-1:]]
                out.append((ex.name, [longest(group[0]) for group in groups if group]))
    return out


def split_cards(name: str, pages, height: float = HALF_H) -> list[str]:
    """The cards of a shipped handout not whole on one half page: no page holds the card's bar
    (its name, then its dose) with all of its pieces, or its bar is printed again (a card that
    runs on repeats its bar at the top of the next half page)."""
    texts = [squash(" ".join(t for _, _, t in body(runs, height))) for runs in pages]
    cards = _card_pieces(name)
    split = []
    for title, pieces in cards:
        starts = [k for k, t in enumerate(texts) if squash(title) + "Howmuch:" in t]
        whole = [k for k in starts if all(p in texts[k] for p in pieces)]
        if not whole or len(starts) > sum(t == title for t, _ in cards):
            split.append(title)
    return split


# A card no half page holds whole in large print: its text alone, drawn as tight as cards.TIGHT
# allows (14 pt), takes 435 of the 482 pt of a half-letter page and 400 of the 465 pt of an A5 one,
# leaving room for a figure that draws a person 12 mm tall at most. Until its text is shortened it
# runs over, onto the facing page only (it starts on a left-hand page), its bar repeated.
TOO_TALL: dict = {}  # cards whose text alone all but fills a large-print half page (none now)


def _whole_or_on_a_spread(name: str, large: bool, pages, height: float = HALF_H) -> None:
    """Every card whole on one half page, but TOO_TALL's, each on a left-hand page and its facing one."""
    split = split_cards(name, pages, height)
    assert split == (TOO_TALL.get(name, []) if large else []), f"{name}: split {split}"
    texts = [squash(" ".join(t for _, _, t in body(runs, height))) for runs in pages]
    for title in split:
        starts = [k + 1 for k, t in enumerate(texts) if squash(title) + "Howmuch:" in t]
        assert len(starts) == 2 and starts[0] % 2 == 0 and starts[1] == starts[0] + 1, (name, title, starts)


def test_cards_are_never_split(booklet):
    """Every card whole on one half page, in regular and in large print (16 pt; a large-print
    card too tall for a half page is drawn tighter, its text no smaller than 14 pt and its figure
    no smaller than the floor: layout/cardrun.py), never run on to the next half page with its bar
    repeated (issue #15); but for TOO_TALL."""
    name, large, pages, _ = booklet
    _whole_or_on_a_spread(name, large, pages)


@pytest.mark.parametrize("name", SHIPPED)
def test_cards_are_never_split_in_a5_large_print_booklets(name, tmp_path):
    """A4 sheets: A5 half pages, a little shorter and wider than half-letter ones."""
    out = tmp_path / f"{name}.pdf"
    result = run_cli("build", ROOT / "handouts" / f"{name}.yaml", "-o", out, "--booklet", "--large-print",
                     "--paper", "a4")
    assert result.exit_code == 0, result.output
    _whole_or_on_a_spread(name, True, halves(out), A5_H)
    assert _smallest_type(out) >= 14.0 - 0.01


def _smallest_type(pdf: Path) -> float:
    """The least size any character is printed at, forms (figures) and their scaling included."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return min(c["size"] for page in doc.pages for c in page.chars if c["text"].strip())


def test_large_print_booklets_print_nothing_under_14_pt(booklet):
    """A card too tall for a half page is drawn tighter, not scaled: scaled to 14 pt body text, its
    14 pt grey line, caption and figure labels printed at 12.3 pt (issue #15: nothing under 14)."""
    name, large, _, out = booklet
    if large:
        assert _smallest_type(out) >= 14.0 - 0.01, name


def test_a_heading_at_the_top_of_a_half_page_shares_it_with_its_first_card(tmp_path):
    """A section's heading and intro starting a half page take their first card with them when
    the card fits drawn down to 12 pt: the frame drops the space above a heading at the top of a
    page, so that space is not counted (the low back booklet's "Strength exercises" page held only
    its heading and intro before)."""
    out = tmp_path / "back.pdf"
    assert run_cli("build", ROOT / "handouts" / "low-back-pain.yaml", "-o", out, "--booklet").exit_code == 0
    texts = [squash(" ".join(t for _, _, t in body(runs))) for runs in halves(out)]
    pages = [t for t in texts if t.startswith("Strengthexercises:3daysaweek")]
    assert pages and "Armandlegreach" + "Howmuch:" in pages[0], pages


def test_back_cover_is_the_clinic_or_a_notes_page(write_spec, tmp_path):
    plain, clinic = tmp_path / "plain.pdf", tmp_path / "clinic.pdf"
    assert run_cli("build", write_spec(spec_text()), "-o", plain, "--booklet").exit_code == 0
    assert _is_notes(halves(plain)[-1])
    spec = write_spec(spec_text(top=CLINIC), "c.yaml")
    assert run_cli("build", spec, "-o", clinic, "--booklet").exit_code == 0
    pages = halves(clinic)
    back = " ".join(t for _, _, t in body(pages[-1]))
    assert back.startswith("Questions? Contact your clinic Riverside Physiotherapy Phone: 555-0100")
    assert "https://riverside.example.org/hip" in back and back.endswith("Notes")
    # the last page is the left half of the first sheet side: the website is a link there
    side = pdf_reader(clinic).pages[0]
    links = [a.get_object() for a in side.get("/Annots", [])]
    uris = [(a["/A"]["/URI"], float(a["/Rect"][0])) for a in links if "/A" in a and "/URI" in a["/A"]]
    assert any(uri == "https://riverside.example.org/hip" and x < HALF_W for uri, x in uris)


def test_back_cover_has_a_qr_code_for_the_clinic_website(write_spec):
    from handoutgen.build import prepare
    from handoutgen.labels import labels
    from handoutgen.layout.booklet import back_cover
    from handoutgen.layout.context import RenderContext
    from handoutgen.layout.styles import styles_for
    from handoutgen.layout.theme import load_theme

    handout, _ = prepare(write_spec(spec_text(top=CLINIC)))
    theme = load_theme()
    ctx = RenderContext(handout, theme, styles_for(theme), labels("en"), 312, {})
    qrs = [cell for item in back_cover(ctx) for row in getattr(item, "_cellvalues", []) for cell in row
           if type(cell).__name__ == "QRCode"]
    assert [q.url for q in qrs] == ["https://riverside.example.org/hip"]


def _segments(page) -> list[tuple[float, float, float]]:
    """Horizontal lines drawn on a page as (y, x0, x1), following the transformation matrix."""
    from pypdf.generic import ContentStream

    ops = ContentStream(page.get_contents(), page.pdf).operations
    ctm, stack, here, out = [1, 0, 0, 1, 0, 0], [], (0.0, 0.0), []

    def at(x, y):
        a, b, c, d, e, f = ctm
        return a * x + c * y + e, b * x + d * y + f

    for operands, op in ops:
        if op == b"q":
            stack.append(list(ctm))
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            a, b, c, d, e, f = map(float, operands)
            A, B, C, D, E, F = ctm
            ctm = [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]
        elif op == b"m":
            here = at(*map(float, operands))
        elif op == b"l":
            to = at(*map(float, operands))
            if abs(to[1] - here[1]) < 0.5:
                out.append((here[1], min(here[0], to[0]), max(here[0], to[0])))
            here = to
    return out


def test_blanks_on_the_half_page_are_one_a_line_and_long_enough(write_spec):
    from handoutgen.build import build_handout
    from handoutgen.layout.render import PrintOptions

    result = build_handout(write_spec(spec_text()), None, options=PrintOptions(booklet=True, impose=False))
    page = pdf_reader(result.pdf).pages[0]
    labels = {}
    page.extract_text(visitor_text=lambda t, cm, tm, fd, fs: labels.setdefault(t.strip(), tm[5] * cm[3] + cm[5]))
    ys = [labels[k] for k in ("Prepared for:", "By:", "Date:")]
    assert ys[0] > ys[1] > ys[2]  # one a line
    lines = _segments(page)
    for y in ys:
        under = [x1 - x0 for ly, x0, x1 in lines if 0 < y - ly < 10]
        assert under and max(under) >= 144, (y, under)  # at least 2 in to write in


def test_merge_starts_every_handout_on_a_right_hand_page(write_spec, tmp_path):
    spec = write_spec(spec_text())  # one page: every handout needs a blank page after it
    roster = tmp_path / "class.csv"
    roster.write_text("name\n" + "".join(f"Person {i}\n" for i in range(3)))
    merged = tmp_path / "class.pdf"
    assert run_cli("build", spec, "--roster", roster, "--merge", merged, "-j", "1").exit_code == 0
    reader = pdf_reader(merged)
    assert len(reader.pages) == 6
    for row in range(3):
        assert f"Person {row}" in reader.pages[2 * row].extract_text()  # odd page numbers: right-hand
        assert reader.pages[2 * row + 1].extract_text() == ""


@pytest.mark.parametrize("scale,width,least,tighter", [(0.93, 324, 12.0, 0), (16 / 14, 324, 14.0, 6),
                                                       (16 / 14, 540, None, 0), (1.0, 540, None, 0)])
def test_only_half_pages_draw_a_card_smaller_and_large_print_no_smaller_than_14_pt(write_spec, scale, width, least,
                                                                                   tighter):
    """Only half-size pages draw a card smaller (12 pt at the least; 14 in large print), and only
    large-print half pages draw it tighter (cards.TIGHT) instead."""
    from handoutgen.build import prepare
    from handoutgen.labels import labels
    from handoutgen.layout.cards import TIGHT, card_run
    from handoutgen.layout.context import RenderContext
    from handoutgen.layout.styles import styles_for
    from handoutgen.layout.theme import load_theme

    handout, _ = prepare(write_spec(spec_text("""\
      - type: exercises
        items: [clam]
    """)))
    theme = load_theme()
    ctx = RenderContext(handout, theme, styles_for(theme, scale), labels("en"), width, {}, height=480)
    run = card_run(ctx, handout.sections[-1].exercises, [])
    assert len(TIGHT) == 6
    assert (run.shrink, run.tighter) == (least, tighter)


def test_the_pain_guide_bands_keep_their_numbers_on_one_line(booklet):
    """"6–10" beside the top band's rule stays one line on a half page in large print too (it
    broke as "6–1" over "0")."""
    name, _, pages, _ = booklet
    lines = [t for runs in pages for _, _, t in runs]
    if not any("Worst pain" in t for t in lines):
        return  # no pain guide in this handout
    assert any(t.startswith("6–10") for t in lines), [t for t in lines if t.startswith("6–")]


def test_the_pain_guide_starts_under_what_ends_a_half_page(booklet):
    """The class handout in large print: the pain guide, scale and all, starts on the half page
    where the opening's last blank ("Date:") ends, not on a page of its own (on half pages its box
    has less padding; with the padding of full pages it left a page 70% empty)."""
    name, large, pages, _ = booklet
    if (name, large) != ("hip-strength-class", True):
        return
    texts = [squash(" ".join(t for _, _, t in body(runs))) for runs in pages]
    guide = next(k for k, t in enumerate(texts) if "HowmuchpainisOK" in t)
    assert "Date:" in texts[guide] and "Worstpain" in texts[guide]


def test_a_heading_without_room_for_its_card_shares_its_page_with_notes_lines(booklet):
    """The knee handout's "After week 6: the next step": its step down card needs a whole half
    page, so the heading and intro have a page to themselves, filled with a Notes label and
    ruled lines instead of being left four-fifths blank (in regular and large print)."""
    name, _, pages, pdf = booklet
    if name != "knee-cap-pain":
        return
    import pdfplumber

    texts = [squash(" ".join(t for _, _, t in body(runs))) for runs in pages]
    page = next(k for k, t in enumerate(texts) if t.startswith("Afterweek6:thenextstep"))
    assert "Notes" in texts[page] and "Stepdown" not in texts[page] and texts[page + 1].startswith("Stepdown")
    from handoutgen.layout.impose import saddle_order

    with pdfplumber.open(pdf) as doc:  # the ruled lines: long horizontal lines on that half page
        n = 2 * len(doc.pages)
        for (left, right), side in zip(saddle_order(n), doc.pages):
            if page + 1 in (left, right):
                x0 = 0 if page + 1 == left else side.width / 2
                rules = [ln for ln in side.lines if ln["x0"] >= x0 - 1 and ln["x1"] <= x0 + side.width / 2 + 1
                         and abs(ln["top"] - ln["bottom"]) < 0.5 and ln["width"] > side.width / 2 * 0.6
                         and side.height * 0.3 < ln["top"] < side.height * 0.85]
                assert len(rules) >= 5, len(rules)
