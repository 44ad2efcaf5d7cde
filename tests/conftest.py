"""Shared helpers: write a spec into a temp folder, build it, read the PDF back."""

from __future__ import annotations

import io
import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handoutgen.cli import main

# the same results on every machine: no characters printed through fonts this machine happens
# to have (test_scripts.py turns them on where it means to)
os.environ["HANDOUTGEN_SYSTEM_FONTS"] = "0"

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = """\
title: Hip pain basics
main_message: Gentle exercise helps most people.
about:
  author: Test Author
  published: 2026-11-22
  next_review: 2027-11-22
sections:
  - type: text
    heading: What to do
    text: Walk a little each day.
"""


def spec_text(sections: str = "", top: str = "", base: str = MINIMAL) -> str:
    """MINIMAL plus more `sections` (a YAML list, any indentation) and `top`-level keys."""
    return base + textwrap.indent(textwrap.dedent(sections), "  ") + textwrap.dedent(top)


@pytest.fixture
def write_spec(tmp_path):
    """write_spec(text, name="h.yaml") -> Path of the spec in a fresh folder."""

    def write(text: str, name: str = "h.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def run_cli(*args: str):
    """Run the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    return CliRunner().invoke(main, list(map(str, args)))


def render_shipped(names, options) -> list[bytes]:
    """Each shipped handout in `names` rendered in this process, in order (caches carry over)."""
    from handoutgen.build import prepare, render_to

    out = []
    for name in names:
        spec = ROOT / "handouts" / name
        handout, warnings = prepare(spec)
        out.append(render_to(handout, spec, None, warnings, options=options).pdf)
    return out


def pdf_reader(data: bytes | Path) -> PdfReader:
    raw = data.read_bytes() if isinstance(data, Path) else data
    return PdfReader(io.BytesIO(raw))


def pdf_text(data: bytes | Path) -> str:
    """All text, pages joined, whitespace collapsed (so line breaks do not matter)."""
    reader = pdf_reader(data)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def pdf_fonts(data: bytes | Path) -> dict[str, bool]:
    """Base font name -> embedded?, for every font any page (or form on it) uses."""
    reader = pdf_reader(data)
    out: dict[str, bool] = {}

    def visit(resources):
        fonts = resources.get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            desc = desc.get_object() if desc else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out[str(font["/BaseFont"])] = embedded
        for ref in (resources.get("/XObject") or {}).values():
            xo = ref.get_object()
            if "/Resources" in xo:
                visit(xo["/Resources"])

    for page in reader.pages:
        visit(page["/Resources"])
    return out


def font_sizes(data: bytes | Path, page_index: int = 0) -> list[tuple[str, float, str]]:
    """(font name, size, text) for each text run on a page, read from the content stream."""
    reader = pdf_reader(data)
    runs: list[tuple[str, float, str]] = []

    def visitor(text, cm, tm, font_dict, font_size):
        if text.strip() and font_dict:
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            runs.append((str(font_dict.get("/BaseFont")), round(font_size * scale, 2), text.strip()))

    reader.pages[page_index].extract_text(visitor_text=visitor)
    return runs
