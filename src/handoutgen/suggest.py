"""Did-you-mean hints for misspelt keys, ids and choices."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str:
    """' (did you mean 'x'?)' for the closest candidate, or '' when nothing is close. Field names
    use a higher cutoff: short words of different meaning ('sets'/'steps', 'side'/'video') are
    two letters apart, and a wrong hint misleads more than none."""
    pool = list(candidates)
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return f" (did you mean {lowered[word.lower()]!r}?)"
    import difflib  # only when a word is not found: a build that finds every id never loads it

    close = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    return f" (did you mean {close[0]!r}?)" if close else ""
