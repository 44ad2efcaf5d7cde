"""The embedded font family, registered once per process."""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache

from handoutgen.paths import assets_dir

STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "boldItalic": "BoldItalic"}


@lru_cache(maxsize=4)
def register(family: str = "AtkinsonHyperlegible") -> dict[str, str]:
    """Register the four TTF styles with reportlab; return style -> reportlab font name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    TTFont = font_class()
    names = {}
    for style, suffix in STYLES.items():
        name = f"{family}-{suffix}"
        pdfmetrics.registerFont(TTFont(name, str(assets_dir() / "fonts" / f"{name}.ttf")))
        names[style] = name
    for bold, italic, style in ((0, 0, "regular"), (1, 0, "bold"), (0, 1, "italic"), (1, 1, "boldItalic")):
        addMapping(family, bold, italic, names[style])
    return names


SPLITS: list | None = None  # while not None, every (font, text) drawn is added to it


@lru_cache(maxsize=1)
def font_class():
    """reportlab's TTFont with a quicker splitString. Drawing text asks the font, for every run
    of text, which subset byte each character is drawn with; reportlab answers a character at a
    time, assigning new ones as it goes (7% of a warm render; issue #17). Once a document has
    seen every character of a run, and they all sit in its first subset (fewer than 256 distinct
    characters: every shipped handout), the answer is those characters' bytes: looked up at
    once here. Anything else (a new character, one the font lacks, a second subset) goes to
    reportlab, so the bytes are the same either way."""
    from reportlab.pdfbase.ttfonts import TTFont

    class QuickTTFont(TTFont):
        def splitString(self, text, doc, encoding="utf-8"):
            if SPLITS is not None:  # a paragraph's drawing is being kept (layout/drawcache.py)
                SPLITS.append((self, text))
            state = self.state.get(doc)
            if state is not None and isinstance(text, str):
                assigned = state.assignments
                try:
                    codes = [assigned[c] for c in map(ord, text.replace("\xa0", " "))]
                except KeyError:
                    pass
                else:
                    if not codes:
                        return []
                    if max(codes) < 256:
                        return [(0, bytes(codes))]
            return super().splitString(text, doc, encoding)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.face.__class__ = _kept_face_class()

    return QuickTTFont


_SUBSETS: dict = {}  # (font file, subset) -> (font program, its compressed stream)


@lru_cache(maxsize=1)
def _kept_face_class():
    """reportlab's TTFontFace whose subset font programs are kept per process. Saving a
    document makes, for each subset of each font, a font program of the glyphs it used and
    compresses it (about 100 KB a handout: a twentieth of a warm render; issue #17). Both
    depend only on the font file and the subset's characters, in order, so a document whose
    subset is exactly the same takes the same bytes."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, TTFontFace

    class KeptFace(TTFontFace):
        def addSubsetObjects(self, doc, fontname, subset):
            if not doc.compression or rl_config.useA85:
                return super().addSubsetObjects(doc, fontname, subset)
            key = (self.filename, tuple(subset))
            kept = _SUBSETS.get(key)
            if kept is None:
                program = self.makeSubset(subset)
                kept = _SUBSETS[key] = (len(program), zlib.compress(program))
                if len(_SUBSETS) > 64:  # a process making many different handouts
                    _SUBSETS.pop(next(iter(_SUBSETS)))
            # reportlab 5.1's TTFontFace.addSubsetObjects, with the stream already compressed
            # (PDFStream.format does not filter content whose dictionary names its Filter; the
            # dictionary's keys are in reportlab's order: Length1, Filter, then Length)
            font_file = pdfdoc.PDFStream()
            font_file.content = kept[1]
            font_file.dictionary["Length1"] = kept[0]
            font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
            ref = doc.Reference(font_file, "fontFile:%s(%s)" % (self.filename, fontname))
            descriptor = pdfdoc.PDFDictionary({
                "Type": "/FontDescriptor", "Ascent": self.ascent, "CapHeight": self.capHeight,
                "Descent": self.descent, "Flags": (self.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(self.bbox), "FontName": pdfdoc.PDFName(fontname),
                "ItalicAngle": self.italicAngle, "StemV": self.stemV, "FontFile2": ref,
                "MissingWidth": self.defaultWidth})
            return doc.Reference(descriptor, "fontDescriptor:" + fontname)

    return KeptFace


@lru_cache(maxsize=4)
def coverage(family: str = "AtkinsonHyperlegible") -> frozenset[int]:
    """Code points the family can draw (the regular style's character map), read from the font
    file itself so that validating a spec does not load reportlab."""
    path = assets_dir() / "fonts" / f"{family}-{STYLES['regular']}.ttf"
    return frozenset(cmap_code_points(path.read_bytes())) | {0x20, 0x0A}


def cmap_code_points(font: bytes) -> set[int]:
    """The code points in a TrueType font's Unicode character map: the subtable reportlab picks
    (the last Unicode one), in format 4 or 12."""
    tables = {font[12 + 16 * i:16 + 16 * i]: struct.unpack(">L", font[20 + 16 * i:24 + 16 * i])[0]
              for i in range(struct.unpack(">H", font[4:6])[0])}
    cmap = tables[b"cmap"]
    chosen, enc = None, 0
    for i in range(struct.unpack(">H", font[cmap + 2:cmap + 4])[0]):
        platform, encoding, offset = struct.unpack(">HHL", font[cmap + 4 + 8 * i:cmap + 12 + 8 * i])
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, enc = offset, 1
        elif platform == 1 and encoding == 0 and enc != 1:
            chosen, enc = offset, 2
    if chosen is None:
        raise ValueError("the font has no Unicode character map")
    at = cmap + chosen
    fmt = struct.unpack(">H", font[at:at + 2])[0]
    points: set[int] = set()
    if fmt == 4:
        segs = struct.unpack(">H", font[at + 6:at + 8])[0] // 2
        ends = struct.unpack(f">{segs}H", font[at + 14:at + 14 + 2 * segs])
        starts = struct.unpack(f">{segs}H", font[at + 16 + 2 * segs:at + 16 + 4 * segs])
        for start, end in zip(starts, ends):
            points.update(range(start, end + 1))
    elif fmt in (12, 13):
        groups = struct.unpack(">L", font[at + 12:at + 16])[0]
        for g in range(groups):
            start, end = struct.unpack(">LL", font[at + 16 + 12 * g:at + 24 + 12 * g])
            points.update(range(start, end + 1))
    else:
        raise ValueError(f"unsupported character map format {fmt}")
    return points


def missing(text: str, family: str = "AtkinsonHyperlegible") -> list[str]:
    """Characters in `text` the font cannot draw, in order of first appearance."""
    have = coverage(family)
    return list(dict.fromkeys(c for c in text if ord(c) not in have))


def text_width(text: str, size: float, bold: bool = False, family: str = "AtkinsonHyperlegible") -> float:
    """The width of `text` set in the family at `size` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, register(family)["bold" if bold else "regular"], size)


@lru_cache(maxsize=32)
def register_extra(key: str) -> str:
    """The reportlab font name (regular style; <b> and tt2ps find the bold) for a
    scripts.font_for() result other than 'body': the bundled Noto Sans ('fallback') or a system
    TrueType file; registered once."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    TTFont = font_class()
    if key == "fallback":
        family = "NotoSans"
        styles = {"regular": f"{family}-Regular", "bold": f"{family}-Bold"}
        for name in styles.values():
            pdfmetrics.registerFont(TTFont(name, str(assets_dir() / "fonts" / f"{name}.ttf")))
    else:
        from pathlib import Path

        family = "System-" + "".join(c for c in Path(key).stem if c.isalnum())[:40]
        styles = {"regular": family, "bold": family}
        pdfmetrics.registerFont(TTFont(family, key))
    for bold, italic in ((0, 0), (1, 0), (0, 1), (1, 1)):
        addMapping(family, bold, italic, styles["bold" if bold else "regular"])
    return styles["regular"]

