"""A folded booklet's last page: a deliberate back cover (the clinic's contact, or a Notes page).
(Exercise cards stay whole on its half-size pages by themselves: layout/cardrun.py.)"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, Spacer

from handoutgen.layout.context import RenderContext, link_with_qr
from handoutgen.layout.flowables import RuledLines
from handoutgen.layout.inline import plain_markup


def back_cover(ctx: RenderContext) -> list:
    """The booklet's last page: the clinic's name, phone and website (with a QR code for the
    website) over lines for notes; with no clinic, a Notes page."""
    clinic = ctx.handout.clinic
    out: list = [PageBreak()]
    if clinic and (clinic.name or clinic.phone or clinic.website):
        out.append(Paragraph(plain_markup(ctx.words["back_cover"]), ctx.st.heading))
        if clinic.name:
            out.append(Paragraph(plain_markup(clinic.name), ctx.st.subheading))
        if clinic.phone:
            phone = plain_markup(ctx.words["phone"] + ctx.words["colon"])
            out.append(Paragraph(f"<b>{phone}</b> {plain_markup(clinic.phone)}", ctx.st.body))
        if clinic.website:
            out.append(link_with_qr(ctx, clinic.website, ctx.words["website"], ctx.width))
        out.append(Spacer(1, ctx.st.body.fontSize))
    # not kept with the lines: they fill what is left of the page, so together they never fit
    heading = ParagraphStyle("notes", parent=ctx.st.heading, keepWithNext=0)
    out += [Paragraph(plain_markup(ctx.words["notes"]), heading),
            RuledLines(ctx.st.body.fontSize * 2, ctx.theme.colors.rule)]
    return out
