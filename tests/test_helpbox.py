"""The help box ("When to get help"), read back from the PDF: a group is never split across
pages, a continued box says so at the top of the next page, and the call-your-clinic lines
carry the clinic's phone or a blank to write it in."""

from __future__ import annotations

import pytest

from conftest import ROOT, pdf_reader, pdf_text, run_cli, spec_text

EMERGENCY = ["You suddenly cannot control your bladder or bowels.", "You feel numb where you sit on a bike seat."]
URGENT = ["You fell or hurt your hip.", "You cannot put weight on your leg.", "Your hip is hot or swollen.",
          "You have a fever or feel unwell.", "Your leg feels numb or weak, and this is new."]
ROUTINE = ["You have pain at night or when you rest.", "You lost weight without trying.",
           "You have had cancer.", "You are not clearly better after 6 to 8 weeks."]
GROUPS = {"Emergency: call 911": EMERGENCY, "Call your doctor or clinic today": URGENT,
          "Book a visit with your doctor soon": ROUTINE}


def help_spec(filler: int = 0, top: str = "") -> str:
    """A handout whose help box starts `filler` lines of text down page 1 (or further)."""
    lines = "\n".join(f"      - Walk a little more each day, line {n}." for n in range(filler))
    filler_section = f"""
  - type: text
    heading: Filler
    points:
{lines}
""" if filler else ""
    items = "\n".join(f"    {group}:\n" + "\n".join(f"      - {t}" for t in texts)
                      for group, texts in (("emergency", EMERGENCY), ("urgent", URGENT), ("routine", ROUTINE)))
    return spec_text(filler_section + f"""
  - type: seek_care
    heading: When to get help
    text: If you are not sure what is wrong, see your doctor.
{items}
""", top)


def pages_text(pdf) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in pdf_reader(pdf).pages]


def page_of(pages: list[str], words: str) -> int:
    found = [i for i, text in enumerate(pages) if words in text]
    assert found, words
    return found[0]


def build(write_spec, tmp_path, text: str, *options: str):
    out = tmp_path / "h.pdf"
    result = run_cli("build", write_spec(text), "-o", out, *options)
    assert result.exit_code == 0, result.output
    return out


# Filler lengths that put the page end before, inside and after each group on Letter and A4.
FILLERS = [18, 22, 26, 28, 30, 33, 36, 38, 40]


@pytest.mark.parametrize("options", [(), ("--paper", "a4"), ("--large-print",)], ids=["letter", "a4", "large"])
@pytest.mark.parametrize("filler", FILLERS)
def test_a_group_is_never_split_and_a_continued_box_says_so(write_spec, tmp_path, filler, options):
    pages = pages_text(build(write_spec, tmp_path, help_spec(filler), *options))
    start = page_of(pages, "When to get help")
    for label, items in GROUPS.items():  # a group's label and its last item on one page
        assert page_of(pages, label) == page_of(pages, items[-1]), label
    later = sorted({page_of(pages, label) for label in GROUPS} - {start})
    for n in later:  # each page the box runs onto opens with the continued heading
        assert "When to get help (continued)" in pages[n]
        assert pages[n].index("When to get help (continued)") < min(
            pages[n].index(label) for label in GROUPS if label in pages[n])
    if not later:
        assert "(continued)" not in " ".join(pages)


def test_the_fillers_really_split_the_box(write_spec, tmp_path):
    """The test above is only worth something if some fillers push a group to the next page."""
    split = 0
    for filler in FILLERS:
        pages = pages_text(build(write_spec, tmp_path, help_spec(filler)))
        split += any("When to get help (continued)" in p for p in pages)
    assert split


def test_clinic_phone_is_printed_on_the_call_your_clinic_lines(write_spec, tmp_path):
    text = pdf_text(build(write_spec, tmp_path, help_spec(top="clinic: {name: Hill Clinic, phone: 555-0100}\n")))
    assert "Call your doctor or clinic today: 555-0100" in text
    assert "Book a visit with your doctor soon: 555-0100" in text
    assert "now: 555-0100" not in text and "now 555-0100" not in text  # 911 is the emergency number


def test_without_a_phone_there_is_a_blank_to_write_it_in(write_spec, tmp_path):
    text = pdf_text(build(write_spec, tmp_path, help_spec()))
    assert "Call your doctor or clinic today: ________________" in text
    assert "Book a visit with your doctor soon: ________________" in text


def test_group_labels_are_decided_in_resolve():
    from handoutgen.labels import labels
    from handoutgen.resolve.words import group_label

    words = labels("en")
    assert group_label("urgent", words, "555-0100") == "Call your doctor or clinic today: 555-0100"
    assert group_label("routine", words, None) == "Book a visit with your doctor soon: ________________"
    assert group_label("emergency", words, "555-0100") == words["emergency"]


def test_compact_help_box_keeps_every_red_flag_and_whole_groups(write_spec, tmp_path):
    """A page_limit prints the compact form: each group run on in one thin box, nothing dropped."""
    pages = pages_text(build(write_spec, tmp_path, help_spec(26, top="page_limit: 1\nclinic: {phone: 555-0100}\n")))
    text = " ".join(pages)
    assert "Call your doctor or clinic today: 555-0100." in text  # run on: a full stop after the number
    for label, items in GROUPS.items():
        assert page_of(pages, label) == page_of(pages, items[-1]), label
        for item in items:
            assert item in text, item


def test_shipped_short_sheet_keeps_its_help_groups_whole():
    from handoutgen.build import build_handout

    result = build_handout(ROOT / "handouts" / "gluteus-medius-pain-short.yaml", None)
    pages = pages_text(result.pdf)
    care = [s for s in result.handout.sections if s.type == "seek_care"][0]
    for group, items in care.groups.items():
        last = "".join(run.text for run in items[-1]).split()[-3:]
        assert page_of(pages, care.group_labels[group].split(":")[0]) == page_of(pages, " ".join(last))
