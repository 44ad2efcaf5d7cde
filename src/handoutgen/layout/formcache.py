"""A figure's form drawing, kept per process as PDF operators.

figures/record.py already keeps each figure's drawing calls, but replaying them still formats
every coordinate of every path again (about 15% of a warm render). Here the first drawing of a
figure into a form is recorded at the canvas: calls that only write path and colour operators
(and change graphics state that the form's endForm resets) become their operator text, kept;
calls whose bytes depend on the document — a font chosen, a label drawn (its glyph codes come
from the document's font subset), the graphics state saved or restored, the coordinates moved —
stay calls, made again on the later document's canvas in the same order. A later document's
form therefore gets the bytes an uncached drawing would write (tests/test_formcache.py compares).

The key is everything the drawing depends on: the figure's own arguments, exact size and font
family (figure_forms.py) and --grayscale. A drawing that calls anything else on the canvas is
not kept.
"""

from __future__ import annotations

from collections import OrderedDict

# canvas calls that only append operators to the stream (and set graphics state that endForm's
# pop_state_stack resets): kept as text
_TEXT_ONLY = frozenset({"beginPath", "drawPath", "clipPath", "line", "circle", "ellipse", "rect", "roundRect",
                        "setStrokeColorRGB", "setFillColorRGB", "setLineWidth", "setDash", "setLineCap",
                        "setLineJoin"})
# calls made again on every canvas: what they write or change depends on the document or on
# state that later calls read (font, text state, the saved-state stack)
_AGAIN = frozenset({"setFont", "drawString", "drawRightString", "drawCentredString", "saveState", "restoreState",
                    "translate", "scale"})

_PROGRAMS: OrderedDict = OrderedDict()
LIMIT = 128  # figures kept (a handout has 10-20; a kept figure is some 10-30 KB of operators)
ENABLED = True  # the byte-identity tests turn it off for the reference


class _Recording:
    """Stands in for the canvas while a figure draws for the first time and writes down the
    program that repeats it: the operators written between two calls that must be made again,
    and those calls. Text-only methods are the canvas's own (kept on the stand-in after the first
    look-up), so recording costs the first drawing almost nothing."""

    def __init__(self, canv):
        self._canv, self.program, self.whole = canv, [], True
        self._code = canv._code  # the form's operator list (beginForm has just started it)
        self._mark = len(self._code)  # operators up to here are in the program (or not ours)

    def __getattr__(self, name):
        attr = getattr(self._canv, name)
        if not callable(attr):
            return attr
        if name in _AGAIN:
            attr = self._again(name, attr)
        elif name not in _TEXT_ONLY:
            self.whole = False  # something we have not checked: draw it, keep nothing
            return attr
        setattr(self, name, attr)
        return attr

    def _again(self, name, method):
        def call(*args, **kwargs):
            self._take()
            self.program.append(("call", name, args, kwargs))
            result = method(*args, **kwargs)
            self._mark = len(self._code)  # what the call wrote is written again on replay
            return result

        return call

    def _take(self) -> None:
        if len(self._code) > self._mark:
            self.program.append(("ops", tuple(self._code[self._mark:])))
            self._mark = len(self._code)

    def finished(self) -> tuple | None:
        """The program, or None when the drawing is not one to keep."""
        if not self.whole or self._canv._code is not self._code:
            return None
        self._take()
        return tuple(self.program)


def draw(canv, key: tuple, paint) -> None:
    """`paint(canvas)` inside an open form, or the kept program for `key` played on `canv`."""
    from handoutgen.draw.ink import GRAYSCALE

    if not ENABLED:
        paint(canv)
        return
    full = key + (GRAYSCALE.get(),)
    program = _PROGRAMS.get(full)
    if program is None:
        recording = _Recording(canv)
        paint(recording)
        program = recording.finished()
        if program is not None:
            _PROGRAMS[full] = program
            if len(_PROGRAMS) > LIMIT:
                _PROGRAMS.popitem(last=False)
        return
    _PROGRAMS.move_to_end(full)
    code = canv._code
    for step in program:
        if step[0] == "ops":
            code.extend(step[1])
        else:
            getattr(canv, step[1])(*step[2], **step[3])
