"""Hostile and extreme input: odd characters, huge text, long words, every section at 10x."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import MINIMAL, pdf_text, run_cli, spec_text
from handoutgen.build import build_handout


def text_section(body: str) -> str:
    return spec_text(f"""\
      - type: text
        heading: Odd text
        text: {json.dumps(body)}
    """)


def build(write_spec, text):
    path = write_spec(text)
    return build_handout(path, path.with_suffix(".pdf"))


def test_control_and_bidi_characters_are_removed_with_a_warning(write_spec):
    result = build(write_spec, text_section("Walk\u0007 a little\u202e each day."))
    assert "Walk a little each day." in pdf_text(result.pdf)
    assert [str(w).split(": ", 1)[1] for w in result.warnings] == [
        "sections[1].text: removed invisible control characters U+0007, U+202E"]


def test_raw_control_character_in_the_file_is_located(write_spec):
    path = write_spec("title: A\x0bB\nmain_message: M\nsections: [{type: text, heading: H}]\n")
    result = run_cli("validate", path)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {path}:1:9: invisible control character U+000B is not allowed "
                             "(pasted from another program?); delete it\n")


def test_missing_glyphs_are_named_not_printed_as_boxes(write_spec):
    result = build(write_spec, text_section("Smile 😀 and read שלום today."))
    (warning,) = result.warnings
    assert str(warning).endswith(
        "sections[1].text: cannot print '😀' (U+1F600), 'ש' (U+05E9), 'ל' (U+05DC), 'ו' (U+05D5), 'ם' (U+05DD): "
        "right-to-left text (Hebrew, Arabic) cannot be printed in the right order yet; left out of the PDF")
    assert "Smile and read today." in " ".join(pdf_text(result.pdf).split())


def test_combining_characters_are_composed(write_spec):
    result = build(write_spec, text_section("Cafe\u0301 and jalapen\u0303o."))
    assert result.warnings == []
    assert "Café and jalapeño." in pdf_text(result.pdf)


def test_cli_prints_warnings_and_still_builds(write_spec, tmp_path):
    spec = write_spec(text_section("Hi 😀"))
    result = run_cli("build", spec, "-o", tmp_path / "o.pdf")
    assert result.exit_code == 0
    assert result.stderr.startswith(f"Warning: {spec}:13:11: sections[1].text: cannot print '😀' (U+1F600)")


def test_five_thousand_word_paragraph_splits_across_pages(write_spec):
    body = " ".join(["Walk slowly every day and rest."] * 1000)
    result = build(write_spec, text_section(body))
    assert result.pages >= 8
    assert pdf_text(result.pdf).split().count("Walk") == 1001  # 1000 + MINIMAL; none lost at page breaks


def test_very_long_word_and_url_wrap(write_spec):
    word = "a" * 300
    url = "https://example.org/" + "b" * 300
    result = build(write_spec, text_section(f"{word} and [a link]({url}) and {url}"))
    assert pdf_text(result.pdf).replace(" ", "").count("a" * 100) >= 2


def test_two_hundred_item_list(write_spec):
    points = "\n".join(f"      - Point number {i}." for i in range(200))
    text = spec_text("""\
      - type: text
        heading: Many points
        points:
    """) + points + "\n"
    result = build(write_spec, text)
    assert "Point number 199." in pdf_text(result.pdf)


def test_two_hundred_exercises(write_spec):
    items = "\n".join("      - clam" for _ in range(200))
    result = build(write_spec, spec_text("""\
      - type: exercises
        items:
    """) + items + "\n")
    assert pdf_text(result.pdf).count("Clamshell") >= 200


def ten_times(n: int = 10) -> str:
    """A spec with every section type, each about n times its normal length."""
    para = "Your hip muscle keeps your pelvis level when you walk. " * 3 * n
    items = lambda key: [f"{key} item {i}, said in plain words." for i in range(n * 4)]  # noqa: E731
    spec = yaml.safe_load(MINIMAL)
    spec["sections"] += [
        {"type": "anatomy", "text": para, "points": items("point"),
         "figure": {"view": "side", "highlight": ["gluteus-medius"]}, "caption": "The muscle."},
        {"type": "pain_patterns", "text": para, "symptoms": items("symptom")},
        {"type": "relief_plan", "steps": [{"title": f"Step {i}", "text": para, "dose": "2 sets of 10",
                                           "caution": "Stop if it hurts."} for i in range(min(12, n))]},
        {"type": "exercises", "items": ["bridge", "clam", "side-lying-hip-abduction"] * n},
        {"type": "seek_care", "text": para, "emergency": items("emergency"), "urgent": items("urgent"),
         "routine": items("routine")},
        {"type": "tracker", "weeks": 12, "days_per_week": 7},
    ]
    return yaml.safe_dump(spec, sort_keys=False, allow_unicode=True)


def test_every_section_type_at_ten_times_normal_length_builds(write_spec):
    result = build(write_spec, ten_times(10))
    text = pdf_text(result.pdf)
    for needle in ("routine item 39", "emergency item 39", "Step 9", "symptom item 39", "Week 12"):
        assert needle in text
    assert result.pages > 10


@pytest.mark.parametrize("payload", [
    "<para><font name=\"Courier\">x</font></para>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<img src=\"/etc/passwd\" width=\"100\" height=\"100\"/>",
    "&lt;b&gt; &amp; &#60; &unknown;",
    "]]> <![CDATA[ x ]]>",
    "<font color=\"[[[getattr(pow, Word('__globals__'))['os'].system('touch /tmp/pwned')\n for Word in "
    "[ orgTypeFun( 'Word', (str,), { 'mutated': 1, 'startswith': lambda self, x: 1 == 0, '__eq__': lambda "
    "self, x: self.mutate() and self.mutated < 0 and str(self) == x, 'mutate': lambda self: {setattr(self, "
    "'mutated', self.mutated - 1)}, '__hash__': lambda self: hash(str(self)), }, ) ] ] for orgTypeFun in "
    "[type(type(1))] ] and 'red'\">exploit</font>",
])
def test_markup_payloads_print_literally(write_spec, payload, tmp_path):
    result = build(write_spec, text_section(payload))
    flat = " ".join(pdf_text(result.pdf).split())
    assert " ".join(payload.split()) in flat
    assert not (tmp_path / "pwned").exists()
