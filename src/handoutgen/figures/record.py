"""Figures drawn once per process: the first drawing of a figure is recorded as its surface
calls and replayed for every later document (a roster of 500 handouts computes each figure's
geometry once). Colours are recorded as given, so --grayscale still applies at replay."""

from __future__ import annotations

from collections import OrderedDict

_CACHE: OrderedDict = OrderedDict()
LIMIT = 256


class _Recorder:
    """Forwards every call to `target` and keeps a copy of the drawing ones."""

    def __init__(self, target):
        self.target, self.calls = target, []

    def __getattr__(self, name):
        method = getattr(self.target, name)
        if name == "text_width":
            return method

        def record(*args, **kwargs):
            self.calls.append((name, args, kwargs))
            return method(*args, **kwargs)

        return record


def drawn_once(key: tuple, surface, paint) -> None:
    """`paint(surface)`, or a replay of what it drew before for the same key and surface kind."""
    full = key + (type(surface).__name__, getattr(surface, "family", None))
    calls = _CACHE.get(full)
    if calls is None:
        recorder = _Recorder(surface)
        paint(recorder)
        _CACHE[full] = recorder.calls
        if len(_CACHE) > LIMIT:
            _CACHE.popitem(last=False)
        return
    _CACHE.move_to_end(full)
    for name, args, kwargs in calls:
        getattr(surface, name)(*args, **kwargs)
