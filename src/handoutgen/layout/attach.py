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


MAX_SPEC_BYTES = 2_000_000  # the loader's limit for a spec


def extract_specs(pdf_path) -> dict[str, str]:
    """Every spec embedded in a handoutgen PDF (one for a handout, one per handout in a pack),
    name -> text, decompressed under a bound. HandoutError (one line) for anything else:
    not a PDF, encrypted, no spec, not UTF-8, a compression bomb."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    from handoutgen.files import check_input

    check_input(pdf_path, expected="a PDF")
    try:
        reader = PdfReader(pdf_path)
        if reader.is_encrypted and not _unlock(reader):
            raise HandoutError(f"{pdf_path}: is encrypted (password-protected); handoutgen cannot read "
                               "its spec, so use the unprotected PDF")
        found = _embedded(reader.trailer["/Root"], pdf_path)
    except HandoutError:
        raise
    except DependencyError:
        raise HandoutError(f"{pdf_path}: is encrypted (password-protected); handoutgen cannot read "
                           "its spec, so use the unprotected PDF") from None
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, AssertionError, NotImplementedError) as exc:
        raise HandoutError(f"{pdf_path}: not a readable PDF ({type(exc).__name__})") from None
    if not found:
        raise HandoutError(f"{pdf_path}: has no embedded spec (was it made by handoutgen build?)")
    return found


def extract_spec(pdf_path) -> bytes:
    """The one spec of a handout PDF, as bytes."""
    specs = extract_specs(pdf_path)
    return (specs.get(ATTACHMENT) or next(iter(specs.values()))).encode("utf-8")


def _unlock(reader) -> bool:
    """Open a PDF that is encrypted with an empty user password (it opens without asking)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - any failure means we cannot read it; the caller says so
        return False


def _embedded(root, pdf_path) -> dict[str, str]:
    names = root.get("/Names")
    tree = names.get_object().get("/EmbeddedFiles") if names else None
    out: dict[str, str] = {}
    pending, seen = ([tree.get_object()] if tree else []), 0
    while pending:  # the name tree, walked without recursion and with a bound
        node = pending.pop(0)
        seen += 1
        if seen > 1000:
            break
        pending.extend(kid.get_object() for kid in node.get("/Kids", []))
        pairs = list(node.get("/Names", []))
        for name, spec in zip(pairs[0::2], pairs[1::2]):
            name = str(name)
            if name.lower().endswith((".yaml", ".yml")) and name not in out:
                out[name] = _spec_text(spec.get_object()["/EF"].get_object()["/F"].get_object(), name, pdf_path)
    return out


def _spec_text(stream, name: str, pdf_path) -> str:
    """An embedded file's bytes: read raw and inflated under the spec size limit, so a small
    compressed stream cannot expand to gigabytes."""
    import zlib

    filters = stream.get("/Filter")
    filters = [str(f) for f in filters] if isinstance(filters, list) else ([str(filters)] if filters else [])
    raw = stream._data  # the stream as stored (pypdf decodes lazily)
    if filters == ["/FlateDecode"]:
        inflate = zlib.decompressobj()
        try:
            raw = inflate.decompress(raw, MAX_SPEC_BYTES + 1)
        except zlib.error:
            raise HandoutError(f"{pdf_path}: the embedded spec {name!r} is damaged") from None
    elif filters:
        raise HandoutError(f"{pdf_path}: the embedded spec {name!r} is stored in a way handoutgen does not read")
    if len(raw) > MAX_SPEC_BYTES:
        raise HandoutError(f"{pdf_path}: the embedded spec {name!r} is larger than {MAX_SPEC_BYTES:,} bytes "
                           "(a damaged or hostile file); nothing was written")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HandoutError(f"{pdf_path}: the embedded spec {name!r} is not UTF-8 text") from None
