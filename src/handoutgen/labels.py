"""Printed words around the spec's text (headings, dose words), one YAML file per language."""

from __future__ import annotations

from functools import lru_cache

import yaml

from handoutgen.paths import assets_dir


@lru_cache(maxsize=4)
def labels(language: str = "en") -> dict:
    """The label table for `language` (shipped data, so a plain safe load is enough; libyaml's
    when installed, which reads it in a tenth of the time of every cold build's 20 ms)."""
    with open(assets_dir() / "labels" / f"{language}.yaml", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


# Which plural form a count takes, per language (CLDR plural rules, integer counts). A range
# such as "8-12" takes the plural.
PLURAL_RULES = {"en": lambda n: "one" if n == 1 else "other",
                "es": lambda n: "one" if n == 1 else "other"}


def plural(words: dict, key: str, n, language: str = "en") -> str:
    """The label `key` for the count `n`: a label with forms ({one: "{n} set", other: "{n} sets"})
    takes the form for `n`; a plain label is used as it is. `{n}` is filled in."""
    forms = words[key]
    if isinstance(forms, str):
        return forms.format(n=n)
    count = int(n) if str(n).isdigit() else None
    if count is not None and f"={count}" in forms:  # an exact count ("=2": "twice a day"), as ICU allows
        return forms[f"={count}"].format(n=n)
    form = PLURAL_RULES.get(language, PLURAL_RULES["en"])(count) if count is not None else "other"
    return forms.get(form, forms["other"]).format(n=n)
