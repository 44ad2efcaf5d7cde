"""Printed words: every word around the spec's text comes from assets/labels/ (plural forms
included), resolve decides them once, and no English phrase is left in the drawing code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import pdf_text, run_cli, spec_text
from handoutgen.labels import labels, plural
from handoutgen.resolve.words import dose_words
from handoutgen.spec.model import KINDS, LEVELS, SIDES, Dose

SRC = Path(__file__).resolve().parents[1] / "src" / "handoutgen"
EN = labels("en")


@pytest.mark.parametrize("dose,words", [
    ({"sets": 1, "reps": "1"}, ["1 set", "1 rep"]),
    ({"sets": 2, "reps": "8-12"}, ["2 sets", "8–12 reps"]),
    ({"per_day": 1}, ["once a day"]),
    ({"per_day": 2, "days_per_week": 1}, ["twice a day", "1 day a week"]),  # an exact form: "=2"
    ({"per_day": 3}, ["3 times a day"]),
    ({"reps": "10", "effort": "somewhat hard"}, ["10 reps", "somewhat hard effort"]),
    ({"per_day": 1, "days_per_week": 3}, ["3 days a week"]),  # 3 days a week implies once a day
    ({"days_per_week": 7, "side": "each"}, ["each side", "every day"]),
    ({"hold": "30", "minutes": "5", "note": "per sore spot"}, ["hold 30 s", "5 min", "per sore spot"]),
])
def test_dose_words_take_the_plural_form_for_their_number(dose, words):
    assert dose_words(Dose.validate(dose), EN) == words


def test_plural_uses_a_plain_label_as_it_is():
    assert plural({"k": "{n} min"}, "k", 1) == "1 min"
    assert plural(EN, "sets", 3) == "3 sets"


def test_a_personalised_single_set_prints_in_the_singular(write_spec):
    spec = write_spec(spec_text("- type: exercises\n  items: [clam]\n"))
    out = spec.parent / "one.pdf"
    result = run_cli("build", spec, "-o", out, "--dose", "clam=1x1")
    assert result.exit_code == 0, result.output
    text = pdf_text(out.read_bytes())
    assert "1 set · 1 rep" in text and "1 sets" not in text and "1 reps" not in text


@pytest.mark.parametrize("regions, side, words", [
    (["shoulder"], "both", "both arms"), (["elbow", "wrist"], "each", "each arm"),
    (["knee"], "both", "both legs"), (["hip"], "each", "each side"), (["back"], "both", "both sides"),
    ([], "both", "both sides"), (["shoulder"], "left", "left arm"), (["knee"], "left", "left side")])
def test_side_words_follow_the_body_part(regions, side, words):
    from handoutgen.resolve.words import limb

    assert dose_words(Dose.validate({"side": side}), EN, "en", limb(regions)) == [words]


def _label_keys_in_code() -> set[str]:
    """Label keys the code looks up by name."""
    pattern = re.compile(r"""(?:words|\bw|labels\([^)]*\))\[["'](\w+)["']\]|(?:\.label|plural|_plural)\((?:words, )?["'](\w+)["']"""
                         r"""|_tagged\(ctx, ["'](\w+)["']""")
    keys: set[str] = set()
    for path in SRC.rglob("*.py"):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            keys |= {g for g in match.groups() if g}
    return keys


def test_every_label_the_code_uses_exists_and_every_label_is_used():
    used = _label_keys_in_code()
    # looked up by a computed name: the model's choices and the seek-care groups
    used |= {f"side_{s}" for s in SIDES} | {f"kind_{k}" for k in KINDS} | {f"level_{v}" for v in LEVELS}
    used |= {f"side_{s}_{limb}" for s in SIDES for limb in ("arm", "leg", "side")} & set(EN)  # optional ones
    used |= {"emergency", "urgent", "routine"}
    from handoutgen.resolve.resolver import PAIN_GUIDE_WORDS  # the pain guide's words, by name

    used |= set(PAIN_GUIDE_WORDS)
    assert used - set(EN) == set(), "looked up but missing from assets/labels/en.yaml"
    assert set(EN) - used == set(), "in assets/labels/en.yaml but never used"


# Strings in the drawing and layout code that are not printed words: markup, metadata, names.
NOT_WORDS = {"a size in points", "a margin in points", '<font color="', '<font face="', "handoutgen spec",
             "'Atkinson Hyperlegible', sans-serif"}
PHRASE = re.compile(r"[A-Za-z]{2,} [A-Za-z]+|^ [A-Za-z]+$|^[A-Za-z]+ $")


# The 3D model and the pose and region files' vocabulary ("lying on back", "right knee", "upper
# arm"): YAML keywords and geometry, never printed. Region labels come from the region file.
MODEL = {"body3d.py", "posefile.py", "scene.py", "bodymap.py"}


def _printed_code() -> list[Path]:
    """The modules that put words on the page or in a figure."""
    figures = [p for p in (SRC / "figures").glob("*.py") if p.name not in MODEL]
    return sorted([*(SRC / "layout").glob("*.py"), *figures, *(SRC / "draw").glob("*.py"),
                   SRC / "gallery.py", SRC / "resolve" / "words.py"])


def test_no_english_phrase_in_the_code_that_prints():
    """Docstrings, exception and assertion messages are for developers and CLI users, not print."""
    found = []
    for path in _printed_code():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body \
                    and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
                skip.add(id(node.body[0].value))
            if isinstance(node, (ast.Raise, ast.Assert)):
                skip |= {id(sub) for sub in ast.walk(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip \
                    and PHRASE.search(node.value) and node.value not in NOT_WORDS:
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.value!r}")
    assert found == []
