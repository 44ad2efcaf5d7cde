"""Concatenate PDFs into one file as they arrive, keeping only object offsets in memory.

pypdf's writer holds every page of every input until it saves, so a 10,000-row `--merge` would
need gigabytes. Our row PDFs are small and self-contained (reportlab output), so each one is
copied object by object straight to the output file, its object numbers shifted into one
sequence; only the byte offset of each object and the id of each page stay in memory.
"""

from __future__ import annotations

import hashlib
import io
from array import array

_HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
_CATALOG, _PAGES = 1, 2  # written last, once every page id is known


class StreamingPdf:
    """`add(pdf_bytes)` any number of PDFs, then `finish(attachment)`; writes to `fh`."""

    def __init__(self, fh):
        self.fh = fh
        self.offsets = array("Q", [0, 0, 0])  # by object number; objects arrive in number order
        self.kids = array("Q")
        self.next_id = 3
        self.digest = hashlib.md5(b"handoutgen")
        self.position = 0
        self._write(_HEADER)

    def _write(self, data: bytes) -> None:
        self.fh.write(data)
        self.position += len(data)

    def add(self, pdf: bytes, *, even: bool = False) -> None:
        """Copy every page of `pdf` (and everything its pages use) to the output. With `even`, a
        blank page follows an odd count, so in double-sided printing the next handout starts
        on a fresh sheet and no patient's page lands on the back of another's."""
        self.digest.update(hashlib.md5(pdf).digest())
        from handoutgen.layout import rawpdf

        parsed = rawpdf.parse(pdf)
        page_ids = rawpdf.kids(parsed) if parsed else None
        if page_ids is not None and self._add_raw(parsed, page_ids, even):
            return
        from pypdf import PdfReader
        from pypdf.generic import IndirectObject

        reader = PdfReader(io.BytesIO(pdf))
        ids: dict[int, int] = {}

        def new_id(old: int) -> int:
            if old not in ids:
                ids[old] = self.next_id
                self.next_id += 1
                pending.append(old)
            return ids[old]

        pending: list[int] = []
        page_ids = {page.indirect_reference.idnum for page in reader.pages}
        for page in reader.pages:
            self.kids.append(new_id(page.indirect_reference.idnum))
        while pending:
            old = pending.pop(0)
            obj = reader.get_object(IndirectObject(old, 0, reader))
            self._object(ids[old], obj, new_id, is_page=old in page_ids)
        if even and len(reader.pages) % 2:
            self._blank(b" ".join(b"%g" % float(v) for v in reader.pages[-1].mediabox))

    def _add_raw(self, parsed, page_ids: list[int], even: bool) -> bool:
        """`add` for our own rows (layout/rawpdf.py): objects copied as bytes, references
        renumbered in their dictionaries, each page's /Parent pointed at the merged tree.
        False (nothing written) when a page uses an object the file does not have."""
        import re

        from handoutgen.layout import rawpdf

        pages, order, seen = set(page_ids), list(page_ids), set(page_ids)
        heads = {}
        for old in order:  # breadth first from the pages, as the pypdf path numbers them
            if old not in parsed.objects:
                return False
            head = parsed.objects[old][0]
            if old in pages:  # the row's own page tree is left behind: its pages join ours
                head = re.sub(rb"/Parent \d+ 0 R", b"/Parent PARENT", head)
            heads[old] = head
            for ref in rawpdf.refs(head):
                if ref not in seen:
                    seen.add(ref)
                    order.append(ref)
        ids = {old: self.next_id + i for i, old in enumerate(order)}
        self.next_id += len(order)
        self.kids.extend(ids[old] for old in page_ids)
        for old in order:
            head = rawpdf.renumber(heads[old], ids.__getitem__).replace(b"/Parent PARENT", b"/Parent %d 0 R" % _PAGES)
            self._place(ids[old])
            self._write(b"%d 0 obj\n" % ids[old] + head + parsed.objects[old][1] + b"endobj\n")
        if even and len(page_ids) % 2:
            self._blank(re.search(rb"/MediaBox \[([^\]]*)\]", parsed.objects[page_ids[-1]][0]).group(1).strip())
        return True

    def _blank(self, box: bytes) -> None:
        number = self.next_id
        self.next_id += 1
        self.kids.append(number)
        self._place(number)
        self._write(b"%d 0 obj\n<< /Type /Page /Parent %d 0 R /MediaBox [%s] /Resources << >> >>\nendobj\n"
                    % (number, _PAGES, box))

    def _object(self, number: int, obj, new_id, is_page: bool) -> None:
        from pypdf.generic import NameObject, NumberObject, StreamObject

        body = io.BytesIO()
        if isinstance(obj, StreamObject):
            data = obj._data  # as stored: already compressed, copied byte for byte
            head = _remap({k: v for k, v in obj.items() if k != "/Length"}, new_id)
            head[NameObject("/Length")] = NumberObject(len(data))
            head.write_to_stream(body)
            body.write(b"\nstream\n" + data + b"\nendstream")
        else:
            if is_page:
                obj = {k: v for k, v in obj.items() if k != "/Parent"}
            value = _remap(obj, new_id)
            if is_page:
                from pypdf.generic import IndirectObject

                value[NameObject("/Parent")] = IndirectObject(_PAGES, 0, None)
            value.write_to_stream(body)
        self._place(number)
        self._write(b"%d 0 obj\n" % number + body.getvalue() + b"\nendobj\n")

    def _place(self, number: int) -> None:
        assert number == len(self.offsets), "objects are written in number order"
        self.offsets.append(self.position)

    def finish(self, attachment: bytes | None = None, name: str = "handout.yaml") -> None:
        """The page tree, the catalog (with the spec attached), the cross-reference table."""
        names = b""
        if attachment:
            stream_id, spec_id = self.next_id, self.next_id + 1
            self.next_id += 2
            self._place(stream_id)
            self._write(b"%d 0 obj\n<< /Type /EmbeddedFile /Params << /Size %d >> /Length %d >>\nstream\n"
                        % (stream_id, len(attachment), len(attachment)) + attachment + b"\nendstream\nendobj\n")
            label = _pdf_string(name)
            self._place(spec_id)
            self._write(b"%d 0 obj\n<< /Type /Filespec /F %s /UF %s /EF << /F %d 0 R >> >>\nendobj\n"
                        % (spec_id, label, label, stream_id))
            names = b" /Names << /EmbeddedFiles << /Names [%s %d 0 R] >> >>" % (label, spec_id)
        self.offsets[_PAGES] = self.position  # 1 and 2 were reserved at the start
        self._write(b"%d 0 obj\n<< /Type /Pages /Count %d /Kids [" % (_PAGES, len(self.kids)))
        for start in range(0, len(self.kids), 4096):
            self._write(b" ".join(b"%d 0 R" % k for k in self.kids[start:start + 4096]) + b" ")
        self._write(b"] >>\nendobj\n")
        self.offsets[_CATALOG] = self.position
        self._write(b"%d 0 obj\n<< /Type /Catalog /Pages %d 0 R%s >>\nendobj\n" % (_CATALOG, _PAGES, names))
        xref = self.position
        size = self.next_id
        self._write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for start in range(1, size, 4096):  # the table in slices: never all of it in memory
            self._write(b"".join(b"%010d 00000 n \n" % self.offsets[i] for i in range(start, min(size, start + 4096))))
        file_id = self.digest.hexdigest().encode()
        self._write(b"trailer\n<< /Size %d /Root %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
                    % (size, _CATALOG, file_id, file_id, xref))


def _remap(obj, new_id):
    """A copy of `obj` with every indirect reference renumbered into the output's sequence."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    if isinstance(obj, IndirectObject):
        return IndirectObject(new_id(obj.idnum), 0, None)
    if isinstance(obj, dict):
        out = DictionaryObject()
        for key, value in obj.items():
            out[key] = _remap(value, new_id)
        return out
    if isinstance(obj, list):
        return ArrayObject(_remap(v, new_id) for v in obj)
    return obj


def _pdf_string(text: str) -> bytes:
    return b"(" + text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"
