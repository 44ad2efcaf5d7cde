"""Personalising a handout: who it is for, who prepared it, when, notes and dose changes.
Dose strings look like 3x12, 3x10-15 or 2x30s (sets x reps, or sets x hold seconds)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from handoutgen.errors import HandoutError
from handoutgen.resolve.handout import Handout
from handoutgen.spec.fields import Invalids
from handoutgen.spec.model import Dose

_N = r"(\d{1,3}(?:\s*-\s*\d{1,3})?)"
_SEC = r"\s*(?:s|sec|secs|seconds)"
# SETSxREPS, SETSxHOLDs, or SETSxREPSxHOLDs (the README's "Dose strings")
_DOSE = re.compile(rf"\s*(?P<sets>\d{{1,2}})\s*[x×]\s*{_N}\s*(?:(?P<s>{_SEC})|[x×]\s*(?P<hold>\d{{1,3}}(?:\s*-\s*\d{{1,3}})?)(?:{_SEC}))?\s*")
KNOWN_COLUMNS = ("name", "clinician", "date", "notes")


@dataclass(frozen=True)
class Personal:
    patient: str | None = None
    clinician: str | None = None
    date: str | None = None
    notes: str | None = None
    doses: dict[str, dict] = field(default_factory=dict)


def parse_dose(text: str) -> dict:
    """'3x12' -> sets 3, reps 12 (the hold kept); '2x30s' -> sets 2, 30-second holds, reps
    cleared (so it never reads "2 sets · 3 reps · hold 30 s"); '3x5x10s' -> all three.
    Checked by Dose, as in a spec."""
    m = _DOSE.fullmatch(text or "")
    if not m:
        raise ValueError(f"dose {text!r} should look like 3x12, 3x10-15, 2x30s or 3x5x10s")
    sets, first, second = m.group("sets"), m.group(2).replace(" ", ""), m.group("hold")
    if m.group("s"):
        raw = {"sets": sets, "hold": first}
    elif second:
        raw = {"sets": sets, "reps": first, "hold": second.replace(" ", "")}
    else:
        raw = {"sets": sets, "reps": first}
    try:
        dose = Dose.validate(raw)
    except Invalids as exc:
        reason = exc.issues[0]
        raise ValueError(f"dose {text!r}: {reason.path[0]}: {reason.message}") from None
    out = {k: getattr(dose, k) for k in raw}
    if m.group("s"):
        out["reps"] = None  # holds only
    return out


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
                 doses: tuple[str, ...], date_order: str | None = None,
                 allow_missing_glyphs: bool = False) -> Personal | None:
    """The --patient/--clinician/--date/--notes/--dose options, checked exactly like a roster row;
    None when none was given."""
    parsed = parse_dose_options(doses)
    if not (patient or clinician or date or notes or parsed):
        return None
    date, reason = parse_date(date, date_order)
    problems = [f"--date: {reason}"] if reason else []
    from handoutgen.scripts import describe, unprintable

    for option, value in (("--patient", patient), ("--clinician", clinician), ("--notes", notes)):
        if value is not None and not value.strip():
            problems.append(f"{option}: is empty; leave the option out instead")
        lacking = unprintable(value or "")
        if lacking and not allow_missing_glyphs:
            problems.append(f"{option}: cannot print {describe(lacking)}; correct it, or build with "
                            "--allow-missing-glyphs to leave them out")
    if problems:
        raise HandoutError("\n".join(problems))
    return Personal(patient, clinician, date, notes, parsed)


_SHEET_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")


def parse_date(value: str | None, order: str | None = None) -> tuple[str | None, str | None]:
    """(the date as year-month-day, None) or (None, why not). Spreadsheets save dates as
    12/1/2026, which means December 1 in the US and 12 January elsewhere, so such a date needs
    `order` ("mdy" or "dmy") to be read at all."""
    if not value:
        return None, None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value).isoformat(), None
        except ValueError as exc:
            return None, f"expected a real date like 2026-11-22, got {value!r} ({exc})"
    m = _SHEET_DATE.fullmatch(value)
    if not m:
        return None, f"expected a date like 2026-11-22, got {value!r}"
    if order not in ("mdy", "dmy"):
        return None, (f"{value!r} is not written year-month-day; add --date-order mdy if it means "
                      f"month/day/year, or --date-order dmy if it means day/month/year")
    first, second, year = (int(g) for g in m.groups())
    month, day = (first, second) if order == "mdy" else (second, first)
    try:
        return dt.date(year + 2000 if year < 100 else year, month, day).isoformat(), None
    except ValueError as exc:
        return None, f"expected a real date, got {value!r} read as {order} ({exc})"


_NOTE_DOSE = re.compile(r"\b(\d{1,2})\s+(sets?|reps?|repetitions?)\b", re.I)


def notes_dose_conflicts(handout: Handout, who: Personal) -> list[str]:
    """A note such as "Start with 1 set." while the cards still print 2 sets: the patient gets two
    answers. Returns one message per number the cards do not show (`--dose` is the fix)."""
    if not who.notes:
        return []
    exercises = [ex for s in handout.sections for ex in s.exercises]
    out = []
    for m in _NOTE_DOSE.finditer(who.notes):
        number, unit = int(m.group(1)), m.group(2).lower()
        field_name = "sets" if unit.startswith("set") else "reps"
        shown = [ex for ex in exercises if getattr(ex.dose, field_name) is not None]
        differ = [ex for ex in shown if str(number) not in str(getattr(ex.dose, field_name)).replace("–", " ").split()]
        if differ:
            ex = differ[0]
            out.append(f"--notes says {m.group(0)!r} but the card for {ex.id!r} says "
                       f"{getattr(ex.dose, field_name)} {field_name}; change the dose with --dose {ex.id}=… "
                       "so the cards, plan and tracker agree")
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


