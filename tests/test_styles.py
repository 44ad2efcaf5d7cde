"""Derived paragraph styles are the same object for the same parent and changes (so paragraphs
in them keep their parse and wraps across renders), and never another style's."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from handoutgen.layout import styles


def test_a_derived_style_is_made_once_per_parent_and_changes():
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=12, leading=15)
    one = styles.derived(base, "d", alignment=1, spaceAfter=0)
    assert styles.derived(base, "d", spaceAfter=0, alignment=1) is one
    assert (one.parent, one.alignment, one.spaceAfter, one.fontSize) == (base, 1, 0, 12)


def test_a_derived_style_is_never_served_for_other_changes_name_or_parent():
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=12, leading=15)
    other = ParagraphStyle("base", fontName="Helvetica", fontSize=16, leading=19)  # equal name
    one = styles.derived(base, "d", alignment=1)
    assert styles.derived(base, "d", alignment=2).alignment == 2
    assert styles.derived(base, "e", alignment=1).name == "e"
    mine = styles.derived(other, "d", alignment=1)
    assert mine is not one and mine.fontSize == 16


def test_a_derived_style_outlives_neither_its_parent_id_nor_the_limit(monkeypatch):
    monkeypatch.setattr(styles, "DERIVED_LIMIT", 4)
    monkeypatch.setattr(styles, "_DERIVED", {})
    parents = [ParagraphStyle(f"p{n}", fontSize=10 + n) for n in range(10)]
    made = [styles.derived(p, "d", alignment=1) for p in parents]
    assert len(styles._DERIVED) <= 4
    assert [m.fontSize for m in made] == [10 + n for n in range(10)]
    # an entry whose parent is another object with the same id is made again
    key = next(iter(styles._DERIVED))
    stranger = ParagraphStyle("s", fontSize=30)
    styles._DERIVED[key] = (stranger, styles._DERIVED[key][1])
    parent = next(p for p in parents if id(p) == key[0])
    assert styles.derived(parent, "d", alignment=1).fontSize == parent.fontSize
