"""How many pages the class sheet takes with less on it: the measurement behind the README's
"Length" paragraph (issue #15 asks for at most 8 pages; the shipped sheet is 9).

    python benchmarks/class_length.py [--spec handouts/hip-strength-class.yaml]

Builds the sheet in memory, on Letter and A4, for every mix of these cuts, and prints the page
counts: "What you need at home" kept at the end, moved under the pain guide, folded into the week
intros or dropped; the week 1 intro kept or dropped; the help box's intro kept or dropped; the
last key point kept or dropped; the tracker kept or dropped. Not a test: it answers "what would
it take", and prints the mixes that reach 8 pages. Needs the package installed.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
NEED = "What you need at home"
WEEK_1, WEEKS_3_8, HELP = "Week 1: getting started", "Weeks 3 to 8: new exercises", "When to get help"
# the equipment list said in the week intros instead, for the "fold" mix
FOLD_1 = " You need a mat, a pillow, a belt to loop around your legs, a firm chair, and a wall and a counter to hold on to."
FOLD_3 = "You also need an exercise band that loops around both legs. Ask your teacher which one to use.\n"


def variant(spec: dict, need: str, week_1_intro: bool, help_intro: bool, last_key_point: bool,
            tracker: bool) -> dict:
    """The spec with these cuts made."""
    out = copy.deepcopy(spec)
    sections = {s.get("heading", s["type"]): s for s in out["sections"]}
    order = [s.get("heading", s["type"]) for s in out["sections"] if s.get("heading") != NEED]
    if need == "under the pain guide":
        order.insert(order.index("pain_guide") + 1, NEED)
    elif need == "at the end":
        order.insert(order.index(HELP), NEED)
    elif need == "folded":
        sections[WEEK_1]["text"] = sections[WEEK_1]["text"].rstrip() + FOLD_1 + "\n"
        sections[WEEKS_3_8]["text"] += FOLD_3
    if not week_1_intro:
        sections[WEEK_1].pop("text", None)
    if not help_intro:
        sections[HELP].pop("text", None)
    if not last_key_point:
        out["key_points"] = out["key_points"][:-1]
    if not tracker:
        order = [k for k in order if sections[k]["type"] != "tracker"]
    out["sections"] = [sections[k] for k in order]
    return out


def pages(spec: dict, paper: str, folder: Path) -> int:
    from handoutgen.build import prepare
    from handoutgen.layout.render import PrintOptions, render

    path = folder / "class.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    handout, _ = prepare(path)
    return render(handout, PrintOptions(paper=paper)).pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=ROOT / "handouts" / "hip-strength-class.yaml")
    args = parser.parse_args()
    spec = yaml.safe_load(args.spec.read_text(encoding="utf-8"))
    mixes = list(itertools.product(["at the end", "under the pain guide", "folded", "dropped"],
                                   [True, False], [True, False], [True, False], [True, False]))
    reached = []
    with tempfile.TemporaryDirectory() as tmp:
        for mix in mixes:
            counts = [pages(variant(spec, *mix), paper, Path(tmp)) for paper in ("letter", "a4")]
            need, week_1, help_, key, tracker = mix
            print(f"{counts[0]:2d} Letter {counts[1]:2d} A4  what you need: {need:20s} week 1 intro: {week_1!s:5s} "
                  f"help intro: {help_!s:5s} last key point: {key!s:5s} tracker: {tracker}")
            if max(counts) <= 8:
                reached.append(mix)
    print(f"\n{len(mixes)} mixes; {len(reached)} reach 8 pages on Letter and A4"
          + ("".join(f"\n  {m}" for m in reached) if reached else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
