"""The spec and exercise-library models: what a valid file looks like. No I/O here.

Field names are the public contract (issue #2). Field descriptions go into the JSON Schema that
`handoutgen schema` prints for editor autocompletion. See fields.py for how validation works.
"""

from __future__ import annotations

import re

import datetime as dt

from handoutgen.spec.fields import Const, F, Invalid, Model, Tagged
from handoutgen.spec.types import Bool, Date, Slug, amount, choice, listed, number, text, whole_number

Short = text(200)
Line = text(600)
Body = text(60_000)
Url = text(2_000)

KINDS = ("strengthen", "stretch", "mobility", "release", "balance")
LEVELS = ("starter", "progress", "advanced")
SIDES = ("each", "both", "left", "right")
# Body areas an exercise moves, for `handoutgen exercises --region` (issue 16).
REGIONS = ("neck", "shoulder", "elbow", "wrist", "hand", "back", "hip", "knee", "ankle", "foot")
# How hard a set should feel, in the LEAP trial's words (clinical-facts.md section 9).
EFFORTS = ("light", "light to somewhat hard", "somewhat hard", "somewhat hard to hard", "hard")


class Dose(Model):
    """How much and how often. Every part is optional; the card prints the parts given."""

    sets = F(whole_number(1, 20), None, "Sets, 1–20.")
    reps = F(amount(1, 100, "repetitions"), None, "Repetitions per set: 10 or 8-12.")
    hold = F(amount(1, 600, "seconds"), None, "Seconds to hold: 30 or 20-30.")
    minutes = F(amount(1, 180, "minutes"), None, "Minutes, for walking or running.")
    per_day = F(whole_number(1, 10), None, "Times per day, 1–10.")
    days_per_week = F(whole_number(1, 7), None, "Days per week, 1–7.")
    side = F(choice(*SIDES), None,
             "each = both sides in turn; both = both legs together; or left/right only.")
    effort = F(choice(*EFFORTS), None, "How hard it should feel: light, light to somewhat hard, somewhat "
                                       "hard, somewhat hard to hard, or hard.")
    note = F(Short, None, "A few extra words, such as 'per tender spot'.")


class Exercise(Model):
    """One exercise in the library (assets/exercises/<id>.yaml) or written inline in a spec."""

    id = F(Slug, doc="Unique id; the file name without .yaml.")
    name = F(Short, doc="Plain name a patient understands.")
    alias = F(Short, None, "The common or clinical name.")
    kind = F(choice(*KINDS), None, "strengthen, stretch, mobility, release or balance (required in the library).")
    level = F(choice(*LEVELS), "starter", "starter, progress or advanced.")
    targets = F(listed(Short, 0, 6), factory=list, doc="What it works, in plain words.")
    regions = F(listed(choice(*REGIONS), 0, 6), factory=list,
                doc="Body areas the exercise moves (" + ", ".join(REGIONS) + "); "
                    "`handoutgen exercises --region` lists by them.")
    caption = F(Line, None, "One line describing the movement, under the figure.")
    position = F(Body, None, "Starting position.")
    steps = F(listed(Body, 0, 12), factory=list, doc="Numbered steps, short 'you' sentences.")
    description = F(Body, None, "One paragraph saying how to do it, instead of (or before) steps.")
    tips = F(listed(Body, 0, 6), factory=list, doc="Short hints that make it easier or better.")
    cautions = F(listed(Body, 0, 8), factory=list, doc="When to stop or skip it.")
    dose = F(Dose, factory=Dose, doc="Typical starting dose.")
    video = F(Url, None, "https link to a video of the exercise.")
    evidence = F(listed(Slug, 0, 12), factory=list, doc="Reference ids it rests on.")
    common_practice = F(Bool, False, "True when no study is cited: printed as 'common practice'.")

    def after(self) -> None:
        if not self.steps and not self.description:
            raise Invalid("give steps (a list of short sentences) or a one-paragraph description")

    def library_problems(self) -> list[tuple[str, str]]:
        """What a library entry must say that an exercise written inline may leave out."""
        out = []
        if self.kind is None:
            out.append(("kind", "a library exercise needs a kind: " + ", ".join(KINDS)))
        if not self.evidence and not self.common_practice:
            out.append(("evidence", "give evidence reference ids, or set common_practice: yes"))
        return out


DOSE_CHANGES = ("sets", "reps", "hold", "minutes", "per_day", "days_per_week", "side", "effort")
ITEM_ONLY = set(DOSE_CHANGES) | {"id", "notes"}


def _slug_from(name: object) -> str:
    """'Wall sit (90°)' -> 'wall-sit-90': the id of an inline exercise written without one."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-") or "exercise"


class ExerciseItem(Model):
    """An exercise in a spec: a library id, an id with dose changes, or a full inline exercise."""

    id = F(Slug, doc="Library id (or the id of the inline exercise).")
    # dose changes laid over the library's dose: the same fields as Dose (all but its note)
    sets, reps, hold, minutes, per_day, days_per_week, side, effort = (Dose.fields[k] for k in DOSE_CHANGES)
    notes = F(Body, None, "Notes printed on the card, such as why this exercise is in this handout.")
    cautions = F(listed(Body, 0, 6), factory=list,
                 doc="Cautions for this handout's readers, printed on the card after the library's own "
                     "(a library entry stays condition-neutral: 'Do not lie on the sore side' goes here).")
    exercise = F(Exercise, None, "A full inline exercise instead of a library id.")

    @classmethod
    def before(cls, data: object) -> object:
        if isinstance(data, str):  # "- clam" means the library entry with its default dose
            return {"id": data}
        if isinstance(data, dict) and "name" in data and "exercise" not in data:
            # an exercise written inline: the dose, notes and id stay on the item (laid over a
            # default dose, as for a library exercise); the rest describes the exercise
            own = {k: v for k, v in data.items() if k in ITEM_ONLY}
            exercise = {k: v for k, v in data.items() if k not in ITEM_ONLY}
            exercise["id"] = own.setdefault("id", _slug_from(data["name"]))
            return {**own, "exercise": exercise}
        return data

    @classmethod
    def shorthands(cls, defs: dict) -> list[dict]:
        return [Slug.schema(defs), Exercise.schema(defs)]

    def dose_overrides(self) -> dict:
        """The dose fields this item sets, to lay over the library default."""
        return {k: getattr(self, k) for k in DOSE_CHANGES if getattr(self, k) is not None}


class Figure(Model):
    """A picture: an image file (relative to the spec) or a body map (view + highlighted regions)."""

    image = F(Line, None, "PNG or JPEG path, relative to the spec's folder.")
    view = F(choice("back", "side", "front"), None, "Body-map view.")
    highlight = F(listed(Slug, 0, 12), factory=list, doc="Body-map region ids.")
    alt = F(Line, None, "What the picture shows, in words.")

    @classmethod
    def before(cls, data: object) -> object:
        return {"image": data} if isinstance(data, str) else data

    @classmethod
    def shorthands(cls, defs: dict) -> list[dict]:
        return [{"type": "string", "description": "Image path, relative to the spec's folder."}]


class Step(Model):
    """One step of the relief plan."""

    title = F(Short, doc="The step in a few words, printed bold.")
    text = F(Body, None, "What to do; a blank line starts a new paragraph.")
    dose = F(Line, None, "How much / how often, highlighted.")
    caution = F(Body, None, "When to take care, highlighted in red.")
    exercises = F(listed(Slug, 0, 20), factory=list,
                  doc="Ids of the exercises this step's dose is for; `check` compares the two.")


class _Section(Model):
    heading = F(Short, None, "Heading; each type has a sensible default.")
    text = F(Body, None, "Paragraphs; a blank line starts a new one.")


class Anatomy(_Section):
    type = F(Const("anatomy"), doc="What the muscle is and does, with a body map.")
    points = F(listed(Body, 0, 200), factory=list, doc="Bullets, beside the figure when they are short.")
    figure = F(Figure, None, "A body map (default: the side view) or an image.")
    caption = F(Line, None, "One line under the figure.")


class PainPatterns(_Section):
    type = F(Const("pain_patterns"), doc="Where it hurts, on a shaded body map.")
    regions = F(listed(Slug, 0, 20), factory=list, doc="Body-map regions where it hurts.")
    symptoms = F(listed(Body, 0, 200), factory=list, doc="Bullets: how it feels, what makes it worse.")
    figure = F(Figure, None, "The body map (default: the back view, the regions shaded) or an image.")
    caption = F(Line, None, "One line under the figure.")


class ReliefPlan(_Section):
    type = F(Const("relief_plan"), doc="Numbered steps that help.")
    steps = F(listed(Step, 1, 12), doc="1–12 steps, each with a title and optional dose and caution.")


class Exercises(_Section):
    type = F(Const("exercises"), doc="Exercise cards (or rows) from the library or written inline.")
    items = F(listed(ExerciseItem, 1, 200), doc="Library ids, ids with dose changes, or inline exercises.")
    style = F(choice("cards", "list", "tiles"), "cards",
              "cards: a full card per exercise; list: one compact row each (name, what to do, dose); "
              "tiles: a small picture with the name, dose and what to do, two to a row (one-page sheets).")


class SeekCare(_Section):
    type = F(Const("seek_care"), doc="When to get help, in boxes from most to least urgent.")
    emergency = F(listed(Body, 0, 200), factory=list, doc="Signs to call the emergency number now.")
    urgent = F(listed(Body, 0, 200), factory=list, doc="Signs to call the doctor or clinic today.")
    routine = F(listed(Body, 0, 200), factory=list, doc="Signs to book a visit soon.")


class PainGuide(_Section):
    """The pain scale drawn as a 0–10 bar (0–3 fine, 4–5 OK if it settles by the next morning,
    above 5 do less next time) with the next-morning rule. Its words are in assets/labels."""

    type = F(Const("pain_guide"), doc="The 0–10 pain scale and the next-morning rule.")


class TrackedStage(Model):
    """One stage in a tracker: the exercises of the sections headed so, for a number of weeks."""

    sections = F(listed(Short, 1, 10), doc="Headings of the exercises sections in this stage.")
    weeks = F(whole_number(1, 12), 1, "Weeks of this stage, 1–12.")

    @classmethod
    def before(cls, data: object) -> object:
        return {"sections": [data]} if isinstance(data, str) else data

    @classmethod
    def shorthands(cls, defs: dict) -> list[dict]:
        return [{"type": "string", "description": "Heading of one exercises section, tracked for 1 week."}]


class Tracker(_Section):
    """A tick-box grid: one row per prescribed session of each exercise, one column per day."""

    type = F(Const("tracker"), doc="A tick-box grid to track the exercises.")
    weeks = F(whole_number(1, 12), 2, "Weeks to track, 1–12.")
    stages = F(listed(TrackedStage, 0, 12), factory=list,
               doc="The stages of a programme, in order, each its own block of weeks (default: every "
                   "exercise in the handout for `weeks` weeks).")
    first_week = F(whole_number(1, 52), 1, "Number of the first week shown: 3 gives Week 3, Week 4, ...")
    days_per_week = F(whole_number(1, 7), None,
                      "Columns per week; default: the most days a week any exercise asks for.")
    morning_pain = F(Bool, False, "A 'Morning pain' row under each stage: a box a day to write the "
                                  "pain score (0-10) in, for the pain guide's next-morning rule.")


class TextSection(_Section):
    type = F(Const("text"), doc="A plain section under your own heading.")
    heading = F(Short, doc="Heading (required for a text section).")
    points = F(listed(Body, 0, 200), factory=list, doc="Bullets after the text.")


SECTION_TYPES = {cls.fields["type"].type.word: cls
                 for cls in (Anatomy, PainPatterns, ReliefPlan, Exercises, PainGuide, SeekCare, Tracker,
                             TextSection)}

Section = Tagged("type", SECTION_TYPES, "section")


class About(Model):
    """Quality markers printed on the handout (PIF TICK / JAMA benchmarks)."""

    author = F(Short, None, "Who wrote it (printed as 'Written by …').")
    reviewed_by = F(Short, None, "Who reviewed it (printed as 'Reviewed by …'), or a status.")
    published = F(Date, None, "Date of publication, like 2026-11-22 (in every page's footer).")
    next_review = F(Date, None, "After published, at most 3 years later.")

    def after(self) -> None:
        if self.published and self.next_review:
            if self.next_review <= self.published:
                raise Invalid(f"next_review ({self.next_review}) must be after published ({self.published})")
            limit = add_years(self.published, 3)
            if self.next_review > limit:
                raise Invalid(f"next_review ({self.next_review}) must be at most 3 years after "
                              f"published (by {limit})")


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Clinic(Model):
    """Who hands the handout out. Inline, or `clinic: clinic.yaml` naming a file."""

    name = F(Short, None, "Clinic name, in the header and the about line.")
    phone = F(Short, None, "Phone number, in the header.")
    website = F(Url, None, "Website, in the about line.")
    logo = F(Line, None, "Image path relative to the spec (or clinic file).")
    file = F(Line, None, "Path of a YAML file holding these fields.")

    @classmethod
    def before(cls, data: object) -> object:
        return {"file": data} if isinstance(data, str) else data

    @classmethod
    def shorthands(cls, defs: dict) -> list[dict]:
        return [{"type": "string", "description": "Path of a YAML file holding the clinic fields."}]


class Reference(Model):
    """A work cited as [@id]."""

    id = F(Slug, doc="The id cited as [@id].")
    cite = F(text(1_000), doc="Vancouver-style citation.")
    doi = F(Short, None, "DOI such as 10.1136/bmj.k1662 (printed as a link).")
    url = F(Url, None, "https link, when there is no DOI.")
    note = F(Short, None, "Printed after the citation, for readers (e.g. 'Erratum published'). Notes to "
                          "authors such as 'DOI not yet verified' belong in a YAML comment.")


class CheckSettings(Model):
    """Per-handout thresholds for `handoutgen check` (defaults from STANDARDS.md)."""

    max_grade = F(number(1, 16), 6.0, "Flesch-Kincaid grade, whole handout (AMA: 6th grade).")
    max_smog = F(number(1, 18), 8.0, "SMOG grade, whole handout.")
    max_sentence_words = F(whole_number(5, 60), 20, "Longest sentence, in words.")
    max_paragraph_sentences = F(whole_number(1, 20), 5, "CDC: paragraphs of 3–5 sentences.")
    max_list_items = F(whole_number(2, 30), 7, "CDC: lists of at most 7 items.")
    max_section_words = F(whole_number(20, 2000), 150, "PEMAT-P item 8: short sections.")
    min_sentence_mean = F(number(1, 30), 8.0, "A section of 100+ words whose sentences average fewer "
                                              "words reads choppily (a note; CDC: 8–10 is best).")
    min_seek_care_items = F(whole_number(0, 100), 10,
                            "Fewest items in a 'when to get help' section (the red-flag list).")


class Spec(Model):
    """A handout spec (handouts/*.yaml)."""

    title = F(Short, doc="Handout title (required).")
    subtitle = F(Line, None, "One line under the title.")
    language = F(choice("en"), "en", "Language of the text and labels.")
    paper = F(choice("letter", "a4"), "letter", "Paper size (build --paper overrides it).")
    main_message = F(Body, doc="One sentence, boxed at the top of page 1 (required).")
    key_points = F(listed(Body, 2, 5), factory=list, doc="2–5 short bullets.")
    keywords = F(listed(Short, 0, 20), factory=list, doc="PDF keywords.")
    about = F(About, factory=About, doc="Author, reviewer and dates, printed on the handout.")
    clinic = F(Clinic, None, "The clinic handing it out, inline or the path of a clinic file.")
    library = F(Line, None, "Extra exercise folder, relative to the spec.")
    page_limit = F(whole_number(1, 50), None,
                   "Fit on this many pages with compact layouts; the type stays at least 14 pt. "
                   "Exercise cards then leave out their evidence line.")
    sections = F(listed(Section, 1, 60), doc="The handout's sections, in print order, each with a type.")
    check = F(CheckSettings, factory=CheckSettings, doc="Thresholds for `handoutgen check`.")
    references = F(listed(Reference, 0, 300), factory=list,
                   doc="Works cited as [@id] (shared ones in assets/references.yaml need not be listed).")

    @classmethod
    def before(cls, data: object) -> object:
        # `key_points:` with nothing after it means "none", not an error
        if isinstance(data, dict) and data.get("key_points", 0) is None:
            data = {k: v for k, v in data.items() if k != "key_points"}
        return data


REFERENCE_LIST = listed(Reference, 0, 1000)  # assets/references.yaml
