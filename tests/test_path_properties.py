"""Property: any command, given any kind of file at any path argument, exits 0 or 1 with our own
message — never a traceback, an "internal error" or a hang — and leaves every input as it was."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, run_cli

SETTINGS = settings(max_examples=int(os.environ.get("HG_EXAMPLES", 40)), deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

KINDS = ["regular", "empty", "folder", "fifo", "symlink-out", "device", "yaml-as-pdf", "pdf-as-yaml", "missing"]
_PDF: list[bytes] = []


def _a_pdf() -> bytes:
    """One real handout PDF (built once) to use wherever a PDF is expected."""
    if not _PDF:
        with tempfile.TemporaryDirectory() as tmp:
            spec, out = Path(tmp) / "h.yaml", Path(tmp) / "h.pdf"
            spec.write_text(MINIMAL)
            assert run_cli("build", spec, "-o", out).exit_code == 0
            _PDF.append(out.read_bytes())
    return _PDF[0]


def make(folder: Path, name: str, kind: str, role: str) -> Path:
    """A path named `name` in `folder` holding a file of `kind` (`role`: yaml, pdf, csv or out)."""
    path = folder / name
    good = {"yaml": MINIMAL.encode(), "pdf": _a_pdf(), "csv": b"name\nAna\n", "out": _a_pdf()}[role]
    if kind == "regular":
        path.write_bytes(good)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "symlink-out":
        outside = Path(tempfile.mkdtemp()) / ("target" + path.suffix)
        outside.write_bytes(good)
        path.symlink_to(outside)
    elif kind == "device":
        return Path("/dev/null")
    elif kind == "yaml-as-pdf":
        path.write_bytes(MINIMAL.encode())
    elif kind == "pdf-as-yaml":
        path.write_bytes(_a_pdf())
    return path


def fingerprint(folder: Path) -> dict:
    """Every regular file under `folder` (not following links): bytes and mode."""
    out = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            out[path] = (path.read_bytes(), path.stat().st_mode)
    return out


COMMANDS = {
    "build": (("spec", "yaml"), ("out", "out")),
    "validate": (("spec", "yaml"),),
    "check": (("spec", "yaml"),),
    "extract": (("pdf", "pdf"), ("out", "yaml-out")),
    "pack": (("spec", "yaml"), ("out", "out")),
    "roster": (("spec", "yaml"), ("roster", "csv"), ("out", "out")),
}


def argv(command: str, paths: dict[str, Path]) -> list:
    if command == "build":
        return ["build", paths["spec"], "-o", paths["out"]]
    if command == "roster":
        return ["build", paths["spec"], "--roster", paths["roster"], "--merge", paths["out"], "-j", "1"]
    if command == "extract":
        return ["extract", paths["pdf"], "-o", paths["out"]]
    if command == "pack":
        return ["pack", paths["spec"], "-o", paths["out"]]
    return [command, paths["spec"]]


@SETTINGS
@given(command=st.sampled_from(sorted(COMMANDS)), kinds=st.lists(st.sampled_from(KINDS), min_size=3, max_size=3),
       out_is_input=st.booleans())
def test_any_file_kind_at_any_path_fails_cleanly_and_changes_no_input(command, kinds, out_is_input):
    folder = Path(tempfile.mkdtemp())
    try:
        paths = {}
        for (name, role), kind in zip(COMMANDS[command], kinds):
            if name == "out" and out_is_input and paths:
                paths[name] = next(iter(paths.values()))  # the output names one of the inputs
                continue
            suffix = {"yaml": ".yaml", "pdf": ".pdf", "csv": ".csv", "out": ".pdf", "yaml-out": ".yaml"}[role]
            paths[name] = make(folder, name + suffix, kind, "yaml" if role == "yaml-out" else role)
        inputs = {k: v for k, v in paths.items() if k != "out" or out_is_input}
        before = fingerprint(folder)
        result = run_cli(*argv(command, paths))
        assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
        assert "Traceback" not in result.output and "internal error" not in result.output, result.output
        after = fingerprint(folder)
        for path, content in before.items():
            if any(path == p for p in inputs.values()) or path.suffix in (".yaml", ".csv"):
                assert after.get(path) == content, (path, result.output)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
