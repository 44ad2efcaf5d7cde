"""Spec validation: every kind of invalid input gives its exact one-line message."""

from __future__ import annotations

import pytest

from conftest import MINIMAL, run_cli, spec_text


def validate_lines(write_spec, text):
    path = write_spec(text)
    result = run_cli("validate", path)
    lines = [line.replace(str(path), "h.yaml") for line in result.stderr.splitlines()]
    return result.exit_code, lines


def test_minimal_spec_is_valid(write_spec):
    path = write_spec(MINIMAL)
    result = run_cli("validate", path)
    assert result.exit_code == 0
    assert result.stdout == f"{path}: valid\n"


CASES = [
    ("title: Hip\ntitel: x\nmain_message: M\nsections: [{type: text, heading: H}]\n",
     ["Error: h.yaml:2:1: titel: unknown field 'titel' (did you mean 'title'?)"]),
    ("main_message: M\nsections: [{type: text, heading: H}]\n",
     ["Error: h.yaml:1:1: title: required field is missing"]),
    ("title: ''\nmain_message: M\nsections: [{type: text, heading: H}]\n",
     ["Error: h.yaml:1:8: title: must not be empty"]),
    ("title: T\npaper: A5\nmain_message: M\nsections: [{type: text, heading: H}]\n",
     ["Error: h.yaml:2:8: paper: expected one of 'letter', 'a4', got 'A5'"]),
    ("title: T\nmain_message: M\nkey_points: [one]\nsections: [{type: text, heading: H}]\n",
     ["Error: h.yaml:3:13: key_points: expected 2–5 items, got 1"]),
    ("title: T\nmain_message: M\nabout: {published: 2026-02-30}\nsections: [{type: text, heading: H}]\n",
     ["Error: h.yaml:3:20: about.published: expected a real date like 2026-11-22, got '2026-02-30' "
      "(day is out of range for month)"]),
    ("title: T\nmain_message: M\nabout: {published: 2026-11-22, next_review: 2026-01-01}\n"
     "sections: [{type: text, heading: H}]\n",
     ["Error: h.yaml:3:8: about: next_review (2026-01-01) must be after published (2026-11-22)"]),
    ("title: T\nmain_message: M\nabout: {published: 2026-11-22, next_review: 2030-01-01}\n"
     "sections: [{type: text, heading: H}]\n",
     ["Error: h.yaml:3:8: about: next_review (2030-01-01) must be at most 3 years after published (by 2029-11-22)"]),
    ("title: T\nmain_message: M\nsections:\n  - type: exercise\n",
     ["Error: h.yaml:4:11: sections[0].type: unknown section type 'exercise' (did you mean 'exercises'?); "
      "expected one of anatomy, pain_patterns, relief_plan, exercises, pain_guide, seek_care, tracker, text"]),
    ("title: T\nmain_message: M\nsections:\n  - heading: H\n",
     ["Error: h.yaml:4:5: sections[0]: section needs a 'type': one of anatomy, pain_patterns, relief_plan, "
      "exercises, pain_guide, seek_care, tracker, text"]),
    ("title: T\nmain_message: M\nsections:\n  - type: exercises\n    items:\n      - id: clam\n        sets: three\n",
     ["Error: h.yaml:7:15: sections[0].items[0].sets: expected a whole number 1–20, got 'three'"]),
    ("title: T\nmain_message: M\nsections:\n  - type: exercises\n    items:\n      - id: clam\n        sets: -2\n",
     ["Error: h.yaml:7:15: sections[0].items[0].sets: expected a whole number 1–20, got '-2'"]),
    ("title: T\nmain_message: M\nsections:\n  - type: exercises\n    items:\n      - id: clam\n        reps: 9999\n",
     ["Error: h.yaml:7:15: sections[0].items[0].reps: expected a whole number 1–100 or a range like 10-15 "
      "(repetitions), got '9999'"]),
    ("title: T\nmain_message: M\nsections:\n  - type: exercises\n    items:\n      - id: clam\n        side: lefft\n",
     ["Error: h.yaml:7:15: sections[0].items[0].side: expected one of 'each', 'both', 'left', 'right', "
      "got 'lefft' (did you mean 'left'?)"]),
    ("title: T\nmain_message: M\nsections: {type: text}\n",
     ["Error: h.yaml:3:11: sections: expected a list (lines starting with '- '), got a mapping"]),
    ("title: [a, b]\nmain_message: M\nsections: [{type: text, heading: H}]\n",
     ["Error: h.yaml:1:8: title: expected text, got a list"]),
    ("- title: T\n", ["Error: h.yaml:1:1: expected a mapping of fields (key: value) at the top of the file, got a list"]),
    ("title: T\nmain_message: M\nsections:\n  - type: [text]\n  - type:\n",
     ["Error: h.yaml:4:11: sections[0].type: expected one of anatomy, pain_patterns, relief_plan, exercises, "
      "pain_guide, seek_care, tracker, text, got a list",
      "Error: h.yaml:5:10: sections[1].type: expected one of anatomy, pain_patterns, relief_plan, exercises, "
      "pain_guide, seek_care, tracker, text, got nothing"]),
    ("title: T\nmain_message: M\nsections:\n  - type: exercises\n    items:\n      - name: Mine\n"
     "        sets: 2\n",
     ["Error: h.yaml:6:9: sections[0].items[0]: give steps (a list of short sentences) or a "
      "one-paragraph description"]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_invalid_specs_give_exact_messages(write_spec, text, expected):
    code, lines = validate_lines(write_spec, text)
    assert code == 1
    assert lines == expected


def test_every_problem_is_reported_at_once(write_spec):
    code, lines = validate_lines(write_spec, "title: T\npaper: a5\nmain_message: M\nlanguage: fr\n"
                                             "sections:\n  - type: texts\n")
    assert code == 1
    assert [line.split(": ")[2] for line in lines] == ["paper", "language", "sections[0].type"]


def test_yes_no_and_numbers_stay_text_where_text_is_expected(write_spec, tmp_path):
    path = write_spec("title: 1.10\nmain_message: no\nsections: [{type: text, heading: on}]\n")
    from handoutgen.build import prepare

    handout, _ = prepare(path)
    assert handout.title == "1.10"
    assert handout.sections[0].heading == "on"


def test_unknown_exercise_and_citation_are_located(write_spec):
    code, lines = validate_lines(write_spec, spec_text("""\
      - type: exercises
        items: [clamm]
        text: See [@nobody2020].
    """))
    assert code == 1
    assert lines == [
        "Error: h.yaml:12:13: sections[1].items[0].id: unknown exercise 'clamm' (did you mean 'clam'?); "
        "`handoutgen exercises` lists the library, or write your own inline with a name and steps",
        "Error: h.yaml:13:11: sections[1].text: citation [@nobody2020] names no reference; add it under references:",
    ]


def test_duplicate_reference_ids(write_spec):
    code, lines = validate_lines(write_spec, spec_text(top="""\
    references:
      - {id: a2020, cite: "A. Title. 2020."}
      - {id: a2020, cite: "B. Title. 2021."}
    """))
    assert code == 1
    assert "h.yaml:13:10: references[1].id: duplicate reference id 'a2020'" in lines[0]


def test_uncited_reference_is_a_warning_not_an_error(write_spec):
    path = write_spec(spec_text(top="""\
    references:
      - {id: a2020, cite: "A. Title. 2020."}
    """))
    result = run_cli("validate", path)
    assert result.exit_code == 0
    assert f"Warning: {path}:12:10: references[0].id: reference 'a2020' is never cited; cite it as [@a2020] " \
           "or remove it" in result.stderr


def test_bad_link_scheme_is_an_error(write_spec):
    code, lines = validate_lines(write_spec, spec_text("""\
      - type: text
        heading: Links
        text: "[click](javascript:alert) and [file](file:///etc/passwd)"
    """))
    assert code == 1
    assert lines == ["Error: h.yaml:13:11: sections[1].text: link 'javascript:alert' is not allowed; "
                     "use an https://, mailto: or tel: link",
                     "Error: h.yaml:13:11: sections[1].text: link 'file:///etc/passwd' is not allowed; "
                     "use an https://, mailto: or tel: link"]
