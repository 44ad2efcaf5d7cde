"""The exercise library and the shared bibliography, loaded once per process and reused."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from handoutgen.errors import Problem, SpecError
from handoutgen.paths import assets_dir
from handoutgen.spec.loader import load_yaml_file
from handoutgen.spec.model import Exercise, Reference, ReferenceList
from handoutgen.spec.validate import validate


def default_library_dir() -> Path:
    return assets_dir() / "exercises"


def load_library(folder: Path) -> dict[str, Exercise]:
    """Every exercise in `folder` by id; all problems in all files are reported together."""
    folder = folder.resolve()
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.y*ml")))
    return _load_library(folder, stamp)


@lru_cache(maxsize=8)
def _load_library(folder: Path, stamp: tuple) -> dict[str, Exercise]:
    entries: dict[str, Exercise] = {}
    problems: list[Problem] = []
    for name, _ in stamp:
        path = folder / name
        display = _display(path)
        try:
            loaded = load_yaml_file(path, display)
            entry = validate(loaded, Exercise)
        except SpecError as exc:
            problems.extend(exc.problems)
            continue
        if entry.id != path.stem:
            problems.append(loaded.problem(("id",), f"id {entry.id!r} must match the file name {path.stem!r}"))
        entries[entry.id] = entry
    if problems:
        raise SpecError(problems=problems)
    return entries


@lru_cache(maxsize=1)
def shared_references() -> dict[str, Reference]:
    """assets/references.yaml by id (empty when the file does not exist)."""
    path = assets_dir() / "references.yaml"
    if not path.exists():
        return {}
    loaded = load_yaml_file(path, _display(path))
    items = validate(loaded, ReferenceList, wrap="items").items
    out: dict[str, Reference] = {}
    problems = []
    for i, ref in enumerate(items):
        if ref.id in out:
            problems.append(loaded.problem((i, "id"), f"duplicate reference id {ref.id!r}"))
        out[ref.id] = ref
    if problems:
        raise SpecError(problems=problems)
    return out


def _display(path: Path) -> str:
    """A short name for messages: relative to the working folder when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
