"""A class pack: several handouts in one PDF behind one front page (title, clinic, contents),
its pages numbered in one sequence, with bookmarks for every handout and its sections."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from handoutgen.build import Result, build_handout
from handoutgen.errors import Problem, RenderError
from handoutgen.labels import labels


@dataclass(frozen=True)
class Part:
    title: str
    pdf: bytes
    pages: int
    subtitle: str | None = None


def build_pack(specs: list[Path], title: str, *, options=None) -> tuple[bytes, list[Result], int, list[Problem]]:
    """Build each spec, then join them behind a front page (title, clinic, contents); return
    the PDF, the builds, the page count and warnings (characters of the title the font lacks).
    Pages are numbered in one sequence across the pack ("Page 14 of 55"), the number the
    contents gives. With --booklet the whole pack becomes one folded booklet (not a pile of
    separate ones)."""
    from dataclasses import replace

    from handoutgen.build import render_to, spec_bytes
    from handoutgen.layout.cover import end_pages, front_matter, front_pages
    from handoutgen.layout.render import BOOKLET_PAPER, PrintOptions

    options = options or PrintOptions()
    booklet = options.booklet
    inner = replace(options, impose=False) if booklet else options
    results = [build_handout(spec, None, options=inner) for spec in specs]  # to count their pages
    sheet = options.paper or results[0].handout.paper
    paper = BOOKLET_PAPER[sheet] if booklet else sheet
    entries, clinic = _entries(results), _clinic(results)
    front = front_pages(title, entries, clinic, paper)
    pages = front + sum(r.pages for r in results)
    # a booklet fills whole sheets with Notes pages and ends on a back cover (the clinic, or Notes)
    end = (-(pages + 1) % 4) + 1 if booklet else 0
    total = pages + end
    first = front + 1
    numbered = []
    for spec, result in zip(specs, results):  # again, numbered as pages of the pack
        again = render_to(result.handout, spec, None, [], options=replace(inner, first_page=first, total_pages=total))
        if again.pages != result.pages:  # the numbers are in the footer band: the body never moves
            raise RenderError(f"{spec}: {result.pages} pages, then {again.pages} when numbered for the pack")
        numbered.append(replace(result, pdf=again.pdf))
        first += result.pages
    dated = [replace(e, page=start) for e, start in zip(entries, _starts(front, results))]
    parts = [Part(r.handout.title, r.pdf, r.pages, r.handout.subtitle) for r in numbered]
    if end:
        parts.append(Part(labels("en")["notes"], end_pages(end, paper, pages, total, clinic), end))
    cover = front_matter(title, dated, clinic, paper, total)
    specs_in = {f"{i + 1:02d}-{spec.stem}.yaml": spec_bytes(spec) for i, spec in enumerate(specs)}
    warnings = _title_warnings(title)
    if not booklet:
        return _join(cover, front, parts, title, specs_in), numbered, total, warnings
    from handoutgen.layout.impose import impose_saddle

    return impose_saddle(_join(cover, front, parts, title, {}), sheet, files=specs_in), numbered, total, warnings


def _entries(results: list[Result]) -> list:
    """One contents entry per handout; a title two handouts share shows each one's subtitle
    (or, for one without, its page count: "2 pages")."""
    from handoutgen.layout.cover import Entry

    titles = [r.handout.title for r in results]
    return [Entry(r.handout.title, (r.handout.subtitle or _plural("pack_pages", r.pages))
                  if titles.count(r.handout.title) > 1 else None) for r in results]


def _plural(key: str, n: int) -> str:
    forms = labels("en")[key]
    return (forms["one"] if n == 1 else forms["other"]).format(n=n)


def _starts(front: int, results: list[Result]) -> list[int]:
    starts, page = [], front + 1
    for r in results:
        starts.append(page)
        page += r.pages
    return starts


def _clinic(results: list[Result]):
    """The clinic the front page names: the first one a handout gives."""
    from handoutgen.layout.cover import Clinic

    for r in results:
        c = r.handout.clinic
        if c and (c.name or c.phone or c.website):
            return Clinic(c.name, c.phone, c.website)
    return None


def _title_warnings(title: str) -> list[Problem]:
    from handoutgen.scripts import describe, unprintable

    lacking = unprintable(title)
    if not lacking:
        return []
    return [Problem("--title", None, None, "", f"cannot print {describe(lacking)}; left out of the PDF")]


def _join(front: bytes, front_pages: int, parts: list[Part], title: str, specs: dict[str, bytes]) -> bytes:
    from pypdf import PdfReader

    from handoutgen.layout.impose import deterministic_writer, write

    writer = deterministic_writer()
    writer.append(PdfReader(io.BytesIO(front)), import_outline=False)
    writer.add_outline_item(title=labels("en")["contents"], page_number=0)  # on the front page
    start = front_pages
    for part in parts:
        reader = PdfReader(io.BytesIO(part.pdf))
        writer.append(reader, import_outline=False)
        parent = writer.add_outline_item(title=part.title, page_number=start)
        for item in reader.outline:
            if not isinstance(item, list):  # our handouts have one outline level
                writer.add_outline_item(title=item.title, page_number=start + reader.get_destination_page_number(item),
                                        parent=parent)
        start += part.pages
    writer.add_metadata({"/Title": title, "/Creator": "handoutgen", "/Producer": "handoutgen"})
    for name, data in specs.items():  # every handout's spec travels with the pack
        writer.add_attachment(name, data)
    return write(writer)
