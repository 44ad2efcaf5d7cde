"""Patterns compiled on first use (lazyimport.py) are the patterns the libraries always had, the
libraries use them only in ways a stand-in supports, and Pillow loads when first used."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys

import pytest

from handoutgen import lazyimport


def _compiled_names(tree: ast.AST) -> set[str]:
    """Names (module or class level) assigned straight from re.compile(...)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            if isinstance(func, ast.Attribute) and func.attr == "compile" and getattr(func.value, "id", "") == "re":
                out |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return out


@pytest.mark.parametrize("name", sorted(lazyimport.DEFERRED))
def test_each_deferred_pattern_is_only_used_through_its_methods(name):
    """A stand-in forwards attributes; `isinstance(p, re.Pattern)` or `re.sub(p, ...)` would see
    through it. Every use of a pattern the module compiles must be `pattern.method`."""
    path = importlib.util.find_spec(name).origin
    tree = ast.parse(open(path, encoding="utf-8").read())
    names = _compiled_names(tree)
    assert names, f"{name} compiles no patterns any more: drop it from DEFERRED"
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    bad = []
    for node in ast.walk(tree):
        used = (isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load)) or \
               (isinstance(node, ast.Attribute) and node.attr in names and isinstance(node.ctx, ast.Load))
        if used and not isinstance(parents.get(node), ast.Attribute):
            bad.append(f"line {node.lineno}")
    assert bad == []


@pytest.mark.parametrize("name", sorted(lazyimport.DEFERRED))
def test_a_stand_in_matches_like_the_pattern_it_stands_for(name):
    """In a process that imports the command line first (as `handoutgen` does), each pattern the
    module compiles is a stand-in, and it finds what the real pattern finds."""
    code = f"""
import importlib, re
import handoutgen.cli
from handoutgen.lazyimport import Deferred
module = importlib.import_module({name!r})
found = [v for v in vars(module).values() if isinstance(v, Deferred)]
found += [v for cls in vars(module).values() if isinstance(cls, type)
          for v in vars(cls).values() if isinstance(v, Deferred)]
assert found, "nothing deferred"
samples = ["http://example.com/a/b", "www.example.org", "Walk\u00ad-ing", "\u4e2d\u6587 text", "\x07bell",
           "'quoted'", "plain words", ""]
for deferred in found:
    real = re.compile(deferred.pattern, deferred.flags)
    for s in samples:
        got, want = deferred.search(s), real.search(s)
        assert (got and got.span()) == (want and want.span()), (deferred.pattern, s)
"""
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_command_line_defers_reportlabs_url_pattern():
    code = ("import handoutgen.cli, reportlab.platypus.paragraph as p, yaml.reader as r\n"
            "from handoutgen.lazyimport import Deferred\n"
            "assert isinstance(p.uri_pat, Deferred) and p.uri_pat._compiled is None\n"
            "assert isinstance(r.Reader.NON_PRINTABLE, Deferred)\n"
            "assert p._uri_split_pairs('http://example.com/a/b')[0] == ('http://example.com/a/', 'b')\n"
            "assert p.uri_pat._compiled is not None\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_pillow_loads_when_first_used():
    """A build never runs PIL.Image; a logo (or anything else that asks for it) gets the real module."""
    code = ("import sys, handoutgen.cli, reportlab.platypus, reportlab.lib.utils as u\n"
            "from importlib.util import _LazyModule\n"
            "assert isinstance(sys.modules['PIL.Image'], _LazyModule)\n"
            "from PIL import Image\n"
            "im = Image.new('RGB', (2, 2))\n"
            "assert u._isPILImage(im) and type(sys.modules['PIL.Image']).__name__ == 'module'\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_library_alone_leaves_imports_as_they_are():
    """Only the command's own process defers: a program that imports the library keeps every
    module's patterns and Pillow as they always were."""
    code = ("import sys, re, handoutgen.build, reportlab.platypus.paragraph as p\n"
            "from handoutgen.lazyimport import _Finder\n"
            "assert not any(isinstance(f, _Finder) for f in sys.meta_path)\n"
            "assert isinstance(p.uri_pat, re.Pattern)\n")
    subprocess.run([sys.executable, "-c", code], check=True)
