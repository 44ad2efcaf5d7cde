"""Page composition read back from the printed PDFs (issue #15): how empty the foot of each page
is, page counts, whole exercise cards with large figure frames, and large print sizes."""

from __future__ import annotations

import functools
import io
import re

import pytest

from conftest import ROOT

pdfplumber = pytest.importorskip("pdfplumber")

HANDOUTS = ROOT / "handouts"
FRAME_GREY = (0.765, 0.788, 0.816)  # figures/exercise.py FRAME (#c3c9d0)


def build(name: str, **options) -> bytes:
    return _built(name, tuple(sorted(options.items())))


@functools.lru_cache(maxsize=None)
def _built(name: str, options: tuple) -> bytes:
    """A shipped handout's PDF, built once per module run (several tests read the same one)."""
    from handoutgen.build import prepare
    from handoutgen.layout.render import PrintOptions, render

    handout, _ = prepare(HANDOUTS / f"{name}.yaml")
    return render(handout, PrintOptions(**dict(options))).pdf


def empty_at_foot(pdf: bytes) -> list[float]:
    """For each page, the share of the body band (8% to 92% of the page height, as the shared
    page-space tool takes it) below the lowest thing printed: text, lines, boxes, figures."""
    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            top, foot = 0.08 * page.height, 0.92 * page.height
            things = page.chars + page.rects + page.lines + page.curves + page.images
            bottoms = [t["bottom"] for t in things if t["top"] < foot and t["bottom"] > top]
            low = min(max(bottoms, default=top), foot)
            out.append((foot - low) / (foot - top))
    return out


# Shipped handouts: no page but the last more than a quarter empty, in Letter, A4 and large print.
FILLED = [("gluteus-medius-pain", "letter"), ("gluteus-medius-pain", "a4"), ("gluteus-medius-pain", "large"),
          ("gluteus-medius-pain-next-stages", "letter"), ("gluteus-medius-pain-next-stages", "a4"),
          ("gluteus-medius-pain-next-stages", "large"),
          ("gluteus-medius-pain-short", "letter"), ("gluteus-medius-pain-short", "a4"),
          ("gluteus-medius-pain-short", "large"),
          ("hip-strength-class", "letter"), ("hip-strength-class", "a4"), ("hip-strength-class", "large"),
          ("knee-cap-pain", "letter"), ("knee-cap-pain", "a4"), ("knee-cap-pain", "large"),
          ("low-back-pain", "letter"), ("low-back-pain", "a4"), ("low-back-pain", "large")]


@pytest.mark.parametrize("name, paper", FILLED)
def test_no_page_but_the_last_is_more_than_a_quarter_empty(name, paper):
    options = {"large_print": True} if paper == "large" else {"paper": paper}
    empty = empty_at_foot(build(name, **options))
    assert [round(e, 2) for e in empty[:-1] if e > 0.25] == [], empty


@pytest.mark.parametrize("name, paper", FILLED)
def test_no_printed_word_is_cut_short(name, paper):
    """Nothing in a shipped handout is cut to fit with an ellipsis: in large print the hip
    map's labels printed "Top of the hip bo…" and "Bony point of the…", the knee's "Front thigh
    musc…" (the map now leaves its labels the room they need)."""
    options = {"large_print": True} if paper == "large" else {"paper": paper}
    with pdfplumber.open(io.BytesIO(build(name, **options))) as doc:
        cut = [(n + 1, line) for n, page in enumerate(doc.pages) for line in (page.extract_text() or "").splitlines()
               if "…" in line]
    assert cut == []


def test_the_last_card_before_a_section_that_needs_a_new_page_fills_its_page(tmp_path):
    """The knee handout with a note on its step down card (as it was): the card ends its run,
    and "Other things that may help" cannot start under it, so the card's figure grows to fill
    the page (it was drawn at the preferred size, leaving a fifth of the page empty)."""
    from handoutgen.build import prepare
    from handoutgen.layout.render import render

    text = (HANDOUTS / "knee-cap-pain.yaml").read_text()
    note = "      - id: step-down\n        notes: Going down stairs is often the hardest thing for the kneecap.\n"
    assert "      - step-down\n" in text
    spec = tmp_path / "knee-cap-pain.yaml"
    spec.write_text(text.replace("      - step-down\n", note))
    pdf = render(prepare(spec)[0]).pdf
    empty = empty_at_foot(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        texts = [page.extract_text() for page in doc.pages]
    card = next(i for i, t in enumerate(texts) if "Step down How much" in t)
    assert texts[card + 1].split("\n")[1].startswith("Other things that may help")
    assert empty[card] < 0.05, empty


def test_the_thigh_tightening_card_shares_its_page():
    """Drawn whole (not as a small close-up), the thigh tightening figure is large enough to read
    and its card still shares the Letter page with the straight leg lift."""
    with pdfplumber.open(io.BytesIO(build("knee-cap-pain"))) as doc:
        text = next(page.extract_text() for page in doc.pages if "Thigh tightening How much" in page.extract_text())
    assert "Straight leg lift How much" in text


@pytest.mark.parametrize("name", ["gluteus-medius-pain-next-stages", "hip-strength-class", "knee-cap-pain"])
@pytest.mark.parametrize("options", [{}, {"paper": "a4"}, {"large_print": True}])
def test_an_exercise_list_splits_only_between_exercises(name, options):
    """A row of a 'keep doing these' list (name and dose, then what to do) is never cut across
    two pages; the large-print knee handout printed 'Side-lying leg lift' and its dose at one
    page's foot and 'Lift the top leg up and a little back.' on the next."""
    from handoutgen.build import prepare
    from handoutgen.layout.render import PrintOptions, render

    handout, _ = prepare(HANDOUTS / f"{name}.yaml")
    with pdfplumber.open(io.BytesIO(render(handout, PrintOptions(**options)).pdf)) as doc:
        pages = [" ".join(page.extract_text().split()) for page in doc.pages]
    checked = 0
    for section in handout.sections:
        if section.style != "list":
            continue
        for n, ex in enumerate(section.exercises, start=1):
            line = " ".join("".join(run.text for run in ex.caption).split())
            # the row's line follows its name and dose on the same page (the caption also ends
            # the exercise's card, so look right after the name)
            head = f"{n}. {ex.name} —"
            rows = [text[text.index(head):text.index(head) + 160] for text in pages if head in text]
            assert rows and any(line[:30] in row for row in rows), (section.heading, ex.name, rows)
            checked += 1
    assert checked >= 2


def test_the_measure_sees_a_half_empty_page(write_spec):
    """The measure itself: a page holding a short text is mostly empty."""
    from handoutgen.build import prepare
    from handoutgen.layout.render import render
    from conftest import spec_text

    spec = write_spec(spec_text("""\
      - type: text
        heading: Short
        text: One line.
    """))
    handout, _ = prepare(spec)
    assert empty_at_foot(render(handout).pdf)[0] > 0.5


@pytest.mark.parametrize("name, most", [("gluteus-medius-pain", 8), ("gluteus-medius-pain-next-stages", 8),
                                        ("hip-strength-class", 9), ("knee-cap-pain", 11), ("low-back-pain", 9),
                                        ("gluteus-medius-pain-short", 2)])
def test_page_counts(name, most):
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(build(name))).pages) <= most


def _card_names_by_page(pdf: bytes) -> list[tuple[str, str]]:
    """(the names in white on the cards' dark bars, all the page's text) for each page."""
    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            white = page.filter(lambda o: o.get("object_type") != "char"
                                or tuple(o.get("non_stroking_color") or ()) == (1, 1, 1))
            names = " ".join((white.extract_text() or "").split())
            out.append((names, " ".join((page.extract_text() or "").split())))
    return out


@pytest.mark.parametrize("options", [{}, {"paper": "a4"}, {"large_print": True}])
def test_cards_are_never_split(options):
    """Each exercise card's bar (name and dose, in white) and the clinician's small print at its
    foot are on the same page."""
    from handoutgen.build import prepare

    handout, _ = prepare(HANDOUTS / "hip-strength-class.yaml")
    pages = _card_names_by_page(build("hip-strength-class", **options))
    cards = [ex for s in handout.sections if s.type == "exercises" and s.style == "cards" for ex in s.exercises]
    assert cards
    for ex in cards:
        on = [text for names, text in pages if ex.name in names]
        assert len(on) == 1, (ex.name, options)
        words = set(on[0].split())  # the alias may wrap, beside other lines
        assert set(ex.alias.split()) <= words, (ex.name, options)


def test_figure_frames_are_at_least_two_and_a_half_inches_wide():
    """The Start and Finish frames of every card span the card: each frame is at least 2.5 in
    (180 pt) wide on Letter: the class sheet's 9 cards."""
    pdf = build("hip-strength-class")
    widths = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for r in page.rects + page.curves:  # rounded frames are drawn as curves
                colour = r.get("stroking_color")
                if (colour and len(colour) == 3 and all(abs(a - b) < 0.01 for a, b in zip(colour, FRAME_GREY))
                        and r["height"] >= 40):  # a frame, not a prop's outline
                    widths.append(r["width"])
    assert len(widths) >= 9 * 2 - 2  # two frames a card (holds have one)
    assert min(widths) >= 180, min(widths)


def test_large_print_sizes():
    """Large print: card text 16 pt; nothing printed smaller than 14 pt: header and footer,
    captions, the small notes at a card's foot, references and the words inside the figures
    ("Start", "Finish", hold times)."""
    pdf = build("gluteus-medius-pain", large_print=True)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        sizes = {}
        for page in doc.pages:
            if "References" in (page.extract_text() or ""):
                break  # the numbered reference list is not card text
            for line in page.extract_text_lines(return_chars=True):
                sizes.setdefault(line["text"].strip(), round(line["chars"][0]["size"], 1))
    steps = [size for text, size in sizes.items() if text.startswith("1. ")]
    assert steps and min(steps) >= 16
    footer = [size for text, size in sizes.items() if re.match(r"Published \d+ \w+ \d{4}", text)]
    assert footer and min(footer) >= 14
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        chars = [c for page in doc.pages for c in page.chars]
    words = {c["text"] for c in chars}
    assert {"S", "t", "a", "r", "F", "i", "n", "s", "h"} <= words
    assert min(round(c["size"], 1) for c in chars) >= 14, sorted({round(c["size"], 1) for c in chars})[:5]
    labels = [c for c in chars if c["fontname"].endswith("Bold") and c["text"] == "F"]
    assert labels  # "Finish" above the figures is among them


def _take_care_beside_steps(pdf: bytes, card: str) -> bool:
    """Whether the card's "Take care:" sits in a column beside its steps (not under them)."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            names = page.search(card)
            if names:
                below = lambda hits: min((h for h in hits if h["top"] > names[0]["top"]),  # noqa: E731
                                         key=lambda h: h["top"])
                start, care = below(page.search("Start:")), below(page.search("Take care:"))
                return care["x0"] > start["x0"] + 100
    raise AssertionError(card)


def test_a_large_print_card_alone_on_its_page_takes_one_column_to_fill_it():
    """The thigh tightening card cannot grow its figure enough to fill its large-print page (a
    wide, low figure is limited by the page width), so its text goes in one column, "Take care"
    under the steps; regular print keeps two columns, and so does a large-print card whose
    figure fills its page (the clamshell's Start above its Finish)."""
    large = build("knee-cap-pain", large_print=True)
    assert not _take_care_beside_steps(large, "Thigh tightening")
    assert _take_care_beside_steps(large, "Clamshell")
    assert _take_care_beside_steps(build("knee-cap-pain"), "Thigh tightening")


def test_figure_labels_stay_10_pt_in_regular_print():
    """Regular print keeps the figures' own words at 10 pt (their frames are sized for that)."""
    pdf = build("gluteus-medius-pain")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        chars = [c for page in doc.pages[3:9] for c in page.chars if c["fontname"].endswith("Bold")]
    # the bold 10 pt words are the figures' labels: "Start", "Finish", "Push, don't move", "5–10 s"
    labels = "".join(c["text"] for c in chars if round(c["size"], 1) == 10.0)
    assert "Start" in labels and "Finish" in labels and "s" in labels
    assert not [c for c in chars if c["size"] < 10]


@pytest.mark.parametrize("flags", [[], ["--large-print"], ["--booklet"], ["--booklet", "--large-print"]])
def test_a_card_taller_than_a_page_runs_over_in_one_column(write_spec, tmp_path, flags):
    """The one card that may split: an own exercise with twelve long steps, six long cautions
    and long notes is taller than any page; it prints in one column, running on, every word kept."""
    import yaml

    from conftest import run_cli, spec_text

    long = "This is a long sentence that goes on about what to do with your leg and your arm, slowly."
    item = {"id": "huge", "exercise": {"id": "huge", "name": "A long own exercise", "kind": "strengthen",
                                       "steps": [f"Step {n}. {long}" for n in range(1, 13)],
                                       "common_practice": True},
            "cautions": [f"Caution {n}. {long}" for n in range(1, 7)], "notes": long * 3}
    items = yaml.safe_dump([item, "bridge"], sort_keys=False)
    spec = write_spec(spec_text("  - type: exercises\n    heading: Long ones\n    items:\n"
                                + "".join(f"      {line}\n" for line in items.splitlines())))
    out = tmp_path / "o.pdf"
    result = run_cli("build", spec, "-o", out, *flags)
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out) as doc:
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in doc.pages)
    for n in range(1, 13):
        assert f"Step {n}." in text
    for n in range(1, 7):
        assert f"Caution {n}." in text


def test_the_front_desk_sheet_shows_week_1_as_pictures():
    """The short sheet's tiles: each week 1 exercise numbered, with what to do, its dose and a
    picture (its Finish frame), all on the back of the sheet."""
    pdf = build("gluteus-medius-pain-short")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        back = doc.pages[1]
        text = " ".join((back.extract_text() or "").split())
        frames = [r for r in back.rects + back.curves
                  if tuple(r.get("stroking_color") or ()) and len(r["stroking_color"]) == 3
                  and all(abs(a - b) < 0.01 for a, b in zip(r["stroking_color"], FRAME_GREY)) and r["height"] > 30]
    names = ["Side push, lying down", "Side push, standing", "Bridge", "Sit to stand", "Side steps"]
    for n, name in enumerate(names, start=1):
        assert f"{n}. {name}" in text
    assert text.count("How much:") == 5
    assert len(frames) == 5  # one picture a tile
    assert len(doc.pages) == 2


def test_a_tile_picture_is_as_tall_as_its_figure_needs_and_its_text_allows():
    """Large print: a standing person's tile picture grows with the tile's text (it was drawn in
    the same wide, low box as a person lying down, and was tiny); the bridge, lying down, keeps
    the low box it fills; no picture is taller than it is wide."""
    pdf = build("gluteus-medius-pain-short", large_print=True)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        frames = [r for page in doc.pages for r in sorted(page.rects + page.curves, key=lambda r: r["top"])
                  if tuple(r.get("stroking_color") or ()) and len(r["stroking_color"]) == 3
                  and all(abs(a - b) < 0.01 for a, b in zip(r["stroking_color"], FRAME_GREY)) and r["height"] > 30]
    heights = dict(zip(["lying", "standing", "bridge", "sit to stand", "side steps"], (f["height"] for f in frames)))
    assert len(frames) == 5
    assert heights["standing"] > 1.5 * heights["bridge"], heights
    assert heights["lying"] > 1.3 * heights["bridge"] and heights["sit to stand"] > 1.3 * heights["bridge"], heights
    assert all(f["height"] <= f["width"] for f in frames)


@pytest.mark.parametrize("name", ["hip-strength-class", "gluteus-medius-pain", "low-back-pain"])
@pytest.mark.parametrize("options", [{}, {"paper": "a4"}, {"large_print": True}])
def test_the_last_point_of_a_list_never_starts_a_page_alone(name, options):
    """A text section's last bullet point stays on the page of the one before it (the A4 class
    handout's "If you are not sure..." stood alone at the top of page 2), and its first point
    (under the heading) on the page of the second (the Letter class handout ended page 1 with
    "How to use this sheet" and one point)."""
    from handoutgen.build import prepare

    handout, _ = prepare(HANDOUTS / f"{name}.yaml")
    squash = lambda text: re.sub(r"\s+", "", text)  # noqa: E731
    with pdfplumber.open(io.BytesIO(build(name, **options))) as doc:
        pages = [squash(page.extract_text() or "") for page in doc.pages]
    checked = 0
    for section in handout.sections:
        if section.type != "text" or len(section.points) < 3:
            continue
        last, before = (squash("".join(run.text for run in p))[:30] for p in section.points[-1:-3:-1])
        on = [k for k, text in enumerate(pages) if last in text]
        assert on and before in pages[on[0]], (section.heading, on)
        first, second = (squash("".join(run.text for run in p))[:30] for p in section.points[:2])
        on = [k for k, text in enumerate(pages) if first in text]
        assert on and second in pages[on[0]], (section.heading, "first point", on)
        checked += 1
    assert checked


def test_the_handout_canvas_saves_and_restores_state_like_reportlabs():
    """layout/pages.py saves the graphics state with an itemgetter: the same state comes back."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from handoutgen.layout.pages import _TotalCanvas

    def states(cls):
        canv = cls(io.BytesIO(), invariant=1)
        seen = []
        canv.setFont("Helvetica", 12)
        canv.saveState()
        canv.translate(10, 20)
        canv.setFillColorRGB(1, 0, 0)
        canv.setLineWidth(3)
        canv.saveState()
        canv.setFont("Courier", 9, 11)
        canv.setDash([2, 1])
        seen.append({n: getattr(canv, n) for n in Canvas.STATE_ATTRIBUTES if n != "_extgstate"})
        canv.restoreState()
        seen.append({n: getattr(canv, n) for n in Canvas.STATE_ATTRIBUTES if n != "_extgstate"})
        canv.restoreState()
        seen.append({n: getattr(canv, n) for n in Canvas.STATE_ATTRIBUTES if n != "_extgstate"})
        return seen, canv._code, canv.state_stack

    mine, theirs = states(_TotalCanvas), states(Canvas)
    assert mine[0] == theirs[0] and mine[1] == theirs[1] and mine[2] == theirs[2] == []



def test_a_heading_alone_at_a_full_pages_foot_gets_lines_to_write_on():
    """The full handout in large print: "Week 1: getting started" and its intro end a page, as its
    first card needs a whole page; the third of the page under them is a Notes label and ruled
    lines, not blank paper (it was 33% empty)."""
    pdf = build("gluteus-medius-pain", large_print=True)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = [(page, " ".join((page.extract_text() or "").split())) for page in doc.pages]
        k = next(k for k, (_, text) in enumerate(pages) if "Week 1: getting started" in text)
        page, text = pages[k]
        assert text.split("Week 1: getting started", 1)[1].split("Published")[0].rstrip().endswith("Notes")
        assert "Side push, lying down" in pages[k + 1][1] and "Side push, lying down" not in text
        under = max(w["bottom"] for w in page.extract_words() if w["text"] == "Notes")
        ruled = [line for line in page.lines if line["top"] > under and line["width"] > page.width * 0.6
                 and line["top"] < 0.92 * page.height]
        assert len(ruled) >= 4
    assert empty_at_foot(pdf)[k] < 0.1


def _plan_steps_on_a5_large():
    """The full handout's plan steps as a large-print A5 booklet page lays them out."""
    from handoutgen.build import prepare
    from handoutgen.labels import labels
    from handoutgen.layout.context import RenderContext
    from handoutgen.layout.flowables import _scratch_canvas
    from handoutgen.layout.pages import PAPER
    from handoutgen.layout.render import LARGE
    from handoutgen.layout.story import render_relief_plan
    from handoutgen.layout.styles import styles_for
    from handoutgen.layout.theme import load_theme

    handout, _ = prepare(HANDOUTS / "gluteus-medius-pain.yaml")
    theme = load_theme().replace(margin=36.0)
    width = PAPER["a5"][0] - 2 * theme.margin
    ctx = RenderContext(handout, theme, styles_for(theme, LARGE), labels(handout.language), width, {},
                        single=True, height=465.0)
    (plan,) = [s for s in handout.sections if s.type == "relief_plan"]
    steps = [f for f in render_relief_plan(ctx, plan) if hasattr(f, "_room")]
    for step in steps:
        step.canv = _scratch_canvas()
    return steps, width


@pytest.mark.parametrize("short", [0.4, 1.2, 6.0])
def test_a_plan_step_a_little_taller_than_the_room_still_starts_there(short):
    """Step 2 of the plan, 255 pt, with 254.8 pt left on a half page (the A4 large-print booklet):
    reportlab could not split the step's row there, or split off only its bottom padding, so
    the step moved to the next page and left step 1 alone on a page 45% full. It now starts
    where it is, its dose strip running on."""
    steps, width = _plan_steps_on_a5_large()
    step = steps[1]
    step.wrap(width, 1e6)
    parts = step.split(width, step._H - short)
    assert parts and type(parts[0]).__name__ != "_FrameBreak"  # not moved whole to the next page
    heights = [p.wrapOn(step.canv, width, 1e6)[1] for p in parts]
    assert len(parts) == 2 and heights[0] <= step._H - short and heights[1] >= 20, heights
