"""Issue #13: the content checks the clinical audit asked for, the pain guide, handout cautions on
library exercises, the draft mark, and the exercise library's evidence and neutral wording."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, pdf_text
from handoutgen.build import build_handout
from handoutgen.check.checks import check_file
from handoutgen.check.content import condition_in, text_facts
from handoutgen.resolve.library import default_library_dir, load_library

HEAD = """\
title: Side hip pain
main_message: Gentle exercise, built up slowly, helps most people.
about: {author: A, reviewed_by: Dr B, published: 2026-11-01, next_review: 2027-11-01}
"""
HELP = """\
  - type: seek_care
    emergency: [You suddenly lose control of your bladder or bowels., You feel numb where you sit on a bike seat.]
    urgent: [You fell., You cannot put weight on your leg., Your hip is hot., You have a fever., Your leg is weak.]
    routine: [Pain wakes you at night., You lost weight without trying., You have had cancer.]
"""


def check(write_spec, sections: str, top: str = "", help_box: str = HELP):
    return check_file(write_spec(HEAD + top + "sections:\n" + sections + help_box), "h.yaml")


def found(result, check_id: str) -> list[str]:
    return [str(f) for f in result.findings if f.check == check_id]


# ---- one dose everywhere -----------------------------------------------------------------------

def test_dose_words_are_read_from_text():
    facts = {(k, v) for k, v, _ in text_facts("Do 2 sets of 10 reps, hold 5-10 s, twice a day, 3 days a week.")}
    assert facts == {("sets", "2"), ("reps", "10"), ("hold", "5-10"), ("per_day", "2"), ("days", "3")}
    assert {(k, v) for k, v, _ in text_facts("2x10 every day")} == {("sets", "2"), ("reps", "10"), ("days", "7")}


def test_plan_dose_that_no_card_has_is_a_warning(write_spec):
    result = check(write_spec, """\
  - type: relief_plan
    steps:
      - {title: Exercise, text: Do the bridge., dose: "2 sets of 10, 3 days a week", exercises: [bridge]}
  - type: exercises
    items: [bridge]
""")
    lines = found(result, "dose")
    assert len(lines) == 2  # the sets and the days; the 10 reps agree
    assert "says '2 sets' but no exercise it is about has that dose (Bridge: no sets)" in lines[0]
    assert "says '3 days a week'" in lines[1] and "Bridge: 7 days a week" in lines[1]


def test_plan_dose_that_matches_the_cards_passes(write_spec):
    result = check(write_spec, """\
  - type: relief_plan
    steps:
      - title: Exercise
        dose: "Every day: the side push twice a day, the bridge once a day"
        exercises: [side-push-lying, bridge]
  - type: exercises
    items: [side-push-lying, bridge]
""")
    assert found(result, "dose") == []


def test_exercise_section_text_must_agree_with_its_cards(write_spec):
    result = check(write_spec, """\
  - type: exercises
    text: Do these on 3 days each week.
    items: [bridge]
""")
    assert found(result, "dose") == [
        "h.yaml:6: warning: sections[0].text: 'Your exercises' says '3 days each week' but no exercise it is "
        "about has that dose (Bridge: 7 days a week); make the text and the cards agree: \"Do these on 3 days "
        "each week.\" [dose]"]


def test_tracker_days_that_differ_from_a_card_is_a_warning(write_spec):
    result = check(write_spec, """\
  - type: exercises
    items: [bridge]
  - type: tracker
    days_per_week: 3
""")
    assert len(found(result, "dose")) == 1
    assert "the tracker has 3 days a week but 'Bridge' is done 7 days a week" in found(result, "dose")[0]


def test_a_plan_step_naming_an_exercise_not_in_the_handout(write_spec):
    result = check(write_spec, """\
  - type: relief_plan
    steps: [{title: Exercise, exercises: [clam]}]
  - type: exercises
    items: [bridge]
""")
    assert any("names exercise 'clam', which is not in this handout" in line for line in found(result, "dose"))


# ---- notes to authors --------------------------------------------------------------------------

def test_notes_to_authors_in_printed_fields_are_warnings(write_spec):
    result = check(write_spec, """\
  - type: text
    heading: More
    text: Walk each day [@own2024]. TODO add a picture here.
""", top="""\
references:
  - {id: own2024, cite: "Own A. A study. J Hips. 2024;1:1-2.", note: DOI not yet verified}
""")
    lines = found(result, "internal-note")
    assert any("'TODO' reads as a note to the authors" in line for line in lines)
    assert any("'not yet verified' reads as a note to the authors" in line for line in lines)


def test_an_ordinary_word_is_not_a_note(write_spec):
    result = check(write_spec, """\
  - type: text
    heading: More
    text: Put a pillow in place. Check with your doctor before you start.
""")
    assert found(result, "internal-note") == []


# ---- when to get help --------------------------------------------------------------------------

def test_seek_care_without_emergency_group_or_too_few_items(write_spec):
    result = check(write_spec, "", help_box="""\
  - type: seek_care
    urgent: [You cannot put weight on your leg.]
""")
    lines = found(result, "seek-care")
    assert len(lines) == 2
    assert "'When to get help' has no emergency group" in lines[0]
    assert "'When to get help' lists 1 signs; at least 10 expected (check.min_seek_care_items)" in lines[1]


def test_the_minimum_is_configurable(write_spec):
    result = check(write_spec, "", top="check: {min_seek_care_items: 12}\n")
    assert "lists 10 signs; at least 12 expected" in found(result, "seek-care")[0]
    assert found(check(write_spec, ""), "seek-care") == []


# ---- condition-neutral library text -------------------------------------------------------------

def test_library_text_naming_a_condition_is_a_warning(write_spec, tmp_path):
    lib = tmp_path / "mine"
    lib.mkdir()
    entry = (default_library_dir() / "bridge.yaml").read_text()
    text = "Do not lie on your sore side. It can flare outer-hip pain."
    (lib / "bridge.yaml").write_text(entry.replace("Do not arch your lower back.", text)  # a caution
                                     .replace("Pause, then lower your hips slowly.", text))  # a step
    result = check(write_spec, "  - type: exercises\n    items: [bridge]\n", top="library: mine\n")
    lines = found(result, "library-text")
    assert len(lines) == 2, lines  # a step and a caution both name a condition
    assert all("library exercise 'bridge' names a condition" in line for line in lines)
    assert "('outer-hip pain')" in lines[0] or "('sore side')" in lines[0]


def test_handout_cautions_may_name_the_condition_and_print_on_the_card(write_spec):
    spec = write_spec(HEAD + "sections:\n  - type: exercises\n    items:\n      - id: clam\n"
                             "        cautions: [Never lie on your sore side.]\n" + HELP)
    result = check_file(spec, "h.yaml")
    assert found(result, "library-text") == []
    text = " ".join(pdf_text(build_handout(spec, None).pdf).split())
    assert "Never lie on your sore side." in text
    assert text.index("Lying on your side presses on the bottom hip") < text.index("Never lie on your sore side.")


def test_condition_terms():
    for text in ("Do not lie on your sore side.", "It can flare outer-hip pain.", "No study shows this helps hip pain.",
                 "Good for bursitis.", "Helps low back pain."):
        assert condition_in(text), text
    for text in ("Lift your hips.", "Skip it if your shoulder hurts.", "Keep pain at 5 out of 10 or less."):
        assert condition_in(text) is None, text


# ---- one pain rule -----------------------------------------------------------------------------

def test_a_pain_rule_of_its_own_is_a_warning_and_a_missing_guide_a_note(write_spec):
    result = check(write_spec, """\
  - type: exercises
    text: Stop any exercise that makes your pain worse. Mild soreness is OK.
    items: [bridge]
""")
    lines = found(result, "pain-rule")
    assert len(lines) == 2
    assert "note: sections: this handout has exercises but no `- type: pain_guide` section" in lines[1]
    assert "warning: sections[0].text: 'makes your pain worse' is a pain rule of its own" in lines[0]


def test_the_pain_guide_alone_passes(write_spec):
    result = check(write_spec, "  - type: pain_guide\n  - type: exercises\n    items: [bridge]\n")
    assert found(result, "pain-rule") == []


# ---- choppy text -------------------------------------------------------------------------------

def test_runs_of_very_short_sentences_get_a_note(write_spec):
    choppy = " ".join(["Walk a bit. Then rest. It helps. Go slow."] * 12)
    natural = " ".join(["Walk for a few minutes each day, and rest when you need to."] * 9)
    result = check(write_spec, f"  - type: text\n    heading: Walking\n    text: {choppy}\n")
    assert found(result, "short-sentences") == [
        "h.yaml:5: note: sections[0]: sentences in 'Walking' average 2.2 words (below 8); join some short ones "
        "so the text reads naturally (CDC: 8–10 is best) [short-sentences]"]
    assert found(check(write_spec, f"  - type: text\n    heading: Walking\n    text: {natural}\n"),
                 "short-sentences") == []


# ---- the pain guide, the tracker and the draft mark ---------------------------------------------

def test_pain_guide_prints_the_scale_and_the_next_morning_rule(write_spec):
    result = build_handout(write_spec(HEAD + "sections:\n  - type: pain_guide\n"), None)
    text = " ".join(pdf_text(result.pdf).split())
    assert "How much pain is OK" in text
    assert "0 1 2 3 4 5 6 7 8 9 10" in text
    for words in ("0–3", "4–5", "6–10", "0 to 3 is fine", "4 or 5 is OK if it settles by the next morning",
                  "Above 5 is too much. Do less next time.", "Next-morning rule:"):
        assert words in text, words


def test_tracker_gives_twice_a_day_exercises_two_rows_and_follows_stages(write_spec):
    result = build_handout(write_spec(HEAD + """\
sections:
  - {type: exercises, heading: One, items: [side-push-lying, bridge]}
  - {type: exercises, heading: Two, items: [offset-bridge]}
  - type: tracker
    stages: [One, {sections: [Two], weeks: 2}]
"""), None)
    text = " ".join(pdf_text(result.pdf).split())
    assert "Side push, lying down (twice a day)" in text
    first = result.handout.sections[2].blocks[0]
    assert (first.rows, first.sessions) == (["Side push, lying down", "Bridge"], [2, 1])  # two lines of boxes
    assert re.search(r"Week 1 .*Week 2 .*Week 3", text)
    (weeks1, rows1), (weeks2, rows2) = result.handout.tracked(result.handout.sections[2])
    assert (weeks1, [e.id for e in rows1]) == (1, ["side-push-lying", "bridge"])
    assert (weeks2, [e.id for e in rows2]) == (2, ["offset-bridge"])


def test_tracker_stage_must_name_an_exercises_section(write_spec):
    from handoutgen.errors import ResolveError

    with pytest.raises(ResolveError) as err:
        build_handout(write_spec(HEAD + "sections:\n  - {type: exercises, heading: One, items: [bridge]}\n"
                                        "  - {type: tracker, stages: [Onw]}\n"), None)
    assert "no exercises section is headed 'Onw'; headings: 'One'" in str(err.value.problems[0])


# ---- the library --------------------------------------------------------------------------------

LEAP_IDS = ["side-push-lying", "side-push-standing", "offset-bridge", "single-leg-bridge", "sit-to-stand",
            "offset-squat", "side-step", "band-side-slide", "bridge"]
# Which study tested which exercise (clinical-facts.md sections 5 and 9).
TESTED = {"mellor2016": set(LEAP_IDS), "mellor2018": set(LEAP_IDS),
          "mcbeth2012": {"clam", "side-lying-hip-abduction", "side-lying-hip-abduction-external-rotation"},
          "selkowitz2013": {"clam"}, "willcox2013": {"clam"}, "baik2021": {"side-lying-hip-abduction-medial-rotation"},
          "distefano2009": {"side-lying-hip-abduction", "single-leg-deadlift", "transverse-lunge"},
          "ekstrom2007": {"bridge", "side-bridge", "bird-dog"},  # bird dog: its "quadruped arm/lower extremity lift"
          "wiewelhove2019": {"foam-roller"},
          "peterson2014": {"eccentric-wrist-extension"}}  # lowering a weight with the wrist, at home


@pytest.fixture(scope="module")
def library():
    return load_library(default_library_dir()).check_all()


def test_leap_exercises_are_in_the_library_with_poses(library):
    from handoutgen.figures.posefile import load_pose

    for eid in LEAP_IDS:
        ex = library[eid]
        assert load_pose(eid) is not None and ex.steps and ex.cautions and ex.dose, eid
        assert {"mellor2016", "mellor2018"} <= set(ex.evidence), eid
    assert library["side-push-lying"].dose.per_day == 2


def test_evidence_only_from_studies_that_tested_the_exercise(library):
    for ex in library.values():
        for ref in ex.evidence:
            assert ref in TESTED and ex.id in TESTED[ref], f"{ex.id} cites {ref}"
        if ex.kind == "stretch":
            assert ex.common_practice and not ex.evidence, ex.id


def test_no_library_entry_names_a_condition_or_an_unrelated_body_part(library):
    for ex in library.values():
        texts = [ex.name, ex.alias, ex.caption, ex.position, *ex.targets, *ex.steps, *ex.tips, *ex.cautions]
        for text in filter(None, texts):
            assert condition_in(text) is None, f"{ex.id}: {text}"
    for eid in ("shoulder-circles", "ankle-mobility"):  # they move neither the hip nor the buttock
        ex = library[eid]
        words = " ".join(filter(None, [ex.caption, ex.position, *ex.steps, *ex.tips, *ex.cautions])).lower()
        assert "hip" not in words and "buttock" not in words, eid


def test_clam_and_side_lying_lifts_are_later_options_with_side_lying_cautions(library):
    for eid in ("clam", "side-lying-hip-abduction", "side-lying-hip-abduction-external-rotation",
                "side-lying-hip-abduction-medial-rotation"):
        ex = library[eid]
        assert ex.level != "starter", eid
        assert any("presses on the bottom hip" in c for c in ex.cautions), eid
        assert not {"mellor2018", "grimaldi2015"} & set(ex.evidence), eid


def test_library_defaults_are_the_leap_week_1_doses(library):
    d = library["bridge"].dose
    assert (str(d.reps), d.per_day, d.effort) == ("10", 1, "light")
    d = library["side-push-standing"].dose
    assert (d.reps, d.hold, d.per_day) == ("3–5", "5–15", 2)


def test_every_handout_check_passes_strict():
    from conftest import run_cli

    result = run_cli("check", "--strict", *sorted((ROOT / "handouts").glob("*.yaml")))
    assert result.exit_code == 0, result.output
