"""Field types with the exact, friendly error messages a clinician sees.

Scalars arrive as the text the user typed (see loader.py), so each type parses text itself and
raises Invalid whose message is already the sentence we print.
"""

from __future__ import annotations

import datetime as dt
import re

from handoutgen.spec.fields import Invalid, ListOf, Scalar
from handoutgen.suggest import did_you_mean


_PLACEHOLDER = re.compile(r"\b(?:pending|tbd|tbc|to be|todo|unknown|n/?a|xxx|not yet)\b", re.I)


def is_placeholder(value: str) -> bool:
    """'Pending clinical review', 'TBD' and the like: a status, not a person's name."""
    return bool(_PLACEHOLDER.search(value))


def _got(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _fail(kind: str, expected: str, value: object) -> Invalid:
    return Invalid(f"expected {expected}, got {_got(value)}")


def whole_number(lo: int, hi: int):
    """An int from lo to hi, typed as digits (or already an int)."""

    def parse(value: object) -> int:
        if isinstance(value, bool):
            raise _fail("whole_number", f"a whole number {lo}–{hi}", value)
        if isinstance(value, int):
            number = value
        elif isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,9}\s*", value):
            number = int(value)
        else:
            raise _fail("whole_number", f"a whole number {lo}–{hi}", value)
        if not lo <= number <= hi:
            raise _fail("whole_number", f"a whole number {lo}–{hi}", value)
        return number

    return Scalar(parse, {"type": "integer", "minimum": lo, "maximum": hi})


_RANGE = re.compile(r"\s*(\d{1,6})\s*(?:[-–—]|to)\s*(\d{1,6})\s*")


def amount(lo: int, hi: int, what: str):
    """A whole number or a range like "10-15" (kept as text "10–15" for printing)."""

    def parse(value: object) -> str:
        expected = f"a whole number {lo}–{hi} or a range like 10-15 ({what})"
        if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
            raise _fail("amount", expected, value)
        text = str(value)
        if re.fullmatch(r"\s*\d{1,6}\s*", text):
            if lo <= int(text) <= hi:
                return str(int(text))
        elif m := _RANGE.fullmatch(text):
            a, b = int(m.group(1)), int(m.group(2))
            if lo <= a < b <= hi:
                return f"{a}–{b}"
        raise _fail("amount", expected, value)

    return Scalar(parse, {"type": ["integer", "string"], "pattern": r"^\d+(\s*[-–]\s*\d+)?$"})


def text(max_length: int = 20_000, *, min_length: int = 1):
    """Spec text. Numbers and yes/no typed where text is expected are kept exactly as typed."""

    def parse(value: object) -> str:
        if isinstance(value, (dict, list)) or value is None:
            raise _fail("text", "text", value)
        out = str(value).strip()
        if len(out) < min_length:
            raise Invalid("must not be empty")
        if len(out) > max_length:
            raise Invalid(f"text is too long ({len(out):,} characters; at most {max_length:,})")
        return out

    return Scalar(parse, {"type": "string", "minLength": min_length, "maxLength": max_length})


def choice(*options: str):
    """One of a fixed set of words, with a did-you-mean hint."""

    def parse(value: object) -> str:
        word = str(value).strip().lower() if isinstance(value, str) else value
        if word in options:
            return word
        hint = did_you_mean(str(value), options) if isinstance(value, str) else ""
        listed = ", ".join(repr(o) for o in options)
        raise Invalid(f"expected one of {listed}, got {_got(value)}{hint}")

    return Scalar(parse, {"enum": list(options)})


def _parse_date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise Invalid(f"expected a real date like 2026-11-22, got {_got(value)} ({exc})") from None
    raise _fail("date", "a date like 2026-11-22 (year-month-day)", value)


Date = Scalar(_parse_date, {"type": "string", "format": "date"})


def _parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in {"true", "yes", "on", "y"}:
        return True
    if word in {"false", "no", "off", "n"}:
        return False
    raise _fail("bool", "yes or no", value)


Bool = Scalar(_parse_bool, {"type": "boolean"})

_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


def _parse_slug(value: object) -> str:
    if isinstance(value, str) and _SLUG.fullmatch(value.strip()) and len(value.strip()) <= 60:
        return value.strip()
    raise _fail("id", "an id of lowercase letters, digits and hyphens (like side-plank)", value)


Slug = Scalar(_parse_slug, {"type": "string", "pattern": f"^{_SLUG.pattern}$", "maxLength": 60})


def listed(item, lo: int = 0, hi: int = 500) -> ListOf:
    """A list with a friendly count check; a single value is NOT silently wrapped."""
    return ListOf(item, lo, hi)


def number(lo: float, hi: float, what: str = "a number"):
    """A decimal number from lo to hi (angles, offsets)."""

    def parse(value: object) -> float:
        try:
            if isinstance(value, bool):
                raise ValueError
            out = float(str(value).strip())
        except ValueError:
            raise _fail("number", f"{what} from {lo:g} to {hi:g}", value) from None
        if not lo <= out <= hi:
            raise _fail("number", f"{what} from {lo:g} to {hi:g}", value)
        return out

    return Scalar(parse, {"type": "number", "minimum": lo, "maximum": hi})
