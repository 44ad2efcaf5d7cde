"""The command line. The only module that imports click; it prints what the library raises."""

from __future__ import annotations

import atexit
import functools
import gc
import os
import sys
from pathlib import Path

import click

from handoutgen import __version__, lazyimport

# What importing reportlab and PyYAML costs that a command never uses (regular expressions,
# Pillow) is put off until used: about 45 ms of a cold build. Installed here, in the command's
# own process, not on `import handoutgen`: a program using the library keeps its imports as they are.
lazyimport.install()

# A command's process ends right after it: the garbage collection Python runs while shutting
# down would walk every object a build made (reportlab's, the layout's) for nothing, about 25 ms
# of a 0.3 s build. Freezing them at exit skips that walk; files are written and closed before,
# and stdout and stderr are flushed by the interpreter as usual.
atexit.register(gc.freeze)


def _fail_lines(exc: Exception) -> list[str]:
    from handoutgen.errors import HandoutError

    if isinstance(exc, HandoutError):
        return exc.lines()
    if os.environ.get("HANDOUTGEN_DEBUG"):
        raise exc
    return [f"internal error ({type(exc).__name__}: {exc}); please report this with the spec"]


def _error(line: str) -> None:
    click.echo(f"Error: {line}", err=True)


def _report(exc: Exception) -> list[str]:
    """Print an exception as Error: lines (the one place failures are shown); return the lines."""
    lines = _fail_lines(exc)
    for line in lines:
        _error(line)
    return lines


class _Interrupted(Exception):
    """Ctrl-C during a build; `done` says what was finished before it."""

    def __init__(self, done: str):
        super().__init__(done)
        self.done = done


def _funnel(command):
    """Every command runs inside this: library errors become `Error:` lines and exit code 1,
    Ctrl-C says what was finished and exits 130, and library log chatter (pypdf's) is muted."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        import logging

        from handoutgen import files

        logging.getLogger("pypdf").setLevel(logging.CRITICAL + 1)
        files.begin_run()
        try:
            return command(*args, **kwargs)
        except click.UsageError as exc:
            _error(exc.message)
        except _Interrupted as exc:
            click.echo(f"\nInterrupted: {exc.done}", err=True)
            sys.exit(130)
        except KeyboardInterrupt:
            click.echo("\nInterrupted; nothing was written", err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - every failure becomes an Error: line, never a traceback
            _report(exc)
        sys.exit(1)

    return run


def _warn(problem) -> None:
    click.echo(f"Warning: {problem}", err=True)


def _outputs(specs: tuple[Path, ...], output: Path | None) -> list[Path]:
    """Where each spec's PDF goes: -o FILE for one spec, -o DIR (or the current folder) otherwise."""
    is_dir = output is not None and (output.is_dir() or str(output).endswith(("/", "\\")))
    if output is not None and not is_dir:
        if len(specs) > 1:
            raise click.UsageError(f"with several specs, -o must be a folder; {output} is not one (write {output}/ to create it)")
        return [output]
    folder = output or Path(".")
    _make_folder(folder)
    names = [folder / (spec.stem + ".pdf") for spec in specs]
    if len(set(names)) != len(names):
        raise click.UsageError("two specs share a file name; build them into different folders")
    return names


def _make_folder(folder: Path) -> None:
    """-o DIR/ creates the folder (and its parents), as a clinic would expect."""
    from handoutgen.files import FileError

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise FileError(folder, "is a file, expected a folder") from None
    except OSError as exc:
        raise FileError(folder, f"cannot create the folder ({exc.strerror})") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handoutgen")
def main() -> None:
    """Turn YAML handout specs into print-ready, large-print patient handout PDFs."""


def _print_options(f):
    """The print-variant flags shared by build and pack."""
    f = click.option("--paper", type=click.Choice(["letter", "a4"]), help="Paper size (default: the spec's).")(f)
    f = click.option("--large-print", is_flag=True, help="16 pt text, nothing under 14 pt, larger figures.")(f)
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
              help="Output PDF (one spec) or a folder, created if missing (several specs, or a roster).")
@_print_options
@click.option("--patient", help="Fills 'Prepared for'.")
@click.option("--clinician", help="Fills 'By'.")
@click.option("--date", "date_", help="Fills 'Date' (year-month-day, e.g. 2026-11-22).")
@click.option("--date-order", type=click.Choice(["mdy", "dmy"]),
              help="How to read dates like 12/1/2026 (in --date and a roster): month first or day first.")
@click.option("--notes", help="Personal notes printed on page 1.")
@click.option("--allow-missing-glyphs", is_flag=True,
              help="Build even when a name or note has characters no font here can print (they are left out).")
@click.option("--dose", "doses", multiple=True, metavar="ID=3x12", help="Change one exercise's dose (repeatable).")
@click.option("--roster", type=click.Path(path_type=Path),
              help="CSV: name, clinician, date, notes, and dose columns named by exercise id; one PDF per row.")
@click.option("--merge", type=click.Path(path_type=Path), help="With --roster: one PDF of every row.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, help="Processes for a roster (default: all cores).")
@_funnel
def build(specs, output, paper, large_print, grayscale, booklet, patient, clinician, date_, date_order, notes,
          allow_missing_glyphs, doses, roster, merge, jobs) -> None:
    """Build one PDF per SPEC. A failed spec leaves any existing PDF untouched."""
    from handoutgen.personal import from_options

    options = _options(paper, large_print, grayscale, booklet)
    # checked like a roster row
    who = from_options(patient, clinician, date_, notes, doses, date_order, allow_missing_glyphs)
    if roster:
        _build_roster(specs, roster, output, merge, jobs, options, date_order, allow_missing_glyphs)
        return
    targets = _outputs(specs, output)
    # one handout, then the process ends: the collector's passes over reportlab's objects (about
    # 10 ms of a 0.3 s build) free nothing worth having; with many specs it stays on
    paused = len(specs) == 1 and gc.isenabled()
    if paused:
        gc.disable()
    try:
        failed, built = _build_each(specs, targets, options, who)
    finally:
        if paused:  # (the tests run many builds in one process)
            gc.enable()
    if failed:
        click.echo(f"{failed} of {len(specs)} spec{'s' if len(specs) != 1 else ''} failed", err=True)
        sys.exit(1)


def _build_each(specs, targets, options, who) -> tuple[int, int]:
    """Build each spec; a failed one is reported and the rest still build. (failed, built)"""
    from handoutgen.build import build_handout

    failed = built = 0
    for spec, target in zip(specs, targets):
        try:
            result = build_handout(spec, target, options=options, who=who)
        except KeyboardInterrupt:
            raise _Interrupted(f"built {built} of {len(specs)} handouts") from None
        except Exception as exc:  # noqa: BLE001 - the other specs still build
            failed += 1
            _report(exc)
            continue
        built += 1
        for problem in result.warnings:
            _warn(problem)
        click.echo(f"Wrote {target} ({_page_count(result.pages, options.booklet)})")
    return failed, built


def _page_count(pages: int, booklet: bool) -> str:
    if booklet:  # what to load into the printer: each sheet carries 4 booklet pages
        sheets = pages // 4
        return f"{pages} pages on {sheets} sheet{'s' if sheets != 1 else ''}: print on both sides, fold"
    return f"{pages} page{'s' if pages != 1 else ''}"


def _build_roster(specs, roster, output, merge, jobs, options, date_order, allow_missing_glyphs) -> None:
    from handoutgen.batch import build_roster, default_jobs, handout_exercises
    from handoutgen.roster import read_roster

    if len(specs) != 1:
        raise click.UsageError("--roster takes exactly one spec")
    if merge is None:
        if output is None:
            raise click.UsageError("with --roster, give -o FOLDER (or --merge FILE)")
        _make_folder(output)
    # read and checked in full before anything is written
    sheet = read_roster(roster, handout_exercises(specs[0], options), date_order, allow_missing_glyphs)
    rows = sheet.rows
    for line in sheet.warnings:
        click.echo(f"Warning: {line}", err=True)
    done = [0]
    bar = _progress_bar() if sys.stderr.isatty() else None

    def progress(finished: int, total: int) -> None:
        done[0] = finished
        if bar:
            bar(finished, total)

    try:
        results, warnings = build_roster(specs[0], rows, output, options=options, merge=merge,
                                         jobs=jobs or default_jobs(), progress=progress, roster=roster)
    except KeyboardInterrupt:
        if merge:
            raise _Interrupted(f"{done[0]} of {len(rows)} handouts were laid out; {merge} was not written") from None
        raise _Interrupted(f"built {done[0]} of {len(rows)} handouts into {output}") from None
    if bar:
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
@click.option("--title", default=None, help="Cover title (default: 'Class pack').")
@_print_options
@_funnel
def pack(specs, output, title, paper, large_print, grayscale, booklet) -> None:
    """Several handouts in one PDF, with a cover, contents page and bookmarks."""
    from handoutgen import files
    from handoutgen.labels import labels
    from handoutgen.pack import build_pack

    files.check_output(output, inputs={spec: "one of the specs" for spec in specs})
    pdf, results, pages, warnings = build_pack(list(specs), title or labels("en")["class_pack"],
                                               options=_options(paper, large_print, grayscale, booklet))
    files.check_output(output, inputs={spec: "one of the specs" for spec in specs})
    files.write_output(output, pdf)
    for problem in warnings + [w for result in results for w in result.warnings]:
        _warn(problem)
    click.echo(f"Wrote {output} ({len(results)} handouts, {_page_count(pages, booklet)})")


@main.command()
@click.argument("pdf", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Where to write the spec (default: stdout); a folder for a pack's specs.")
@_funnel
def extract(pdf: Path, output: Path | None) -> None:
    """Write out the spec embedded in a handout PDF (or every spec in a pack), to edit and build again."""
    from handoutgen import files
    from handoutgen.layout.attach import extract_specs

    if output is not None and not output.is_dir():  # before reading: -o naming the PDF itself
        files.check_output(output, kind="yaml", inputs={pdf: "the PDF being read"})
    specs = extract_specs(pdf)
    if len(specs) == 1 and not (output and output.is_dir()):
        ((_, text),) = specs.items()
        if output is None:
            click.echo(text, nl=False)
        else:
            files.check_output(output, kind="yaml", inputs={pdf: "the PDF being read"})
            files.write_output(output, text.encode("utf-8"), what="the spec")
            click.echo(f"Wrote {output}")
        return
    if output is None:
        click.echo(f"{pdf} is a pack of {len(specs)} handouts; write their specs with -o FOLDER:")
        for name in specs:
            click.echo(f"  {name}")
        return
    if not output.is_dir():
        raise click.UsageError(f"{pdf} holds {len(specs)} specs; give a folder with -o")
    targets = {name: output / name for name in specs}
    for target in targets.values():
        if target.exists():
            files.check_output(target, kind="yaml")
            raise files.FileError(target, "already exists; extract into an empty folder")
    for name, text in specs.items():
        files.write_output(targets[name], text.encode("utf-8"), what="the spec")
        click.echo(f"Wrote {targets[name]}")


@main.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@_funnel
def validate(specs: tuple[Path, ...]) -> None:
    """Check SPECs without building; print every problem, one line each."""
    from handoutgen.build import prepare

    failed = 0
    for spec in specs:
        try:
            _, warnings = prepare(spec)
        except Exception as exc:  # noqa: BLE001 - the other specs are still checked
            failed += 1
            _report(exc)
            continue
        for problem in warnings:
            _warn(problem)
        click.echo(f"{spec}: valid")
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("name")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@_funnel
def new(name: str, force: bool) -> None:
    """Write a commented starter spec NAME.yaml that validates and builds."""
    from handoutgen import files
    from handoutgen.starter import starter_text

    path = Path(name if name.endswith((".yaml", ".yml")) else name + ".yaml")
    if path.exists() and not force:
        raise files.FileError(path, "already exists; choose another name or use --force")
    files.check_output(path, kind="yaml")
    files.write_output(path, starter_text(path.stem).encode("utf-8"), what="the spec")
    click.echo(f"Wrote {path}. Edit it, then run: handoutgen build {path}")


@main.command()
@click.option("--library", type=click.Path(path_type=Path), help="An extra exercise folder.")
@click.option("--region", help="Only exercises that move this body area (knee, shoulder, back, …).")
@_funnel
def exercises(library: Path | None, region: str | None) -> None:
    """List the exercise library: id, name, kind and level."""
    from handoutgen.resolve.library import default_library_dir, load_library
    from handoutgen.spec.model import REGIONS
    from handoutgen.suggest import did_you_mean

    if region is not None and region not in REGIONS:
        raise click.UsageError(f"--region: unknown body area {region!r}{did_you_mean(region, REGIONS)}; "
                               f"expected one of {', '.join(REGIONS)}")

    entries = load_library(default_library_dir()).check_all()
    if library and not library.is_dir():
        from handoutgen.files import FileError

        raise FileError(library, "is not a folder; --library takes a folder of exercise files")
    if library:
        entries.update(load_library(library, roots=(library,)).check_all())
    if region:
        entries = {i: ex for i, ex in entries.items() if region in ex.regions}
    width = max((len(i) for i in entries), default=2)
    levels = {"starter": 0, "progress": 1, "advanced": 2}
    for ex in sorted(entries.values(), key=lambda e: (e.kind, levels.get(e.level, 3), e.id)):
        click.echo(f"{ex.id:<{width}}  {ex.kind:<10}  {ex.level:<8}  {ex.name}")


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("gallery.pdf"), show_default=True)
@click.option("--exercise", "exercise_id", help="Only this exercise's figure.")
@_funnel
def figures(output: Path, exercise_id: str | None) -> None:
    """Render every figure (exercises and body-map views) into one PDF for review."""
    from handoutgen import files
    from handoutgen.gallery import gallery_pdf
    from handoutgen.resolve.library import default_library_dir, load_library

    files.check_output(output)
    entries = sorted(load_library(default_library_dir()).check_all().values(), key=lambda e: e.id)
    pdf = gallery_pdf(entries, exercise_id)
    files.check_output(output)  # the library was read meanwhile: none of it may be the output
    files.write_output(output, pdf)
    click.echo(f"Wrote {output}")


@main.command()
@_funnel
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
@_funnel
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
            lines = _report(exc)
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
