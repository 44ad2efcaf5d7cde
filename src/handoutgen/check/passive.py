"""Passive voice, by heuristic (PEMAT-P item 5: the material uses the active voice).

A sentence looks passive when a form of "to be" (is, are, was, were, be, been, being, am) is
followed, after at most two adverbs such as "not" or "often", by a past participle: a word in
-ed, or a common irregular one ("given", "made", "held"). It is a heuristic: it misses passives
with "get" ("gets hurt") and it flags some adjectives, so common adjectives in -ed ("tired",
"relaxed") are left out, and a section is only flagged when more than SHARE of its sentences hit.
"""

from __future__ import annotations

import re

SHARE = 0.10  # more than 10% of a section's sentences

_IRREGULAR = (
    "beaten born bought brought built caught chosen done drawn driven eaten fallen felt forgotten "
    "found given grown held hidden hit hurt kept known laid led left lost made meant paid proven put "
    "said seen sent set shaken shown shut sold spent spoken spread stolen struck stuck taken taught "
    "thought thrown told torn understood woken worn written"
).split()
_ADJECTIVES = set(
    "tired worried interested pleased scared excited bored concerned supposed married aged relaxed "
    "confused embarrassed surprised ashamed stressed naked wicked sacred rugged crooked beloved "
    "advanced bruised sized shaped".split()
)
_ADVERBS = r"(?:not|never|often|usually|also|still|just|only|always|sometimes|then|now|mostly|rarely|being)"
_PASSIVE = re.compile(
    rf"\b(?:am|is|are|was|were|be|been|being)\s+(?:{_ADVERBS}\s+){{0,2}}"
    rf"(?P<verb>[a-z]{{3,}}ed|{'|'.join(_IRREGULAR)})\b", re.I)


def is_passive(sentence: str) -> bool:
    """Does the sentence contain a be + past participle pattern (not an -ed adjective)?"""
    for m in _PASSIVE.finditer(sentence):
        verb = m.group("verb").lower()
        if verb in _ADJECTIVES or verb.endswith("eed"):
            continue
        if verb == "used" and sentence[m.end():].lstrip().lower().startswith("to "):
            continue  # "is used to" = is accustomed to
        return True
    return False
