"""Exercises written inline in a spec: first class, with item-level doses and no study claims."""

from __future__ import annotations

from conftest import pdf_text, run_cli, spec_text


def inline(item: str) -> str:
    return spec_text("  - type: exercises\n    items:\n" + item)


def test_an_inline_exercise_needs_only_a_name_and_steps_and_takes_a_dose(write_spec, tmp_path):
    spec = write_spec(inline("""\
      - name: Wall sit
        steps: [Lean your back on a wall., Slide down until your knees bend a little., Hold, then slide up.]
        sets: 3
        hold: 20
        side: both
    """))
    out = tmp_path / "o.pdf"
    result = run_cli("build", spec, "-o", out)
    assert result.exit_code == 0, result.output
    text = pdf_text(out)
    assert "Wall sit" in text and "Slide down until your knees bend a little." in text
    assert "3 sets" in text and "hold 20 s" in text
    for claim in ("Common practice", "Evidence", "Starter", "Strengthen"):
        assert claim not in text  # nothing about studies, levels or kinds unless the spec says so


def test_a_description_paragraph_instead_of_steps(write_spec, tmp_path):
    spec = write_spec(inline("""\
      - name: Knee rolls
        kind: mobility
        description: Lie on your back with your knees bent and let them roll slowly from side to side.
        reps: 10
    """))
    out = tmp_path / "o.pdf"
    result = run_cli("build", spec, "-o", out)
    assert result.exit_code == 0, result.output
    text = pdf_text(out)
    assert "let them roll slowly from side to side." in text and "Move" in text and "10 reps" in text


def test_hints_never_propose_a_field_of_another_meaning(write_spec):
    spec = write_spec(inline("""\
      - name: Wall sit
        steps: [Lean on a wall.]
        sides: both
    """))
    result = run_cli("validate", spec)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: {spec}:15:9: sections[1].items[0].sides: unknown field 'sides'"]


def test_an_unknown_library_id_suggests_the_nearest_and_writing_it_inline(write_spec):
    spec = write_spec(inline("      - bridgee\n"))
    result = run_cli("validate", spec)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {spec}:13:9: sections[1].items[0].id: unknown exercise 'bridgee' (did you mean 'bridge'?); "
        "`handoutgen exercises` lists the library, or write your own inline with a name and steps"]


def test_validate_reports_every_kind_of_problem_in_one_run(write_spec):
    spec = write_spec("""\
title: Knee
main_message: M
paper: a5
sections:
  - type: text
    heading: H
    text: See [@nobody].
  - type: exercises
    items:
      - clamm
      - {id: bridge, sets: 50}
  - type: pain_patterns
    regions: [outer-hipp]
  - type: anatomy
    figure: missing.png
  - type: texxt
    heading: Z
""")
    result = run_cli("validate", spec)
    assert result.exit_code == 1
    import re

    found = [re.match(r"Error: .+?:(\d+):\d+: ([^:]+): ", line).groups() for line in result.stderr.splitlines()]
    assert found == [  # schema, citation, library, dose, region, file, section type: all at once
        ("3", "paper"), ("7", "sections[0].text"), ("10", "sections[1].items[0].id"),
        ("11", "sections[1].items[1].sets"), ("13", "sections[2].regions[0]"),
        ("15", "sections[3].figure.image"), ("16", "sections[4].type")]
    assert "unknown exercise 'clamm'" in result.stderr and "unknown body-map region 'outer-hipp'" in result.stderr


def test_evidence_and_pose_problems_come_in_the_same_run(tmp_path):
    from conftest import ROOT

    mine = tmp_path / "mine"
    (mine / "poses").mkdir(parents=True)
    entry = (ROOT / "assets" / "exercises" / "sit-to-stand.yaml").read_text()
    (mine / "chair-stand.yaml").write_text(entry.replace("id: sit-to-stand", "id: chair-stand"))
    pose = (ROOT / "assets" / "poses" / "sit-to-stand.yaml").read_text()
    assert "knee: 100" in pose
    (mine / "poses" / "chair-stand.yaml").write_text(pose.replace("knee: 100", "knee: 200"))
    spec = tmp_path / "h.yaml"
    spec.write_text("title: Knee\nmain_message: M\nlibrary: mine\npaper: a5\nsections:\n  - type: exercises\n"
                    "    items:\n      - chair-stand\n      - name: Wall sit\n        steps: [Lean on a wall.]\n"
                    "        evidence: [nobody2019]\n")
    result = run_cli("validate", spec)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"Error: {spec}:4:8: paper: expected one of 'letter', 'a4', got 'a5'"
    assert lines[1].endswith("chair-stand.yaml:6:16: start.both.knee: knee flexion 200° is outside the human "
                             "range (-5° to 150°)")
    assert lines[2] == f"Error: {spec}:9:9: sections[0].items[1]: exercise 'wall-sit' cites unknown reference 'nobody2019'"
