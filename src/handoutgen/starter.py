"""The commented starter spec `handoutgen new` writes (a template in assets/templates)."""

from __future__ import annotations

import datetime as dt

from handoutgen.paths import assets_dir


def starter_text(name: str, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    title = name.replace("-", " ").replace("_", " ").strip().capitalize() or "My handout"
    template = (assets_dir() / "templates" / "starter.yaml").read_text(encoding="utf-8")
    return template.format(name=name, title=_quote(title), today=today.isoformat(),
                           next_year=today.replace(year=today.year + 1, day=min(today.day, 28)).isoformat())


def _quote(text: str) -> str:
    """Quote the title so YAML keeps it as text whatever the name was."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
