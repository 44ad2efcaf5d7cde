"""Speed and size of handoutgen on this machine, against plain reportlab as the floor.

    python benchmarks/run.py [--rows 500] [--jobs N] [--spec handouts/gluteus-medius-pain.yaml]

Prints: warm render (ms), cold `handoutgen build` (s), `handoutgen --help` (s), a roster batch
(handouts/s, peak memory), memory over a long in-process batch (MB every 10% of the rows), PDF
size (KB), and the same figures for plain reportlab canvas text with no layout. Not a test:
numbers depend on the machine. Needs the package installed.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HG = [sys.executable, "-m", "handoutgen"]


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def figure_share(render, repeat: int = 15) -> float:
    """Median share of a render spent in figure work (drawing exercise figures and body maps,
    fitting their boxes), timed by wrapping the functions the figure flowables call."""
    import handoutgen.layout.figure_forms as ff

    spent = [0.0]
    originals = {n: getattr(ff, n) for n in ("draw_exercise", "draw_bodymap", "fitted_height")}

    def wrap(fn):
        def timed_fn(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[0] += time.perf_counter() - t
        return timed_fn

    shares = []
    try:
        for name, fn in originals.items():
            setattr(ff, name, wrap(fn))
        for _ in range(repeat):
            spent[0] = 0.0
            t = time.perf_counter()
            render()
            shares.append(spent[0] / (time.perf_counter() - t))
    finally:
        for name, fn in originals.items():
            setattr(ff, name, fn)
    return statistics.median(shares)


def run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def rss_mb() -> float:
    """Resident memory of this process now (Linux /proc; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory_curve(spec: Path, rows: int, work: Path) -> list[float]:
    """Build `rows` personalised handouts in this process, sampling memory every 10% of the way:
    a flat curve means nothing piles up per handout."""
    from handoutgen.batch import build_roster
    from handoutgen.roster import read_roster

    roster = work / "curve.csv"
    roster.write_text("name\n" + "".join(f"Patient {i}\n" for i in range(rows)))
    outdir = work / "curve"
    outdir.mkdir()
    step = max(1, rows // 10)
    samples: list[float] = []

    def sample(done: int, total: int) -> None:
        if done % step == 0 or done == total:
            samples.append(rss_mb())

    build_roster(spec, read_roster(roster).rows, outdir, jobs=1, progress=sample)
    return samples


def baseline_pdf(texts: list[str], out) -> None:
    """The floor: the same words on Letter pages with a canvas, no layout engine."""
    from reportlab.pdfgen.canvas import Canvas

    from handoutgen.fonts import register

    font = register()["regular"]
    canv = Canvas(out, invariant=1)
    y = 740
    for text in texts:
        for start in range(0, len(text), 80):
            if y < 60:
                canv.showPage()
                y = 740
            canv.setFont(font, 14)
            canv.drawString(54, y, text[start:start + 80])
            y -= 20
    canv.showPage()
    canv.save()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--spec", type=Path, default=ROOT / "handouts" / "gluteus-medius-pain.yaml")
    ap.add_argument("--rows", type=int, default=500)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--one-by-one", type=int, default=10, help="separate builds timed for the per-handout ratio")
    args = ap.parse_args()

    from handoutgen.build import prepare, render_to
    from handoutgen.personal import Personal

    work = Path(tempfile.mkdtemp(prefix="hg-bench-"))
    try:
        handout, warnings = prepare(args.spec)
        render_to(handout, args.spec, None, warnings)  # warm fonts and caches
        warm = timed(lambda: render_to(handout, args.spec, None, warnings, who=Personal("Pat Doe")), 15)
        share = figure_share(lambda: render_to(handout, args.spec, None, warnings, who=Personal("Pat Doe")))
        size = len(render_to(handout, args.spec, None, warnings).pdf)
        # an installed wheel has bytecode; an editable install under PYTHONDONTWRITEBYTECODE would not
        import handoutgen

        compileall.compile_dir(Path(handoutgen.__file__).parent, quiet=1)
        cold = timed(lambda: run(HG + ["build", str(args.spec), "-o", str(work / "cold.pdf")]), 5)
        help_s = timed(lambda: run(HG + ["--help"]), 7)
        one_each = timed(lambda: run(HG + ["build", str(args.spec), "-o", str(work / "one.pdf")]), args.one_by_one)

        roster = work / "roster.csv"
        roster.write_text("name,clinician,date\n" + "".join(f"Patient {i},Sam Lee,2026-11-22\n"
                                                           for i in range(args.rows)))
        outdir = work / "out"
        outdir.mkdir()
        t = time.perf_counter()
        run(HG + ["build", str(args.spec), "--roster", str(roster), "-o", str(outdir), "-j", str(args.jobs)])
        batch_s = time.perf_counter() - t
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        curve = memory_curve(args.spec, args.rows, work)

        texts = [text for _, text in handout.texts]
        base_file = work / "base.pdf"
        base_warm = timed(lambda: baseline_pdf(texts, str(base_file)), 15)
        base_size = base_file.stat().st_size
        script = (f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import run as r; "
                  f"r.baseline_pdf({texts!r}, {str(work / 'b2.pdf')!r})")
        base_cold = timed(lambda: run([sys.executable, "-c", script]), 5)
        base_rate = 1 / base_warm

        rate = args.rows / batch_s
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; spec {args.spec.name}, "
              f"{render_to(handout, args.spec, None, warnings).pages} pages")
        print(f"{'':34}{'handoutgen':>12}{'plain reportlab':>18}{'ratio':>8}")
        print(f"{'warm render (ms)':34}{warm * 1000:12.0f}{base_warm * 1000:18.0f}{warm / base_warm:8.1f}")
        print(f"{'figure work, share of warm render':34}{share * 100:11.0f}%")
        print(f"{'cold build, whole process (s)':34}{cold:12.2f}{base_cold:18.2f}{cold / base_cold:8.1f}")
        print(f"{'handoutgen --help (s)':34}{help_s:12.2f}")
        print(f"{'batch of %d, -j %d (handouts/s)' % (args.rows, args.jobs):34}{rate:12.1f}{base_rate:18.1f}"
              f"{base_rate / rate:8.1f}")
        print(f"{'one by one, separate builds (/s)':34}{1 / one_each:12.1f}")
        print(f"{'batch speed-up per handout':34}{rate * one_each:12.1f}x")
        print(f"{'peak memory, batch (MB)':34}{peak_mb:12.0f}")
        print(f"{'memory, in-process batch (MB)':34}{' '.join(f'{m:.0f}' for m in curve)}"
              f"  (every {max(1, args.rows // 10)} handouts)")
        print(f"{'PDF size (KB)':34}{size / 1024:12.0f}{base_size / 1024:18.0f}{size / base_size:8.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
