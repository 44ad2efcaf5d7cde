"""Structure: the PEMAT-P and CDC Clear Communication Index items a program can check.

PEMAT-P (AHRQ) scores a material as agreed ÷ applicable × 100 for understandability and for
actionability; 70% is the usual bar. Only the items that can be judged from the spec are scored
here, so the percentages are for those items, not a full PEMAT-P rating by a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handoutgen.check.findings import CheckContext, Finding
from handoutgen.check.readability import split_sentences, words

BAR = 70  # PEMAT-P: 70% is the usual bar for "understandable" / "actionable"
_GENERIC = {"information", "info", "other", "misc", "more", "notes", "details", "section", "general"}
# Words a sentence giving an instruction often starts with (imperative mood).
_IMPERATIVE = set(
    "add ask avoid begin bend breathe bring build call change check come do don't eat go hold keep "
    "lie lift lower make move note put raise repeat rest see sit stand start stay step stop take "
    "tell tick try turn use wait walk wear write".split())


@dataclass(frozen=True)
class Item:
    """One PEMAT-P item and its result: True passed, False failed, None not applicable."""

    number: int
    name: str
    result: bool | None


@dataclass(frozen=True)
class Score:
    scale: str  # understandability or actionability
    items: list[Item]

    @property
    def percent(self) -> int | None:
        applicable = [i for i in self.items if i.result is not None]
        if not applicable:
            return None
        return round(100 * sum(1 for i in applicable if i.result) / len(applicable))


def assess(ctx: CheckContext, findings: list[Finding]) -> tuple[dict[str, Score], list[Finding]]:
    """Score the automatable items and turn failed ones into findings. `findings` are the other
    checks' results: items 4, 5 and 8 pass when their checks found nothing."""
    found = {f.check for f in findings}
    handout = ctx.handout
    sections = handout.sections
    figures = [s.figure for s in sections if s.figure is not None]  # an image or a body map prints
    actions = _action_sentences(ctx)
    understand = Score("understandability", [
        Item(4, "medical terms are defined", "jargon" not in found),
        Item(5, "active voice", "passive-voice" not in found),
        Item(8, "short sections", "long-section" not in found),
        Item(9, "informative headers", all(s.heading and s.heading.lower() not in _GENERIC for s in sections)),
        Item(11, "a summary (key points)", len(handout.key_points) >= 2),
        # the layout always boxes the main message and prints bullets and bold labels
        Item(12, "visual cues draw attention to key points", True),
        Item(17, "visuals have captions", all(f.caption for f in figures) if figures else None),
        # the only table the layout prints is the tracker, with week and day header rows
        Item(19, "simple tables with headers", True if any(s.type == "tracker" for s in sections) else None),
    ])
    act = Score("actionability", [
        Item(20, "at least one action", bool(actions)),
        Item(21, "addresses the reader as 'you'", _direct(actions) if actions else None),
        Item(22, "actions as explicit numbered steps",
             any(s.type == "relief_plan" or s.exercises for s in sections)),
        Item(23, "a tangible tool (tracker or checklist)", any(s.type == "tracker" for s in sections)),
    ])
    scores = {"understandability": understand, "actionability": act}
    return scores, _findings(ctx, scores) + _cdc(ctx)


def _action_sentences(ctx: CheckContext) -> list[str]:
    """Sentences that tell the reader what to do: numbered steps, exercises, imperatives."""
    out = []
    for path, text in ctx.texts:
        if path[-1] in ("heading", "name"):
            continue
        in_plan = path[0] == "sections" and len(path) > 2 and path[2] in ("steps", "items")
        for sentence in split_sentences(text):
            first = (words(sentence) or [""])[0].lower()
            if in_plan or first in _IMPERATIVE:
                out.append(sentence)
    return out


def _direct(sentences: list[str]) -> bool:
    """PEMAT-P item 21: most action sentences say 'you' or are instructions to the reader."""
    direct = sum(1 for s in sentences if re.search(r"\byou(?:r|rs|rself)?\b", s, re.I)
                 or (words(s) or [""])[0].lower() in _IMPERATIVE)
    return direct * 2 >= len(sentences)


def _findings(ctx: CheckContext, scores: dict[str, Score]) -> list[Finding]:
    """A failed item is a note (a warning for a missing action or caption, both quick to fix);
    a scale under the 70% bar is a warning."""
    out = []
    for item in (i for score in scores.values() for i in score.items):
        if item.result is False and item.number not in (4, 5, 8):  # those have their own findings
            severity = "warning" if item.number in (17, 20) else "note"
            out.append(ctx.at(severity, "structure", (), f"PEMAT-P item {item.number} not met: "
                                                         f"{item.name}{_HINTS.get(item.number, '')}"))
    for score in scores.values():
        if score.percent is not None and score.percent < BAR:
            out.append(ctx.at("warning", "structure", (), f"PEMAT-P {score.scale} is {score.percent}% for the "
                                                          f"automatable items; the bar is {BAR}%"))
    return out


_HINTS = {
    9: "; give every section a heading that says what is in it",
    11: "; add 2–5 key_points",
    17: "; add a caption under every figure",
    20: "; tell the reader what to do (a relief_plan or exercises section)",
    21: "; write instructions as 'you' sentences or commands",
    22: "; put actions in a relief_plan (numbered steps)",
    23: "; add a tracker section",
}


def _cdc(ctx: CheckContext) -> list[Finding]:
    """CDC Clear Communication Index: one main message at the top; who to contact and when."""
    out = []
    if len(split_sentences(" ".join(t for p, t in ctx.texts if p == ("main_message",)))) > 1:
        out.append(ctx.at("note", "structure", ("main_message",),
                          "the main message has more than one sentence; CDC: one main message"))
    if not any(s.type == "seek_care" for s in ctx.handout.sections):
        out.append(ctx.at("warning", "structure", ("sections",),
                          "no 'when to get help' section: add a seek_care section saying who to contact "
                          "and when (CDC Clear Communication Index)"))
    return out
