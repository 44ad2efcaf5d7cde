"""The command line. The only module that imports click; it prints what the library raises."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from handoutgen import __version__


def _fail_lines(exc: Exception) -> list[str]:
    from handoutgen.errors import HandoutError

    if isinstance(exc, HandoutError):
        return exc.lines()
    if os.environ.get("HANDOUTGEN_DEBUG"):
        raise exc
    return [f"internal error ({type(exc).__name__}: {exc}); please report this with the spec"]


def _error(line: str) -> None:
    click.echo(f"Error: {line}", err=True)


def _warn(problem) -> None:
    click.echo(f"Warning: {problem}", err=True)


def _outputs(specs: tuple[Path, ...], output: Path | None) -> list[Path]:
    """Where each spec's PDF goes: -o FILE for one spec, -o DIR (or the current folder) otherwise."""
    is_dir = output is not None and (output.is_dir() or str(output).endswith(("/", "\\")))
    if output is not None and not is_dir:
        if len(specs) > 1:
            raise click.UsageError("with several specs, -o must be an existing folder")
        return [output]
    folder = output or Path(".")
    names = [folder / (spec.stem + ".pdf") for spec in specs]
    if len(set(names)) != len(names):
        raise click.UsageError("two specs share a file name; build them into different folders")
    return names


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handoutgen")
def main() -> None:
    """Turn YAML handout specs into print-ready, large-print patient handout PDFs."""


def _print_options(f):
    """The print-variant flags shared by build and pack."""
    f = click.option("--paper", type=click.Choice(["letter", "a4"]), help="Paper size (default: the spec's).")(f)
    f = click.option("--large-print", is_flag=True, help="16 pt body, one column, more space.")(f)
    f = click.option("--grayscale", is_flag=True, help="Every colour mapped to a grey of equal contrast.")(f)
    f = click.option("--booklet", is_flag=True,
                     help="Two-up for saddle-stitch folding (Letter -> half-letter, A4 -> A5).")(f)
    return f


def _options(paper, large_print, grayscale, booklet):
    from handoutgen.layout.render import PrintOptions

    return PrintOptions(paper=paper, large_print=large_print, grayscale=grayscale, booklet=booklet)


@main.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output PDF (one spec) or an existing folder (any number of specs, or a roster).")
@_print_options
@click.option("--patient", help="Fills 'Prepared for'.")
@click.option("--clinician", help="Fills 'By'.")
@click.option("--date", "date_", help="Fills 'Date'.")
@click.option("--notes", help="Personal notes printed on page 1.")
@click.option("--dose", "doses", multiple=True, metavar="ID=3x12", help="Change one exercise's dose (repeatable).")
@click.option("--roster", type=click.Path(path_type=Path, dir_okay=False),
              help="CSV: name, clinician, date, notes, and dose columns named by exercise id; one PDF per row.")
@click.option("--merge", type=click.Path(path_type=Path), help="With --roster: one PDF of every row.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, help="Processes for a roster (default: all cores).")
def build(specs, output, paper, large_print, grayscale, booklet, patient, clinician, date_, notes, doses,
          roster, merge, jobs) -> None:
    """Build one PDF per SPEC. A failed spec leaves any existing PDF untouched."""
    from handoutgen.build import build_handout
    from handoutgen.personal import Personal, parse_dose_options

    options = _options(paper, large_print, grayscale, booklet)
    try:
        who = Personal(patient, clinician, date_, notes, parse_dose_options(doses))
    except Exception as exc:  # noqa: BLE001
        for line in _fail_lines(exc):
            _error(line)
        sys.exit(1)
    if roster:
        _build_roster(specs, roster, output, merge, jobs, options)
        return
    try:
        targets = _outputs(specs, output)
    except click.UsageError as exc:
        _error(exc.message)
        sys.exit(1)
    personal = who if (patient or clinician or date_ or notes or who.doses) else None
    failed = 0
    for spec, target in zip(specs, targets):
        try:
            result = build_handout(spec, target, options=options, who=personal)
        except Exception as exc:  # noqa: BLE001 - every failure becomes an Error: line, never a traceback
            failed += 1
            for line in _fail_lines(exc):
                _error(line)
            continue
        for problem in result.warnings:
            _warn(problem)
        click.echo(f"Wrote {target} ({_page_count(result.pages, booklet)})")
    if failed:
        click.echo(f"{failed} of {len(specs)} spec{'s' if len(specs) != 1 else ''} failed", err=True)
        sys.exit(1)


def _page_count(pages: int, booklet: bool) -> str:
    if booklet:  # what to load into the printer: each sheet carries 4 booklet pages
        sheets = pages // 4
        return f"{pages} pages on {sheets} sheet{'s' if sheets != 1 else ''}: print on both sides, fold"
    return f"{pages} page{'s' if pages != 1 else ''}"


def _build_roster(specs, roster, output, merge, jobs, options) -> None:
    from handoutgen.batch import build_roster, default_jobs
    from handoutgen.personal import read_roster

    if len(specs) != 1:
        _error("--roster takes exactly one spec")
        sys.exit(1)
    if merge is None and (output is None or not output.is_dir()):
        _error("with --roster, -o must be an existing folder (or use --merge FILE)")
        sys.exit(1)
    progress = _progress_bar() if sys.stderr.isatty() else None
    try:
        rows = read_roster(roster)
        results, warnings = build_roster(specs[0], rows, output, options=options, merge=merge,
                                         jobs=jobs or default_jobs(), progress=progress)
    except Exception as exc:  # noqa: BLE001
        for line in _fail_lines(exc):
            _error(line)
        sys.exit(1)
    if progress:
        click.echo("", err=True)
    for problem in warnings:
        _warn(problem)
    bad = [r.problem for r in rows if r.problem] + [f"{roster}:{r.row.number}: {r.error}" for r in results if r.error]
    for line in bad:
        _error(str(line))
    built = sum(1 for r in results if not r.error)
    where = merge if merge else output
    click.echo(f"Built {built} of {len(rows)} handouts into {where}")
    if bad:
        click.echo(f"{len(bad)} row{'s' if len(bad) != 1 else ''} failed", err=True)
        sys.exit(1)


def _progress_bar():
    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        click.echo(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", err=True, nl=False)

    return show


@main.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="The pack PDF.")
@click.option("--title", default="Class pack", show_default=True, help="Cover title.")
@_print_options
def pack(specs, output, title, paper, large_print, grayscale, booklet) -> None:
    """Several handouts in one PDF, with a cover, contents page and bookmarks."""
    from handoutgen.build import write_atomic
    from handoutgen.pack import build_pack

    try:
        pdf, results, pages = build_pack(list(specs), title,
                                         options=_options(paper, large_print, grayscale, booklet))
        write_atomic(output, pdf)
    except Exception as exc:  # noqa: BLE001
        for line in _fail_lines(exc):
            _error(line)
        sys.exit(1)
    for result in results:
        for problem in result.warnings:
            _warn(problem)
    click.echo(f"Wrote {output} ({len(results)} handouts, {_page_count(pages, booklet)})")


@main.command()
@click.argument("pdf", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Where to write the spec (default: stdout).")
def extract(pdf: Path, output: Path | None) -> None:
    """Write out the spec embedded in a handout PDF, to edit and build again."""
    from handoutgen.build import write_atomic
    from handoutgen.layout.attach import extract_spec

    try:
        data = extract_spec(pdf)
        if output is None:
            click.echo(data.decode("utf-8"), nl=False)
        else:
            if output.exists() and output.resolve() == pdf.resolve():
                raise ValueError("output is the PDF itself")
            write_atomic(output, data)
            click.echo(f"Wrote {output}")
    except Exception as exc:  # noqa: BLE001
        for line in _fail_lines(exc):
            _error(line)
        sys.exit(1)


@main.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(specs: tuple[Path, ...]) -> None:
    """Check SPECs without building; print every problem, one line each."""
    from handoutgen.build import prepare

    failed = 0
    for spec in specs:
        try:
            _, warnings = prepare(spec)
        except Exception as exc:  # noqa: BLE001
            failed += 1
            for line in _fail_lines(exc):
                _error(line)
            continue
        for problem in warnings:
            _warn(problem)
        click.echo(f"{spec}: valid")
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("name")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(name: str, force: bool) -> None:
    """Write a commented starter spec NAME.yaml that validates and builds."""
    from handoutgen.starter import starter_text

    path = Path(name if name.endswith((".yaml", ".yml")) else name + ".yaml")
    if path.exists() and not force:
        _error(f"{path}: already exists; choose another name or use --force")
        sys.exit(1)
    try:
        path.write_text(starter_text(path.stem), encoding="utf-8")
    except OSError as exc:
        _error(f"{path}: cannot write ({exc.strerror})")
        sys.exit(1)
    click.echo(f"Wrote {path}. Edit it, then run: handoutgen build {path}")


@main.command()
@click.option("--library", type=click.Path(path_type=Path, file_okay=False), help="An extra exercise folder.")
def exercises(library: Path | None) -> None:
    """List the exercise library: id, name, kind and level."""
    from handoutgen.resolve.library import default_library_dir, load_library

    try:
        entries = load_library(default_library_dir()).check_all()
        if library:
            entries.update(load_library(library).check_all())
    except Exception as exc:  # noqa: BLE001
        for line in _fail_lines(exc):
            _error(line)
        sys.exit(1)
    width = max((len(i) for i in entries), default=2)
    levels = {"starter": 0, "progress": 1, "advanced": 2}
    for ex in sorted(entries.values(), key=lambda e: (e.kind, levels.get(e.level, 3), e.id)):
        click.echo(f"{ex.id:<{width}}  {ex.kind:<10}  {ex.level:<8}  {ex.name}")


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("gallery.pdf"), show_default=True)
@click.option("--exercise", "exercise_id", help="Only this exercise's figure.")
def figures(output: Path, exercise_id: str | None) -> None:
    """Render every figure (exercises and body-map views) into one PDF for review."""
    from handoutgen.build import write_atomic
    from handoutgen.figures.gallery import gallery_pdf
    from handoutgen.resolve.library import default_library_dir, load_library

    try:
        entries = sorted(load_library(default_library_dir()).check_all().values(), key=lambda e: e.id)
        write_atomic(output, gallery_pdf(entries, exercise_id))
    except Exception as exc:  # noqa: BLE001
        for line in _fail_lines(exc):
            _error(line)
        sys.exit(1)
    click.echo(f"Wrote {output}")


@main.command()
def schema() -> None:
    """Print the JSON Schema of a spec (for editor autocompletion)."""
    import json

    from handoutgen.spec.fields import json_schema
    from handoutgen.spec.model import Spec

    doc = json_schema(Spec, "handoutgen spec")
    click.echo(json.dumps(doc, indent=2, sort_keys=True))


@main.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="text: a readable report; json: one object per spec, for machines.")
@click.option("--strict", is_flag=True, help="Exit 1 on any error or warning (for CI).")
def check(specs: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check SPECs against plain-language and quality standards: reading level, long sentences,
    jargon, structure (PEMAT-P), references, currency and print. Exit 1 if a spec does not load,
    or with --strict on any error or warning."""
    import json

    from handoutgen.check.checks import check_file
    from handoutgen.check.report import counts_line, failed_json, text_report, to_json

    entries, broken, flagged, totals = [], 0, 0, {"error": 0, "warning": 0, "note": 0}
    for spec in specs:
        try:
            result = check_file(spec)
        except Exception as exc:  # noqa: BLE001 - a spec that does not load is reported, others go on
            broken += 1
            lines = _fail_lines(exc)
            for line in lines:
                _error(line)
            entries.append(failed_json(str(spec), getattr(exc, "problems", []), lines))
            continue
        flagged += result.failed
        for severity in totals:
            totals[severity] += result.count(severity)
        if fmt == "json":
            entries.append(to_json(result))
        else:
            click.echo("\n".join(text_report(result)) + "\n")
    if fmt == "json":
        click.echo(json.dumps(entries, indent=2, ensure_ascii=False))
    elif len(specs) > 1:
        click.echo(f"{len(specs)} specs: {counts_line(*totals.values())}"
                   + (f"; {broken} did not load" if broken else ""))
    sys.exit(1 if broken or (strict and flagged) else 0)
