"""The resolved handout: everything the layout needs, already checked and cross-referenced."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handoutgen.resolve.assets import LoadedImage
from handoutgen.resolve.markup import Rich
from handoutgen.spec.model import About, Dose


@dataclass
class RFigure:
    """An image, or a body map: its view, highlighted regions, mode and legend words decided
    (resolve.words.body_map)."""

    image: LoadedImage | None
    view: str | None
    highlight: list[str]
    alt: str | None
    caption: Rich | None = None
    mode: str = "anatomy"  # "pain" shades zones; "anatomy" highlights muscles and bones
    legend: str | None = None


@dataclass
class RStep:
    title: Rich
    text: list[Rich]
    dose: Rich | None
    caution: Rich | None
    exercises: list[str] = field(default_factory=list)  # ids the dose is for (checked, not printed)


@dataclass
class RExercise:
    id: str
    name: str
    alias: str | None
    kind: str | None  # None for an exercise written inline without one
    level: str
    targets: list[str]
    caption: Rich | None
    position: list[Rich]
    steps: list[Rich]
    tips: list[Rich]
    cautions: list[Rich]  # the library's, then the handout item's own
    dose: Dose
    notes: list[Rich]
    video: str | None
    evidence: Rich
    common_practice: bool
    pose: object = None  # figures.posefile.PoseFile from assets/poses/<id>.yaml, drawn by figures.exercise
    library_text: tuple[str, ...] = ()  # the library entry's own words (not the spec's), for `check`
    dose_words: list[str] = field(default_factory=list)  # the dose as printed: ["2 sets", "10 reps"]
    hold_label: str | None = None  # under a held pose's stopwatch: "30 s"
    description: list[Rich] = field(default_factory=list)  # a paragraph instead of (or before) steps
    inline: bool = False  # written in the spec: no level or "common practice" line is printed
    regions: tuple[str, ...] = ()  # body areas it moves: the side words follow them ("each arm")


@dataclass
class TrackerBlock:
    """One stage of a tracker as printed: its weeks, a row per exercise (with "twice a day" under
    the name when it is) and a line of boxes per prescribed session, the tick columns a week, for
    each row the days a week it is done (fewer than `days`: its spare boxes are shaded), and a
    last row to write the next morning's pain in when the spec asks (`morning_pain`)."""

    weeks: int
    rows: list[str]  # exercise names
    sessions: list[int]  # lines of boxes per row: its sessions a day
    often: list[str | None]  # under the name of an exercise done more than once a day: "(twice a day)"
    days: int
    row_days: list[int]
    first_week: int  # the number printed over its first week
    pain_row: str | None = None  # "Morning pain": a box a day for the pain guide's next-morning rule


@dataclass
class RSection:
    type: str
    heading: str
    anchor: str
    paragraphs: list[Rich] = field(default_factory=list)
    points: list[Rich] = field(default_factory=list)
    groups: dict[str, list[Rich]] = field(default_factory=dict)
    # seek_care: each group's label as printed, the clinic's phone (or a blank) after the "call" ones
    group_labels: dict[str, str] = field(default_factory=dict)
    continued: str = ""  # the heading over a section's continuation: "When to get help (continued)"
    steps: list[RStep] = field(default_factory=list)
    exercises: list[RExercise] = field(default_factory=list)
    figure: RFigure | None = None
    regions: list[str] = field(default_factory=list)
    weeks: int = 0
    days_per_week: int = 0  # as the spec gives it (0: not given)
    days: int = 0  # the tracker's columns per week, as printed
    style: str = "cards"
    # tracker: (weeks, [(section index, exercise index)]) per stage; empty: every exercise, `weeks` weeks
    tracked: list[tuple[int, list[tuple[int, int]]]] = field(default_factory=list)
    blocks: list[TrackerBlock] = field(default_factory=list)  # tracker as printed, a block per stage
    help_line: str = ""  # tracker: the line over its tables ("Tick a box each time ...")
    morning_pain: bool = False  # tracker: a "Morning pain" row under each stage (spec: morning_pain)
    first_week: int = 1
    guide: dict[str, Rich] = field(default_factory=dict)  # pain_guide: its printed words by label key


@dataclass
class RReference:
    number: int
    id: str
    cite: str
    doi: str | None
    url: str | None
    note: str | None


@dataclass
class RClinic:
    name: str | None
    phone: str | None
    website: str | None
    logo: LoadedImage | None


@dataclass
class Handout:
    """A handout ready to lay out. `texts` keeps (field path, printed text) for checks. The
    words around the spec's text are decided here too (resolve.words), so the layout only
    draws them."""

    source: Path
    title: str
    subtitle: str | None
    language: str
    paper: str
    main_message: list[Rich]
    key_points: list[Rich]
    keywords: list[str]
    about: About
    clinic: RClinic | None
    sections: list[RSection]
    references: list[RReference]
    texts: list[tuple[tuple, str]] = field(default_factory=list)
    page_limit: int | None = None
    may_compact: bool = False  # the layout may print compact forms to meet page_limit (resolver.may_compact)
    check: object = None  # spec.CheckSettings: thresholds for `handoutgen check`
    loaded: object = None  # spec.loader.Loaded: maps a field path to file:line for messages
    prepared_for: str | None = None
    prepared_by: str | None = None
    prepared_date: str | None = None
    notes: str | None = None  # personal notes printed under the prepared-for line
    about_line: str | None = None  # "Written by …. Reviewed by …. Clinic · phone · website."
    dates_line: str = ""  # the footer's "Published … · Next review …"
    prepared_date_words: str | None = None  # prepared_date in words: "22 November 2026"
    prepared_header: str | None = None  # "Prepared for NAME", in every page's running header

    def tracked(self, s: RSection) -> list[tuple[int, list[RExercise]]]:
        """A tracker's stages as (weeks, exercises): the sections it names, else every exercise."""
        if not s.tracked:
            return [(s.weeks, [ex for sec in self.sections for ex in sec.exercises])]
        return [(weeks, [self.sections[i].exercises[j] for i, j in rows]) for weeks, rows in s.tracked]

    @property
    def draft(self) -> bool:
        """No named reviewer (none, or a status such as 'Pending review'): printed as a draft."""
        from handoutgen.spec.types import is_placeholder

        reviewer = self.about.reviewed_by
        return not reviewer or is_placeholder(reviewer)
