"""Reading-level formulas, offline, with no downloads (STANDARDS.md: textstat >= 0.7.10 fetches
cmudict at run time; 0.7.7 crashes on digits). Syllables come from a vowel-group heuristic with
the usual silent-ending rules; on the four seed articles it lands within about half a grade of
the published figures. tests/test_check.py holds it to the seed articles (which must fail) and
the shipped handouts (which must read easier than every seed).

Flesch-Kincaid grade (Kincaid et al. 1975) and SMOG (McLaughlin 1969).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]*[A-Z0-9¿¡])")
_ABBREV = re.compile(r"\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|St|approx|min|sec)\.", re.I)


@dataclass(frozen=True)
class Stats:
    sentences: int
    words: int
    syllables: int
    polysyllables: int  # words of 3+ syllables

    @property
    def fk_grade(self) -> float:
        if not self.words:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def smog(self) -> float:
        if not self.sentences:
            return 0.0
        return 1.0430 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291

    def __add__(self, other: "Stats") -> "Stats":
        return Stats(self.sentences + other.sentences, self.words + other.words,
                     self.syllables + other.syllables, self.polysyllables + other.polysyllables)


EMPTY = Stats(0, 0, 0, 0)


def syllables(word: str) -> int:
    """Syllables in an English word (heuristic: vowel groups less silent endings)."""
    w = word.lower().replace("’", "'").split("'")[0]
    if w.isdigit():
        return 1
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", lambda m: m.group(0)[0], w)
    w = re.sub(r"^y", "", w)
    count = len(re.findall(r"[aeiouyà-ÿ]+", w))
    if re.search(r"[^aeiouy]le$", word.lower()):
        count += 1  # "ankle", "simple": the final -le is a syllable
    return max(1, count)


def split_sentences(text: str) -> list[str]:
    """Sentences in one block of text (a paragraph, bullet or heading is at least one)."""
    protected = _ABBREV.sub(lambda m: m.group(0).replace(".", "\u0000"), text)
    parts = [p.replace("\u0000", ".").strip() for p in _SENTENCE_END.split(protected)]
    return [p for p in parts if _WORD.search(p)]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def stats(blocks: list[str]) -> Stats:
    """Counts over text blocks; each block ends a sentence even without a full stop."""
    total = EMPTY
    for block in blocks:
        for sentence in split_sentences(block):
            ws = words(sentence)
            syl = [syllables(w) for w in ws]
            total = total + Stats(1, len(ws), sum(syl), sum(1 for s in syl if s >= 3))
    return total


def pdf_blocks(lines: list[str]) -> list[str]:
    """Rebuild text blocks from a PDF's text lines: a line that does not end a sentence and is
    followed by one starting in lower case is the same paragraph, wrapped."""
    blocks: list[str] = []
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if blocks and not re.search(r"[.!?:]$", blocks[-1]) and re.match(r"[a-z(]", line):
            blocks[-1] += " " + line
        else:
            blocks.append(line)
    return blocks
