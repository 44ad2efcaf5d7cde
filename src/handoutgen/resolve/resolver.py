"""resolve(): spec model -> Handout. Walks the spec in print order so citations are numbered
by first use, and collects every problem before raising once."""

from __future__ import annotations

import re
from pathlib import Path

from handoutgen.errors import Problem, ResolveError, SpecError
from handoutgen.paths import assets_dir
from handoutgen.labels import labels
from handoutgen.resolve import markup
from handoutgen.resolve.assets import AssetProblem, confine, load_image
from handoutgen.resolve.handout import (Handout, RClinic, RExercise, RFigure, RReference, RSection,
                                        RStep)
from handoutgen.resolve.library import default_library_dir, load_library, shared_references
from handoutgen.resolve.words import with_words
from handoutgen.spec.loader import Loaded, load_yaml_file
from handoutgen.spec.model import Clinic, Spec
from handoutgen.spec.validate import validate
from handoutgen.suggest import did_you_mean


class ResolveContext:
    """Problems, warnings and citation numbers gathered during one resolve."""

    def __init__(self, loaded: Loaded, references: dict):
        self.loaded = loaded
        self.references = references
        self.numbers: dict[str, int] = {}
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.texts: list[tuple[tuple, str]] = []
        self.cite_evidence = True

    def error(self, path: tuple, message: str) -> None:
        self.problems.append(self.loaded.problem(path, message))

    def warn(self, path: tuple, message: str) -> None:
        self.warnings.append(self.loaded.problem(path, message))

    def rich(self, text: str | None, path: tuple) -> list[markup.Rich]:
        """Spec text -> paragraphs of runs, numbering citations on first use."""
        if not text:
            return []
        text, removed = markup.clean(text)
        if removed:
            self.warn(path, f"removed invisible control characters {', '.join(removed)}")
        out = []
        for para in markup.paragraphs(text):
            bad_links: list[str] = []
            rich = markup.parse(para, problems=bad_links)
            for message in bad_links:
                self.error(path, message)
            for run in rich:
                for ref_id in run.cites:
                    self._cite(ref_id, path)
            out.append(rich)
            self.texts.append((path, markup.plain(rich, self.numbers)))
        return out

    def one(self, text: str | None, path: tuple) -> markup.Rich | None:
        paras = self.rich(text, path)
        return tuple(run for i, p in enumerate(paras) for run in ((markup.Run(" "),) if i else ()) + p) or None

    def _cite(self, ref_id: str, path: tuple) -> None:
        if ref_id not in self.references:
            self.error(path, f"citation [@{ref_id}] names no reference{did_you_mean(ref_id, self.references)}; "
                             "add it under references:")
        elif ref_id not in self.numbers:
            self.numbers[ref_id] = len(self.numbers) + 1


def resolve(spec: Spec, loaded: Loaded, source: Path) -> tuple[Handout, list[Problem]]:
    """Resolve `spec`; raise ResolveError with every problem, else return (handout, warnings)."""
    references = dict(shared_references())
    own: set[str] = set()
    ctx = ResolveContext(loaded, references)
    for i, ref in enumerate(spec.references):
        if ref.id in own:
            ctx.error(("references", i, "id"), f"duplicate reference id {ref.id!r}")
        own.add(ref.id)
        references[ref.id] = ref
        if ref.url:
            _link(ctx, ref.url, ("references", i, "url"))
    base = source.parent
    library = _library(spec, base, ctx)
    words = labels(spec.language)

    main_message = ctx.rich(spec.main_message, ("main_message",))
    key_points = [ctx.one(p, ("key_points", i)) for i, p in enumerate(spec.key_points)]
    # Compact rows print no evidence line, so evidence is cited (and listed) only when cards are certain.
    ctx.cite_evidence = not may_compact(spec)
    sections = [_section(ctx, s, ("sections", i), i, words, library, base) for i, s in enumerate(spec.sections)]
    _tracked(ctx, spec, sections)
    clinic = _clinic(ctx, spec.clinic, base) if spec.clinic else None

    for i, ref in enumerate(spec.references):
        if ref.id not in ctx.numbers:
            ctx.warn(("references", i, "id"), f"reference {ref.id!r} is never cited; cite it as [@{ref.id}] "
                                              "or remove it")
    if ctx.problems:
        raise ResolveError(problems=sorted(ctx.problems, key=lambda p: (p.line or 0, p.column or 0)))
    refs = [RReference(n, rid, references[rid].cite, references[rid].doi, references[rid].url,
                       references[rid].note) for rid, n in ctx.numbers.items()]
    handout = Handout(
        source=source, title=spec.title, subtitle=spec.subtitle, language=spec.language,
        paper=spec.paper, main_message=main_message, key_points=[k for k in key_points if k],
        keywords=list(spec.keywords), about=spec.about, clinic=clinic, sections=sections,
        references=refs, texts=ctx.texts, page_limit=spec.page_limit, may_compact=may_compact(spec),
        check=spec.check, loaded=loaded)
    return with_words(handout), ctx.warnings


def may_compact(spec: Spec) -> bool:
    """Whether the layout may use its compact forms (exercise rows, run-on steps, one help box):
    only to meet a page_limit. Decided here, read by the layout, citations and checks."""
    return spec.page_limit is not None


def _library(spec: Spec, base: Path, ctx: ResolveContext):
    """The spec's own library folder first, then the shipped one (entries load on first use)."""
    from collections import ChainMap

    libraries = [load_library(default_library_dir())]
    if spec.library:
        try:
            libraries.insert(0, load_library(_folder(spec.library, base), roots=(base, assets_dir())))
        except AssetProblem as exc:
            ctx.error(("library",), str(exc))
    return ChainMap(*libraries)


def _folder(raw: str, base: Path) -> Path:
    target = (base / raw).resolve()
    if not (target == base.resolve() or base.resolve() in target.parents) or not target.is_dir():
        raise AssetProblem(f"library folder {raw!r} must be a folder inside the spec's folder")
    return target


def _link(ctx: ResolveContext, href: str, path: tuple) -> None:
    try:
        markup.check_link(href)
    except markup.MarkupProblem as exc:
        ctx.error(path, str(exc))


def _anchor(index: int, heading: str) -> str:
    return f"s{index}-" + (re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")[:30] or "section")


def _section(ctx, s, path, index, words, library, base) -> RSection:
    heading = s.heading or words["sections"].get(s.type, s.type)
    out = RSection(type=s.type, heading=heading, anchor=_anchor(index, heading))
    ctx.texts.append((path + ("heading",), heading))
    out.paragraphs = ctx.rich(s.text, path + ("text",))
    for name in ("points", "symptoms"):
        for i, item in enumerate(getattr(s, name, []) or []):
            out.points.append(ctx.one(item, path + (name, i)))
    if s.type == "pain_patterns":
        out.regions = list(s.regions)
        _check_regions(ctx, s.regions, path + ("regions",), (s.figure.view if s.figure else None) or "back")
    if s.type in ("anatomy", "pain_patterns") and (s.figure or s.caption or getattr(s, "regions", None)):
        out.figure = _figure(ctx, s.figure, s.caption, path, base)
    if s.type == "relief_plan":
        out.steps = [RStep(ctx.one(st.title, path + ("steps", i, "title")),
                           ctx.rich(st.text, path + ("steps", i, "text")),
                           ctx.one(st.dose, path + ("steps", i, "dose")),
                           ctx.one(st.caution, path + ("steps", i, "caution")), list(st.exercises))
                     for i, st in enumerate(s.steps)]
    if s.type == "seek_care":
        for group in ("emergency", "urgent", "routine"):
            out.groups[group] = [ctx.one(t, path + (group, i)) for i, t in enumerate(getattr(s, group))]
    if s.type == "exercises":
        out.style = s.style
        for i, item in enumerate(s.items):
            first = len(ctx.texts)
            ex = _exercise(ctx, item, path + ("items", i), library, cite=s.style == "cards" and ctx.cite_evidence)
            if ex:
                out.exercises.append(ex)
                if s.style in ("list", "tiles"):  # a row prints the name, and the caption or else the first step
                    ctx.texts[first:] = [(p, t) for p, t in ctx.texts[first:] if _in_row(ex, p[len(path) + 2:])]
    if s.type == "pain_guide":
        out.guide = {key: ctx.one(words[key], path + ("guide", key)) for key in PAIN_GUIDE_WORDS}
    if s.type == "tracker":
        out.weeks, out.days_per_week, out.first_week = s.weeks, s.days_per_week or 0, s.first_week
        out.morning_pain = s.morning_pain
    return out


# The pain guide's printed words (assets/labels/<language>.yaml), measured by `check` like spec text.
PAIN_GUIDE_WORDS = ("pain_guide_intro", "pain_guide_low", "pain_guide_mid", "pain_guide_high",
                    "pain_guide_morning")


def _tracked(ctx, spec: Spec, sections: list[RSection]) -> None:
    """Each tracker's stages: (weeks, [(section index, exercise index)]) for the sections it names."""
    headed = {sec.heading: i for i, sec in enumerate(sections) if sec.type == "exercises"}
    for i, (s, out) in enumerate(zip(spec.sections, sections)):
        if s.type != "tracker":
            continue
        for j, stage in enumerate(s.stages):
            rows = []
            for k, heading in enumerate(stage.sections):
                if heading in headed:
                    rows += [(headed[heading], n) for n in range(len(sections[headed[heading]].exercises))]
                else:
                    ctx.error(("sections", i, "stages", j, "sections", k),
                              f"no exercises section is headed {heading!r}; headings: "
                              f"{', '.join(map(repr, headed)) or 'none'}")
            out.tracked.append((stage.weeks, rows))


def _in_row(ex: RExercise, field: tuple) -> bool:
    """Whether an exercise's text at `field` (("steps", 0), ("name",), ...) prints in a list row."""
    return (not field or field[0] in ("name", "caption")
            or (ex.caption is None and tuple(field[:2]) == ("steps", 0))
            or (ex.caption is None and not ex.steps and field[0] == "description"))


def _check_regions(ctx, ids, path, view) -> None:
    """Region ids must exist in the body maps, and be drawn in the chosen view."""
    from handoutgen.figures.bodymap import canonical, region_ids, shape

    known = region_ids()
    for i, rid in enumerate(ids):
        if canonical(rid) is None:  # (`rid in known` would work out the region in every view)
            ctx.error(path + (i,), f"unknown body-map region {rid!r}{did_you_mean(rid, known)}; "
                                   f"known regions: {', '.join(sorted(known))}")
        # only the chosen view, as the map draws it (shape is kept per region and view): the
        # other two views are worked out only to name them in an error
        elif view and shape(canonical(rid), view) is None:
            ctx.error(path + (i,), f"region {rid!r} is not drawn in the {view} view; "
                                   f"use view: {' or '.join(known[rid])}")


def _figure(ctx, fig, caption, path, base) -> RFigure:
    if fig:
        _check_regions(ctx, fig.highlight, path + ("figure", "highlight"), fig.view)
    image = None
    if fig and fig.image:
        try:
            image = load_image(confine(fig.image, base))
        except AssetProblem as exc:
            ctx.error(path + ("figure", "image"), str(exc))
    return RFigure(image=image, view=fig.view if fig else None, highlight=list(fig.highlight) if fig else [],
                   alt=fig.alt if fig else None, caption=ctx.one(caption, path + ("caption",)))


def _exercise(ctx, item, path, library, *, cite: bool = True) -> RExercise | None:
    """A library (or inline) exercise with the item's dose laid over. Only cards print the
    evidence line, so only cards add the entry's references to the handout."""
    try:
        entry = item.exercise or library.get(item.id)
    except SpecError as exc:  # the library file itself is broken: report it where it is
        ctx.problems.extend(exc.problems)
        return None
    if entry is None:
        ctx.error(path + ("id",), f"unknown exercise {item.id!r}{did_you_mean(item.id, library)}; "
                                  "`handoutgen exercises` lists the library, or write your own inline "
                                  "with a name and steps")
        return None
    dose = entry.dose.replace(**item.dose_overrides())
    for ref_id in entry.evidence:
        if ref_id not in ctx.references:
            ctx.error(path, f"exercise {entry.id!r} cites unknown reference {ref_id!r}")
    evidence = (markup.Run(cites=tuple(entry.evidence)),) if entry.evidence and cite else ()
    if evidence:
        for ref_id in entry.evidence:
            if ref_id in ctx.references:
                ctx._cite(ref_id, path)
    each = lambda items, name: [ctx.one(t, path + (name, i)) for i, t in enumerate(items)]  # noqa: E731
    if entry.video:
        _link(ctx, entry.video, path + ("video",))
    ctx.texts.append((path + ("name",), entry.name))
    return RExercise(
        id=entry.id, name=entry.name, alias=entry.alias, kind=entry.kind, level=entry.level,
        targets=list(entry.targets), caption=ctx.one(entry.caption, path + ("caption",)),
        position=ctx.rich(entry.position, path + ("position",)), steps=each(entry.steps, "steps"),
        tips=each(entry.tips, "tips"), cautions=each(entry.cautions, "cautions") + each(item.cautions, "cautions"),
        dose=dose,
        notes=ctx.rich(item.notes, path + ("notes",)), video=entry.video, evidence=evidence,
        common_practice=entry.common_practice,
        pose=None if item.exercise is not None else _pose(ctx, entry.id, library),  # inline: no figure
        library_text=() if item.exercise else _entry_text(entry),
        description=ctx.rich(entry.description, path + ("description",)), inline=item.exercise is not None,
        regions=tuple(getattr(entry, "regions", ()) or ()))


def _pose(ctx, exercise_id: str, library):
    """The exercise's figure: `poses/<id>.yaml` in the spec's own library folder when there is
    one, else the shipped assets/poses/<id>.yaml (None when neither exists). A broken pose file
    is reported where it is."""
    from handoutgen.figures.posefile import load_pose

    folders = [lib.folder / "poses" for lib in getattr(library, "maps", [])[:-1] if (lib.folder / "poses").is_dir()]
    try:
        for folder in folders:
            pose = load_pose(exercise_id, folder)
            if pose is not None:
                return pose
        return load_pose(exercise_id)
    except SpecError as exc:
        ctx.problems.extend(exc.problems)
        return None


def _entry_text(entry) -> tuple[str, ...]:
    """Everything a library entry prints, as plain strings."""
    texts = [entry.name, entry.alias, entry.caption, entry.position, *entry.targets, *entry.steps,
             *entry.tips, *entry.cautions, entry.dose.note]
    return tuple(t for t in texts if t)


def _clinic(ctx, clinic: Clinic, base: Path) -> RClinic | None:
    if clinic.file:
        try:
            path = confine(clinic.file, base)
            sub = load_yaml_file(path, str(path))
            loaded_clinic = validate(sub, Clinic)
        except AssetProblem as exc:
            ctx.error(("clinic",), str(exc))
            return None
        except SpecError as exc:
            ctx.problems.extend(exc.problems)
            return None
        merged = loaded_clinic.replace(**{k: v for k, v in clinic.as_dict().items()
                                           if v is not None and k != "file"})
        clinic, base = merged, path.parent
    logo = None
    if clinic.logo:
        try:
            logo = load_image(confine(clinic.logo, base))
        except AssetProblem as exc:
            ctx.error(("clinic", "logo"), str(exc))
    if clinic.website and ":" in clinic.website:  # "clinic.example" prints as text; schemes are checked
        _link(ctx, clinic.website, ("clinic", "website"))
    return RClinic(clinic.name, clinic.phone, clinic.website, logo)
