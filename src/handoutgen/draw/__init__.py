"""Drawing for figures: one small interface (`Surface`), a PDF and an SVG backend, and colour
(`draw.ink`). Figures import from here; reportlab is loaded only to draw a PDF or measure text."""

from handoutgen.draw.pdf import PdfSurface
from handoutgen.draw.surface import Surface, arc_ops, ellipse_ops, polyline_ops, rect_ops
from handoutgen.draw.svg import SvgSurface

__all__ = ["PdfSurface", "Surface", "SvgSurface", "arc_ops", "ellipse_ops", "polyline_ops", "rect_ops"]
