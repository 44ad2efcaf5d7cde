"""The small inline markup spec text may use, parsed into runs. Nothing else is interpreted.

`**bold**`, `*italic*`, `[words](https://...)` and citations `[@id]` / `[@a; @b]`. Every other
character, including `<`, `&` and anything that looks like reportlab markup, stays literal text:
the layout stage escapes each run before it reaches a Paragraph (CVE-2023-33733).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ALLOWED_SCHEMES = ("https://", "mailto:", "tel:")

_CITE = r"\[(?P<cite>@[\w.-]+(?:\s*[;,]\s*@[\w.-]+)*)\]"
_LINK = r"\[(?P<label>[^\]\n]+)\]\((?P<href>[^)\s]+)\)"
_BOLD = r"\*\*(?P<bold>[^*\n](?:.*?[^*\n])?)\*\*"
_ITAL = r"(?<![*\w])\*(?P<ital>[^*\s](?:[^*\n]*?[^*\s])?)\*(?![*\w])"
_TOKEN = re.compile("|".join((_CITE, _LINK, _BOLD, _ITAL)), re.S)

# C0/C1 controls (tab and newline are handled as spaces) and bidi overrides, which can reorder
# what a reader sees versus what is printed.
_STRIP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style. A citation run has no text, only reference ids."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    href: str | None = None
    cites: tuple[str, ...] = ()


Rich = tuple[Run, ...]


class MarkupProblem(ValueError):
    """A link or citation that cannot be printed; the message is the user-facing sentence."""


def clean(text: str) -> tuple[str, list[str]]:
    """NFC-normalise, drop control/bidi characters; return the text and what was removed."""
    removed = sorted({f"U+{ord(c):04X}" for c in _STRIP.findall(text)})
    return unicodedata.normalize("NFC", _STRIP.sub("", text)), removed


def paragraphs(text: str) -> list[str]:
    """Split on blank lines; single newlines inside a paragraph become spaces."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def parse(text: str, *, bold: bool = False, italic: bool = False, problems: list[str] | None = None) -> Rich:
    """Parse one paragraph of spec text into runs. A link with a scheme we do not allow is
    appended to `problems` (and kept as plain words) or, without that list, raises MarkupProblem."""
    runs: list[Run] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos:m.start()], bold, italic))
        if m.group("cite"):
            ids = tuple(part.strip().lstrip("@") for part in re.split(r"[;,]", m.group("cite")))
            runs.append(Run(cites=ids, bold=bold, italic=italic))
        elif m.group("href"):
            try:
                href = check_link(m.group("href"))
            except MarkupProblem as exc:
                if problems is None:
                    raise
                problems.append(str(exc))
                href = None
            runs.extend(Run(r.text, r.bold, r.italic, href, r.cites)
                        for r in parse(m.group("label"), bold=bold, italic=italic, problems=problems))
        elif m.group("bold") is not None:
            runs.extend(parse(m.group("bold"), bold=True, italic=italic, problems=problems))
        else:
            runs.extend(parse(m.group("ital"), bold=bold, italic=True, problems=problems))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:], bold, italic))
    return tuple(runs)


def check_link(href: str) -> str:
    """Return href when its scheme is allowed; raise MarkupProblem otherwise."""
    if not href.lower().startswith(ALLOWED_SCHEMES) or len(href) > 2000:
        shown = href if len(href) <= 60 else href[:57] + "..."
        raise MarkupProblem(f"link {shown!r} is not allowed; use an https://, mailto: or tel: link")
    return href


def plain(rich: Rich, numbers: dict[str, int] | None = None) -> str:
    """The text a reader sees (citations as [n] when numbers are given)."""
    out = []
    for run in rich:
        if run.cites:
            if numbers:
                out.append(cite_label([numbers[c] for c in run.cites if c in numbers]))
        else:
            out.append(run.text)
    return "".join(out)


def cite_label(numbers: list[int]) -> str:
    """[1], [1, 2], [1–3]: consecutive numbers are joined into ranges (Vancouver)."""
    nums = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        parts.append(f"{nums[i]}–{nums[j]}" if j - i >= 2 else ", ".join(map(str, nums[i:j + 1])))
        i = j + 1
    return "[" + ", ".join(parts) + "]"
