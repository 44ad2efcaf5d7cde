"""The command line: exit codes, exact messages, starter specs, library listing, schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_cli
from handoutgen.resolve.library import default_library_dir


def test_help_does_not_import_reportlab():
    code = ("import sys\nfrom handoutgen.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print('reportlab' in ' '.join(sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False")
    assert "build" in out.stdout and "validate" in out.stdout


def test_missing_spec_file(tmp_path):
    result = run_cli("build", tmp_path / "nope.yaml", "-o", tmp_path / "x.pdf")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: {tmp_path / 'nope.yaml'}: file not found", "1 of 1 spec failed"]


def test_spec_is_a_folder(tmp_path):
    result = run_cli("validate", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path}: is a folder, expected a YAML file\n"


def test_no_traceback_on_errors(tmp_path):
    spec = tmp_path / "h.yaml"
    spec.write_bytes(b"\x00\xff\xfe garbage")
    result = subprocess.run([sys.executable, "-m", "handoutgen", "build", str(spec), "-o", str(tmp_path / "o.pdf")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"Error: {spec}:1:")


def test_new_writes_a_starter_that_builds(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "knee-basics")
    assert result.exit_code == 0
    text = (tmp_path / "knee-basics.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert 'title: "Knee basics"' in text
    assert run_cli("validate", "knee-basics.yaml").exit_code == 0
    built = run_cli("build", "knee-basics.yaml", "-o", "k.pdf")
    assert built.exit_code == 0, built.output
    again = run_cli("new", "knee-basics")
    assert again.exit_code == 1
    assert again.stderr == "Error: knee-basics.yaml: already exists; choose another name or use --force\n"


def test_exercises_lists_every_library_entry():
    result = run_cli("exercises")
    assert result.exit_code == 0
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    files = sorted(p.stem for p in default_library_dir().glob("*.yaml"))
    assert sorted(ids) == files
    clam = next(line for line in result.stdout.splitlines() if line.startswith("clam "))
    assert clam.split()[1:3] == ["strengthen", "progress"]  # a later option, after the LEAP stages


def test_schema_is_json_schema_with_every_section_type():
    result = run_cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["required"]) == {"title", "main_message", "sections"}
    defs = json.dumps(schema["$defs"])
    for kind in ("anatomy", "pain_patterns", "relief_plan", "exercises", "seek_care", "text", "tracker"):
        assert f'"const": "{kind}"' in defs


def _as_an_editor_reads_it(path: Path):
    """YAML as an editor's language server sees it (dates stay text)."""
    import datetime as dt

    import yaml

    def plain(value):
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return str(value) if isinstance(value, dt.date) else value

    return plain(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_schema_accepts_every_shipped_handout_and_flags_mistakes():
    from jsonschema import Draft202012Validator

    schema = json.loads(run_cli("schema").stdout)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    handouts = sorted((ROOT / "handouts").glob("*.yaml"))
    assert len(handouts) == 6
    for path in handouts:
        assert [e.message for e in validator.iter_errors(_as_an_editor_reads_it(path))] == [], path.name
    bad = {"title": "T", "main_message": "M", "paper": "a5", "colour": "red",
           "sections": [{"type": "exercises", "items": ["clam", {"id": "bridge", "sets": 50}]}]}
    where = sorted("/".join(map(str, e.absolute_path)) for e in validator.iter_errors(bad))
    assert where == ["", "paper", "sections/0"]  # the unknown key, the bad choice, the bad dose


def test_several_specs_need_a_folder(tmp_path):
    result = run_cli("build", "a.yaml", "b.yaml", "-o", tmp_path / "x.pdf")
    assert result.exit_code == 1
    out = tmp_path / "x.pdf"
    assert result.stderr == f"Error: with several specs, -o must be a folder; {out} is not one (write {out}/ to create it)\n"
