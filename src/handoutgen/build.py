"""The whole pipeline, top to bottom: load -> validate -> resolve -> lay out -> write."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handoutgen import files
from handoutgen.errors import HandoutError, Problem, SpecError
from handoutgen.files import read_input
from handoutgen.resolve.handout import Handout
from handoutgen.resolve.resolver import resolve
from handoutgen.spec.loader import load_yaml_file
from handoutgen.spec.model import Spec
from handoutgen.spec.validate import validate


@dataclass
class Result:
    """What one build produced (the PDF is already on disk when `output` is set)."""

    handout: Handout
    pdf: bytes
    pages: int
    warnings: list[Problem] = field(default_factory=list)
    output: Path | None = None


def prepare(spec_path: Path, display: str | None = None) -> tuple[Handout, list[Problem]]:
    """Load, validate and resolve a spec; return the handout and its warnings. A spec with schema
    errors is still resolved as far as it can be, so one run reports every problem."""
    loaded = load_yaml_file(spec_path, display)
    try:
        spec = validate(loaded, Spec)
    except SpecError as exc:
        every = exc.problems + _later_problems(loaded, spec_path, exc.problems)
        raise SpecError(problems=sorted(every, key=lambda p: (p.line or 0, p.column or 0))) from None
    handout, warnings = resolve(spec, loaded, spec_path.resolve())
    warnings += _glyph_warnings(handout, loaded)
    return handout, warnings


def _later_problems(loaded, spec_path: Path, found: list[Problem]) -> list[Problem]:
    """What the resolver would say (exercises, citations, regions, files) about a best-effort
    repair of a spec that has schema errors; only problems not already reported."""
    from handoutgen.spec.repair import best_effort

    spec = best_effort(loaded)
    if spec is None:
        return []
    try:
        resolve(spec, loaded, spec_path.resolve())
    except HandoutError as exc:
        seen = {(p.line, p.field) for p in found}
        more = [p for p in exc.problems if (p.line, p.field) not in seen and "placeholder" not in p.message]
        return more
    return []


def _glyph_warnings(handout: Handout, loaded) -> list[Problem]:
    from handoutgen.scripts import describe, unprintable

    out, seen = [], set()
    for path, text in [((), handout.title)] + handout.texts:
        lacking = [c for c in unprintable(text) if c not in seen]
        if lacking:
            seen.update(lacking)
            out.append(loaded.problem(path or ("title",), f"cannot print {describe(lacking)}; left out of the PDF"))
    return out


def build_handout(spec_path: Path, output: Path | None = None, *, paper: str | None = None,
                  display: str | None = None, options=None, who=None) -> Result:
    """Build one handout. With `output`, write it atomically (never a partial or clobbered PDF).
    `options` is a layout.render.PrintOptions; `who` a personal.Personal."""
    handout, warnings = prepare(spec_path, display)
    if output is not None:
        check_output(spec_path, output)
    return render_to(handout, spec_path, output, warnings, options=options, paper=paper, who=who,
                     display=display)


def render_to(handout: Handout, spec_path: Path, output: Path | None, warnings: list[Problem], *,
              options=None, paper: str | None = None, who=None, display: str | None = None) -> Result:
    """Lay out an already resolved handout (personalised for `who`), attach the spec, write."""
    from dataclasses import replace

    from handoutgen.layout.render import PrintOptions, render
    from handoutgen.personal import notes_dose_conflicts, personalise
    from handoutgen.resolve.words import with_words

    warnings = list(warnings)
    if who is not None:
        handout = with_words(personalise(handout, who))  # a changed dose changes its words
        warnings += [Problem("--notes", None, None, "", message) for message in notes_dose_conflicts(handout, who)]
    options = replace(options or PrintOptions(paper=paper), attachment=spec_bytes(spec_path))
    rendered = render(handout, options)
    if rendered.over_limit:
        tried = "in large print, even with compact layouts" if options.large_print else \
            "even with compact layouts (the type stays at least 14 pt)"
        warnings.append(Problem(display or str(spec_path), None, None, "page_limit",
                                f"does not fit on {handout.page_limit} page(s) {tried}; it has "
                                f"{rendered.pages}. Shorten the text"))
    pdf = rendered.pdf
    if output is not None:
        files.write_output(output, pdf)
    return Result(handout, pdf, rendered.pages, warnings, output)


def spec_bytes(spec_path: Path) -> bytes:
    """The spec as it travels inside the PDF (already read and checked by the loader)."""
    from handoutgen.spec.loader import MAX_BYTES

    return read_input(spec_path, MAX_BYTES)


def check_output(spec_path: Path, output: Path) -> None:
    """Refuse outputs that would destroy an input or cannot be a file (files.check_output)."""
    files.check_output(output, inputs={spec_path: "the spec itself"})
