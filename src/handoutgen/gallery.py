"""A review sheet of every figure (`handoutgen figures`): each exercise figure at card size with
its id, every pose file without a library entry yet, then the whole-body maps: each view whole,
and every region zoomed in the views that show it."""

from __future__ import annotations

import io

from handoutgen.errors import HandoutError

FIG_W, FIG_H = 250.0, 112.0  # about a card's figure box, so this is print size


def gallery_pdf(exercises: list, only: str | None = None) -> bytes:
    """Exercise figures (5 a page), then the body maps; returns PDF bytes."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen.canvas import Canvas

    from handoutgen.figures.posefile import load_pose, pose_ids
    from handoutgen.fonts import register
    from handoutgen.labels import labels
    from handoutgen.resolve.words import hold_label

    fonts, words = register(), labels("en")
    items = [(e.id, e.name, e.caption, e.dose) for e in exercises]
    known = {e.id for e in exercises}
    items += [(pid, words["gallery_pose_only"], None, None) for pid in pose_ids() if pid not in known]
    if only:
        items = [i for i in items if i[0] == only]
        if not items:
            raise HandoutError(f"no exercise with id {only!r}; `handoutgen exercises` lists them")
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=LETTER, invariant=1, initialFontName=fonts["regular"])
    canv.setTitle(words["gallery_title"])
    width, height = LETTER
    y = height - 54
    for ex_id, name, caption, dose in items:
        if y < FIG_H + 60:
            canv.showPage()
            y = height - 54
        canv.setFont(fonts["bold"], 12)
        canv.drawString(54, y, words["gallery_exercise"].format(id=ex_id, name=name))
        canv.setFont(fonts["regular"], 10)
        canv.drawString(54, y - 13, caption or "")
        pose = load_pose(ex_id)
        if pose is None:
            canv.drawString(54, y - 36, words["gallery_no_pose"])
        else:
            _exercise(canv, ex_id, pose, 54, y - 20 - FIG_H, hold_label(pose, dose, words) if dose else None)
        y -= FIG_H + 44
    if not only:
        _maps(canv, fonts, words, width, height)
    canv.showPage()
    canv.save()
    return buf.getvalue()


def _exercise(canv, ex_id, pose, x, y, label) -> None:
    from handoutgen.layout.figure_forms import ExerciseFigure

    fig = ExerciseFigure(ex_id, pose, FIG_W, FIG_H, label)
    fig.wrap(FIG_W, FIG_H)
    fig.drawOn(canv, x, y + FIG_H - fig.fig_h)


def _maps(canv, fonts, words, width, height) -> None:
    """Each view whole, then each region zoomed (four a page) in every view that shows it."""
    from handoutgen.figures.bodymap import VIEWS, load_regions, region_ids
    from handoutgen.layout.figure_forms import BodyMapFigure

    shown = region_ids()
    panels = [(view, [], "anatomy", words["gallery_body_map"].format(view=view, mode="all")) for view in VIEWS]
    for rid, region in load_regions().regions.items():
        mode = "pain" if region.kind == "zone" else "anatomy"
        for view in shown[rid]:
            panels.append((view, [rid], mode, f"{rid} ({view} view)"))
    aliases = ", ".join(f"{a} = {t}" for a, t in sorted(load_regions().aliases.items()))
    for i, (view, ids, mode, title) in enumerate(panels):
        if i % 4 == 0:
            canv.showPage()
            if i == 0:
                canv.setFont(fonts["regular"], 8)
                canv.drawString(54, 30, ("Aliases: " + aliases)[:170])
        x = 54 + (i % 2) * 260
        y = height - 60 - ((i % 4) // 2) * 330
        canv.setFont(fonts["bold"], 11)
        canv.drawString(x, y, title)
        fig = BodyMapFigure(view, ids, mode, 250, 300, "AtkinsonHyperlegible", 10,
                            words["bodymap_legend"] if mode == "pain" and ids else None)
        fig.wrap(250, 300)
        fig.drawOn(canv, x, y - 310)
