"""The words a handout prints around its spec's text, decided once from the label table:
dose phrases, the hold timer, the "about" and date lines, body-map defaults and the tracker's
day count. The layout prints these as they are; checks read the same words."""

from __future__ import annotations

from dataclasses import replace

from handoutgen.labels import labels, plural
from handoutgen.resolve.handout import Handout, RExercise, RFigure, RSection, TrackerBlock


def with_words(handout: Handout) -> Handout:
    """A copy of `handout` with every decided word filled in from its language's labels. Run
    again after anything changes a dose (personalising does)."""
    words = labels(handout.language)
    exercises = [ex for s in handout.sections for ex in s.exercises]
    phone = handout.clinic.phone if handout.clinic else None
    sections = [_section(s, words, exercises, handout.language, phone) for s in handout.sections]
    out = replace(handout, sections=sections, about_line=about_line(handout, words),
                  dates_line=dates_line(handout, words),
                  prepared_date_words=date_words(handout.prepared_date, words),
                  prepared_header=(words["prepared_header"].format(name=handout.prepared_for)
                                   if handout.prepared_for else None))
    for s in out.sections:
        if s.type == "tracker":
            pain = s.morning_pain
            s.blocks = tracker_blocks(s, out.tracked(s), words, handout.language, pain=pain)
            s.help_line = words["tracker_help_pain"] if pain else words["tracker_help"]
            s.days = s.blocks[0].days if s.blocks else tracker_days(s, exercises)
    return out


def _section(s: RSection, words: dict, everything: list[RExercise], language: str,
             phone: str | None = None) -> RSection:
    changes: dict = {}
    if s.exercises:
        changes["exercises"] = [replace(ex, dose_words=dose_words(ex.dose, words, language, limb(ex.regions)),
                                        hold_label=hold_label(ex.pose, ex.dose, words))
                                for ex in s.exercises]
    if s.figure is not None and s.figure.image is None:
        changes["figure"] = body_map(s, s.figure, words)
    if s.type == "tracker":  # its rows and days are filled in once every section has its words
        changes["blocks"] = []
    if s.type == "seek_care":
        changes["group_labels"] = {group: group_label(group, words, phone) for group in s.groups}
        changes["continued"] = words["continued_heading"].format(heading=s.heading, continued=words["continued"])
    return replace(s, **changes) if changes else s


# The help-box groups that say "call your clinic" or "book a visit": the reader needs the number there.
CALL_CLINIC = ("urgent", "routine")


def group_label(group: str, words: dict, phone: str | None) -> str:
    """A help-box group's label: "Call your doctor or clinic today: 555-0100" when the spec has
    the clinic's phone, else the label and a blank line to write the number in."""
    if group not in CALL_CLINIC:
        return words[group]
    return words["call_clinic"].format(label=words[group], phone=phone or words["phone_blank"])


ARMS, LEGS = {"shoulder", "elbow", "wrist", "hand"}, {"hip", "knee", "ankle", "foot"}


def limb(regions) -> str:
    """What 'each' and 'both' refer to for an exercise moving these body areas: arm, leg or side."""
    areas = set(regions or ())
    if areas and areas <= ARMS:
        return "arm"
    if areas and areas <= LEGS:
        return "leg"
    return "side"


def dose_words(d, words: dict, language: str = "en", limb: str = "leg") -> list[str]:
    """The dose as short phrases: ["2 sets", "10–15 reps", "each side", "3 days a week"]. The
    side words follow the body part: "both legs", "each arm", "both sides"."""
    out = []
    if d.sets:
        out.append(plural(words, "sets", d.sets, language))
    if d.reps:
        out.append(plural(words, "reps", d.reps, language))
    if d.hold:
        out.append(words["hold"].format(n=d.hold))
    if d.minutes:
        out.append(words["minutes"].format(n=d.minutes))
    if d.side:
        out.append(words.get(f"side_{d.side}_{limb}") or words[f"side_{d.side}"])
    if d.per_day and not (d.per_day == 1 and d.days_per_week):  # "3 days a week" implies once a day
        out.append(plural(words, "per_day", d.per_day, language))
    if d.days_per_week:
        out.append(words["days_per_week_all"] if d.days_per_week == 7
                   else plural(words, "days_per_week", d.days_per_week, language))
    if d.effort:
        out.append(words["effort"].format(effort=d.effort))
    if d.note:
        out.append(d.note)
    return out


def tracker_blocks(s: RSection, stages: list[tuple[int, list[RExercise]]], words: dict,
                   language: str = "en", pain: bool = False) -> list[TrackerBlock]:
    """The tracker's stages as printed: a row per exercise, with a line of boxes per session a
    day ("twice a day" under its name), its days a week, and week numbers, stage after stage.
    With `pain` (the spec's morning_pain), each stage ends with a row for the next morning's
    pain: the pain guide's rule is to do less when it is worse than usual."""
    blocks, week = [], s.first_week
    for weeks, exercises in stages:
        days = tracker_days(s, exercises)
        if exercises:
            rows, sessions = [ex.name for ex in exercises], [ex.dose.per_day or 1 for ex in exercises]
            often = [words["tracker_sessions"].format(per_day=plural(words, "per_day", n, language)) if n > 1
                     else None for n in sessions]
            row_days = [min(days, ex.dose.days_per_week or days) for ex in exercises]
        else:  # no exercises to follow: blank rows to write them in
            rows, sessions, often, row_days = [""] * 6, [1] * 6, [None] * 6, [days] * 6
        blocks.append(TrackerBlock(weeks, rows, sessions, often, days, row_days, week,
                                   words["tracker_pain"] if pain else None))
        week += weeks
    return blocks


def hold_label(pose, dose, words: dict) -> str | None:
    """The seconds under the stopwatch ("30 s") of a held position, a push, or the finish of a
    move that is held there (a stretch); None when the dose has no hold."""
    if pose is None or not dose.hold:
        return None
    return words["hold_timer"].format(n=dose.hold)


def body_map(s: RSection, fig: RFigure, words: dict) -> RFigure:
    """A body map's view, regions, mode and legend: pain patterns default to the back view with
    the section's regions shaded and a legend; anatomy to the side view."""
    pain = s.type == "pain_patterns"
    highlight = list(dict.fromkeys(s.regions + fig.highlight)) if pain else fig.highlight
    if not highlight and fig.view is None:  # a caption alone: no map (view None), never an empty one
        return replace(fig, highlight=[])
    return replace(fig, view=fig.view or ("back" if pain else "side"), highlight=highlight,
                   mode="pain" if pain else "anatomy", legend=words["bodymap_legend"] if pain else None)


def tracker_days(s: RSection, exercises: list[RExercise]) -> int:
    """The tracker's days a week: as given, else the prescription's most days a week, else 7. An
    exercise with a daily count and no days a week is done every day (as `check` reads it)."""
    days = (ex.dose.days_per_week or (7 if ex.dose.per_day else 0) for ex in exercises)
    return s.days_per_week or max(days, default=0) or 7


def about_line(h: Handout, words: dict) -> str | None:
    """Who wrote and reviewed the handout and the clinic, as one line of sentences."""
    a = h.about
    parts = []
    if a.author:
        parts.append(words["author"].format(name=a.author))
    if h.draft:  # no named reviewer: say so; a status such as "Pending review" is never printed as a name
        parts.append(words["draft"])
    else:
        parts.append(words["reviewed_by"].format(name=a.reviewed_by))
    clinic = h.clinic
    if clinic and (clinic.name or clinic.website):
        parts.append(words["separator"].join(x for x in (clinic.name, clinic.phone, clinic.website) if x))
    # the publication and review dates are in every page's footer
    if not parts:
        return None
    return words["sentence_join"].join(parts) + words["sentence_end"]


def dates_line(h: Handout, words: dict) -> str:
    """The footer's "Published … · Next review …"."""
    parts = []
    if h.about.published:
        parts.append(words["published"].format(date=date_words(h.about.published, words)))
    if h.about.next_review:
        parts.append(words["next_review"].format(date=date_words(h.about.next_review, words)))
    return words["separator"].join(parts)


def date_words(value, words: dict) -> str | None:
    """A date (or year-month-day text) in words, "22 November 2026": a patient never has to
    guess whether 2026-11-12 or 12/11/2026 is November or December."""
    import datetime as dt

    if not value:
        return None
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    return words["date_words"].format(day=day.day, month=words["months"][day.month - 1], year=day.year)
