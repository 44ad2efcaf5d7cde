"""Rosters as spreadsheets save them: extra columns, blank rows, day-first or month-first dates."""

from __future__ import annotations

import re

import pytest

from conftest import run_cli, spec_text
from test_print import page_text

EXERCISES = spec_text("""\
  - type: exercises
    items: [clam, bridge]
""")


def roster_build(write_spec, tmp_path, text: str, *extra: str):
    spec = write_spec(EXERCISES)
    roster = tmp_path / "class.csv"
    roster.write_text(text)
    out = tmp_path / "out"
    return run_cli("build", spec, "--roster", roster, "-o", out, "-j", "1", *extra), roster, out


def test_unknown_columns_and_doses_for_other_exercises_are_named_once_and_ignored(write_spec, tmp_path):
    result, roster, out = roster_build(write_spec, tmp_path,
                                       "name,email,clam,pigeon-stretch\nAna,a@x.org,3x8,2x30s\nBo,b@x.org,,\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"Warning: {roster}:1: column 'email' is not name, clinician, date, notes or an exercise in this handout "
        "(bridge, clam); ignored",
        f"Warning: {roster}:1: column 'pigeon-stretch' is not name, clinician, date, notes or an exercise in this "
        "handout (bridge, clam); ignored"]
    assert result.stdout == f"Built 2 of 2 handouts into {out}\n"
    assert "3 sets · 8 reps" in " ".join(page_text(out / "ana.pdf", i) for i in range(2))


@pytest.mark.parametrize("order, printed", [("mdy", "1 December 2026"), ("dmy", "12 January 2026")])
def test_spreadsheet_dates_are_read_with_date_order(write_spec, tmp_path, order, printed):
    result, roster, out = roster_build(write_spec, tmp_path, "name,date\nAna,12/1/2026\n", "--date-order", order)
    assert result.exit_code == 0, result.output
    assert re.search(rf"Date: {printed}", page_text(out / "ana.pdf", 0))


def test_a_spreadsheet_date_without_an_order_points_at_the_option(write_spec, tmp_path):
    result, roster, out = roster_build(write_spec, tmp_path, "name,date\nAna,12/1/2026\nBo,2026-12-01\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {roster}:2: row 1, date: '12/1/2026' is not written year-month-day; add --date-order mdy if it "
        "means month/day/year, or --date-order dmy if it means day/month/year",
        "1 row failed"]
    assert [p.name for p in out.iterdir()] == ["bo.pdf"]


def test_cli_date_uses_the_same_rules(write_spec, tmp_path):
    spec = write_spec(EXERCISES)
    bad = run_cli("build", spec, "-o", tmp_path / "a.pdf", "--date", "31/12/2026", "--date-order", "mdy")
    assert bad.exit_code == 1
    assert bad.stderr == ("Error: --date: expected a real date, got '31/12/2026' read as mdy "
                          "(month must be in 1..12)\n")
    good = run_cli("build", spec, "-o", tmp_path / "b.pdf", "--date", "31/12/2026", "--date-order", "dmy")
    assert good.exit_code == 0
    assert "Date: 31 December 2026" in page_text(tmp_path / "b.pdf", 0)


@pytest.mark.parametrize("dose, shown, absent", [
    ("bridge=2x20s", "2 sets · hold 20 s", "rep"),        # holds: the spec's reps are cleared
    ("bridge=3x5x10s", "3 sets · 5 reps · hold 10 s", None),
    ("bridge=1x12", "1 set · 12 reps", None),
])
def test_dose_option_grammar(write_spec, tmp_path, dose, shown, absent):
    out = tmp_path / "o.pdf"
    result = run_cli("build", write_spec(EXERCISES), "-o", out, "--dose", dose)
    assert result.exit_code == 0, result.output
    from conftest import pdf_text

    text = pdf_text(out)
    card = text[text.index("Bridge"):]
    how_much = card[card.index("How much"):].split(" · once a day")[0].split(" · ")
    assert " · ".join(how_much).startswith("How much: " + shown), how_much
    if absent:
        assert not any(absent in part for part in how_much), how_much


def test_notes_that_contradict_the_cards_are_warned_about(write_spec, tmp_path):
    spec = write_spec(EXERCISES)
    out = tmp_path / "o.pdf"
    result = run_cli("build", spec, "-o", out, "--notes", "Start with 1 set.")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "Warning: --notes: --notes says '1 set' but the card for 'clam' says 2 sets; change the dose with "
        "--dose clam=… so the cards, plan and tracker agree"]
    fixed = run_cli("build", spec, "-o", out, "--notes", "Start with 1 set.", "--dose", "clam=1x10",
                    "--dose", "bridge=1x10")
    assert (fixed.exit_code, fixed.stderr) == (0, "")
