"""Field types with the exact, friendly error messages a clinician sees.

Scalars arrive as the text the user typed (see loader.py), so each type parses text itself and
raises a PydanticCustomError whose message is already the sentence we print.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer
from pydantic_core import PydanticCustomError

from handoutgen.suggest import did_you_mean


def _got(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _fail(kind: str, expected: str, value: object) -> PydanticCustomError:
    return PydanticCustomError(kind, "expected {expected}, got {got}",
                               {"expected": expected, "got": _got(value)})


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

    return Annotated[int, BeforeValidator(parse), Field(ge=lo, le=hi)]


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

    return Annotated[str, BeforeValidator(parse),
                     Field(json_schema_extra={"pattern": r"^\d+(\s*[-–]\s*\d+)?$"})]


def text(max_length: int = 20_000, *, min_length: int = 1):
    """Spec text. Numbers and yes/no typed where text is expected are kept exactly as typed."""

    def parse(value: object) -> str:
        if isinstance(value, (dict, list)) or value is None:
            raise _fail("text", "text", value)
        out = str(value).strip()
        if len(out) < min_length:
            raise PydanticCustomError("text_empty", "must not be empty")
        if len(out) > max_length:
            raise PydanticCustomError("text_long", "text is too long ({n:,} characters; at most {m:,})",
                                      {"n": len(out), "m": max_length})
        return out

    return Annotated[str, BeforeValidator(parse), Field(min_length=min_length, max_length=max_length)]


def choice(*options: str):
    """One of a fixed set of words, with a did-you-mean hint."""

    def parse(value: object) -> str:
        word = str(value).strip().lower() if isinstance(value, str) else value
        if word in options:
            return word
        hint = did_you_mean(str(value), options) if isinstance(value, str) else ""
        listed = ", ".join(repr(o) for o in options)
        raise PydanticCustomError("choice", "expected one of {listed}, got {got}{hint}",
                                  {"listed": listed, "got": _got(value), "hint": hint})

    return Annotated[str, BeforeValidator(parse), Field(json_schema_extra={"enum": list(options)})]


def _parse_date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise PydanticCustomError("date", "expected a real date like 2026-11-22, got {got} ({why})",
                                      {"got": _got(value), "why": str(exc)}) from None
    raise _fail("date", "a date like 2026-11-22 (year-month-day)", value)


Date = Annotated[dt.date, BeforeValidator(_parse_date), PlainSerializer(str)]


def _parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in {"true", "yes", "on", "y"}:
        return True
    if word in {"false", "no", "off", "n"}:
        return False
    raise _fail("bool", "yes or no", value)


Bool = Annotated[bool, BeforeValidator(_parse_bool)]

_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


def _parse_slug(value: object) -> str:
    if isinstance(value, str) and _SLUG.fullmatch(value.strip()) and len(value.strip()) <= 60:
        return value.strip()
    raise _fail("id", "an id of lowercase letters, digits and hyphens (like side-plank)", value)


Slug = Annotated[str, BeforeValidator(_parse_slug), Field(pattern=_SLUG.pattern, max_length=60)]


def listed(item, lo: int = 0, hi: int = 500):
    """A list with a friendly count check; a single value is NOT silently wrapped."""

    def check(values: list) -> list:
        if not lo <= len(values) <= hi:
            bound = f"{lo}–{hi}" if hi < 500 else f"at least {lo}"
            raise PydanticCustomError("count", "expected {bound} items, got {n}", {"bound": bound, "n": len(values)})
        return values

    return Annotated[list[item], AfterValidator(check), Field(min_length=lo, max_length=hi)]


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

    return Annotated[float, BeforeValidator(parse), Field(ge=lo, le=hi)]
