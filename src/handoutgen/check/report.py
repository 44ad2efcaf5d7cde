"""Format check results: a readable report (worst first) and JSON for machines (README,
"Checking a handout", documents the JSON shape; keep the two in step)."""

from __future__ import annotations

from dataclasses import asdict

from handoutgen.check.findings import CheckResult, Finding, Level
from handoutgen.errors import Problem


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def counts_line(errors: int, warnings: int, notes: int) -> str:
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}, {_plural(notes, 'note')}"


def text_report(result: CheckResult) -> list[str]:
    """One line per finding (worst first), then reading levels and PEMAT-P scores."""
    lines = [str(f) for f in result.findings]
    lim = result.limits
    o = result.overall
    lines.append(f"{result.file}: reading level: Flesch-Kincaid grade {o.fk_grade:.1f} (limit {lim.max_grade:g}), "
                 f"SMOG {o.smog:.1f} (limit {lim.max_smog:g}); {_plural(o.words, 'word')}, "
                 f"{_plural(o.sentences, 'sentence')}{'' if o.judged else ' (too short to judge)'}")
    lines += _section_table(result.sections)
    lines += [f"  {_score_line(score)}" for score in result.scores.values()]
    lines.append("  " + counts_line(result.count("error"), result.count("warning"), result.count("note")))
    return lines


def _section_table(sections: list[Level]) -> list[str]:
    if not sections:
        return []
    width = min(44, max(len(s.name) for s in sections))
    out = [f"  {'section':<{width}}  {'line':>4}  {'FK':>5}  {'SMOG':>5}  {'words':>5}"]
    for s in sections:
        name = s.name if len(s.name) <= width else s.name[:width - 1] + "…"
        note = "" if s.judged else "  (too short to judge)"
        out.append(f"  {name:<{width}}  {s.line or '':>4}  {s.fk_grade:>5.1f}  {s.smog:>5.1f}  {s.words:>5}{note}")
    return out


def _score_line(score) -> str:
    by = {True: [], False: [], None: []}
    for item in score.items:
        by[item.result].append(str(item.number))
    applicable = len(by[True]) + len(by[False])
    percent = "n/a" if score.percent is None else f"{score.percent}%"
    line = (f"PEMAT-P {score.scale} {percent} ({len(by[True])} of {applicable} automatable items): "
            f"passed {', '.join(by[True]) or 'none'}; failed {', '.join(by[False]) or 'none'}")
    return line + (f"; not applicable {', '.join(by[None])}" if by[None] else "")


def _finding_json(f: Finding) -> dict:
    return asdict(f)


def to_json(result: CheckResult) -> dict:
    """One spec's result as plain data (the shape documented in README)."""
    return {
        "file": result.file,
        "loaded": True,
        "passed": not result.failed,
        "counts": {s: result.count(s) for s in ("error", "warning", "note")},
        "findings": [_finding_json(f) for f in result.findings],
        "reading_level": {**_level_json(result.overall), "max_grade": result.limits.max_grade,
                          "max_smog": result.limits.max_smog},
        "sections": [_level_json(s) for s in result.sections],
        "scores": {name: {"percent": score.percent, "bar": 70,
                          "items": [{"item": i.number, "name": i.name,
                                     "result": {True: "pass", False: "fail", None: "n/a"}[i.result]}
                                    for i in score.items]}
                   for name, score in result.scores.items()},
    }


def _level_json(level: Level) -> dict:
    data = {k: v for k, v in asdict(level).items() if k not in ("name", "index")}
    if level.index is not None:
        data = {"index": level.index, "heading": level.name, **data}
    else:
        data.pop("type"), data.pop("line")
    return data


def failed_json(file: str, problems: list[Problem], lines: list[str]) -> dict:
    """A spec that did not load: its problems as error findings, nothing measured."""
    findings = [_finding_json(_load_finding(p)) for p in problems] or [
        {"severity": "error", "check": "spec", "file": file, "line": None, "field": "", "message": line,
         "quote": None} for line in lines]
    return {"file": file, "loaded": False, "passed": False,
            "counts": {"error": len(findings), "warning": 0, "note": 0},
            "findings": findings, "reading_level": None, "sections": [], "scores": None}


def _load_finding(p: Problem) -> Finding:
    # a citation naming no reference is a resolve error; report it under the references check
    check = "references" if ("citation [@" in p.message or "unknown reference" in p.message) else "spec"
    return Finding("error", check, p.file, p.line, p.field, p.message)
