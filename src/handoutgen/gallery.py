"""A review sheet of every figure: each exercise figure with its id, and each body-map view with
its regions labelled (`handoutgen figures`)."""

from __future__ import annotations

import io

from handoutgen.errors import HandoutError


def gallery_pdf(exercises: list, only: str | None = None) -> bytes:
    """Exercise figures at print size (5 a page), then the body maps; returns PDF bytes."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen.canvas import Canvas

    from handoutgen.figures.bodymap import VIEWS, load_view
    from handoutgen.fonts import register
    from handoutgen.labels import labels
    from handoutgen.layout.figure_forms import BodyMapFigure, ExerciseFigure
    from handoutgen.resolve.words import hold_label

    fonts, words = register(), labels("en")
    if only:
        exercises = [e for e in exercises if e.id == only]
        if not exercises:
            raise HandoutError(f"no exercise with id {only!r}; `handoutgen exercises` lists them")
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=LETTER, invariant=1, initialFontName=fonts["regular"])
    canv.setTitle(words["gallery_title"])
    width, height = LETTER
    y = height - 60
    for ex in exercises:
        if y < 170:
            canv.showPage()
            y = height - 60
        canv.setFont(fonts["bold"], 13)
        canv.drawString(54, y, words["gallery_exercise"].format(id=ex.id, name=ex.name))
        canv.setFont(fonts["regular"], 11)
        canv.drawString(54, y - 15, ex.caption or "")
        if ex.pose is None:
            canv.drawString(54, y - 40, words["gallery_no_pose"])
        else:
            fig = ExerciseFigure(ex.id, ex.pose, 300, 105, hold_label(ex.pose, ex.dose, words))
            fig.wrap(300, 105)
            canv.saveState()
            canv.translate(54, y - 130)
            canv.rect(0, 0, 300, 105, stroke=1, fill=0)
            fig.drawOn(canv, 0, 0)
            canv.restoreState()
        y -= 150
    if not only:
        for view in VIEWS:
            regions = load_view(view).regions
            for mode, kinds in (("anatomy", {"muscle", "deep", "bone", "line"}), ("pain", {"zone"})):
                ids = [rid for rid, r in regions.items() if r.kind in kinds]
                if not ids:
                    continue
                canv.showPage()
                canv.setFont(fonts["bold"], 14)
                canv.drawString(54, height - 60, words["gallery_body_map"].format(view=view, mode=mode))
                canv.setFont(fonts["regular"], 11)
                canv.drawString(54, height - 76, ", ".join(ids))
                fig = BodyMapFigure(view, ids, mode, 500, 420, "AtkinsonHyperlegible", 12,
                                    words["bodymap_legend"] if mode == "pain" else None)
                fig.wrap(500, 420)
                fig.drawOn(canv, 54, height - 520)
    canv.showPage()
    canv.save()
    return buf.getvalue()
