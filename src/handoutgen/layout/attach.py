"""The spec travels inside its PDF as an embedded file, so a printed handout can always be
re-edited: `handoutgen extract handout.pdf` writes it back out."""

from __future__ import annotations


from handoutgen.errors import HandoutError

ATTACHMENT = "handout.yaml"


def embed(canv, spec_text: bytes) -> None:
    """Add the spec as an embedded file to a reportlab canvas before it is saved (the catalog's
    /Names /EmbeddedFiles tree), so no second pass over the PDF is needed."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString

    doc = canv._doc
    params = PDFDictionary({"Size": len(spec_text)})
    stream = PDFStream(PDFDictionary({"Type": PDFName("EmbeddedFile"), "Params": params}), spec_text)
    filespec = PDFDictionary({"Type": PDFName("Filespec"), "F": PDFString(ATTACHMENT),
                              "UF": PDFString(ATTACHMENT), "Desc": PDFString("handoutgen spec"),
                              "EF": PDFDictionary({"F": doc.Reference(stream)})})
    names = PDFArray([PDFString(ATTACHMENT), doc.Reference(filespec)])
    doc.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": names})})


def add_to_writer(writer, spec_text: bytes | None, name: str = ATTACHMENT) -> None:
    """The same attachment on a pypdf writer (booklets, merged rosters and packs are pypdf-made)."""
    if spec_text:
        writer.add_attachment(name, spec_text)


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
