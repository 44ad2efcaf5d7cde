"""Every word the program prints around the spec's own text comes from the label table
(assets/labels/<language>.yaml), so a Spanish or bilingual handout needs a new table, not new
code. The test swaps the case of every label ("Take care" prints "tAKE CARE") and then looks for
any label still printed as written in English: a word typed into the code instead of the table.
"""

from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT, pdf_text, render_shipped, run_cli
from handoutgen.layout.render import PrintOptions

PLACEHOLDER = re.compile(r"(\{[^}]*\})")


def _swapped(value):
    """The label table with every letter's case swapped, its {placeholders} left as they are."""
    if isinstance(value, str):
        return "".join(part if PLACEHOLDER.fullmatch(part) else part.swapcase() for part in PLACEHOLDER.split(value))
    if isinstance(value, dict):
        return {k: _swapped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_swapped(v) for v in value]
    return value


def _phrases(value, out: set) -> set:
    """The English of each label, cut at its placeholders, its bold and italic marks and its
    punctuation (a long label wraps, and its lines may sit between a second column's): the
    pieces of four or more letters."""
    if isinstance(value, str):
        for part in re.split(r"\{[^}]*\}|\*+|_+|[:.·—–,;!?()\[\]]", value):
            part = " ".join(part.split())
            if len(re.sub(r"[^A-Za-z]", "", part)) >= 4:
                out.add(part)
    elif isinstance(value, dict):
        for v in value.values():
            _phrases(v, out)
    elif isinstance(value, list):
        for v in value:
            _phrases(v, out)
    return out


def _content() -> str:
    """Every text a handout may print as its own: the specs, the exercise library, references,
    glossaries and conditions. A label phrase found there may be printed from there."""
    folders = [ROOT / "handouts", ROOT / "assets" / "exercises", ROOT / "assets" / "glossary",
               ROOT / "assets" / "conditions"]
    texts = [p.read_text(encoding="utf-8") for folder in folders for p in sorted(folder.glob("*.yaml"))]
    return "\n".join(texts + [(ROOT / "assets" / "references.yaml").read_text(encoding="utf-8")])


@pytest.fixture
def english(monkeypatch):
    """Labels swapped in every module that holds the table's loader; returns the label phrases
    that must no longer print as English."""
    import importlib
    import pkgutil

    import handoutgen
    import handoutgen.labels as table

    # every module loaded now, so that each one holding `labels` is patched and put back: one
    # first imported while patched would keep the swapped table for the tests after this one
    for module in pkgutil.walk_packages(handoutgen.__path__, "handoutgen."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)

    real = table.labels
    swapped = _swapped(real("en"))
    for name, module in list(sys.modules.items()):
        if name.startswith("handoutgen") and getattr(module, "labels", None) is real:
            monkeypatch.setattr(module, "labels", lambda language="en": swapped)
    content = _content()
    return sorted(p for p in _phrases(real("en"), set()) if p not in content)


def _english_left(text: str, phrases: list[str]) -> list[str]:
    return [p for p in phrases if re.search(r"(?<![A-Za-z])" + re.escape(p) + r"(?![A-Za-z])", text)]


def test_the_label_table_really_is_swapped(english):
    # the check below means something only if labels reach the page swapped
    text = pdf_text(render_shipped(["gluteus-medius-pain.yaml"], PrintOptions())[0])
    assert "tAKE CARE" in text and "pAGE 1 OF" in text
    assert {"Take care", "Prepared for", "Next-morning rule"} <= set(english)


@pytest.mark.parametrize("options", [PrintOptions(), PrintOptions(large_print=True), PrintOptions(booklet=True)],
                         ids=["letter", "large", "booklet"])
def test_no_shipped_handout_prints_a_label_typed_into_the_code(english, options):
    names = sorted(p.name for p in (ROOT / "handouts").glob("*.yaml"))
    for name, pdf in zip(names, render_shipped(names, options)):
        assert _english_left(pdf_text(pdf), english) == [], name


def test_personal_copies_and_packs_print_only_labels(english, tmp_path):
    spec = ROOT / "handouts" / "gluteus-medius-pain.yaml"
    personal = tmp_path / "ana.pdf"
    result = run_cli("build", spec, "-o", personal, "--patient", "Ana Diaz", "--clinician", "Sam Lee",
                     "--date", "2026-11-22", "--notes", "Start on Monday.")
    assert result.exit_code == 0, result.output
    pack = tmp_path / "pack.pdf"
    result = run_cli("pack", spec, ROOT / "handouts" / "knee-cap-pain.yaml", "-o", pack)
    assert result.exit_code == 0, result.output
    for pdf in (personal, pack):
        text = pdf_text(pdf)
        assert _english_left(text, english) == [], pdf.name
    assert "22 nOVEMBER 2026" in pdf_text(personal)  # the month's name is a label too
