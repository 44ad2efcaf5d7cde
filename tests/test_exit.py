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
