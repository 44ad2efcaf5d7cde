"""Content checks from the clinical audit of the shipped handouts (GitHub issue #13): one dose
everywhere, no notes to authors in print, a full "when to get help" list, condition-neutral
library text, and sentence runs so short that they read oddly."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from handoutgen.check.findings import Ctx, Finding
from handoutgen.paths import assets_dir
from handoutgen.resolve.handout import RExercise
from handoutgen.spec.types import is_placeholder

# ---- one dose everywhere ---------------------------------------------------------------------

_NUM = r"(\d+(?:\s*[-–]\s*\d+)?)"
_FACTS = (  # (kind, pattern, value from the match); "kind" is a field of exercise_facts()
    ("sets", re.compile(rf"\b{_NUM}\s*[x×]\s*\d", re.I), lambda m: m.group(1)),
    ("reps", re.compile(rf"\b\d+\s*[x×]\s*{_NUM}", re.I), lambda m: m.group(1)),
    ("sets", re.compile(rf"\b{_NUM}\s+sets?\b", re.I), lambda m: m.group(1)),
    ("reps", re.compile(rf"\b{_NUM}\s+(?:reps?|repetitions?)\b", re.I), lambda m: m.group(1)),
    ("hold", re.compile(rf"\bhold(?:s|ing)?\s+(?:for\s+|of\s+)?{_NUM}\s*(?:s|secs?|seconds?)\b", re.I),
     lambda m: m.group(1)),
    ("per_day", re.compile(r"\bonce a day\b", re.I), lambda m: "1"),
    ("per_day", re.compile(r"\btwice a day\b", re.I), lambda m: "2"),
    ("per_day", re.compile(r"\b(\d+) times (?:a|each|per) day\b", re.I), lambda m: m.group(1)),
    ("days", re.compile(r"\b(\d) days? (?:a|each|per|every) week\b", re.I), lambda m: m.group(1)),
    ("days", re.compile(r"\b(?:every day|each day|daily)\b", re.I), lambda m: "7"),
)
_WORDS = {"per_day": "{} a day", "days": "{} days a week", "sets": "{} sets", "reps": "{} reps",
          "hold": "holds of {} s"}


def _norm(value) -> str:
    return re.sub(r"\s*[-–]\s*", "-", str(value)).strip()


def text_facts(text: str) -> list[tuple[str, str, str]]:
    """(kind, value, words as typed) for every dose stated in `text`."""
    out = []
    for kind, pattern, value in _FACTS:
        out += [(kind, _norm(value(m)), m.group(0)) for m in pattern.finditer(text)]
    return out


def exercise_facts(ex: RExercise) -> dict[str, str | None]:
    """The card's dose in the same terms. An exercise with a daily count and no days a week is
    done every day (the card says 'twice a day')."""
    d = ex.dose
    per_day = d.per_day or (1 if d.days_per_week else None)
    days = d.days_per_week or (7 if d.per_day else None)
    return {"sets": _norm(d.sets) if d.sets else None, "reps": _norm(d.reps) if d.reps else None,
            "hold": _norm(d.hold) if d.hold else None, "per_day": str(per_day) if per_day else None,
            "days": str(days) if days else None}


def _mismatches(text: str, exercises: list[RExercise]) -> list[str]:
    """Doses stated in `text` that none of `exercises` has."""
    facts = [exercise_facts(ex) for ex in exercises]
    out = []
    for kind, value, typed in text_facts(text):
        if facts and not any(f[kind] == value for f in facts):
            cards = "; ".join(f"{ex.name}: {_card_value(f, kind)}" for ex, f in zip(exercises, facts))
            out.append(f"says '{typed}' but no exercise it is about has that dose ({cards})")
    return out


def _card_value(facts: dict, kind: str) -> str:
    value = facts[kind]
    return _WORDS[kind].format(value) if value else f"no {kind.replace('_', ' ')}"


def check_doses(ctx: Ctx) -> list[Finding]:
    """The relief plan, the exercises sections' own text, the cards and the tracker must give the
    same sets, reps, holds and days (clinical-facts.md section 9: one dose, everywhere)."""
    h, out = ctx.handout, []
    everything = [ex for s in h.sections for ex in s.exercises]
    by_id: dict[str, list[RExercise]] = {}
    for ex in everything:
        by_id.setdefault(ex.id, []).append(ex)
    for i, s in enumerate(h.sections):
        base = ("sections", i)
        for j, step in enumerate(s.steps):
            linked = [ex for eid in step.exercises for ex in by_id.get(eid, [])]
            for eid in step.exercises:
                if eid not in by_id:
                    out.append(ctx.at("warning", "dose", base + ("steps", j, "exercises"),
                                      f"step {j + 1} names exercise '{eid}', which is not in this handout"))
            texts = [(base + ("steps", j, "dose"), _plain(step.dose))]
            texts += [(base + ("steps", j, "text"), _plain(p)) for p in step.text]
            for path, text in texts:
                for problem in _mismatches(text, linked or everything):
                    out.append(ctx.at("warning", "dose", path, f"step {j + 1} of '{s.heading}' {problem}; "
                                                              "make the plan, cards and tracker agree", text))
        if s.type == "exercises":
            for p in s.paragraphs:
                for problem in _mismatches(_plain(p), s.exercises):
                    out.append(ctx.at("warning", "dose", base + ("text",),
                                      f"'{s.heading}' {problem}; make the text and the cards agree", _plain(p)))
        if s.type == "tracker":
            out += _tracker_doses(ctx, s, base)
    return out


def _tracker_doses(ctx: Ctx, s, base: tuple) -> list[Finding]:
    out = []
    for weeks, rows in ctx.handout.tracked(s):
        if s.days_per_week:
            for ex in rows:
                days = exercise_facts(ex)["days"]
                if days and days != str(s.days_per_week):
                    out.append(ctx.at("warning", "dose", base + ("days_per_week",),
                                      f"the tracker has {s.days_per_week} days a week but '{ex.name}' is done "
                                      f"{_card_value(exercise_facts(ex), 'days')}; leave days_per_week out so "
                                      "the tracker follows the cards"))
        seen: dict[str, dict] = {}
        for ex in rows:
            facts = exercise_facts(ex)
            if ex.id in seen and seen[ex.id] != facts:
                out.append(ctx.at("warning", "dose", base + ("stages",),
                                  f"'{ex.name}' appears twice in one tracked stage with different doses; "
                                  "the tracker cannot show both"))
            seen[ex.id] = facts
    return out


def _plain(rich) -> str:
    return "".join(run.text for run in rich or ())


# ---- notes to authors in print -----------------------------------------------------------------

# Words that tell an author something and mean nothing to a patient (case-sensitive for the
# all-caps markers, so an ordinary word is never caught).
_NOTE_WORDS = re.compile(r"\b(?:TODO|TBD|TBC|FIXME|XXX)\b|\blorem ipsum\b|(?i:\bnot yet verified\b|"
                         r"\bto be (?:confirmed|checked|verified)\b|\bpending (?:clinical )?review\b|"
                         r"\bplaceholder\b|\bcitation needed\b|\bcheck (?:this|before)\b|\bunverified\b)")


def check_internal_notes(ctx: Ctx) -> list[Finding]:
    """Placeholders and notes to authors ('DOI not yet verified', 'Pending clinical review') in a
    printed field. They belong in a YAML comment; a missing reviewer prints a Draft mark instead."""
    out = []
    h = ctx.handout
    fields = [(path, text) for path, text in h.texts]
    fields += [(("about", "author"), h.about.author or "")]
    fields += [(("references",), f"{r.cite} {r.note or ''}") for r in h.references]
    for path, text in fields:
        m = _NOTE_WORDS.search(text)
        if m:
            out.append(ctx.at("warning", "internal-note", path, f"'{m.group(0)}' reads as a note to the "
                                                                "authors; move it to a YAML comment", text))
    reviewer = h.about.reviewed_by
    if reviewer and is_placeholder(reviewer):
        out.append(ctx.at("warning", "internal-note", ("about", "reviewed_by"),
                          f"reviewed_by {reviewer!r} is a status, not a reviewer; remove it (without a named "
                          "reviewer every page prints 'Draft — not yet reviewed by a clinician')"))
    return out


# ---- when to get help ------------------------------------------------------------------------

def check_seek_care(ctx: Ctx) -> list[Finding]:
    """Every 'when to get help' section has an emergency group and the full red-flag list
    (clinical-facts.md sections 6 and 9: at least check.min_seek_care_items items)."""
    out = []
    least = ctx.limits.min_seek_care_items
    for i, s in enumerate(ctx.handout.sections):
        if s.type != "seek_care":
            continue
        if not s.groups.get("emergency"):
            out.append(ctx.at("warning", "seek-care", ("sections", i),
                              f"'{s.heading}' has no emergency group; add `emergency:` (such as sudden loss of "
                              "bladder or bowel control, or numbness where you sit on a bike seat)"))
        count = sum(len(items) for items in s.groups.values())
        if count < least:
            out.append(ctx.at("warning", "seek-care", ("sections", i),
                              f"'{s.heading}' lists {count} signs; at least {least} expected "
                              "(check.min_seek_care_items) so the full red-flag list is on every sheet"))
    return out


# ---- condition-neutral library text ----------------------------------------------------------

@lru_cache(maxsize=4)
def condition_terms(language: str = "en") -> tuple[re.Pattern, ...]:
    """Names of conditions that library text must not use (assets/conditions/<language>.yaml)."""
    path = assets_dir() / "conditions" / f"{language}.yaml"
    if not path.exists():
        return ()
    with open(path, encoding="utf-8") as fh:
        terms = yaml.safe_load(fh) or []
    return tuple(re.compile(rf"\b{t}\b", re.I) for t in terms)


def condition_in(text: str, language: str = "en") -> str | None:
    """The first condition named in `text`, or None."""
    for pattern in condition_terms(language):
        m = pattern.search(text)
        if m:
            return m.group(0)
    return None


def check_library_conditions(ctx: Ctx) -> list[Finding]:
    """A library entry is reused across handouts, so it names no condition: 'Do not lie on your
    sore side' belongs in the spec item's own `cautions`."""
    out = []
    for i, s in enumerate(ctx.handout.sections):
        for j, ex in enumerate(s.exercises):
            for text in ex.library_text:
                term = condition_in(text, ctx.handout.language)
                if term:
                    out.append(ctx.at("warning", "library-text", ("sections", i, "items", j),
                                      f"library exercise '{ex.id}' names a condition ('{term}'); keep library "
                                      "text condition-neutral and put this under the item's `cautions`", text))
    return out


# ---- one pain rule ---------------------------------------------------------------------------

# Rules that contradict the pain guide (4-5 out of 10 is OK if it settles by the next morning).
_OTHER_PAIN_RULES = re.compile(r"\b(?:stop (?:any exercise |it |doing it )?if it (?:hurts|is painful)|"
                               r"(?:makes|make) (?:your|the) pain worse|mild soreness|no pain, no gain|"
                               r"should not hurt at all|push through the pain)\b", re.I)


def check_pain_rule(ctx: Ctx) -> list[Finding]:
    """A handout with exercises states one pain rule: the `pain_guide` section's. Other rules
    ("stop if it makes your pain worse", "mild soreness is OK") contradict it (issue #13)."""
    h, out = ctx.handout, []
    if any(s.exercises for s in h.sections) and not any(s.type == "pain_guide" for s in h.sections):
        out.append(ctx.at("note", "pain-rule", ("sections",), "this handout has exercises but no "
                                                               "`- type: pain_guide` section; add it so readers "
                                                               "know how much pain is OK"))
    for path, text in ctx.texts:
        m = _OTHER_PAIN_RULES.search(text)
        if m:
            out.append(ctx.at("warning", "pain-rule", path, f"'{m.group(0)}' is a pain rule of its own; use the "
                                                            "pain guide's (0–3 fine, 4–5 OK if it settles by "
                                                            "the next morning, above 5 do less)", text))
    return out


# ---- choppy text -----------------------------------------------------------------------------

def check_short_sentences(ctx: Ctx) -> list[Finding]:
    """Runs of 2–5-word sentences buy a low grade but read oddly. A section of 100+ words whose
    sentences average under check.min_sentence_mean words gets a note (CDC: 8–10 is best)."""
    out = []
    least = ctx.limits.min_sentence_mean
    for lv in ctx.levels[1:]:
        if lv.words >= 100 and lv.sentences and lv.words / lv.sentences < least:
            out.append(ctx.at("note", "short-sentences", ("sections", lv.index),
                              f"sentences in '{lv.name}' average {lv.words / lv.sentences:.1f} words (below "
                              f"{least:g}); join some short ones so the text reads naturally (CDC: 8–10 is best)"))
    return out


CHECKS = [check_doses, check_internal_notes, check_seek_care, check_library_conditions, check_pain_rule,
          check_short_sentences]
