"""Speed and memory of handoutgen on this machine, each figure against a floor.

    python benchmarks/run.py [--rows 500] [--jobs N] [--merge-rows 10000] [--spec handouts/…yaml]

The floor is plain reportlab: a canvas writing the same words page by page in the embedded body
font, with no layout. One run prints every figure as a ratio to it (a warm render, a roster row
stamped and rendered in full, `-j 1` and the default jobs), memory (peak of the parent and of a
worker, a long in-process roster, a 10,000-row `--merge`), and where a cold `handoutgen build`
spends its time. In-process figures (the floor, renders, roster rows) are CPU time, which other
programs on a busy machine move far less than the wall clock; whole-process figures are wall
clock. Not a test: numbers depend on the machine. Needs the package installed.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HG = [sys.executable, "-m", "handoutgen"]


def timed(fn, repeat: int, clock=time.perf_counter) -> float:
    runs = []
    for _ in range(repeat):
        t = clock()
        fn()
        runs.append(clock() - t)
    return statistics.median(runs)


def cpu(fn, repeat: int) -> float:
    """Median CPU seconds of `fn` in this process: what other programs on a busy machine do
    moves it far less than the wall clock, so in-process ratios to the floor stay comparable."""
    return timed(fn, repeat, time.process_time)


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
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from handoutgen.paths import assets_dir

    # reportlab's own TTFont, not the one handoutgen registers (fonts.font_class: a quicker
    # splitString), so the floor stays plain reportlab. Under a face name of its own: reportlab
    # registers TrueType fonts by face, and a second font of the same face becomes the first
    font = "Floor-AtkinsonHyperlegible"
    if font not in pdfmetrics.getRegisteredFontNames():
        plain = TTFont(font, str(assets_dir() / "fonts" / "AtkinsonHyperlegible-Regular.ttf"))
        plain.face.name = b"FloorAtkinsonHyperlegible"
        pdfmetrics.registerFont(plain)
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


COLD = """
import json, sys, time
t0 = time.perf_counter()
from handoutgen import cli
t1 = time.perf_counter()
import reportlab.platypus
t2 = time.perf_counter()
from handoutgen.fonts import register
register()
t3 = time.perf_counter()
from pathlib import Path
from handoutgen.build import prepare, render_to
spec = Path(sys.argv[1])
handout, warnings = prepare(spec)
t4 = time.perf_counter()
render_to(handout, spec, Path(sys.argv[2]), warnings)
t5 = time.perf_counter()
print(json.dumps({"import handoutgen.cli": t1 - t0, "import reportlab.platypus": t2 - t1,
                  "font registration": t3 - t2, "load, validate, resolve": t4 - t3,
                  "first render and write": t5 - t4}))
"""

MEASURED = """
import atexit, resource, sys
target = sys.argv[1]
def report():
    with open(target, "w") as fh:
        fh.write("%d %d" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
atexit.register(report)
sys.argv = ["handoutgen"] + sys.argv[2:]
from handoutgen.cli import main
main()
"""


def measured(args: list[str], work: Path) -> tuple[float, float, float]:
    """Run `handoutgen ARGS` in a child: (seconds, peak MB of that process, peak MB of its workers)."""
    out = work / "rss.txt"
    t = time.perf_counter()
    run([sys.executable, "-c", MEASURED, str(out), *args])
    seconds = time.perf_counter() - t
    parent, workers = (int(v) / 1024 for v in out.read_text().split())
    return seconds, parent, workers


def write_roster(path: Path, rows: int) -> Path:
    path.write_text("name,clinician,date\n" + "".join(f"Patient {i},Sam Lee,2026-11-22\n" for i in range(rows)))
    return path


def row_times(spec: Path, rows: int, work: Path, stamp: bool) -> float:
    """CPU seconds per row of an in-process roster build (-j 1, files written), template included."""
    from handoutgen.batch import build_roster
    from handoutgen.roster import read_roster

    people = read_roster(write_roster(work / f"rows-{stamp}.csv", rows)).rows
    outdir = work / f"rows-{stamp}"
    outdir.mkdir()
    t = time.process_time()
    build_roster(spec, people, outdir, jobs=1, stamp=stamp)
    return (time.process_time() - t) / rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--spec", type=Path, default=ROOT / "handouts" / "gluteus-medius-pain.yaml")
    ap.add_argument("--rows", type=int, default=500)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--merge-rows", type=int, default=10000, help="rows of the --merge memory run (0: skip)")
    args = ap.parse_args()

    from handoutgen.build import prepare, render_to
    from handoutgen.personal import Personal

    work = Path(tempfile.mkdtemp(prefix="hg-bench-"))
    try:
        handout, warnings = prepare(args.spec)
        texts = [text for _, text in handout.texts]
        base_file = work / "base.pdf"
        baseline_pdf(texts, str(base_file))  # the floor's own font loading, once
        # the floor first, before renders fill the caches: a process holding more objects makes
        # every garbage collection slower, which would inflate the floor (7.8 ms against 6.0)
        floor = cpu(lambda: baseline_pdf(texts, str(base_file)), 21)
        render_to(handout, args.spec, None, warnings)  # warm fonts and caches
        warm = cpu(lambda: render_to(handout, args.spec, None, warnings, who=Personal("Pat Doe")), 15)
        from handoutgen.layout import formcache, formstream, wrapcache

        # the same render without remembered wraps, parsed markup and kept paragraph drawings
        # (layout/drawcache.py works only with shared wraps), and with every figure's
        # form drawn, encoded and compressed again (its geometry is still kept per process:
        # figures/record.py)
        wrapcache.ENABLED = formcache.ENABLED = formstream.ENABLED = False
        uncached = cpu(lambda: render_to(handout, args.spec, None, warnings, who=Personal("Pat Doe")), 9)
        wrapcache.ENABLED = formcache.ENABLED = formstream.ENABLED = True
        share = figure_share(lambda: render_to(handout, args.spec, None, warnings, who=Personal("Pat Doe")))
        rendered = render_to(handout, args.spec, None, warnings)

        stamped_row = row_times(args.spec, args.rows, work, stamp=True)
        full_row = row_times(args.spec, max(20, args.rows // 10), work, stamp=False)
        curve = memory_curve(args.spec, args.rows, work)

        # an installed wheel has bytecode; an editable install under PYTHONDONTWRITEBYTECODE would not
        import handoutgen

        compileall.compile_dir(Path(handoutgen.__file__).parent, quiet=1)
        cold = timed(lambda: run(HG + ["build", str(args.spec), "-o", str(work / "cold.pdf")]), 5)
        help_s = timed(lambda: run(HG + ["--help"]), 7)
        import json

        parts = [json.loads(subprocess.run([sys.executable, "-c", COLD, str(args.spec), str(work / "c.pdf")],
                                           check=True, capture_output=True, text=True).stdout) for _ in range(3)]
        breakdown = {k: statistics.median(p[k] for p in parts) for k in parts[0]}
        script = (f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import run as r; "
                  f"r.baseline_pdf({texts!r}, {str(work / 'b2.pdf')!r})")
        base_cold = timed(lambda: run([sys.executable, "-c", script]), 5)

        roster = write_roster(work / "roster.csv", args.rows)
        cli = {}
        for jobs in (1, args.jobs):
            outdir = work / f"out-{jobs}"
            cli[jobs] = measured(["build", str(args.spec), "--roster", str(roster), "-o", str(outdir), "-j", str(jobs)],
                                 work)
        merge = None
        if args.merge_rows:
            big = write_roster(work / "big.csv", args.merge_rows)
            merge = measured(["build", str(args.spec), "--roster", str(big), "--merge", str(work / "all.pdf"),
                              "-j", str(args.jobs)], work)
            merge_size = (work / "all.pdf").stat().st_size

        def line(label, value, unit_floor=None, target=""):
            ratio = f"{value / unit_floor:7.2f}x" if unit_floor else " " * 8
            shown = f"{value:10.1f}" if value >= 10 else f"{value:10.2f}"
            print(f"{label:52}{shown}{ratio}  {target}")

        ms = 1000
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; spec {args.spec.name}, "
              f"{rendered.pages} pages; floor (plain reportlab canvas, same words) {floor * ms:.1f} CPU ms a handout; "
              f"wall-clock figures are divided by the same floor")
        print(f"{'':52}{'value':>10}{'÷floor':>8}  target")
        line("warm render, one handout (CPU ms)", warm * ms, floor * ms, "8x")
        line("warm render without the paragraph and form caches (CPU ms)", uncached * ms, floor * ms)
        line("roster row, stamped, in process -j 1 (CPU ms)", stamped_row * ms, floor * ms, "2x")
        line("roster row, full renders, in process -j 1 (CPU ms)", full_row * ms, floor * ms)
        for jobs, (seconds, parent, workers) in cli.items():
            line(f"roster of {args.rows}, `build --roster -j {jobs}`, wall per row (ms)", seconds / args.rows * ms,
                 floor * ms)
        line("figure work, share of a warm render (%)", share * 100)
        line("cold `handoutgen build`, whole process (s)", cold, base_cold, "0.3 s")
        for name, seconds in breakdown.items():
            line(f"  {name} (s)", seconds)
        line("`handoutgen --help` (s)", help_s, None, "0.1 s")
        for jobs, (seconds, parent, workers) in cli.items():
            line(f"peak memory, roster of {args.rows} -j {jobs}: parent (MB)", parent)
            if jobs > 1:
                line(f"peak memory, roster of {args.rows} -j {jobs}: a worker (MB)", workers, None, "flat")
        print(f"{'memory, in-process roster (MB, every 10%)':52}{' '.join(f'{m:.0f}' for m in curve)}")
        if merge:
            seconds, parent, workers = merge
            line(f"--merge of {args.merge_rows} rows -j {args.jobs}: parent peak (MB)", parent, None, "200 MB")
            line(f"--merge of {args.merge_rows} rows -j {args.jobs}: worker peak (MB)", workers)
            line(f"--merge of {args.merge_rows} rows: wall per row (ms)", seconds / args.merge_rows * ms, floor * ms)
            line(f"--merge of {args.merge_rows} rows: file (MB)", merge_size / 2**20)
        line("PDF size (KB)", len(rendered.pdf) / 1024, base_file.stat().st_size / 1024)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
