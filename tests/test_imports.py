"""The shape of the code: no import cycles (function-level imports included), between modules or
between the pipeline's packages; reportlab only where a PDF is made; click only in cli.py."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "handoutgen"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(path: Path) -> set[str]:
    """Every handoutgen module `path` imports, at any depth in the file. `from a.b import c`
    counts as importing a.b.c when that is a module, else a.b."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        out |= {t for t in targets if t in MODULES and t != name}
    return out


GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _top(name: str) -> str:
    """The pipeline stage a module belongs to: handoutgen.layout.story -> layout."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_the_walk_sees_function_level_imports():
    assert "handoutgen.layout.render" in GRAPH["handoutgen.build"]  # imported inside render_to()


def test_no_import_cycle_between_modules():
    assert _cycles(GRAPH) == []


def test_no_import_cycle_between_packages():
    """spec -> resolve -> layout -> PDF, with figures, draw and check beside them: a package never
    imports one that imports it back (a package's own __init__ aside)."""
    stages: dict[str, set[str]] = {}
    for name, targets in GRAPH.items():
        stages.setdefault(_top(name), set()).update(_top(t) for t in targets if _top(t) != _top(name))
    assert _cycles(stages) == []


def test_only_cli_imports_click():
    users = [n for n, p in MODULES.items() if "import click" in p.read_text() or "from click" in p.read_text()]
    assert users == ["handoutgen.cli"]


def _loaded_modules(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("code", [
    "import handoutgen.resolve.resolver, handoutgen.resolve.handout, handoutgen.build",
    "import handoutgen.figures.exercise, handoutgen.figures.bodymap, handoutgen.draw",
])
def test_resolving_and_drawing_do_not_load_reportlab(code):
    loaded = _loaded_modules(code)
    assert not {m for m in loaded if m.split(".")[0] == "reportlab"}


def test_validate_and_check_do_not_load_reportlab():
    """`handoutgen validate` and `check` (and resolving a real handout, glyph check included)
    never pay for reportlab."""
    spec = PACKAGE.parents[1] / "handouts" / "gluteus-medius-pain.yaml"
    code = ("from click.testing import CliRunner\nfrom handoutgen.cli import main\n"
            f"r = CliRunner().invoke(main, ['validate', {str(spec)!r}])\nassert r.exit_code == 0, r.output\n"
            f"r = CliRunner().invoke(main, ['check', {str(spec)!r}])\nassert r.exit_code == 0, r.output\n"
            "from pathlib import Path\nfrom handoutgen.build import prepare\n"
            f"prepare(Path({str(spec)!r}))\n")
    loaded = _loaded_modules(code)
    assert not {m for m in loaded if m.split(".")[0] == "reportlab"}


def test_font_coverage_read_from_the_file_matches_reportlab():
    from reportlab.pdfbase import pdfmetrics

    from handoutgen.fonts import coverage, register

    face = pdfmetrics.getFont(register()["regular"]).face
    assert coverage() == frozenset(face.charToGlyph) | {0x20, 0x0A}
