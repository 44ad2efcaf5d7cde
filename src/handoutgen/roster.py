"""Roster CSVs as spreadsheets save them: one patient per row, read in full and checked before
anything is built, so a broken file fails fast and one patient's details never reach another's
handout."""

from __future__ import annotations

import csv
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from handoutgen.errors import HandoutError, Problem
from handoutgen.files import decode_text, read_input
from handoutgen.personal import Personal, parse_date, parse_dose

KNOWN_COLUMNS = ("name", "clinician", "date", "notes")
MAX_ROSTER_BYTES = 20_000_000  # 10,000 rows with long notes is ~2 MB


@dataclass(frozen=True)
class Roster:
    rows: list[RosterRow]
    warnings: list[str]


@dataclass(frozen=True)
class RosterRow:
    number: int  # the row's line in the CSV file (header = 1)
    who: Personal | None
    problem: Problem | None


def read_roster(path: Path, exercises: Collection[str] | None = None, date_order: str | None = None,
                allow_missing_glyphs: bool = False) -> Roster:
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
    header, warnings = _columns(display, header, exercises)
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
        rows.append(_row(display, start, len(rows) + 1, row, date_order))
        glyphs = _glyph_problems(display, start, len(rows), row, allow_missing_glyphs) if rows[-1].who else []
        if glyphs and not allow_missing_glyphs:
            rows[-1] = RosterRow(start, None, glyphs[0])
        warnings += [str(p) for p in glyphs if allow_missing_glyphs]
    if not rows:
        raise HandoutError(f"{display}: no rows under the column names; nothing to build")
    return Roster(rows, warnings)


def _columns(display: str, header: list[str], exercises: Collection[str] | None) -> tuple[list[str], list[str]]:
    """Columns to read ('' for one to ignore) and a warning naming each ignored column once:
    spreadsheets carry extra columns (email, phone) that are no business of a handout."""
    if exercises is None:
        return header, []
    keep, warnings = [], []
    for column in header:
        if not column or column in KNOWN_COLUMNS or column in exercises:
            keep.append(column)
            continue
        keep.append("")
        warnings.append(f"{display}:1: column {column!r} is not name, clinician, date, notes or an exercise "
                        f"in this handout ({', '.join(sorted(exercises)) or 'none'}); ignored")
    return keep, warnings


def _glyph_problems(display: str, number: int, index: int, row: dict[str, str], allowed: bool) -> list[Problem]:
    """A name, clinician or note with characters no font here can print: the row fails (a
    handout must carry the patient's name as written) unless --allow-missing-glyphs."""
    from handoutgen.scripts import describe, unprintable

    out = []
    for column in ("name", "clinician", "notes"):
        lacking = unprintable(row.get(column) or "")
        if lacking:
            hint = "; left out" if allowed else "; correct it, or build with --allow-missing-glyphs to leave them out"
            out.append(Problem(display, number, None, f"row {index}, {column}", f"cannot print {describe(lacking)}{hint}"))
    return out


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


def _row(display: str, number: int, index: int, row: dict[str, str], date_order: str | None) -> RosterRow:
    def bad(field_name: str, message: str) -> RosterRow:
        return RosterRow(number, None, Problem(display, number, None, f"row {index}, {field_name}", message))

    if not row.get("name"):
        return bad("name", "a name is required")
    date, reason = parse_date(row.get("date"), date_order)
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
    return RosterRow(number, Personal(row["name"], row.get("clinician") or None, date,
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
