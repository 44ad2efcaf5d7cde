"""The spec and exercise-library models: what a valid file looks like. No I/O here.

Field names are the public contract (issue #2). Every field has a description, which pydantic
turns into the JSON Schema that `handoutgen schema` prints for editor autocompletion.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from handoutgen.spec.types import Bool, Date, Slug, amount, choice, listed, number, text, whole_number

Short = text(200)
Line = text(600)
Body = text(60_000)
Url = text(2_000)

KINDS = ("strengthen", "stretch", "mobility", "release", "balance")
LEVELS = ("starter", "progress", "advanced")


class Strict(BaseModel):
    """Unknown keys are errors (with a did-you-mean hint added by validate.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Dose(Strict):
    """How much and how often. Every part is optional; the card prints the parts given."""

    sets: whole_number(1, 20) | None = Field(None, description="Sets, 1–20.")
    reps: amount(1, 100, "repetitions") | None = Field(None, description="Repetitions per set: 10 or 8-12.")
    hold: amount(1, 600, "seconds") | None = Field(None, description="Seconds to hold: 30 or 20-30.")
    minutes: amount(1, 180, "minutes") | None = Field(None, description="Minutes, for walking or running.")
    per_day: whole_number(1, 10) | None = Field(None, description="Times per day, 1–10.")
    days_per_week: whole_number(1, 7) | None = Field(None, description="Days per week, 1–7.")
    side: choice("each", "both", "left", "right") | None = Field(
        None, description="each = both sides in turn; both = both legs together; or left/right only.")
    note: Short | None = Field(None, description="A few extra words, such as 'per sore spot'.")


_DOSE_FIELDS = tuple(Dose.model_fields)


Angle = number(-360, 360, "an angle in degrees")
JOINTS = ("pelvis", "shoulder", "knee_near", "ankle_near", "toe_near", "knee_far", "ankle_far", "toe_far",
          "elbow_near", "wrist_near", "elbow_far", "wrist_far", "head")


class Angles(Strict):
    """Absolute segment angles in degrees (0 = pointing right, 90 = up). Unset ones follow defaults:
    head along the trunk, shin along the thigh, foot square to the shin, forearm along the upper arm."""

    trunk: Angle = Field(description="Pelvis to shoulders: 90 standing, 180 or 0 lying.")
    head: Angle | None = None
    thigh_near: Angle
    shin_near: Angle | None = None
    foot_near: Angle | None = None
    thigh_far: Angle
    shin_far: Angle | None = None
    foot_far: Angle | None = None
    upper_arm_near: Angle
    forearm_near: Angle | None = None
    upper_arm_far: Angle
    forearm_far: Angle | None = None

    def as_dict(self) -> dict[str, float]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


class Prop(Strict):
    """Equipment in the picture, placed relative to the pelvis (figure units; 100 = standing height)."""

    kind: choice("mat", "chair", "counter", "wall", "ball", "roller", "pillow")
    x: number(-150, 150) = 0.0
    y: number(-150, 150) = 0.0


class Pose(Strict):
    """How the exercise figure is drawn: a start pose, an end pose (omit it for a hold) and props."""

    start: Angles
    end: Angles | None = Field(None, description="Omit for a held position (drawn with a timer).")
    props: listed(Prop, 0, 6) = Field(default_factory=list)
    moving: choice(*JOINTS) | None = Field(None, description="Joint the arrow follows (default: the one "
                                                            "that moves most).")


class Exercise(Strict):
    """One exercise in the library (assets/exercises/<id>.yaml) or written inline in a spec."""

    id: Slug = Field(description="Unique id; the file name without .yaml.")
    name: Short = Field(description="Plain name a patient understands.")
    alias: Short | None = Field(None, description="The common or clinical name.")
    kind: choice(*KINDS) = Field(description="strengthen, stretch, mobility, release or balance.")
    level: choice(*LEVELS) = Field("starter", description="starter, progress or advanced.")
    targets: listed(Short, 0, 6) = Field(default_factory=list, description="What it works, in plain words.")
    caption: Line | None = Field(None, description="One line describing the movement, under the figure.")
    position: Body | None = Field(None, description="Starting position.")
    steps: listed(Body, 1, 12) = Field(description="Numbered steps, short 'you' sentences.")
    tips: listed(Body, 0, 6) = Field(default_factory=list)
    cautions: listed(Body, 0, 8) = Field(default_factory=list)
    dose: Dose = Field(default_factory=Dose, description="Typical starting dose.")
    video: Url | None = Field(None, description="https link to a video of the exercise.")
    evidence: listed(Slug, 0, 12) = Field(default_factory=list, description="Reference ids it rests on.")
    common_practice: Bool = Field(False, description="True when no study is cited: printed as 'common practice'.")
    pose: Pose | None = Field(None, description="The figure: joint angles of a simple articulated person.")

    @model_validator(mode="after")
    def _evidence_or_practice(self) -> "Exercise":
        if not self.evidence and not self.common_practice:
            raise PydanticCustomError(
                "evidence", "give evidence reference ids, or set common_practice: yes")
        return self


class ExerciseItem(Strict):
    """An exercise in a spec: a library id, an id with dose changes, or a full inline exercise."""

    id: Slug = Field(description="Library id (or the id of the inline exercise).")
    sets: whole_number(1, 20) | None = None
    reps: amount(1, 100, "repetitions") | None = None
    hold: amount(1, 600, "seconds") | None = None
    minutes: amount(1, 180, "minutes") | None = None
    per_day: whole_number(1, 10) | None = None
    days_per_week: whole_number(1, 7) | None = None
    side: choice("each", "both", "left", "right") | None = None
    notes: Body | None = Field(None, description="Personal notes printed on the card.")
    exercise: Exercise | None = Field(None, description="A full inline exercise instead of a library id.")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        if isinstance(data, str):  # "- clam" means the library entry with its default dose
            return {"id": data}
        if isinstance(data, dict) and "name" in data and "steps" in data:
            return {"id": data.get("id"), "exercise": data}  # a whole exercise written inline
        return data

    def dose_overrides(self) -> dict:
        """The dose fields this item sets, to lay over the library default."""
        return {k: getattr(self, k) for k in _DOSE_FIELDS if k in type(self).model_fields
                and getattr(self, k) is not None}


class Figure(Strict):
    """A picture: an image file (relative to the spec) or a body map (view + highlighted regions)."""

    image: Line | None = Field(None, description="PNG or JPEG path, relative to the spec's folder.")
    view: choice("back", "side", "front") | None = Field(None, description="Body-map view.")
    highlight: listed(Slug, 0, 12) = Field(default_factory=list, description="Body-map region ids.")
    alt: Line | None = Field(None, description="What the picture shows, in words.")

    @model_validator(mode="before")
    @classmethod
    def _path_shorthand(cls, data: object) -> object:
        return {"image": data} if isinstance(data, str) else data


class Step(Strict):
    """One step of the relief plan."""

    title: Short
    text: Body | None = None
    dose: Line | None = Field(None, description="How much / how often, highlighted.")
    caution: Body | None = None


class _Section(Strict):
    heading: Short | None = Field(None, description="Heading; each type has a sensible default.")
    text: Body | None = Field(None, description="Paragraphs; a blank line starts a new one.")


class Anatomy(_Section):
    type: Literal["anatomy"]
    points: listed(Body, 0, 200) = Field(default_factory=list)
    figure: Figure | None = None
    caption: Line | None = None


class PainPatterns(_Section):
    type: Literal["pain_patterns"]
    regions: listed(Slug, 0, 20) = Field(default_factory=list, description="Body-map regions where it hurts.")
    symptoms: listed(Body, 0, 200) = Field(default_factory=list)
    figure: Figure | None = None
    caption: Line | None = None


class ReliefPlan(_Section):
    type: Literal["relief_plan"]
    steps: listed(Step, 1, 12)


class Exercises(_Section):
    type: Literal["exercises"]
    items: listed(ExerciseItem, 1, 200)
    style: choice("cards", "list") = Field(
        "cards", description="cards: a full card per exercise; list: one compact row each (name, what to do, dose).")


class SeekCare(_Section):
    type: Literal["seek_care"]
    emergency: listed(Body, 0, 200) = Field(default_factory=list)
    urgent: listed(Body, 0, 200) = Field(default_factory=list)
    routine: listed(Body, 0, 200) = Field(default_factory=list)


class Tracker(_Section):
    """A tick-box grid: one row per exercise in the handout, one column per day."""

    type: Literal["tracker"]
    weeks: whole_number(1, 12) = 2
    days_per_week: whole_number(1, 7) | None = Field(
        None, description="Columns per week; default: the most days a week any exercise asks for.")


class TextSection(_Section):
    type: Literal["text"]
    heading: Short
    points: listed(Body, 0, 200) = Field(default_factory=list)


SECTION_TYPES = {cls.model_fields["type"].annotation.__args__[0]: cls
                 for cls in (Anatomy, PainPatterns, ReliefPlan, Exercises, SeekCare, Tracker, TextSection)}

Section = Annotated[Union[Anatomy, PainPatterns, ReliefPlan, Exercises, SeekCare, Tracker, TextSection],
                    Field(discriminator="type")]


class About(Strict):
    """Quality markers printed on the handout (PIF TICK / JAMA benchmarks)."""

    author: Short | None = None
    reviewed_by: Short | None = None
    published: Date | None = None
    next_review: Date | None = Field(None, description="After published, at most 3 years later.")

    @model_validator(mode="after")
    def _review_window(self) -> "About":
        if self.published and self.next_review:
            if self.next_review <= self.published:
                raise PydanticCustomError("review", "next_review ({n}) must be after published ({p})",
                                          {"n": str(self.next_review), "p": str(self.published)})
            limit = add_years(self.published, 3)
            if self.next_review > limit:
                raise PydanticCustomError("review", "next_review ({n}) must be at most 3 years after "
                                          "published (by {limit})", {"n": str(self.next_review), "limit": str(limit)})
        return self


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Clinic(Strict):
    """Who hands the handout out. Inline, or `clinic: clinic.yaml` naming a file."""

    name: Short | None = None
    phone: Short | None = None
    website: Url | None = None
    logo: Line | None = Field(None, description="Image path relative to the spec (or clinic file).")
    file: Line | None = Field(None, description="Path of a YAML file holding these fields.")

    @model_validator(mode="before")
    @classmethod
    def _file_shorthand(cls, data: object) -> object:
        return {"file": data} if isinstance(data, str) else data


class Reference(Strict):
    """A work cited as [@id]."""

    id: Slug
    cite: text(1_000) = Field(description="Vancouver-style citation.")
    doi: Short | None = Field(None, description="DOI such as 10.1136/bmj.k1662 (printed as a link).")
    url: Url | None = Field(None, description="https link, when there is no DOI.")
    note: Short | None = Field(None, description="Printed after the citation, e.g. 'DOI not yet verified'.")


class CheckSettings(Strict):
    """Per-handout thresholds for `handoutgen check` (defaults from STANDARDS.md)."""

    max_grade: float = Field(6.0, ge=1, le=16, description="Flesch-Kincaid grade, whole handout (AMA: 6th grade).")
    max_smog: float = Field(8.0, ge=1, le=18, description="SMOG grade, whole handout.")
    max_sentence_words: whole_number(5, 60) = Field(20, description="Longest sentence, in words.")
    max_paragraph_sentences: whole_number(1, 20) = Field(5, description="CDC: paragraphs of 3–5 sentences.")
    max_list_items: whole_number(2, 30) = Field(7, description="CDC: lists of at most 7 items.")
    max_section_words: whole_number(20, 2000) = Field(150, description="PEMAT-P item 8: short sections.")


class Spec(Strict):
    """A handout spec (handouts/*.yaml)."""

    title: Short = Field(description="Handout title (required).")
    subtitle: Line | None = None
    language: choice("en") = Field("en", description="Language of the text and labels.")
    paper: choice("letter", "a4") = "letter"
    main_message: Body = Field(description="One sentence, boxed at the top of page 1 (required).")
    key_points: listed(Body, 2, 5) = Field(default_factory=list, description="2–5 short bullets.")
    keywords: listed(Short, 0, 20) = Field(default_factory=list, description="PDF keywords.")
    about: About = Field(default_factory=About)
    clinic: Clinic | None = None
    library: Line | None = Field(None, description="Extra exercise folder, relative to the spec.")
    page_limit: whole_number(1, 50) | None = Field(
        None, description="Fit on this many pages: compact layouts first, then type down to 13 pt. "
                          "Exercise cards then leave out their evidence line.")
    sections: listed(Section, 1, 60)
    check: CheckSettings = Field(default_factory=CheckSettings, description="Thresholds for `handoutgen check`.")
    references: listed(Reference, 0, 300) = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _empty_lists(cls, data: object) -> object:
        # `key_points:` with nothing after it means "none", not an error
        if isinstance(data, dict) and data.get("key_points", 0) is None:
            data = {k: v for k, v in data.items() if k != "key_points"}
        return data


def field_names() -> set[str]:
    """Every field name any model accepts, for did-you-mean hints on unknown keys."""
    names: set[str] = {"type"}
    for cls in (Dose, Exercise, ExerciseItem, Figure, Step, About, Clinic, Reference, Spec,
                *SECTION_TYPES.values()):
        names.update(cls.model_fields)
    return names


class ReferenceList(BaseModel):
    """assets/references.yaml: a list of references."""

    items: listed(Reference, 0, 1000)
