"""The command line skips the garbage collector's walk at exit (cli.py: gc.freeze at exit), and
a built PDF is complete on disk however the process ends."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_the_cli_freezes_objects_at_exit():
    code = ("import atexit, gc, handoutgen.cli\n"
            "assert gc.get_freeze_count() == 0\n"
            "atexit._run_exitfuncs()\n"
            "assert gc.get_freeze_count() > 0\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_build_is_whole_on_disk_when_the_process_ends(tmp_path):
    out = tmp_path / "x.pdf"
    subprocess.run([sys.executable, "-m", "handoutgen", "build", str(ROOT / "handouts" / "gluteus-medius-pain-short.yaml"),
                    "-o", str(out)], check=True, capture_output=True)
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def test_one_build_pauses_the_collector_and_turns_it_back_on(tmp_path, monkeypatch):
    """A single build runs with the garbage collector off (the process ends right after), and
    turns it back on, so a program or test running many builds in one process keeps it; a
    build of several specs leaves it on throughout."""
    import gc

    from conftest import run_cli
    from handoutgen import build

    seen = []
    real = build.build_handout
    monkeypatch.setattr(build, "build_handout", lambda *a, **k: (seen.append(gc.isenabled()), real(*a, **k))[1])
    spec = ROOT / "handouts" / "gluteus-medius-pain-short.yaml"
    assert run_cli("build", spec, "-o", tmp_path / "one.pdf").exit_code == 0
    assert gc.isenabled()
    other = ROOT / "handouts" / "low-back-pain.yaml"
    (tmp_path / "two").mkdir()
    assert run_cli("build", spec, other, "-o", tmp_path / "two").exit_code == 0
    assert seen == [False, True, True] and gc.isenabled()
