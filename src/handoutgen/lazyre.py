"""Regular expressions that a few libraries compile when imported, compiled only when first used.

Importing reportlab.platypus compiles a URL pattern (paragraph.uri_pat, case-insensitive over
most of Unicode) that takes about 27 ms, a third of the whole import; only hyphenation and
`uriWasteReduce` use it, and handoutgen uses neither. libyaml's loader never uses yaml.reader's
printable-character pattern (5 ms), nor do our paragraphs use textsplit's CJK pattern (3 ms).
Each of these, and every other pattern the listed modules compile while they are imported,
becomes a stand-in that compiles the real pattern the first time anything is asked of it
(`.match`, `.split`, ...), so code that does use one gets exactly the pattern it always had.

Only the modules named in DEFERRED are touched, only while they are being imported, and only
patterns they compile themselves; each of them uses its patterns through their methods alone
(never `isinstance(p, re.Pattern)` or `re.sub(p, ...)`), which tests/test_lazyre.py checks
against the installed versions.
"""

from __future__ import annotations

import re
import sys

DEFERRED = frozenset({"reportlab.platypus.paragraph", "reportlab.lib.textsplit", "yaml.reader"})


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
    """On sys.meta_path: finds the DEFERRED modules as usual and wraps their loaders."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name not in DEFERRED:
            return None
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path, target)
        if spec is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _Loader(spec.loader)
        return spec

    @staticmethod
    def invalidate_caches():
        pass


def install() -> None:
    """Put the finder first on sys.meta_path (once); modules already imported are not changed."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
