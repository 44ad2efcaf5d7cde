"""Drawing for figures: one small interface (`Surface`), a PDF and an SVG backend, and colour
(`draw.ink`). Figures import from here; reportlab is loaded only to draw a PDF or measure text."""

from handoutgen.draw.pdf import PdfSurface
from handoutgen.draw.surface import Surface, arc_ops, ellipse_ops, polyline_ops, rect_ops

__all__ = ["PdfSurface", "Surface", "SvgSurface", "arc_ops", "ellipse_ops", "polyline_ops", "rect_ops"]


def __getattr__(name):
    # the SVG backend (and xml.etree, 2 ms) only when asked for: a PDF build never is
    if name == "SvgSurface":
        from handoutgen.draw.svg import SvgSurface

        return SvgSurface
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
