"""The drawing interface every figure draws through, so one figure can be written as PDF or SVG.

A figure is a function `draw_x(surface, ..., width, height)` that paints into the box
(0, 0)–(width, height) of a `Surface`. Two backends implement it: `PdfSurface(canvas)` draws on a
reportlab canvas (inside a form XObject in a handout), `SvgSurface(width, height)` collects SVG and
`.to_svg()` returns it as a string. `handoutgen.draw` exports all three.

The contract:

- Coordinates are in points, with the origin at the bottom left and y pointing **up** (as in PDF).
- A colour is a hex string `"#rrggbb"`, an `(r, g, b)` tuple of floats from 0 to 1, or None for
  "do not stroke" / "do not fill". Figures pass their true colours: under `--grayscale` the
  backend maps each to the grey of the same luminance (`draw.ink.GRAYSCALE`).
- Every drawing call is stateless: it says its own colours, line width, dash and line ends. A
  call with neither stroke nor fill draws nothing. `width` is a line width in the current units
  (after `scale`). `dash` is `(on, off)` lengths, or None for a solid line.
- `cap` is how open lines end: "butt", "round" or "square"; `join` is how corners meet:
  "miter", "round" or "bevel".
- Paths are lists of operations: `("M", x, y)` move, `("L", x, y)` line,
  `("C", x1, y1, x2, y2, x, y)` cubic Bezier, `("Z",)` close. Fills use the even-odd rule.
  `arc_ops`, `ellipse_ops`, `rect_ops` and `polyline_ops` below build common ones.
- `save()` and `restore()` bracket `translate`, `scale` and `clip`, which last until the
  matching `restore()`. Every `save()` needs its `restore()` before the figure returns.
- `text(x, y, s, size=, color=, bold=, anchor=)` sets one line in the handout's font with its
  baseline at y; anchor "start" puts its left end at x, "middle" its centre, "end" its right
  end. `text_width` measures a string in that font, for fitting labels (it loads reportlab's
  font metrics, in either backend). Figures take their words as arguments, from the labels.

A figure, and the two ways to get it out:

    def draw_sign(surface: Surface, width: float, height: float) -> None:
        surface.rect(0, 0, width, height, stroke="#6B6B6B", width=1)
        surface.save()
        surface.translate(width / 2, height / 2)
        surface.scale(2)
        surface.path([("M", -5, 0), ("L", 5, 0), ("L", 0, 8), ("Z",)], fill=(0.04, 0.24, 0.42))
        surface.restore()
        surface.text(width / 2, 4, "Start", size=11, color="#1A1A1A", anchor="middle")

    draw_sign(PdfSurface(canvas), 120, 60)   # onto a reportlab canvas, e.g. inside a form
    svg = SvgSurface(120, 60)
    draw_sign(svg, 120, 60)
    svg.to_svg()                             # '<svg xmlns=... viewBox="0 0 120 60">...</svg>'

In a handout, layout/figure_forms.py wraps a figure as a flowable drawn once per PDF as a form.
"""

from __future__ import annotations

from math import ceil, cos, pi, sin
from typing import Protocol, Sequence, Union, runtime_checkable

Colour = Union[str, tuple, None]
PathOp = tuple
CAPS = {"butt": 0, "round": 1, "square": 2}
JOINS = {"miter": 0, "round": 1, "bevel": 2}


@runtime_checkable
class Surface(Protocol):
    """Where figures draw. See the module docstring for units, colours and paths."""

    def line(self, x1: float, y1: float, x2: float, y2: float, *, stroke: Colour, width: float,
             dash: tuple[float, float] | None = None, cap: str = "round") -> None:
        """A straight line from (x1, y1) to (x2, y2)."""

    def path(self, ops: Sequence[PathOp], *, stroke: Colour = None, fill: Colour = None, width: float = 1.0,
             dash: tuple[float, float] | None = None, closed: bool = False, join: str = "round",
             cap: str = "round") -> None:
        """A path of M/L/C/Z operations; `closed` adds a final Z."""

    def circle(self, cx: float, cy: float, r: float, *, stroke: Colour = None, fill: Colour = None,
               width: float = 1.0, dash: tuple[float, float] | None = None) -> None:
        """A circle of radius r around (cx, cy)."""

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, *, stroke: Colour = None, fill: Colour = None,
                width: float = 1.0, dash: tuple[float, float] | None = None) -> None:
        """An axis-aligned ellipse around (cx, cy) with half-widths rx and ry."""

    def rect(self, x: float, y: float, w: float, h: float, *, stroke: Colour = None, fill: Colour = None,
             width: float = 1.0, dash: tuple[float, float] | None = None, radius: float = 0,
             join: str = "miter") -> None:
        """A rectangle with its bottom-left corner at (x, y); `radius` rounds its corners."""

    def text(self, x: float, y: float, s: str, *, size: float, color: Colour, bold: bool = False,
             anchor: str = "start") -> None:
        """One line of text, baseline at y, placed at x by `anchor` (start, middle or end)."""

    def text_width(self, s: str, size: float, bold: bool = False) -> float:
        """The width of `s` set at `size` points."""

    def save(self) -> None:
        """Remember the transform and clip; `restore()` returns to them."""

    def restore(self) -> None:
        """Undo every translate, scale and clip since the matching `save()`."""

    def translate(self, dx: float, dy: float) -> None:
        """Move the origin to (dx, dy)."""

    def scale(self, sx: float, sy: float | None = None) -> None:
        """Scale later coordinates and widths (sy defaults to sx)."""

    def clip(self, ops: Sequence[PathOp]) -> None:
        """Only draw inside this closed path (intersected with any clip already set)."""


def arc_ops(cx: float, cy: float, rx: float, ry: float, start: float, extent: float,
            move: bool = True) -> list[PathOp]:
    """An elliptical arc as Bezier curves, from `start` degrees (0 = right, counter-clockwise)
    through `extent` degrees; the same curves as reportlab's `pdfgeom.bezierArc`."""
    x1, y1, x2, y2 = cx - rx, cy + ry, cx + rx, cy - ry  # bezierArc's y-down rectangle
    nfrag = 1 if abs(extent) <= 90 else int(ceil(abs(extent) / 90.))
    frag = float(extent) / nfrag
    x_cen, y_cen = (x1 + x2) / 2., (y1 + y2) / 2.
    rx_, ry_ = (x2 - x1) / 2., (y2 - y1) / 2.
    half = frag * pi / 360.
    kappa = abs(4. / 3. * (1. - cos(half)) / sin(half))
    k = kappa if frag > 0 else -kappa
    ops: list[PathOp] = []
    for i in range(nfrag):
        t0 = (start + i * frag) * pi / 180.
        t1 = (start + (i + 1) * frag) * pi / 180.
        if i == 0 and move:
            ops.append(("M", x_cen + rx_ * cos(t0), y_cen - ry_ * sin(t0)))
        ops.append(("C", x_cen + rx_ * (cos(t0) - k * sin(t0)), y_cen - ry_ * (sin(t0) + k * cos(t0)),
                    x_cen + rx_ * (cos(t1) + k * sin(t1)), y_cen - ry_ * (sin(t1) - k * cos(t1)),
                    x_cen + rx_ * cos(t1), y_cen - ry_ * sin(t1)))
    return ops


def ellipse_ops(cx: float, cy: float, rx: float, ry: float) -> list[PathOp]:
    """A whole ellipse as a path (for clipping or a path with holes)."""
    return arc_ops(cx, cy, rx, ry, 0, 360)


def rect_ops(x: float, y: float, w: float, h: float) -> list[PathOp]:
    """A rectangle as a closed path."""
    return [("M", x, y), ("L", x + w, y), ("L", x + w, y + h), ("L", x, y + h), ("Z",)]


def polyline_ops(points: Sequence[tuple[float, float]], closed: bool = False) -> list[PathOp]:
    """Straight lines through `points`."""
    ops: list[PathOp] = [("M", *points[0])] + [("L", *p) for p in points[1:]]
    return ops + [("Z",)] if closed else ops
