"""What the checks produce and share: findings, reading levels, results and the check context."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from handoutgen.resolve.handout import Handout
from handoutgen.spec.loader import format_path

SEVERITIES = ("error", "warning", "note")
QUOTE_CHARS = 90
LABELS = ("heading", "title", "name")  # headings, step titles, exercise names: labels, not sentences


@dataclass(frozen=True)
class Finding:
    """One thing a check found, located at the spec line it comes from."""

    severity: str  # error, warning or note
    check: str  # reading-level, long-sentence, jargon, ...
    file: str
    line: int | None
    field: str  # dotted spec path, "" for the whole handout
    message: str
    quote: str | None = None  # the offending sentence, shortened

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{self.field}: {self.message}" if self.field else self.message
        quoted = f': "{self.quote}"' if self.quote else ""
        return f"{where}: {self.severity}: {text}{quoted} [{self.check}]"


@dataclass(frozen=True)
class Level:
    """Reading level of the whole handout or of one section."""

    name: str
    index: int | None  # section index, None for the whole handout
    type: str | None
    line: int | None
    words: int
    sentences: int
    fk_grade: float
    smog: float
    judged: bool  # False when the sample is under MIN_WORDS


@dataclass
class CheckResult:
    """Everything `handoutgen check` found in one spec."""

    file: str
    findings: list[Finding]
    overall: Level
    sections: list[Level]
    scores: dict  # pemat.Score by scale name
    limits: object  # spec.CheckSettings

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def failed(self) -> bool:
        """Any error or warning: what --strict turns into exit code 1."""
        return any(f.severity in ("error", "warning") for f in self.findings)


@dataclass
class CheckContext:
    """What every check needs: the handout, its printed texts and thresholds."""

    handout: Handout
    texts: list[tuple[tuple, str]]
    limits: object
    today: dt.date
    levels: list[Level] = field(default_factory=list)  # whole handout first, then each section

    def at(self, severity: str, check: str, path: tuple, message: str, quote: str | None = None) -> Finding:
        """A finding located at the spec line of `path` (the item line for library text)."""
        loaded = self.handout.loaded
        line, _ = loaded.position(path)
        return Finding(severity, check, loaded.file, line, format_path(path),
                       message + self.library_note(path), shorten(quote) if quote else None)

    def library_note(self, path: tuple) -> str:
        """Text from the exercise library has no spec line of its own: say where it comes from."""
        if len(path) > 4 and path[2] == "items" and tuple(path) not in self.handout.loaded.marks:
            exercises = self.handout.sections[path[1]].exercises
            if path[3] < len(exercises):
                return f" (from library exercise '{exercises[path[3]].id}')"
        return ""

    def section_texts(self, index: int) -> list[tuple[tuple, str]]:
        return [(p, t) for p, t in self.texts if p[:2] == ("sections", index)]


Ctx = CheckContext  # the old name, kept for checks written before the rename


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
