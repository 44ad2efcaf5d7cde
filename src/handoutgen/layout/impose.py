"""Saddle-stitch imposition: half-size pages placed two-up on full sheets so that, printed
double-sided (flip on the short edge) and folded, the pages read in order."""

from __future__ import annotations

import hashlib
import io

from handoutgen.layout.pages import PAPER


def saddle_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers (1-based) for each sheet side, front then back, sheet by sheet."""
    assert pages % 4 == 0, "pad to a multiple of 4 first"
    sides = []
    for s in range(pages // 4):
        sides.append((pages - 2 * s, 1 + 2 * s))  # front of sheet s
        sides.append((2 + 2 * s, pages - 1 - 2 * s))  # back of sheet s
    return sides


def impose_saddle(pdf: bytes, sheet: str, attachment: bytes | None = None,
                  files: dict[str, bytes] | None = None) -> bytes:
    """`pdf` has half-size pages in reading order, a multiple of 4; `attachment` is the spec and
    `files` any further embedded files (a pack carries every handout's spec)."""
    from pypdf import PageObject, PdfReader, Transformation

    reader = PdfReader(io.BytesIO(pdf))
    width, height = PAPER[sheet][1], PAPER[sheet][0]  # landscape sheet
    writer = deterministic_writer()
    for left, right in saddle_order(len(reader.pages)):
        side = PageObject.create_blank_page(width=width, height=height)
        side.merge_transformed_page(reader.pages[left - 1], Transformation())
        side.merge_transformed_page(reader.pages[right - 1], Transformation().translate(width / 2, 0))
        writer.add_page(side)
    writer.add_metadata({k: v for k, v in (reader.metadata or {}).items()})
    from handoutgen.layout.attach import add_to_writer

    add_to_writer(writer, attachment)
    for name, data in (files or {}).items():
        writer.add_attachment(name, data)
    return write(writer)


def deterministic_writer(**kwargs):
    """A pypdf writer whose file identifier comes from the content, not from random bytes,
    so the same spec still gives the same bytes."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    class _Writer(PdfWriter):
        def generate_file_identifiers(self) -> None:
            digest = hashlib.md5(str(len(self.pages)).encode() + b"handoutgen").digest()
            for page in self.pages:
                digest = hashlib.md5(digest + page.get_contents().get_data() if page.get_contents() else digest).digest()
            self._ID = ArrayObject((ByteStringObject(digest), ByteStringObject(digest)))

    return _Writer(**kwargs)


def write(writer) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
