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


@main.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output PDF (one spec) or an existing folder (any number of specs).")
@click.option("--paper", type=click.Choice(["letter", "a4"]), help="Paper size (default: the spec's).")
def build(specs: tuple[Path, ...], output: Path | None, paper: str | None) -> None:
    """Build one PDF per SPEC. A failed spec leaves any existing PDF untouched."""
    from handoutgen.build import build_handout

    try:
        targets = _outputs(specs, output)
    except click.UsageError as exc:
        _error(exc.message)
        sys.exit(1)
    failed = 0
    for spec, target in zip(specs, targets):
        try:
            result = build_handout(spec, target, paper=paper)
        except Exception as exc:  # noqa: BLE001 - every failure becomes an Error: line, never a traceback
            failed += 1
            for line in _fail_lines(exc):
                _error(line)
            continue
        for problem in result.warnings:
            _warn(problem)
        click.echo(f"Wrote {target} ({result.pages} page{'s' if result.pages != 1 else ''})")
    if failed:
        click.echo(f"{failed} of {len(specs)} spec{'s' if len(specs) != 1 else ''} failed", err=True)
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

    from handoutgen.spec.model import Spec

    doc = Spec.model_json_schema()
    doc["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    doc["title"] = "handoutgen spec"
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
