"""Reading the PDFs render() writes, quickly: reportlab's classic cross-reference table, objects
in number order, each `N 0 obj ... endobj`. A `--merge` of 10,000 stamped rows spends most of
its time parsing row PDFs with pypdf (about 40 ms a row, against 2 ms to stamp one), so the
merge reads its own rows this way and keeps pypdf for anything else (`parse` returns None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# a literal string (reportlab escapes every parenthesis inside one), a hex string, or a reference
_TOKEN = re.compile(rb"\((?:\\.|[^\\()])*\)|<[0-9A-Fa-f\s]*>(?!>)|(\d+) 0 R")
_STREAM = b">>\nstream\n"


@dataclass
class Parsed:
    objects: dict  # number -> (dictionary bytes, stream bytes from "stream" to the end, or b"")
    root: int
    head: bytes = b""  # the header before the first object
    trailer: bytes = b""  # from "trailer" up to "startxref"


def parse(pdf: bytes) -> Parsed | None:
    """Objects of a reportlab PDF, or None when the file is not laid out that way."""
    try:
        start = int(pdf[pdf.rindex(b"startxref") + 9:].split()[0])
        trailer = pdf[pdf.index(b"trailer", start):]
        table = pdf[start:pdf.index(b"trailer", start)].split(b"\n")
        count = int(table[1].split()[1])
        offsets = [int(line[:10]) for line in table[3:3 + count - 1]]
        root = int(re.search(rb"/Root (\d+) 0 R", trailer).group(1))
    except (ValueError, IndexError, AttributeError):
        return None
    if not table[0].startswith(b"xref") or sorted(offsets) != offsets:
        return None
    objects = {}
    for number, (a, b) in enumerate(zip(offsets, offsets[1:] + [start]), start=1):
        head = b"%d 0 obj\n" % number
        chunk = pdf[a:b]
        end = chunk.rfind(b"endobj")
        if not chunk.startswith(head) or end < 0:
            return None
        body = chunk[len(head):end]
        split = body.find(_STREAM)
        if split >= 0:
            objects[number] = (body[:split + 2], body[split + 2:])
        else:
            objects[number] = (body, b"")
    return Parsed(objects, root, pdf[:offsets[0]], pdf[pdf.index(b"trailer", start):pdf.rindex(b"startxref")])


def refs(data: bytes) -> list[int]:
    """The object numbers `data` (a dictionary or array, not stream content) refers to."""
    return [int(m.group(1)) for m in _TOKEN.finditer(data) if m.group(1)]


def renumber(data: bytes, new_id) -> bytes:
    """`data` with every reference N 0 R renumbered to new_id(N); strings left alone."""
    return _TOKEN.sub(lambda m: b"%d 0 R" % new_id(int(m.group(1))) if m.group(1) else m.group(0), data)


def kids(parsed: Parsed) -> list[int] | None:
    """The page objects, in order (reportlab writes one flat /Pages node)."""
    catalog = parsed.objects.get(parsed.root, (b"",))[0]
    found = re.search(rb"/Pages (\d+) 0 R", catalog)
    pages = parsed.objects.get(int(found.group(1))) if found else None
    listed = re.search(rb"/Kids \[([^\]]*)\]", pages[0]) if pages else None
    if not listed or b"/Kids" in b"".join(parsed.objects[k][0] for k in refs(listed.group(1)) if k in parsed.objects):
        return None
    return refs(listed.group(1))
