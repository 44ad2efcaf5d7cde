"""What importing reportlab and PyYAML costs that a build never uses, put off until it is used.

Regular expressions. Importing reportlab.platypus compiles a URL pattern (paragraph.uri_pat,
case-insensitive over most of Unicode) that takes about 27 ms, a third of the whole import; only
hyphenation and `uriWasteReduce` use it, and handoutgen uses neither. libyaml's loader never
uses yaml.reader's printable-character pattern (5 ms), nor do our paragraphs use textsplit's CJK
pattern (3 ms), nor is PyFontify's (Python syntax colouring) or yaml.constructor's timestamp
pattern (we compose YAML, we never construct it). Each of these, and every other pattern the
modules in DEFERRED compile while they are imported, becomes a stand-in that compiles the real
pattern the first time anything is asked of it (`.match`, `.split`, ...), so code that does use
one gets exactly the pattern it always had. Only patterns those modules compile themselves are
deferred, and each module uses its patterns through their methods alone (never `isinstance(p,
re.Pattern)` or `re.sub(p, ...)`), which tests/test_lazyimport.py checks against the installed
versions.

Pillow. reportlab.lib.utils imports PIL.Image (about 9 ms with the modules it pulls in) for
bitmaps; a handout draws vectors and text, and only a clinic logo needs Pillow. PIL.Image is
loaded with the standard library's importlib.util.LazyLoader: the module runs the first time
one of its attributes is used (reportlab opening a logo, our image checks), unchanged.
"""

from __future__ import annotations

import re
import sys

DEFERRED = frozenset({"reportlab.platypus.paragraph", "reportlab.lib.textsplit", "reportlab.lib.PyFontify",
                      "yaml.reader", "yaml.constructor"})
LAZY = frozenset({"PIL.Image"})  # modules run on first use


class Deferred:
    """A compiled pattern made on first use: attribute access compiles and forwards."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, *args):
        self._args, self._compiled = args, None

    def __getattr__(self, name):
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = _COMPILE(*self._args)
        return getattr(compiled, name)


_COMPILE = re.compile


class _Loader:
    """Runs a module's own loader with re.compile deferring the patterns that module compiles."""

    def __init__(self, loader):
        self._loader = loader

    def __getattr__(self, name):  # get_data, get_filename, is_package...: the real loader's
        return getattr(self._loader, name)

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        name, outer = module.__name__, re.compile

        def compile(pattern, flags=0):
            if sys._getframe(1).f_globals.get("__name__") == name:
                return Deferred(pattern, flags)
            return outer(pattern, flags)

        re.compile = compile
        try:
            self._loader.exec_module(module)
        finally:
            re.compile = outer


class _Finder:
    """On sys.meta_path: finds the DEFERRED and LAZY modules as usual and wraps their loaders."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name not in DEFERRED and name not in LAZY:
            return None
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path, target)
        if spec is not None and hasattr(spec.loader, "exec_module"):
            if name in LAZY:
                from importlib.util import LazyLoader

                spec.loader = LazyLoader(spec.loader)
            else:
                spec.loader = _Loader(spec.loader)
        return spec

    @staticmethod
    def invalidate_caches():
        pass


def install() -> None:
    """Put the finder first on sys.meta_path (once); modules already imported are not changed."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
