"""Roster copies by stamping: lay a group's handout out once, then write each person's copy by
filling the name, clinician and date into the laid-out pages (layout/slots.py).

Rows share a layout when everything that moves text is equal: notes, doses, which of name,
clinician and date are given, and how the prepared-for blanks lay out (a long name takes a
line of its own). Every other difference is a string in a fixed place. A row is rendered in full
instead when stamping could not print exactly what a full render prints: a character outside
the body font (fallback fonts, right-to-left text), unusual spaces, a booklet (its pages are
imposed afterwards), or a template whose marks do not add up.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path

PER_LAYOUT = 4  # templates kept per notes/doses group (one per blank arrangement seen)
GROUPS = 16  # groups kept per process; a roster where every row has its own notes gains nothing


@dataclass
class _Entry:
    template: object  # slots.Template, or None when this group cannot be stamped
    rec: object  # the slots.Recording of the template's render
    signature: tuple


class Stamper:
    """Personal copies of one resolved handout, stamped where possible (`pdf(who)`)."""

    def __init__(self, handout, spec_path: Path, options=None, charset: str = ""):
        from handoutgen.build import spec_bytes
        from handoutgen.layout.render import PrintOptions

        self.handout = handout
        # the same attachment render_to gives a roster row: the spec as built
        self.options = replace(options or PrintOptions(), attachment=spec_bytes(spec_path))
        self.charset = charset
        self.groups: OrderedDict = OrderedDict()

    def pdf(self, who) -> bytes | None:
        """`who`'s copy, or None when it must be rendered in full (the caller does that)."""
        from handoutgen.layout import slots
        from handoutgen.personal import personalise
        from handoutgen.resolve.words import with_words

        if self.options.booklet:
            return None
        handout = with_words(personalise(self.handout, who))
        texts = {"header": handout.prepared_header, "for": handout.prepared_for,
                 "by": handout.prepared_by, "date": handout.prepared_date_words}
        if not all(_stampable(texts[s], s) for s in slots.SLOTS):
            return None
        key = (who.notes, _doses(who.doses), tuple(bool(texts[s]) for s in slots.SLOTS))
        entries = self.groups.setdefault(key, [])
        self.groups.move_to_end(key)
        while len(self.groups) > GROUPS:
            self.groups.popitem(last=False)
        for entry in entries:
            if not entry.signature:
                continue
            signature, drawn = slots.signature(entry.rec, handout)
            if signature == entry.signature:
                # a template that came out unusable (a name wrapping in its blank) is not retried
                return entry.template.fill(dict(texts, header=drawn)) if entry.template is not None else None
        if len(entries) >= PER_LAYOUT:
            return None
        entry = self._template(handout, texts)
        entries.append(entry)
        if entry.template is None:
            return None
        return entry.template.fill(dict(texts, header=slots.signature(entry.rec, handout)[1]))

    def _template(self, handout, texts: dict) -> _Entry:
        from handoutgen.layout import slots
        from handoutgen.layout.render import render

        charset = "".join(sorted(set(self.charset).union(*(t or "" for t in texts.values()))))
        with slots.recording(texts, charset) as rec:
            rendered = render(handout, self.options)
        try:
            template = slots.Template(rendered.pdf, rec) if None not in (rec.ctx, rec.header) else None
        except (ValueError, IndexError, zlib.error):  # not the PDF shape slots.py knows: render in full
            template = None
        signature = slots.signature(rec, handout)[0] if None not in (rec.ctx, rec.header) else ()
        return _Entry(template if template is not None and template.ok else None, rec, signature)


def _doses(doses: dict) -> tuple:
    return tuple(sorted((k, tuple(sorted(v.items()))) for k, v in doses.items()))


def _stampable(text: str | None, slot: str) -> bool:
    """Printable in the body font alone, with plain single spaces (as a paragraph prints it)."""
    if not text:
        return True
    from handoutgen.scripts import font_for

    if slot != "header" and " ".join(text.split()) != text:
        return False
    return all(char == " " or (char.isprintable() and font_for(char) == "body") for char in text)


def roster_charset(handout, people) -> str:
    """Every character a roster's copies stamp: so one font subset, made once per group,
    serves every row (names, clinicians, the header label and dates in words)."""
    from handoutgen.labels import labels

    words = labels(handout.language)
    chars = set(words["prepared_header"]) | set("0123456789 …")  # … ends a header cut to fit
    chars.update(*words["months"])
    chars.update(words["date_words"])
    for who in people:
        chars.update(who.patient or "", who.clinician or "")
    return "".join(sorted(c for c in chars if c.isprintable() and c not in "{}"))
