"""Personalising a handout: who it is for, who prepared it, when, notes and dose changes.
Dose strings look like 3x12, 3x10-15 or 2x30s (sets x reps, or sets x hold seconds)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from handoutgen.errors import HandoutError, Problem
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


def read_roster(path: Path) -> list[RosterRow]:
    """Rows of a roster CSV: name, clinician, date, notes, and dose columns named by exercise id."""
    display = str(path)
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise HandoutError(f"{display}: file not found") from None
    except UnicodeDecodeError:
        raise HandoutError(f"{display}: not UTF-8 text; save the roster as CSV UTF-8") from None
    except OSError as exc:
        raise HandoutError(f"{display}: cannot read ({exc.strerror})") from None
    reader = csv.DictReader(io.StringIO(raw), delimiter=_delimiter(raw))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "name" not in header:
        raise HandoutError(f"{display}:1: the first row must be column names including 'name'")
    rows = []
    for i, row in enumerate(reader, start=2):
        rows.append(_row(display, i, {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()
                                      if not isinstance(v, list)}))
    if not rows:
        raise HandoutError(f"{display}: no rows under the column names; nothing to build")
    return rows


def _delimiter(raw: str) -> str:
    """Commas, or the semicolons (or tabs) that spreadsheets use in many countries: whichever
    splits the first row into a 'name' column."""
    first = raw.split("\n", 1)[0]
    for delimiter in (",", ";", "\t"):
        if "name" in (h.strip().strip('"').lower() for h in first.split(delimiter)):
            return delimiter
    return ","


def _row(display: str, number: int, row: dict[str, str]) -> RosterRow:
    def bad(field_name: str, message: str) -> RosterRow:
        return RosterRow(number, None, Problem(display, number, None, f"row {number - 1}, {field_name}", message))

    if not row.get("name"):
        return bad("name", "a name is required")
    if row.get("date"):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"]):
            return bad("date", f"expected a date like 2026-11-22, got {row['date']!r}")
        try:
            dt.date.fromisoformat(row["date"])
        except ValueError as exc:
            return bad("date", f"expected a real date like 2026-11-22, got {row['date']!r} ({exc})")
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
