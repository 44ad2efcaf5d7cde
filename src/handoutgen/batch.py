"""Many handouts from one spec: one per roster row (personalised), optionally merged, using
every core. The spec is loaded and resolved once; each row only personalises and lays out."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from handoutgen.build import prepare, render_to, write_atomic
from handoutgen.errors import HandoutError, Problem
from handoutgen.personal import RosterRow, safe_filename


@dataclass(frozen=True)
class RowResult:
    row: RosterRow
    output: Path | None
    pdf: bytes | None
    error: str | None


_STATE: dict = {}  # per worker process: the resolved handout, so rows only pay for layout


def _init(spec_path: Path, options) -> None:
    handout, warnings = prepare(spec_path)
    _STATE.update(spec=spec_path, handout=handout, warnings=warnings, options=options)


def _render_row(job: tuple[RosterRow, Path | None, bool]) -> RowResult:
    row, output, keep = job
    try:
        result = render_to(_STATE["handout"], _STATE["spec"], output, [], options=_STATE["options"], who=row.who)
    except HandoutError as exc:
        return RowResult(row, None, None, "; ".join(exc.lines()))
    return RowResult(row, output, result.pdf if keep else None, None)


def build_roster(spec_path: Path, rows: list[RosterRow], outdir: Path | None, *, options=None,
                 merge: Path | None = None, jobs: int = 1,
                 progress: Callable[[int, int], None] | None = None) -> tuple[list[RowResult], list[Problem]]:
    """Build every good row; bad rows come back as problems. With `merge`, one PDF of all rows."""
    _init(spec_path, options)  # validates the spec once, up front, in this process too
    warnings = list(_STATE["warnings"])
    taken: set[str] = set()
    jobs_list = []
    for row in rows:
        if row.who is None:
            continue
        target = None if merge else outdir / safe_filename(row.who.patient or "handout", taken)
        jobs_list.append((row, target, merge is not None))
    results = list(_run(jobs_list, spec_path, options, jobs, progress))
    if merge is not None:
        merged = [r.pdf for r in results if r.pdf]
        if merged:
            from handoutgen.build import spec_bytes

            write_atomic(merge, merge_pdfs(merged, spec_bytes(spec_path)))
    return results, warnings


def _run(jobs_list, spec_path, options, jobs: int, progress) -> Iterator[RowResult]:
    total = len(jobs_list)
    if jobs <= 1 or total < 4:
        for i, job in enumerate(jobs_list, start=1):
            yield _render_row(job)
            if progress:
                progress(i, total)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(spec_path, options)) as pool:
        # map keeps roster order; chunks keep inter-process traffic small, memory stays flat
        for i, result in enumerate(pool.map(_render_row, jobs_list, chunksize=8), start=1):
            yield result
            if progress:
                progress(i, total)


def merge_pdfs(pdfs: list[bytes], attachment: bytes | None = None) -> bytes:
    import io

    from pypdf import PdfReader

    from handoutgen.layout.impose import deterministic_writer, write

    writer = deterministic_writer()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)), import_outline=False)
    from handoutgen.layout.attach import add_to_writer

    add_to_writer(writer, attachment)
    return write(writer)


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
