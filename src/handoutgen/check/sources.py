"""References and currency: can a reader find the sources, and is the handout up to date?
(JAMA benchmarks and PIF TICK, STANDARDS.md.)"""

from __future__ import annotations

import re

from handoutgen.check.findings import CheckContext, Finding
from handoutgen.errors import Problem
from handoutgen.resolve.handout import Handout
from handoutgen.spec.model import add_years
from handoutgen.spec.types import is_placeholder


def from_problem(problem: Problem, severity: str) -> Finding:
    """A loader/resolver Problem as a finding (uncited references, missing glyphs, ...)."""
    check = "references" if ("cited" in problem.message or "reference" in problem.message) else (
        "print" if "glyph" in problem.message else "spec")
    return Finding(severity, check, problem.file, problem.line, problem.field, problem.message)


def check_reference_links(ctx: CheckContext) -> list[Finding]:
    """JAMA benchmarks: sources a reader can find. A reference without a DOI or URL is a note."""
    out = []
    for ref in ctx.handout.references:
        if ref.doi or ref.url:
            continue
        extra = f" ({ref.note})" if ref.note else ""
        out.append(ctx.at("note", "references", _reference_path(ctx.handout, ref.id),
                          f"reference [{ref.number}] '{ref.id}' has no DOI or URL{extra}; add one so "
                          "readers can find it"))
    return out


def _reference_path(handout: Handout, ref_id: str) -> tuple:
    """The spec's own entry for a reference, else the first spec text that cites it."""
    data = handout.loaded.data if isinstance(handout.loaded.data, dict) else {}
    for i, ref in enumerate(data.get("references") or []):
        if isinstance(ref, dict) and ref.get("id") == ref_id:
            return ("references", i, "id")
    cite = re.compile(rf"\[@[^\]]*\b{re.escape(ref_id)}\b")
    for path, value in _strings(data, ()):
        if cite.search(value):
            return path
    for i, s in enumerate(handout.sections):
        for j, ex in enumerate(s.exercises):
            if any(ref_id in run.cites for run in ex.evidence):
                return ("sections", i, "items", j)
    return ()


def _strings(data, path):
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _strings(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _strings(v, path + (i,))


def check_currency(ctx: CheckContext) -> list[Finding]:
    """PIF TICK / JAMA benchmarks: author, reviewer, publication and next review dates printed,
    next review at most 3 years after publication and not already past."""
    about = ctx.handout.about
    out = []
    for name, what in (("author", "author"), ("reviewed_by", "reviewer"),
                       ("published", "publication date"), ("next_review", "next review date")):
        value = getattr(about, name)
        if name == "reviewed_by" and (value is None or is_placeholder(value)):
            # not yet reviewed: every page says so ('Draft'); a placeholder is flagged by internal-note
            out.append(ctx.at("note", "currency", ("about",), "no named reviewer, so every page prints "
                                                             "'Draft — not yet reviewed by a clinician'; add "
                                                             "about.reviewed_by once a clinician has signed it off"))
        elif value is None:
            out.append(ctx.at("warning", "currency", ("about",), f"no {what}; add about.{name} "
                                                                 "(PIF TICK: printed on the handout)"))
        elif isinstance(value, str) and is_placeholder(value):
            out.append(ctx.at("note", "currency", ("about", name), f"{what} {value!r} looks like a "
                                                                    "placeholder; name the person or team"))
    if about.next_review and about.next_review < ctx.today:
        out.append(ctx.at("warning", "currency", ("about", "next_review"),
                          f"next review was due on {about.next_review}; review the content and set new dates"))
    if about.published and about.next_review and about.next_review > add_years(about.published, 3):
        out.append(ctx.at("error", "currency", ("about", "next_review"),
                          f"next review {about.next_review} is more than 3 years after publication "
                          f"({about.published})"))
    return out

