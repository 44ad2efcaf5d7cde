"""`handoutgen check`: plain-language and quality checks on a resolved handout (GitHub issue #5).

Every check reads the text as it will be printed (`Handout.texts`, references left out) and
returns located findings. Thresholds come from the spec's `check:` block, whose defaults come
from STANDARDS.md. Structure items and the PEMAT-P scores live in pemat.py, references and
currency in sources.py, the print checks in printing.py, the glossary rule in jargon.py and the
passive-voice heuristic in passive.py. Nothing here prints; report.py formats results.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from handoutgen.check import passive
from handoutgen.check.findings import LABELS, SEVERITIES, CheckResult, CheckContext, Finding, Level
from handoutgen.check.jargon import first_uses, glossary
from handoutgen.check.readability import EMPTY, Stats, split_sentences, stats, words
from handoutgen.check.sources import check_currency, check_reference_links, from_problem
from handoutgen.errors import Problem
from handoutgen.resolve.handout import Handout

# Reading formulas are made for samples of 100 words or more (Fry's graph uses 100-word samples,
# SMOG 30 sentences); on less, one long word moves the grade by whole levels. Shorter text is
# measured and reported, but not judged.
MIN_WORDS = 100
_CITE_LABEL = re.compile(r"\s*\[\d+(?:\s*(?:,|–|-)\s*\d+)*\]")
# One formula pair per language. Spanish (e.g. Fernández-Huerta and INFLESZ) plugs in here once
# the spec model accepts `language: es`; a language without an entry gets a note, not a guess.
FORMULAS = {"en": stats}


def printed_texts(handout: Handout) -> list[tuple[tuple, str]]:
    """`handout.texts` (what prints, as resolve decided) as a reader sees it: citation numbers
    removed, because references are excluded from the reading level."""
    out = []
    for path, text in handout.texts:
        text = _CITE_LABEL.sub("", text).strip()
        if text:
            out.append((path, text))
    return out


# ---- reading level -------------------------------------------------------------------------

def level(name: str, blocks: list[str], language: str, *, index=None, type_=None, line=None) -> Level:
    formula = FORMULAS.get(language)
    s: Stats = formula(blocks) if formula else EMPTY
    return Level(name, index, type_, line, s.words, s.sentences, round(s.fk_grade, 1), round(s.smog, 1),
                 judged=formula is not None and s.words >= MIN_WORDS)


def levels(ctx: CheckContext) -> tuple[Level, list[Level]]:
    """The whole handout's level, then each section's."""
    lang = ctx.handout.language
    overall = level("whole handout", [t for _, t in ctx.texts], lang)
    sections = []
    for i, s in enumerate(ctx.handout.sections):
        line, _ = ctx.handout.loaded.position(("sections", i))
        sections.append(level(s.heading, [t for _, t in ctx.section_texts(i)], lang,
                              index=i, type_=s.type, line=line))
    return overall, sections


def check_reading_level(ctx: CheckContext) -> list[Finding]:
    """AMA: grade 6 or lower; NIH: below grade 8 (STANDARDS.md). Whole handout over a limit is an
    error; a section over it is a warning that says where to start rewriting."""
    if ctx.handout.language not in FORMULAS:
        return [ctx.at("note", "reading-level", (), f"no reading-level formula for language "
                                                   f"'{ctx.handout.language}' yet; not measured")]
    out = []
    overall, *sections = ctx.levels
    for lv, severity, path in [(overall, "error", ())] + [(s, "warning", ("sections", s.index)) for s in sections]:
        if not lv.judged:
            continue
        where = "the whole handout" if lv.index is None else f"section '{lv.name}'"
        if lv.fk_grade > ctx.limits.max_grade:
            out.append(ctx.at(severity, "reading-level", path,
                              f"{where} reads at Flesch-Kincaid grade {lv.fk_grade:.1f}; the limit is "
                              f"{ctx.limits.max_grade:g} (AMA: grade 6 or lower). Use shorter sentences "
                              "and shorter words"))
        if lv.smog > ctx.limits.max_smog:
            out.append(ctx.at(severity, "reading-level", path,
                              f"{where} has SMOG grade {lv.smog:.1f}; the limit is {ctx.limits.max_smog:g} "
                              "(NIH: below grade 8). Replace words of 3 or more syllables"))
    return out


# ---- sentences, paragraphs, lists, sections -------------------------------------------------

def _sentences(ctx: CheckContext, texts=None):
    """(path, text, sentences) for every printed text that is prose, not a label."""
    for path, text in ctx.texts if texts is None else texts:
        if path and path[-1] not in LABELS:
            yield path, text, split_sentences(text)


def check_long_sentences(ctx: CheckContext) -> list[Finding]:
    """CDC Simply Put: sentences of 8–10 words; the limit (default 20) is check.max_sentence_words."""
    limit = ctx.limits.max_sentence_words
    return [ctx.at("warning", "long-sentence", path, f"sentence has {n} words (limit {limit}; "
                                                     "CDC: 8–10 is best); split it", sentence)
            for path, _, sentences in _sentences(ctx) for sentence in sentences
            if (n := len(words(sentence))) > limit]


def check_long_paragraphs(ctx: CheckContext) -> list[Finding]:
    """CDC Simply Put: paragraphs of 3–5 sentences (check.max_paragraph_sentences)."""
    limit = ctx.limits.max_paragraph_sentences
    return [ctx.at("warning", "long-paragraph", path, f"paragraph has {len(sentences)} sentences "
                                                      f"(limit {limit}; CDC: 3–5); split it", text)
            for path, text, sentences in _sentences(ctx) if len(sentences) > limit]


def check_jargon(ctx: CheckContext) -> list[Finding]:
    """PEMAT-P item 4: medical terms are defined. Rule for 'explained': see jargon.py."""
    if glossary(ctx.handout.language) is None:
        return [ctx.at("note", "jargon", (), f"no glossary for language '{ctx.handout.language}'; "
                                             "medical terms not checked")]
    return [ctx.at("warning", "jargon", use.path,
                   f"'{use.term}' is not explained where it is first used; say \"{use.plain}\" instead, "
                   f"or explain it right after the word: {use.term} ({use.plain})", use.sentence)
            for use in first_uses(ctx.texts, ctx.handout.language) if not use.explained]


def _lists(handout: Handout):
    """(path, items, what) for every printed list."""
    yield ("key_points",), len(handout.key_points), "key points"
    for i, s in enumerate(handout.sections):
        base = ("sections", i)
        yield base + ("symptoms" if s.type == "pain_patterns" else "points",), len(s.points), "bullet list"
        for group, items in s.groups.items():
            yield base + (group,), len(items), f"'{group}' list"
        yield base + ("steps",), len(s.steps), "numbered steps"
        if s.style == "list":
            yield base + ("items",), len(s.exercises), "exercise list"
            continue  # list rows print no steps, tips or cautions
        for j, ex in enumerate(s.exercises):
            for name in ("steps", "tips", "cautions"):
                yield base + ("items", j, name), len(getattr(ex, name)), f"{name} of '{ex.name}'"


def check_long_lists(ctx: CheckContext) -> list[Finding]:
    """CDC Clear Communication Index: lists of at most 7 items (check.max_list_items)."""
    limit = ctx.limits.max_list_items
    return [ctx.at("warning", "long-list", path, f"{what} has {n} items (limit {limit}; CDC: at most 7); "
                                                 "split it under two headings or cut items")
            for path, n, what in _lists(ctx.handout) if n > limit]


def _chunk(path: tuple) -> tuple:
    """The stretch of text under one heading: a section, or one step, exercise card or help box
    inside it (each has its own printed title)."""
    if len(path) > 3 and path[2] in ("steps", "items"):
        return tuple(path[:4])
    if len(path) > 2 and path[2] in ("emergency", "urgent", "routine"):
        return tuple(path[:3])
    return tuple(path[:2])


def check_long_sections(ctx: CheckContext) -> list[Finding]:
    """PEMAT-P item 8: short sections (check.max_section_words, default 150). Counts body text
    under one heading; headings, titles and figure captions are not counted."""
    counts: dict[tuple, int] = {}
    for path, text in ctx.texts:
        if path[0] == "sections" and path[-1] not in LABELS and path[2:] != ("caption",):
            counts[_chunk(path)] = counts.get(_chunk(path), 0) + len(words(text))
    limit = ctx.limits.max_section_words
    return [ctx.at("warning", "long-section", chunk, f"{_chunk_name(ctx.handout, chunk)} has {n} words "
                                                     f"under one heading (limit {limit}; PEMAT-P item 8: "
                                                     "short sections); split it or cut words")
            for chunk, n in counts.items() if n > limit]


def _chunk_name(handout: Handout, chunk: tuple) -> str:
    section = handout.sections[chunk[1]]
    if len(chunk) == 4 and chunk[2] == "steps":
        return f"step {chunk[3] + 1} of '{section.heading}'"
    if len(chunk) == 4:
        return f"exercise card '{section.exercises[chunk[3]].name}'"
    if len(chunk) == 3:
        return f"the '{chunk[2]}' box of '{section.heading}'"
    return f"section '{section.heading}'"


def check_passive_voice(ctx: CheckContext) -> list[Finding]:
    """PEMAT-P item 5: active voice. A heuristic (see passive.py): warn only when more than
    passive.SHARE of a section's sentences look passive, quoting the first one."""
    out = []
    for i, section in enumerate(ctx.handout.sections):
        sentences = [(p, s) for p, _, ss in _sentences(ctx, ctx.section_texts(i)) for s in ss]
        hits = [(p, s) for p, s in sentences if passive.is_passive(s)]
        if hits and len(hits) > passive.SHARE * len(sentences):
            out.append(ctx.at("warning", "passive-voice", hits[0][0],
                              f"{len(hits)} of {len(sentences)} sentences in '{section.heading}' look passive "
                              f"(heuristic; limit {passive.SHARE:.0%}); say who does what, e.g. "
                              "\"you\" or \"your doctor\"", hits[0][1]))
    return out


# ---- running them ---------------------------------------------------------------------------

CHECKS = [check_reading_level, check_long_sentences, check_long_paragraphs, check_jargon,
          check_long_lists, check_long_sections, check_passive_voice, check_reference_links,
          check_currency]


def check_handout(handout: Handout, warnings: list[Problem] = (), *, today: dt.date | None = None,
                  theme=None) -> CheckResult:
    """Run every check on a resolved handout; `warnings` are prepare()'s (uncited references...)."""
    from handoutgen.check import content, pemat, printing

    ctx = CheckContext(handout, printed_texts(handout), handout.check, today or dt.date.today())
    overall, sections = levels(ctx)
    ctx.levels = [overall] + sections
    findings = [from_problem(p, "warning") for p in warnings]
    for check in CHECKS + content.CHECKS:
        findings += check(ctx)
    findings += printing.check_print(theme)
    scores, structure = pemat.assess(ctx, findings)
    findings += structure
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (rank[f.severity], f.line or 0, f.check))
    return CheckResult(handout.loaded.file, findings, overall, sections, scores, handout.check)


def check_file(path: Path, display: str | None = None, *, today: dt.date | None = None) -> CheckResult:
    """Load, validate and resolve a spec, then check it. Spec errors raise as `prepare` does."""
    from handoutgen.build import prepare

    handout, warnings = prepare(path, display)
    return check_handout(handout, warnings, today=today)
