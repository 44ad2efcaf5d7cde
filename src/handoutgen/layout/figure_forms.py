"""Flowables for the vector figures. Each distinct figure is drawn once per PDF as a form
XObject and placed by reference wherever it appears, so repeats cost a few bytes.

The form's drawing is also kept per process (layout/formcache.py): a later document writes the
same path operators again without computing them, and only the figure's labels are drawn afresh
(their bytes depend on the document's font subset)."""

from __future__ import annotations

import hashlib

from reportlab.platypus import Flowable

from handoutgen.draw.pdf import PdfSurface
from handoutgen.layout import formcache
from handoutgen.figures.exercise import draw_exercise, draw_thumbnail
from handoutgen.figures.framing import LABEL, fit_scale, fitted_height
from handoutgen.figures.mapdraw import draw_bodymap
from handoutgen.fonts import register


class _FormFigure(Flowable):
    """Draws `paint(surface, width, height)` once into a named form, then reuses it."""

    def __init__(self, key: str, width: float, height: float, family: str = "AtkinsonHyperlegible"):
        super().__init__()
        self.key = "fig" + hashlib.sha1(f"{key}|{width:.1f}|{height:.1f}".encode()).hexdigest()[:12]
        self.fig_w, self.fig_h = width, height
        self.family = family

    def wrap(self, aw, ah):
        self.fig_w = min(self.fig_w, aw)
        return self.fig_w, self.fig_h

    def paint(self, surface, width, height):  # pragma: no cover - subclasses draw
        raise NotImplementedError

    def exact(self) -> tuple:  # pragma: no cover - subclasses say what their drawing depends on
        raise NotImplementedError

    def draw(self):
        canv = self.canv
        if not canv.hasForm(self.key):
            canv.beginForm(self.key, lowerx=0, lowery=0, upperx=self.fig_w, uppery=self.fig_h)
            # everything the drawing depends on, exactly (self.key rounds the size)
            key = (type(self).__name__, self.fig_w, self.fig_h, self.family) + self.exact()
            formcache.draw(canv, key, lambda target: self.paint(PdfSurface(target, self.family), self.fig_w,
                                                                self.fig_h))
            canv.endForm()
        canv.doForm(self.key)


class BodyMapFigure(_FormFigure):
    """A body map with its labels at `size` points in the font `family`."""

    def __init__(self, view: str, highlight: list[str], mode: str, width: float, height: float,
                 family: str, size: float, legend: str | None, text: tuple | None = None):
        font = register(family)["regular"]
        super().__init__(f"map|{view}|{','.join(highlight)}|{mode}|{legend}|{font}|{size}|{text}", width, height,
                         family)
        self.args = (view, highlight, mode, size, legend, text)

    def exact(self) -> tuple:
        view, highlight, mode, size, legend, text = self.args
        return (view, tuple(highlight), mode, size, legend, text)

    def paint(self, surface, width, height):
        view, highlight, mode, size, legend, text = self.args
        draw_bodymap(surface, view, highlight, mode, width, height, size, legend, text)


class ExerciseFigure(_FormFigure):
    """An exercise's Start and Finish frames, or its held pose and a timer labelled `hold_label`,
    as large as the box allows: a lying figure fills its frame's width and takes only the height
    it needs, a standing one fills the height."""

    def __init__(self, exercise_id: str, pose, width: float, height: float, hold_label: str | None,
                 family: str = "AtkinsonHyperlegible", text: tuple | None = None, label: float = LABEL):
        self.scale = fit_scale(pose, width, height, label)
        # (the default label size keeps the form names, and so the bytes, of earlier versions)
        key = f"ex|{exercise_id}|{pose.key()}|{hold_label}|{self.scale:.2f}|{text}" + (
            f"|{label}" if label != LABEL else "")
        super().__init__(key, width, fitted_height(pose, width, height, self.scale, label), family)
        self.pose, self.hold_label, self.text, self.label = pose, hold_label, text, label

    def exact(self) -> tuple:
        return (self.pose, self.hold_label, self.scale, self.text)

    def height_at(self, height: float) -> float:
        """The height this figure would take in a box `height` tall (cards grow to fill a page)."""
        return fitted_height(self.pose, self.fig_w, height, fit_scale(self.pose, self.fig_w, height, self.label),
                             self.label)

    def paint(self, surface, width, height):
        draw_exercise(surface, self.pose, width, height, self.hold_label, self.scale, self.text, self.label)


class ThumbnailFigure(_FormFigure):
    """An exercise's Finish frame alone (with its arrow), for the tiles of a one-page sheet."""

    def __init__(self, exercise_id: str, pose, width: float, height: float, family: str = "AtkinsonHyperlegible"):
        super().__init__(f"thumb|{exercise_id}|{pose.key()}", width, height, family)
        self.pose = pose

    def exact(self) -> tuple:
        return (self.pose,)

    def paint(self, surface, width, height):
        draw_thumbnail(surface, self.pose, width, height)
