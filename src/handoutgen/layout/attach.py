"""The spec travels inside its PDF as an embedded file, so a printed handout can always be
re-edited: `handoutgen extract handout.pdf` writes it back out."""

from __future__ import annotations

import io

from handoutgen.errors import HandoutError

ATTACHMENT = "handout.yaml"


def attach_spec(pdf: bytes, spec_text: bytes) -> bytes:
    from pypdf import PdfReader

    from handoutgen.layout.impose import deterministic_writer, write

    writer = deterministic_writer(clone_from=PdfReader(io.BytesIO(pdf)))  # keeps outline, links, /Lang
    writer.add_attachment(ATTACHMENT, spec_text)
    return write(writer)


def extract_spec(pdf_path) -> bytes:
    """The spec embedded in a handoutgen PDF; HandoutError when there is none."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(pdf_path)
        files = reader.attachments
    except FileNotFoundError:
        raise HandoutError(f"{pdf_path}: file not found") from None
    except (PdfReadError, OSError, ValueError) as exc:
        raise HandoutError(f"{pdf_path}: not a readable PDF ({exc})") from None
    if ATTACHMENT not in files:
        raise HandoutError(f"{pdf_path}: has no embedded spec (was it made by handoutgen build?)")
    return files[ATTACHMENT][0]
