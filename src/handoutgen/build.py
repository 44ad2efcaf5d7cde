"""The whole pipeline, top to bottom: load -> validate -> resolve -> lay out -> write."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from handoutgen.errors import Problem, RenderError
from handoutgen.resolve.handout import Handout
from handoutgen.resolve.resolver import resolve
from handoutgen.spec.validate import load_spec


@dataclass
class Result:
    """What one build produced (the PDF is already on disk when `output` is set)."""

    handout: Handout
    pdf: bytes
    pages: int
    warnings: list[Problem] = field(default_factory=list)
    output: Path | None = None


def prepare(spec_path: Path, display: str | None = None) -> tuple[Handout, list[Problem]]:
    """Load, validate and resolve a spec; return the handout and its warnings."""
    spec, loaded = load_spec(spec_path, display)
    handout, warnings = resolve(spec, loaded, spec_path.resolve())
    warnings += _glyph_warnings(handout, loaded)
    return handout, warnings


def _glyph_warnings(handout: Handout, loaded) -> list[Problem]:
    from handoutgen.fonts import missing

    out, seen = [], set()
    for path, text in [((), handout.title)] + handout.texts:
        lacking = [c for c in missing(text) if c not in seen]
        if lacking:
            seen.update(lacking)
            names = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in lacking[:8])
            out.append(loaded.problem(path or ("title",),
                                      f"the font has no glyph for {names}; left out of the PDF"))
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
    from handoutgen.personal import personalise

    warnings = list(warnings)
    if who is not None:
        handout = personalise(handout, who)
    options = replace(options or PrintOptions(paper=paper), attachment=spec_bytes(spec_path))
    rendered = render(handout, options)
    if rendered.over_limit:
        tried = "in large print, even with compact layouts" if options.large_print else \
            "even with compact layouts and 13 pt type"
        warnings.append(Problem(display or str(spec_path), None, None, "page_limit",
                                f"does not fit on {handout.page_limit} page(s) {tried}; it has "
                                f"{rendered.pages}. Shorten the text"))
    pdf = rendered.pdf
    if output is not None:
        write_atomic(output, pdf)
    return Result(handout, pdf, rendered.pages, warnings, output)


def spec_bytes(spec_path: Path) -> bytes:
    try:
        return spec_path.read_bytes()
    except OSError:
        return b""


def check_output(spec_path: Path, output: Path) -> None:
    """Refuse outputs that would destroy an input or cannot be a file."""
    if output.exists() and output.is_dir():
        raise RenderError(f"{output}: is a folder; give a file name ending in .pdf")
    try:
        same = output.exists() and os.path.samefile(output, spec_path)
    except OSError:
        same = False
    if same or output.resolve() == spec_path.resolve():
        raise RenderError(f"{output}: is the spec itself; choose another output name")
    if output.suffix.lower() in (".yaml", ".yml"):
        raise RenderError(f"{output}: output must be a .pdf file, not a YAML file")
    if not output.parent.exists():
        raise RenderError(f"{output}: folder {output.parent} does not exist")


def write_atomic(output: Path, data: bytes) -> None:
    """Write to a temporary file beside `output`, fsync, then rename over it."""
    folder = output.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise RenderError(f"{output}: cannot write in {folder} ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, output)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise RenderError(f"{output}: could not write the PDF ({exc.strerror or exc}); "
                          "nothing was changed") from None
