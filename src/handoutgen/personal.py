"""Personalising a handout: who it is for, who prepared it, when, notes and dose changes.
Dose strings look like 3x12, 3x10-15 or 2x30s (sets x reps, or sets x hold seconds)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from handoutgen.errors import HandoutError, Problem
from handoutgen.files import decode_text, read_input
from handoutgen.resolve.handout import Handout
from handoutgen.spec.fields import Invalids
from handoutgen.spec.model import Dose

_DOSE = re.compile(r"\s*(\d{1,2})\s*[x×]\s*(\d{1,3}(?:\s*-\s*\d{1,3})?)\s*(s|sec|secs|seconds)?\s*")
KNOWN_COLUMNS = ("name", "clinician", "date", "notes")


@dataclass(frozen=True)
class Personal:
    patient: str | None = None
    clinician: str | None = None
    date: str | None = None
    notes: str | None = None
    doses: dict[str, dict] = field(default_factory=dict)


def parse_dose(text: str) -> dict:
    """'3x12' -> {'sets': 3, 'reps': '12'}; '2x30s' -> {'sets': 2, 'hold': '30'}; checked by Dose."""
    m = _DOSE.fullmatch(text or "")
    if not m:
        raise ValueError(f"dose {text!r} should look like 3x12, 3x10-15 or 2x30s")
    key = "hold" if m.group(3) else "reps"
    raw = {"sets": m.group(1), key: m.group(2).replace(" ", "")}
    try:
        dose = Dose.validate(raw)
    except Invalids as exc:
        reason = exc.issues[0]
        raise ValueError(f"dose {text!r}: {reason.path[0]}: {reason.message}") from None
    return {k: getattr(dose, k) for k in raw}


def parse_dose_options(options: tuple[str, ...]) -> dict[str, dict]:
    """--dose ID=3x12 options -> {ID: {...}}; raises HandoutError naming each bad one."""
    out: dict[str, dict] = {}
    problems = []
    for opt in options:
        ex_id, sep, value = opt.partition("=")
        if not sep or not ex_id.strip():
            problems.append(f"--dose {opt!r}: expected EXERCISE-ID=3x12")
            continue
        try:
            out[ex_id.strip()] = parse_dose(value)
        except ValueError as exc:
            problems.append(f"--dose {ex_id.strip()}: {exc}")
    if problems:
        raise HandoutError("\n".join(problems))
    return out


def from_options(patient: str | None, clinician: str | None, date: str | None, notes: str | None,
                 doses: tuple[str, ...]) -> Personal | None:
    """The --patient/--clinician/--date/--notes/--dose options, checked exactly like a roster row;
    None when none was given."""
    parsed = parse_dose_options(doses)
    if not (patient or clinician or date or notes or parsed):
        return None
    problems = [f"--date: {reason}" for reason in [_date_problem(date)] if reason]
    for option, value in (("--patient", patient), ("--clinician", clinician), ("--notes", notes)):
        if value is not None and not value.strip():
            problems.append(f"{option}: is empty; leave the option out instead")
    if problems:
        raise HandoutError("\n".join(problems))
    return Personal(patient, clinician, date, notes, parsed)


def _date_problem(value: str | None) -> str | None:
    """Why `value` is not a date we print, or None when it is fine (or not given)."""
    if not value:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"expected a date like 2026-11-22, got {value!r}"
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        return f"expected a real date like 2026-11-22, got {value!r} ({exc})"
    return None


def personalise(handout: Handout, who: Personal) -> Handout:
    """A copy of `handout` for one person. Unknown exercise ids in doses are an error."""
    known = {ex.id for s in handout.sections for ex in s.exercises}
    unknown = sorted(set(who.doses) - known)
    if unknown:
        raise HandoutError(f"dose for {', '.join(repr(u) for u in unknown)}: not an exercise in this handout "
                           f"(it has {', '.join(sorted(known)) or 'none'})")
    sections = []
    for s in handout.sections:
        if s.exercises and who.doses:
            exercises = [replace(ex, dose=ex.dose.replace(**who.doses[ex.id])) if ex.id in who.doses
                         else ex for ex in s.exercises]
            s = replace(s, exercises=exercises)
        sections.append(s)
    return replace(handout, sections=sections, prepared_for=who.patient or handout.prepared_for,
                   prepared_by=who.clinician or handout.prepared_by, prepared_date=who.date or handout.prepared_date,
                   notes=who.notes or handout.notes)


@dataclass(frozen=True)
class RosterRow:
    number: int  # the row's line in the CSV file (header = 1)
    who: Personal | None
    problem: Problem | None


MAX_ROSTER_BYTES = 20_000_000  # 10,000 rows with long notes is ~2 MB


def read_roster(path: Path) -> list[RosterRow]:
    """Rows of a roster CSV: name, clinician, date, notes, and dose columns named by exercise id.

    The whole file is read and its structure checked before anything is built: a row that the
    CSV reader would merge with the next (an unterminated quote), split oddly (more cells than
    column names) or cut (a cell over the CSV limit) rejects the file, naming the line, so one
    patient's details can never land on another's handout. Rows of empty cells are skipped."""
    display = str(path)
    raw = decode_text(read_input(path, MAX_ROSTER_BYTES, display), display, "the roster")
    lines = raw.splitlines(keepends=True)
    reader = csv.reader(lines, delimiter=_delimiter(raw), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise HandoutError(f"{display}:1: {_csv_reason(exc)}") from None
    header = [h.strip().lower() for h in (header or [])]
    if "name" not in header:
        raise HandoutError(f"{display}:1: the first row must be column names including 'name'")
    rows = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise HandoutError(f"{display}:{start}: {_csv_reason(exc)}; nothing was built") from None
        if not any(c.strip() for c in cells):
            continue  # a blank line or a spreadsheet's row of empty cells
        joined = [k for k, v in zip(header, cells) if "\n" in v.strip() and k != "notes"]
        if joined:
            raise HandoutError(f"{display}:{start}: the {joined[0]} cell runs on to line {reader.line_num} "
                               "(a quote opened and not closed?); nothing was built")
        if len(cells) > len(header):
            raise HandoutError(f"{display}:{start}: row has {len(cells)} cells but there are {len(header)} "
                               "column names (a comma inside a name needs quotes); nothing was built")
        row = {k: v.strip() for k, v in zip(header, cells) if k}
        rows.append(_row(display, start, len(rows) + 1, row))
    if not rows:
        raise HandoutError(f"{display}: no rows under the column names; nothing to build")
    return rows


def _csv_reason(exc: csv.Error) -> str:
    reason = str(exc)
    if "field larger than field limit" in reason:
        return f"a cell is longer than {csv.field_size_limit():,} characters (an unclosed quote?)"
    if "unexpected end of data" in reason or "EOF" in reason:
        return "a quote is opened and never closed"
    return f"not a readable CSV row ({reason})"


def _delimiter(raw: str) -> str:
    """Commas, or the semicolons (or tabs) that spreadsheets use in many countries: whichever
    splits the first row into a 'name' column."""
    first = raw.split("\n", 1)[0]
    for delimiter in (",", ";", "\t"):
        if "name" in (h.strip().strip('"').lower() for h in first.split(delimiter)):
            return delimiter
    return ","


def _row(display: str, number: int, index: int, row: dict[str, str]) -> RosterRow:
    def bad(field_name: str, message: str) -> RosterRow:
        return RosterRow(number, None, Problem(display, number, None, f"row {index}, {field_name}", message))

    if not row.get("name"):
        return bad("name", "a name is required")
    reason = _date_problem(row.get("date"))
    if reason:
        return bad("date", reason)
    doses = {}
    for column, value in row.items():
        if column in KNOWN_COLUMNS or not column or not value:
            continue
        try:
            doses[column] = parse_dose(value)
        except ValueError as exc:
            return bad(column, str(exc))
    return RosterRow(number, Personal(row["name"], row.get("clinician") or None, row.get("date") or None,
                                      row.get("notes") or None, doses), None)


_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def safe_filename(name: str, taken: set[str]) -> str:
    """'María López' -> 'maria-lopez.pdf', '李小龙' -> '李小龙.pdf': accents dropped, letters of any
    script kept, everything else a hyphen; unique within `taken` (which it updates)."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    stem = re.sub(r"[\W_]+", "-", plain.lower()).strip("-")[:60].strip("-") or "handout"
    if stem in _RESERVED:  # names Windows cannot use for a file
        stem += "-handout"
    candidate, n = f"{stem}.pdf", 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}.pdf", n + 1
    taken.add(candidate)
    return candidate
