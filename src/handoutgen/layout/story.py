"""The story: one function per section type, chosen from a dict."""

from __future__ import annotations

from reportlab.platypus import (CondPageBreak, KeepTogether, ListItem, Paragraph, Spacer, Table,
                                TableStyle)

from handoutgen.layout.cardrun import CardRun
from handoutgen.layout.cards import card_run
from handoutgen.layout.rows import exercise_list, exercise_tiles
from handoutgen.layout.context import NARROW_WIDTH, RenderContext, bullets, link_with_qr
from handoutgen.figures.text import figure_text
from handoutgen.layout.figure_forms import BodyMapFigure
from handoutgen.layout.beside import SideBySide
from handoutgen.layout.flowables import Anchor, Grid, Heading, ImageBox, KeepOrSplit, NumberBadge, Points, measure
from handoutgen.layout.inline import plain_markup, to_markup
from handoutgen.layout.helpbox import render_seek_care
from handoutgen.layout.painguide import render_pain_guide
from handoutgen.layout.tracker import render_tracker
from handoutgen.resolve.handout import RSection


def box(content: list, ctx: RenderContext, *, border="accent", weight=1.5, bg=None, bar=0.0, pad=10) -> Table:
    """One-cell table used as a box; splits across pages if it must."""
    table = Grid([[content]], colWidths=[ctx.width], splitInRow=1)
    cmds = [("BOX", (0, 0), (-1, -1), weight, ctx.color(border)),
            ("LEFTPADDING", (0, 0), (-1, -1), pad + bar), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad)]
    if bg:
        cmds.append(("BACKGROUND", (0, 0), (-1, -1), ctx.color(bg)))
    if bar:
        cmds.append(("LINEBEFORE", (0, 0), (0, -1), bar, ctx.color(border)))
    table.setStyle(TableStyle(cmds))
    return table


def heading(ctx: RenderContext, section: RSection) -> Heading:
    return Heading(plain_markup(section.heading), ctx.st.heading, section.anchor, section.heading)


def figure(ctx: RenderContext, section: RSection, width: float | None = None, height: float | None = None) -> list:
    width = width or ctx.width
    height = height or ctx.st.body.fontSize * 13.5
    fig = section.figure
    if fig is None:
        return []
    out: list = []
    if fig.image:
        out.append(ImageBox(fig.image, width * 0.8, 260))
    elif fig.view:  # None for a caption with no figure and no regions: no empty map
        out.append(BodyMapFigure(fig.view, fig.highlight, fig.mode, width, height,
                                 ctx.theme.font, ctx.st.cell.fontSize, fig.legend,
                                 figure_text(ctx.words)))
    if fig.caption:
        out.append(Spacer(1, 4))
        out.append(ctx.para(fig.caption, ctx.st.caption))
    if width != ctx.width:  # inside a table cell, or drawn by a SideBySide
        return out
    if fig.view and not fig.image:  # a full-width map shrinks a little rather than leave a gap
        return [SideBySide([], lambda h: figure(ctx, section, width - 0.001, h), height, 0, gap=0),
                Spacer(1, 8)]
    return [KeepTogether(out), Spacer(1, 8)]


def render_text(ctx: RenderContext, s: RSection) -> list:
    points = bullets(ctx, s.points)
    # neither the first point (with the heading) ends a page alone nor the last starts one:
    # two stay together at each end (reportlab's keepWithNext does not hold lists)
    if len(points) == 3:
        points = [KeepTogether(points)]
    elif len(points) >= 4:
        points = [KeepTogether(points[:2])] + points[2:-2] + [KeepTogether(points[-2:])]
    return [ctx.para(p) for p in s.paragraphs] + points


def render_anatomy(ctx: RenderContext, s: RSection) -> list:
    """Text, then the points beside the figure (short bullet lines leave room for a picture).
    The block fills the page it starts on: the map shrinks a little or the points run on."""
    text = [ctx.para(p) for p in s.paragraphs]
    if not s.figure or not s.points or ctx.single:
        return text + bullets(ctx, s.points) + figure(ctx, s)
    fig_w = ctx.width * 0.56
    points = bullets(ctx, s.points)
    if measure(points, ctx.width - fig_w - 8) > 1.5 * measure(figure(ctx, s, fig_w - 6), fig_w - 6):
        return text + points + figure(ctx, s)  # long lists: stacked
    natural = ctx.st.body.fontSize * 13.5
    # a lead-in such as "Signs of it are:" must not end a page with its list on the next;
    # other text may (the heading stays with it)
    lead_in = text[-1:] if s.paragraphs and _ends_with_colon(s.paragraphs[-1], ctx) else []
    side = SideBySide(points, lambda h: figure(ctx, s, fig_w - 6, h), natural, ctx.width - fig_w, lead=lead_in)
    return text[:len(text) - len(lead_in)] + [side]


def _ends_with_colon(rich, ctx: RenderContext) -> bool:
    return "".join(run.text for run in rich).rstrip().endswith(ctx.words["colon"].strip())


def render_relief_plan(ctx: RenderContext, s: RSection) -> list:
    out = [ctx.para(p) for p in s.paragraphs]
    if ctx.compact:
        return out + [_compact_steps(ctx, s)]
    badge = ctx.st.body.fontSize * 2.4
    for n, step in enumerate(s.steps, start=1):
        inner = [ctx.para(step.title, ctx.st.subheading)] + [ctx.para(p) for p in step.text]
        if step.dose:
            inner.append(_tagged(ctx, "dose", step.dose, "tint", "accent"))
        if step.caution:
            inner.append(_tagged(ctx, "caution", step.caution, "caution_tint", "caution"))
        row = Grid([[NumberBadge(n, badge, ctx.theme.colors.accent, ctx.st.label.fontName), inner]],
                    colWidths=[badge + 12, ctx.width - badge - 12], splitInRow=1)
        row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 2),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
        # a step runs on to the next page only once its title and a few lines are on this one
        out.append(KeepOrSplit([row], room=ctx.st.subheading.leading + 5 * ctx.st.body.leading, always=True))
    return out


def _compact_steps(ctx: RenderContext, s: RSection):
    """Steps as one numbered list: bold title, then text, dose and caution run on."""
    link = ctx.theme.colors.link
    items = []
    for step in s.steps:
        text = f"<b>{to_markup(step.title, ctx.numbers, link)}.</b>"
        for rich in step.text:
            text += " " + to_markup(rich, ctx.numbers, link)
        if step.dose:
            text += f" <b>{plain_markup(ctx.words['dose'] + ctx.words['colon'])}</b> " + to_markup(step.dose, ctx.numbers, link)
        if step.caution:
            text += f" <b>{plain_markup(ctx.words['caution'] + ctx.words['colon'])}</b> " + to_markup(step.caution, ctx.numbers, link)
        items.append(ListItem(Paragraph(text, ctx.st.bullet)))
    style = ctx.st.bullet
    return Points(items, bulletType="1", bulletFormat="%s.", leftIndent=style.leftIndent,
                        bulletFontName=style.bulletFontName, bulletFontSize=style.fontSize)


def _tagged(ctx: RenderContext, key: str, rich, bg: str, border: str) -> Table:
    """A highlighted strip: bold label, then the text (dose in tint, caution in red tint)."""
    label = plain_markup(ctx.words[key] + ctx.words["colon"])
    p = Paragraph(f"<b>{label}</b> " + to_markup(rich, ctx.numbers, ctx.theme.colors.link), ctx.st.body)
    # never split: a strip is a few lines, and split at a page foot it left empty tinted bars
    t = Grid([[p]], colWidths=[ctx.width - ctx.st.body.fontSize * 2.4 - 12])
    t.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), ctx.color(bg)),
                           ("LINEBEFORE", (0, 0), (0, -1), 4, ctx.color(border)),
                           ("LEFTPADDING", (0, 0), (-1, -1), 10), ("TOPPADDING", (0, 0), (-1, -1), 5),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return t


def render_exercises(ctx: RenderContext, s: RSection) -> list:
    out = [ctx.para(p) for p in s.paragraphs]
    if s.style == "tiles" or s.style == "list" or ctx.compact:
        table = exercise_tiles(ctx, s.exercises) if s.style == "tiles" else exercise_list(ctx, s.exercises)
        # the heading and intro go where the first exercise goes, never alone at a page's foot (the
        # large-print booklet of the short sheet ended a half page with "Week 1: ..." and its intro)
        table.wrap(ctx.width, 1e6)
        return [KeepOrSplit(out + [table], room=table._rowHeights[0] + 1, always=True, lead=len(out))]
    return [card_run(ctx, s.exercises, out)] if s.exercises else out


RENDERERS = {
    "anatomy": render_anatomy,
    "pain_patterns": render_anatomy,
    "relief_plan": render_relief_plan,
    "exercises": render_exercises,
    "pain_guide": render_pain_guide,
    "seek_care": render_seek_care,
    "tracker": render_tracker,
    "text": render_text,
}


def opening(ctx: RenderContext) -> list:
    """Title, subtitle, boxed main message, key points and the prepared-for blanks."""
    h = ctx.handout
    heading = [Paragraph(plain_markup(h.title), ctx.st.title)]
    if h.subtitle:
        heading.append(Paragraph(plain_markup(h.subtitle), ctx.st.subtitle))
    out: list = heading
    if h.clinic and h.clinic.logo:  # the clinic's logo at the top right, at most 1 inch tall
        logo_w = min(ctx.width * 0.3, 150)
        row = Grid([[heading, ImageBox(h.clinic.logo, logo_w, 72)]], colWidths=[ctx.width - logo_w, logo_w])
        row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        out = [row]
    message = [ctx.para(p, ctx.st.message) for p in h.main_message]
    out.append(box(message, ctx, border="accent", weight=1.5, bg="tint", bar=5, pad=12))
    out.append(Spacer(1, 4 if ctx.compact else 10))
    out += bullets(ctx, h.key_points)
    out.append(Spacer(1, 2 if ctx.compact else 6))
    out.append(_prepared(ctx))
    if h.notes:
        note = Paragraph(f"<b>{plain_markup(ctx.words['notes'] + ctx.words['colon'])}</b> {plain_markup(h.notes)}",
                         ctx.st.body)
        out += [Spacer(1, 6), box([note], ctx, border="rule", weight=1.0, pad=8)]
    return out


def _prepared(ctx: RenderContext) -> Table:
    """"Prepared for / By / Date": blanks to fill in by hand, or the personalised values."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    h, st = ctx.handout, ctx.st.body
    cells = [(ctx.words["prepared_for"], h.prepared_for), (ctx.words["prepared_by"], h.prepared_by),
             (ctx.words["date"], h.prepared_date_words)]
    labels = [stringWidth(label + ctx.words["colon"], st.fontName, st.fontSize) + 10 for label, _ in cells]
    date_w = stringWidth("30 September 2026", st.fontName, st.fontSize) + 14
    free = ctx.width - sum(labels) - date_w
    values = [free * 0.55, free * 0.45, date_w]
    fits = all(stringWidth(value or "", st.fontName, st.fontSize) + 8 <= width
               for (_, value), width in zip(cells, values))
    pairs = [[Paragraph(plain_markup(label + ctx.words["colon"]), st), Paragraph(plain_markup(value or ""), st)]
             for label, value in cells]
    cmds = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6)]
    if fits and ctx.width >= NARROW_WIDTH:  # one line: three blanks side by side
        t = Grid([[cell for pair in pairs for cell in pair]],
                 colWidths=[w for pair in zip(labels, values) for w in pair])
        cmds += [("LINEBELOW", (i, 0), (i, 0), 0.8, ctx.color("rule")) for i in (1, 3, 5)]
    else:  # a long name, or a half-size page: one line each, every blank long enough to write in
        label_w = max(labels)
        t = Grid(pairs, colWidths=[label_w, ctx.width - label_w])
        # the three stay together: a large-print booklet left "Date:" alone atop page 2
        cmds += [("LINEBELOW", (1, 0), (1, -1), 0.8, ctx.color("rule")), ("NOSPLIT", (0, 0), (-1, -1))]
    t.setStyle(TableStyle(cmds))
    return t


def references(ctx: RenderContext) -> list:
    h = ctx.handout
    if not h.references:
        return []
    out: list = [CondPageBreak(ctx.st.heading.fontSize * 5),
                 Heading(plain_markup(ctx.words["references"]), ctx.st.heading, "references", ctx.words["references"])]
    link = ctx.theme.colors.link
    for ref in h.references:
        text = f"{ref.number}.&nbsp;&nbsp;{plain_markup(ref.cite)}"
        url = f"https://doi.org/{ref.doi}" if ref.doi else ref.url
        if url:
            shown = f"doi:{ref.doi}" if ref.doi else url
            text += f' <a href="{plain_markup(url)}" color="{link}">{plain_markup(shown)}</a>'
        if ref.note:
            text += f" ({plain_markup(ref.note)})"
        out += [Anchor(f"ref-{ref.number}"), Paragraph(text, ctx.st.reference)]
    return out


def about(ctx: RenderContext) -> list:
    line = ctx.handout.about_line
    if not line:
        return []
    return [Spacer(1, 4 if ctx.compact else 10), Paragraph(plain_markup(line), ctx.st.reference)]


def notes_pages(ctx: RenderContext, count: int) -> list:
    """Intentional blank pages for a booklet: a Notes heading and ruled lines."""
    from reportlab.platypus import PageBreak

    from handoutgen.layout.flowables import RuledLines

    out: list = []
    for _ in range(count):
        out += [PageBreak(), Paragraph(plain_markup(ctx.words["notes"]), ctx.st.heading),
                RuledLines(ctx.st.body.fontSize * 2, ctx.theme.colors.rule)]
    return out


def keep_with(first, following: list) -> KeepTogether:
    """Keep a heading with the start of its section: never alone at a page bottom. A nested
    KeepTogether is unpacked, because reportlab measures one as infinitely tall."""
    content = [first]
    for item in following:
        content += item._content if isinstance(item, KeepTogether) else [item]
    return KeepTogether(content)


def section_links(ctx: RenderContext, s: RSection) -> list:
    """QR codes for the web links in a section's own text, each with its link words."""
    texts = s.paragraphs + s.points + [t for group in s.groups.values() for t in group]
    texts += [p for step in s.steps for p in step.text]
    seen: dict[str, str] = {}
    for rich in texts:
        for run in rich or ():
            if run.href and run.href.startswith("https://") and run.href not in seen:
                seen[run.href] = run.text.strip() or run.href
    return [link_with_qr(ctx, url, words, ctx.width) for url, words in seen.items()]


def build_story(ctx: RenderContext) -> list:
    story = opening(ctx)
    for section in ctx.handout.sections:
        body = RENDERERS[section.type](ctx, section) + section_links(ctx, section)
        if body and hasattr(body[0], "with_lead"):  # a run of cards, or text beside a map: the
            # heading goes where their first part goes, and they still fill the page
            story.append(body[0].with_lead([heading(ctx, section)]))
        else:
            story.append(keep_with(heading(ctx, section), body[:1]))
        story.extend(body[1:])
    for a, b in zip(story, story[1:]):  # a run of cards knows what comes after it (cardrun.py)
        if isinstance(a, CardRun):
            a.following = b
    story += about(ctx) + references(ctx)
    return story
