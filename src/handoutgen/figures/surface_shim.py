"""A stand-in for the shared drawing interface (`handoutgen.draw.surface`) until it lands on main:
the same calls (points, y up, colours '#rrggbb' or None), drawn on a reportlab canvas or written
as SVG. `surface()` returns the shared implementation when it exists."""

from __future__ import annotations

from xml.sax.saxutils import escape


def _rgb(colour: str) -> tuple[float, float, float]:
    from handoutgen.layout.ink import ink

    return ink(tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)))


def _font(bold: bool) -> str:
    from handoutgen.layout.fonts import register

    return register()["bold" if bold else "regular"]


class PdfSurface:
    """Draws on a reportlab canvas in its current coordinate system."""

    def __init__(self, canvas):
        self.c = canvas

    def _pen(self, stroke, fill, width, dash, cap="round", join="round"):
        c = self.c
        if stroke:
            c.setStrokeColorRGB(*_rgb(stroke))
            c.setLineWidth(width)
            c.setDash(*dash) if dash else c.setDash()
            c.setLineCap({"butt": 0, "round": 1, "square": 2}[cap])
            c.setLineJoin({"miter": 0, "round": 1, "bevel": 2}[join])
        if fill:
            c.setFillColorRGB(*_rgb(fill))
        return (1 if stroke else 0), (1 if fill else 0)

    def line(self, x1, y1, x2, y2, *, stroke, width, dash=None, cap="round"):
        self._pen(stroke, None, width, dash, cap)
        self.c.line(x1, y1, x2, y2)

    def path(self, ops, *, stroke=None, fill=None, width=1.0, dash=None, closed=False, join="round"):
        s, f = self._pen(stroke, fill, width, dash, join=join)
        p = self.c.beginPath()
        for op in ops:
            if op[0] == "M":
                p.moveTo(*op[1:])
            elif op[0] == "L":
                p.lineTo(*op[1:])
            elif op[0] == "C":
                p.curveTo(*op[1:])
            else:
                p.close()
        if closed:
            p.close()
        self.c.drawPath(p, stroke=s, fill=f)

    def circle(self, cx, cy, r, *, stroke=None, fill=None, width=1.0, dash=None):
        s, f = self._pen(stroke, fill, width, dash)
        self.c.circle(cx, cy, r, stroke=s, fill=f)

    def ellipse(self, cx, cy, rx, ry, *, stroke=None, fill=None, width=1.0, dash=None):
        s, f = self._pen(stroke, fill, width, dash)
        self.c.ellipse(cx - rx, cy - ry, cx + rx, cy + ry, stroke=s, fill=f)

    def rect(self, x, y, w, h, *, stroke=None, fill=None, width=1.0, radius=0):
        s, f = self._pen(stroke, fill, width, None)
        if radius:
            self.c.roundRect(x, y, w, h, radius, stroke=s, fill=f)
        else:
            self.c.rect(x, y, w, h, stroke=s, fill=f)

    def text(self, x, y, s, *, size, color, bold=False, anchor="start"):
        self.c.setFillColorRGB(*_rgb(color))
        self.c.setFont(_font(bold), size)
        {"start": self.c.drawString, "middle": self.c.drawCentredString,
         "end": self.c.drawRightString}[anchor](x, y, s)

    def text_width(self, s, size, bold=False):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(s, _font(bold), size)


def _num(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


class SvgSurface:
    """Collects SVG elements; `to_svg()` returns the document (y is flipped to SVG's y down)."""

    def __init__(self, width: float, height: float):
        self.width, self.height, self.parts = width, height, []

    def _y(self, y):
        return self.height - y

    def _style(self, stroke, fill, width, dash, cap="round", join="round"):
        out = f'fill="{fill or "none"}" stroke="{stroke or "none"}"'
        if stroke:
            out += f' stroke-width="{_num(width)}" stroke-linecap="{cap}" stroke-linejoin="{join}"'
            if dash:
                out += f' stroke-dasharray="{" ".join(_num(d) for d in dash)}"'
        return out

    def line(self, x1, y1, x2, y2, *, stroke, width, dash=None, cap="round"):
        self.parts.append(f'<line x1="{_num(x1)}" y1="{_num(self._y(y1))}" x2="{_num(x2)}" '
                          f'y2="{_num(self._y(y2))}" {self._style(stroke, None, width, dash, cap)}/>')

    def path(self, ops, *, stroke=None, fill=None, width=1.0, dash=None, closed=False, join="round"):
        d = []
        for op in ops:
            if op[0] == "Z":
                d.append("Z")
            else:
                xs = op[1:]
                d.append(op[0] + " ".join(f"{_num(xs[i])},{_num(self._y(xs[i + 1]))}" for i in range(0, len(xs), 2)))
        if closed:
            d.append("Z")
        self.parts.append(f'<path d="{" ".join(d)}" {self._style(stroke, fill, width, dash, join=join)}/>')

    def circle(self, cx, cy, r, *, stroke=None, fill=None, width=1.0, dash=None):
        self.parts.append(f'<circle cx="{_num(cx)}" cy="{_num(self._y(cy))}" r="{_num(r)}" '
                          f'{self._style(stroke, fill, width, dash)}/>')

    def ellipse(self, cx, cy, rx, ry, *, stroke=None, fill=None, width=1.0, dash=None):
        self.parts.append(f'<ellipse cx="{_num(cx)}" cy="{_num(self._y(cy))}" rx="{_num(rx)}" ry="{_num(ry)}" '
                          f'{self._style(stroke, fill, width, dash)}/>')

    def rect(self, x, y, w, h, *, stroke=None, fill=None, width=1.0, radius=0):
        self.parts.append(f'<rect x="{_num(x)}" y="{_num(self._y(y + h))}" width="{_num(w)}" height="{_num(h)}" '
                          f'rx="{_num(radius)}" {self._style(stroke, fill, width, None)}/>')

    def text(self, x, y, s, *, size, color, bold=False, anchor="start"):
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(f'<text x="{_num(x)}" y="{_num(self._y(y))}" font-family="Atkinson Hyperlegible, sans-serif" '
                          f'font-size="{_num(size)}"{weight} fill="{color}" text-anchor="{anchor}">{escape(s)}</text>')

    def text_width(self, s, size, bold=False):
        return len(s) * size * (0.56 if bold else 0.52)

    def to_svg(self) -> str:
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(self.width)}pt" height="{_num(self.height)}pt" '
                f'viewBox="0 0 {_num(self.width)} {_num(self.height)}">')
        return "\n".join([head, *self.parts, "</svg>"]) + "\n"


def surfaces():
    """(PdfSurface, SvgSurface): the shared ones when `handoutgen.draw` exists, else these."""
    try:
        from handoutgen.draw.surface import PdfSurface as P, SvgSurface as S
    except ImportError:
        return PdfSurface, SvgSurface
    return P, S

