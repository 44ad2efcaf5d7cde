"""Many handouts from one spec: one per roster row (personalised), optionally merged, using
every core. The spec is loaded and resolved once; each row only personalises and lays out."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from handoutgen.build import prepare, render_to
from handoutgen.files import check_output, write_output
from handoutgen.errors import HandoutError, Problem
from handoutgen.roster import RosterRow, safe_filename


@dataclass(frozen=True)
class RowResult:
    row: RosterRow
    output: Path | None
    pdf: bytes | None
    error: str | None


_STATE: dict = {}  # per worker process: the resolved handout, so rows only pay for layout


def _init(spec_path: Path, options, charset: str | None = None) -> None:
    handout, warnings = prepare(spec_path)
    _STATE.update(spec=spec_path, handout=handout, warnings=warnings, options=options)
    _init_stamper(spec_path, options, charset)


def _worker_init(spec_path: Path, options, parent: int, charset: str | None = None) -> None:
    """A pool worker: Ctrl-C is the parent's to handle (it stops the pool), and a worker whose
    parent is gone, even killed with SIGKILL, exits instead of lingering."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # Linux: the kernel sends SIGTERM when the parent dies
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:  # everywhere else (and as a second line of defence): poll
        import time

        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()
    _init(spec_path, options, charset)


def _render_row(job: tuple[RosterRow, Path | None, bool]) -> RowResult:
    row, output, keep = job
    try:
        stamper = _STATE.get("stamper")
        pdf = stamper.pdf(row.who) if stamper else None
        if pdf is None:  # not stampable (or stamping off): the whole pipeline for this row
            pdf = render_to(_STATE["handout"], _STATE["spec"], output, [], options=_STATE["options"], who=row.who).pdf
        elif output is not None:
            write_output(output, pdf)
    except HandoutError as exc:
        return RowResult(row, None, None, "; ".join(exc.lines()))
    return RowResult(row, output, pdf if keep else None, None)


CHUNK = 8  # rows a worker takes at a time


def _render_chunk(chunk: list) -> list[RowResult]:
    return [_render_row(job) for job in chunk]


def build_roster(spec_path: Path, rows: list[RosterRow], outdir: Path | None, *, options=None,
                 merge: Path | None = None, jobs: int = 1,
                 progress: Callable[[int, int], None] | None = None,
                 roster: Path | None = None, stamp: bool = True) -> tuple[list[RowResult], list[Problem]]:
    """Build every good row; bad rows come back as problems. With `merge`, one PDF of all rows.
    Every output is checked before the first is written. `stamp=False` renders every row in
    full (the reference the stamping tests compare with)."""
    from handoutgen.stamp import roster_charset

    if _STATE.get("spec") != spec_path or _STATE.get("options") != options:
        _init(spec_path, options)  # validates the spec once, up front, in this process too
    people = [row.who for row in rows if row.who is not None]
    charset = roster_charset(_STATE["handout"], people) if stamp else None
    _init_stamper(spec_path, options, charset)
    warnings = list(_STATE["warnings"])
    inputs = {spec_path: "the spec itself", **({roster: "the roster"} if roster else {})}
    taken: set[str] = set()
    jobs_list = []
    for row in rows:
        if row.who is None:
            continue
        target = None if merge else outdir / safe_filename(row.who.patient or "handout", taken)
        if target is not None:
            check_output(target, inputs=inputs)
        jobs_list.append((row, target, merge is not None))
    if merge is not None:
        check_output(merge, inputs=inputs)
    if merge is None:
        return list(_run(jobs_list, spec_path, options, jobs, progress, charset)), warnings
    from handoutgen.build import spec_bytes

    results: list[RowResult] = []
    try:
        write_output(merge, lambda fh: _stream_merge(fh, _run(jobs_list, spec_path, options, jobs, progress, charset),
                                                     results, spec_bytes(spec_path)))
    except _NothingBuilt:
        pass  # every row failed: no merged PDF at all, rather than an empty one
    return results, warnings


class _NothingBuilt(Exception):
    pass


def _stream_merge(fh, rows: Iterator[RowResult], results: list[RowResult], attachment: bytes) -> None:
    """Append each row's pages to the merged file as it arrives, in roster order, each handout
    starting on a new sheet; memory stays flat because no row's PDF is kept once written."""
    from handoutgen.layout.stream import StreamingPdf

    out = None
    for result in rows:
        if result.pdf:
            out = out or StreamingPdf(fh)
            out.add(result.pdf, even=True)
            result = RowResult(result.row, None, None, None)
        results.append(result)
    if out is None:
        raise _NothingBuilt
    out.finish(attachment)


@contextmanager
def _whole_row():
    """Ctrl-C waits for the row in hand (a few milliseconds when stamped): its PDF is written
    and counted, or neither, so "built N" always matches the files on disk."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda *_: caught.append(1))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
    if caught:
        raise KeyboardInterrupt


def _init_stamper(spec_path: Path, options, charset: str | None) -> None:
    """Roster copies are stamped where they can be (stamp.py); `charset` is every character
    the roster's rows stamp, None for full renders only."""
    from handoutgen.stamp import Stamper

    _STATE["stamper"] = Stamper(_STATE["handout"], spec_path, options, charset) if charset is not None else None


def _run(jobs_list, spec_path, options, jobs: int, progress, charset: str | None = None) -> Iterator[RowResult]:
    total = len(jobs_list)
    if jobs <= 1 or total < 4:
        for i, job in enumerate(jobs_list, start=1):
            with _whole_row():
                result = _render_row(job)
                if progress:
                    progress(i, total)
            yield result
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init,
                               initargs=(spec_path, options, os.getpid(), charset))
    # chunks of rows keep inter-process traffic small; a bounded window of chunks in flight keeps
    # memory flat when workers outrun the parent (stamped rows arrive faster than --merge writes
    # them, and pool.map would queue every finished PDF); consumed in order, so roster order holds
    starts = iter(range(0, total, CHUNK))
    window: deque = deque()

    def submit() -> None:
        start = next(starts, None)
        if start is not None:
            window.append(pool.submit(_render_chunk, jobs_list[start:start + CHUNK]))

    try:
        for _ in range(jobs * 4):
            submit()
        i = 0
        while window:
            for result in window.popleft().result():
                i += 1
                yield result
                if progress:
                    progress(i, total)
            submit()
    except BaseException:  # Ctrl-C: drop the queued rows, let the running ones finish, then stop
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def handout_exercises(spec_path: Path, options=None) -> set[str]:
    """The exercise ids of a spec (prepared once and kept for the roster build that follows)."""
    _init(spec_path, options)
    return {ex.id for s in _STATE["handout"].sections for ex in s.exercises}


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
