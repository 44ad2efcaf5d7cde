"""The exceptions the library raises. The CLI turns them into `Error: ...` lines and exit code 1."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    line: int | None
    column: int | None
    field: str  # dotted path such as "sections[2].items[0].sets", or "" for the whole file
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class HandoutError(Exception):
    """Base class: anything a user can fix by changing their input or command."""

    def __init__(self, message: str = "", problems: list[Problem] | None = None):
        self.problems = list(problems or [])
        super().__init__(message or "\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        """One line per problem, ready to print after `Error: `."""
        return [str(p) for p in self.problems] if self.problems else (str(self).splitlines() or [""])


class SpecError(HandoutError):
    """The YAML could not be read or does not match the spec model."""


class ResolveError(HandoutError):
    """The spec is well-formed but refers to something that does not exist or is not allowed."""


class RenderError(HandoutError):
    """Layout or writing the PDF failed."""
