"""Printed words around the spec's text (headings, dose words), one YAML file per language."""

from __future__ import annotations

from functools import lru_cache

import yaml

from handoutgen.paths import assets_dir


@lru_cache(maxsize=4)
def labels(language: str = "en") -> dict:
    """The label table for `language` (shipped data, so a plain safe_load is enough)."""
    with open(assets_dir() / "labels" / f"{language}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)
