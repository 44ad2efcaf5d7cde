"""A pack's front page: its title, the clinic, and the contents with the page where each handout
starts (continued on more pages when long), numbered in the pack's one sequence of pages."""

from __future__ import annotations

import io
from dataclasses import dataclass

from handoutgen.labels import labels


@dataclass(frozen=True)
class Entry:
    """One line of the contents: a handout's title, its subtitle when another handout in the
    pack has the same title (so the two can be told apart), and the pack page it starts on."""

    title: str
    subtitle: str | None = None
    page: int = 0


@dataclass(frozen=True)
class Clinic:
    name: str | None
    phone: str | None
    website: str | None


class _Front:
    """Measures and draws the front matter on one paper size."""

    def __init__(self, title: str, clinic: Clinic | None, paper: str, count: int):
        from handoutgen.fonts import register
        from handoutgen.layout.pages import PAPER
        from handoutgen.layout.theme import load_theme

        self.fonts, self.theme, self.words = register(), load_theme(), labels("en")
        self.width, self.height = PAPER[paper]
        self.m = self.theme.margin
        self._count = count
        self.title, self.clinic = title, clinic if clinic and (clinic.name or clinic.phone or clinic.website) else None
        t = self.theme
        self.line = t.body_size * 1.35
        self.sub_size = t.body_size * 0.9
        self.number_w = self._w("0000", "regular", t.body_size)
        self.qr = t.body_size * 4.5
        self.foot = self.m + 22  # the footer band, as on the handouts' pages

    def _w(self, text: str, font: str, size: float) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(text, self.fonts[font], size)

    def _wrap(self, text: str, font: str, size: float, width: float) -> list[str]:
        from reportlab.lib.utils import simpleSplit

        return simpleSplit(text, self.fonts[font], size, width) or [""]  # wrap, never cut

    def _title_lines(self) -> list[str]:
        return self._wrap(self.title, "bold", self.theme.title_size, self.width - 2 * self.m)

    def _clinic_lines(self) -> list[tuple[str, str]]:
        """(text, font) for each line of the clinic block: the name in bold, phone, website."""
        if not self.clinic:
            return []
        c, w = self.clinic, self.words
        room = self.width - 2 * self.m - (self.qr + 12 if c.website else 0)
        parts = [(c.name, "bold"), (f"{w['phone']}{w['colon']} {c.phone}" if c.phone else None, "regular"),
                 (c.website, "regular")]
        return [(line, font) for text, font in parts if text
                for line in self._wrap(text, font, self.theme.body_size, room)]

    def _clinic_height(self) -> float:
        lines = self._clinic_lines()
        if not lines:
            return 0.0
        return max(len(lines) * self.line, self.qr if self.clinic.website else 0) + self.theme.body_size * 1.5

    def _entry_lines(self, entry: Entry) -> tuple[list[str], list[str]]:
        room = self.width - 2 * self.m - self.number_w - 12
        title = self._wrap(entry.title, "regular", self.theme.body_size, room)
        sub = self._wrap(entry.subtitle, "regular", self.sub_size, room) if entry.subtitle else []
        return title, sub

    def _entry_height(self, entry: Entry) -> float:
        title, sub = self._entry_lines(entry)
        return len(title) * self.line + len(sub) * self.sub_size * 1.3 + self.theme.body_size * 0.5

    def _first_top(self) -> float:
        """Where the contents start on the front page, below the title and the count."""
        t = self.theme
        y = self.height - 2 * self.m - t.title_size * 1.2 * len(self._title_lines())
        return y - t.subtitle_size * 2.2 - t.heading_size * 1.6

    def paginate(self, entries: list[Entry]) -> list[list[Entry]]:
        """The entries on each page: as many as fit on the front page above the clinic, then
        continued pages; an entry is never split."""
        pages: list[list[Entry]] = [[]]
        top = self._first_top()
        floor = self.foot + self._clinic_height()
        y = top
        for entry in entries:
            h = self._entry_height(entry)
            if y - h < floor and pages[-1]:
                pages.append([])
                y = self.height - 1.5 * self.m - self.theme.heading_size * 1.6
                floor = self.foot
            pages[-1].append(entry)
            y -= h
        return pages

    def draw(self, entries: list[Entry], total: int) -> bytes:
        from reportlab.pdfgen.canvas import Canvas

        pages = self.paginate(entries)
        buf = io.BytesIO()
        canv = Canvas(buf, pagesize=(self.width, self.height), invariant=1, initialFontName=self.fonts["regular"])
        for number, page in enumerate(pages, start=1):
            if number == 1:
                self._draw_title(canv)
                self._draw_clinic(canv)
                y = self._first_top()
                self._heading(canv, self.words["contents"], y + self.theme.heading_size * 1.6)
            else:
                y = self.height - 1.5 * self.m - self.theme.heading_size * 1.6
                self._heading(canv, f"{self.words['contents']} {self.words['continued']}", self.height - 1.5 * self.m)
            for entry in page:
                y = self._draw_entry(canv, entry, y)
            page_footer(canv, number, total, self.width)
            canv.showPage()
        canv.save()
        return buf.getvalue()

    def _heading(self, canv, text: str, y: float) -> None:
        from handoutgen.scripts import draw_text

        canv.setFillColor(self.theme.colors.heading)
        draw_text(canv, self.m, y - self.theme.heading_size, text, self.fonts["bold"], self.theme.heading_size)

    def _draw_title(self, canv) -> None:
        from handoutgen.scripts import draw_text

        t = self.theme
        canv.setFillColor(t.colors.heading)
        y = self.height - 2 * self.m
        for text in self._title_lines():
            draw_text(canv, self.m, y, text, self.fonts["bold"], t.title_size)
            y -= t.title_size * 1.2
        canv.setFillColor(t.colors.muted)
        canv.setFont(self.fonts["regular"], t.subtitle_size)
        canv.drawString(self.m, y - t.subtitle_size * 0.2, _plural("pack_count", self._count))

    def _draw_clinic(self, canv, top: float | None = None) -> None:
        """The clinic under a rule at `top` (by default, at the foot of the front page), with a
        QR code for its website."""
        from handoutgen.scripts import draw_text

        lines = self._clinic_lines()
        if not lines:
            return
        t = self.theme
        top = self.foot + self._clinic_height() if top is None else top
        canv.setStrokeColor(t.colors.rule)
        canv.setLineWidth(0.75)
        canv.line(self.m, top, self.width - self.m, top)
        y = top - t.body_size * 1.5
        canv.setFillColor(t.colors.text)
        for text, font in lines:
            draw_text(canv, self.m, y, text, self.fonts[font], t.body_size)
            y -= self.line
        if self.clinic.website:
            from reportlab.graphics import renderPDF
            from reportlab.graphics.barcode import createBarcodeDrawing

            qr = createBarcodeDrawing("QR", value=self.clinic.website, barLevel="M", width=self.qr, height=self.qr)
            renderPDF.draw(qr, canv, self.width - self.m - self.qr, top - self.qr - t.body_size * 0.5)
            canv.linkURL(self.clinic.website, (self.m, y, self.width - self.m, top), relative=0)

    def _draw_entry(self, canv, entry: Entry, y: float) -> float:
        from handoutgen.scripts import draw_text

        t = self.theme
        title, sub = self._entry_lines(entry)
        canv.setFillColor(t.colors.text)
        for text in title:
            y -= self.line
            draw_text(canv, self.m, y, text, self.fonts["regular"], t.body_size)
        end = self.m + self._w(title[-1], "regular", t.body_size) + 6
        canv.setFont(self.fonts["regular"], t.body_size)
        canv.drawRightString(self.width - self.m, y, str(entry.page))
        canv.setStrokeColor(t.colors.rule)
        canv.setDash(1, 3)
        canv.line(end, y + 3, self.width - self.m - self.number_w, y + 3)
        canv.setDash()
        canv.setFillColor(t.colors.muted)
        for text in sub:
            y -= self.sub_size * 1.3
            draw_text(canv, self.m, y, text, self.fonts["regular"], self.sub_size)
        return y - t.body_size * 0.5


def _plural(key: str, n: int) -> str:
    forms = labels("en")[key]
    return (forms["one"] if n == 1 else forms["other"]).format(n=n)


def page_footer(canv, page: int, total: int, width: float) -> None:
    """'Page 3 of 55' at the foot of a pack's own pages, where the handouts print theirs."""
    from handoutgen.fonts import register
    from handoutgen.layout.theme import load_theme

    theme, font = load_theme(), register()["regular"]
    m = theme.margin
    canv.setStrokeColor(theme.colors.rule)
    canv.setLineWidth(0.75)
    canv.line(m, m + 14, width - m, m + 14)
    canv.setFillColor(theme.colors.muted)
    canv.setFont(font, theme.small_size)
    canv.drawRightString(width - m, m, labels("en")["page"].format(page=page, total=total))


def end_pages(count: int, paper: str, before: int, total: int, clinic: Clinic | None) -> bytes:
    """The last `count` pages of a pack booklet: ruled Notes pages, the last of them its back
    cover, which names the clinic (with a QR code for its website) above the lines when there is
    one. Numbered on from the last handout's page `before`."""
    from reportlab.pdfgen.canvas import Canvas

    front = _Front("", clinic, paper, 0)
    t, m, words = front.theme, front.m, front.words
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=(front.width, front.height), invariant=1, initialFontName=front.fonts["regular"])
    for k in range(count):
        y = front.height - m
        if k == count - 1 and front.clinic:
            front._heading(canv, words["back_cover"], y)
            y -= t.heading_size * 1.8
            block = front._clinic_height()
            front._draw_clinic(canv, top=y)
            y -= block + t.heading_size * 0.5
        front._heading(canv, words["notes"], y)
        canv.setStrokeColor(t.colors.rule)
        canv.setLineWidth(0.6)
        y -= t.heading_size * 2.5
        while y > front.foot + 6:  # clear of the page number
            canv.line(m, y, front.width - m, y)
            y -= t.body_size * 2
        page_footer(canv, before + k + 1, total, front.width)
        canv.showPage()
    canv.save()
    return buf.getvalue()


def front_pages(title: str, entries: list[Entry], clinic: Clinic | None, paper: str) -> int:
    """How many pages the front matter takes (the page numbers in it do not change that)."""
    return len(_Front(title, clinic, paper, len(entries)).paginate(entries))


def front_matter(title: str, entries: list[Entry], clinic: Clinic | None, paper: str, total: int) -> bytes:
    """The front page and any continued contents pages, as a PDF."""
    return _Front(title, clinic, paper, len(entries)).draw(entries, total)
