"""How far the front-desk sheet is from one page: the measurement behind the README's "Length"
paragraph (issue #15 asks for a one-page version with its first-stage exercises illustrated, body
text at least 14 pt; clinical facts section 9 puts the full red-flag list on every sheet).

    python benchmarks/one_page.py [--spec handouts/gluteus-medius-pain-short.yaml]

Builds the sheet in memory with `page_limit: 1` (so the layout uses its compact forms: the pain
guide's rules side by side, the help box as three short paragraphs), on Letter and A4, and cuts
more at each step:

  1. as shipped (with the week 1 tracker);
  2. without the tracker;
  3. without the key points either;
  4. with the red flags in the fewest words (section 9's own fragments);
  5. with the exercises as rows without pictures (less than the issue asks: the bound).

For each it prints the pages and the height the content takes, summed down the printed pages,
against the height of one page's body. Not a test: it answers "what would it take". Needs the
package installed (pdfplumber comes with the test extras).
"""

from __future__ import annotations

import argparse
import copy
import io
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TERSE = {  # every item of the section 6 and 9 list, in as few words as stay plain
    "emergency": ["Sudden loss of bladder or bowel control, or numbness where you sit on a bike seat."],
    "urgent": ["A fall or injury.", "You cannot put weight on your leg, even without a fall.",
               "Sudden pain, or a swollen or out-of-shape hip.", "Fever, feeling unwell, or a hot hip.",
               "A shot or surgery there lately, or weak defenses against germs.",
               "New numbness or weakness in your leg."],
    "routine": ["Pain at night or at rest.", "Weight loss without trying, or night sweats.",
                "Past cancer, or steroid pills for a long time."],
}
STEPS = ["as shipped", "without the tracker", "without the key points", "red flags in the fewest words",
         "exercise rows without pictures"]


def variant(spec: dict, step: int) -> dict:
    """The spec with the first `step` cuts made (0: as shipped), held to one page."""
    out = copy.deepcopy(spec)
    out["page_limit"] = 1
    if step >= 1:
        out["sections"] = [s for s in out["sections"] if s["type"] != "tracker"]
    if step >= 2:
        out.pop("key_points", None)
    for s in out["sections"]:
        if step >= 3 and s["type"] == "seek_care":
            s.update(copy.deepcopy(TERSE))
            s.pop("text", None)
        if step >= 4 and s["type"] == "exercises":
            s["style"] = "list"
    return out


def body_used(pdf: bytes) -> tuple[int, float, float]:
    """Pages, the height the content takes (summed over pages) and one page's body height, in pt:
    between the header's rule and the footer's, read back from the PDF."""
    import pdfplumber

    used, body = 0.0, 0.0
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            rules = [o for o in page.lines + page.rects if o["width"] > page.width * 0.6 and o["height"] < 2]
            top = min(o["bottom"] for o in rules)  # the header's rule: the highest full-width line
            foot = max(o["top"] for o in rules)  # the footer's: the lowest
            ink = [o["bottom"] for o in page.extract_words() + page.rects + page.curves + page.lines + page.images
                   if o["top"] > top + 1 and o["bottom"] < foot - 1]
            used += (max(ink) - top) if ink else 0.0
            body = foot - top
        return len(doc.pages), used, body


def measure(spec: dict, paper: str, folder: Path) -> tuple[int, float, float]:
    from handoutgen.build import prepare
    from handoutgen.layout.render import PrintOptions, render

    path = folder / "sheet.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    handout, _ = prepare(path)
    rendered = render(handout, PrintOptions(paper=paper))
    return body_used(rendered.pdf)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=ROOT / "handouts" / "gluteus-medius-pain-short.yaml")
    args = parser.parse_args()
    spec = yaml.safe_load(args.spec.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        for step, name in enumerate(STEPS):
            cells = []
            for paper in ("letter", "a4"):
                pages, used, body = measure(variant(spec, step), paper, Path(tmp))
                cells.append(f"{paper:6s} {pages} pp, content {used:5.0f} pt of a {body:3.0f} pt page "
                             f"({used - body:+4.0f})")
            print(f"{step + 1}. {name:31s} " + "   ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
