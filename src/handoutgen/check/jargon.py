"""Medical terms used without a plain explanation on first use (PEMAT-P item 4).

The glossary is data: assets/glossary/<language>.yaml maps a term to plain words. A term is
*explained* when, in the sentence where it is first printed, one of these holds:

1. a bracket follows it:               "a tendon (a strong cord that joins muscle to bone)"
2. a dash follows it (—, – or " - "):  "a tendon — a strong cord …"
3. a comma then an appositive follows: "the tendon, a strong cord …" (a/an/the/which/or/
   meaning/also/that is/i.e.)
4. it is defined in the sentence:      "Your gluteus medius is a muscle …", "GTPS means …"
5. it names plain words just before it: "the bony point (greater trochanter)", "… called a tendon"

Later uses need no explanation. Headings and exercise names are not sentences, so a term there
does not count as its first use. Only the first use matters because that is where a reader meets
the word (PEMAT-P item 4: "medical terms are defined").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from handoutgen.check.readability import split_sentences
from handoutgen.errors import HandoutError
from handoutgen.paths import assets_dir
from handoutgen.spec.loader import load_yaml_file

_AFTER = re.compile(
    r"""\s*(?:\(                                   # 1. bracket
         |[—–]|\s-\s                               # 2. dash
         |,\s*(?:a|an|the|which|or|meaning|also|that\s+is|i\.e\.)\b   # 3. appositive
         |\s+(?:is|are)\s+(?:a|an|the|when|where|what|how)\b|\s+means\b   # 4. definition
        )""", re.X | re.I)
_BEFORE = re.compile(r"(?:\(\s*|\b(?:called|known\s+as|named)\s+(?:an?\s+|the\s+)?)$", re.I)
_LABEL_FIELDS = ("heading", "name", "title")  # labels, not sentences


@dataclass(frozen=True)
class Use:
    """The first use of a glossary term: where it is and whether it is explained there."""

    term: str
    plain: str
    path: tuple
    sentence: str
    explained: bool


@lru_cache(maxsize=4)
def glossary(language: str) -> dict[str, str] | None:
    """term -> plain words for `language`, or None when there is no glossary for it."""
    path = assets_dir() / "glossary" / f"{language}.yaml"
    if not path.is_file():
        return None
    loaded = load_yaml_file(path)
    data = loaded.data
    bad = [k for k, v in (data or {}).items() if not isinstance(v, str) or not v.strip()] \
        if isinstance(data, dict) else ["(whole file)"]
    if bad:
        raise HandoutError(problems=[loaded.problem((bad[0],) if isinstance(data, dict) else (),
                                                    "expected term: plain explanation")])
    return dict(data)


def _pattern(term: str) -> re.Pattern:
    words = r"\s+".join(re.escape(w) for w in term.split())
    return re.compile(rf"(?<![\w-]){words}(?:e?s)?(?![\w-])", re.I)


@lru_cache(maxsize=4)
def _patterns(language: str) -> list[tuple[str, re.Pattern]]:
    terms = glossary(language) or {}
    # longest first, so "greater trochanter" is found before "trochanter" claims the same words
    return [(t, _pattern(t)) for t in sorted(terms, key=len, reverse=True)]


def explained(sentence: str, start: int, end: int) -> bool:
    """Does the sentence explain the term at sentence[start:end]? (rules in the module docstring)"""
    if _AFTER.match(sentence, end):
        return True
    return bool(_BEFORE.search(sentence[:start]))


def first_uses(texts: list[tuple[tuple, str]], language: str) -> list[Use]:
    """The first use of every glossary term in print order."""
    terms = glossary(language) or {}
    seen: dict[str, Use] = {}
    for path, text in texts:
        if path and path[-1] in _LABEL_FIELDS:
            continue
        for sentence in split_sentences(text):
            for term, use in _uses_in(sentence, language, path, terms):
                seen.setdefault(term, use)
    return list(seen.values())


def _uses_in(sentence: str, language: str, path: tuple, terms: dict) -> list[tuple[str, Use]]:
    out = []
    taken: list[tuple[int, int]] = []
    for term, pattern in _patterns(language):
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue  # part of a longer term already found
            taken.append(m.span())
            out.append((term, Use(term, terms[term], path, sentence, explained(sentence, *m.span()))))
            break
    return out
