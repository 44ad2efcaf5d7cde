"""The exercise library and the shared bibliography, loaded once per process and reused."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from handoutgen.errors import Problem, SpecError
from handoutgen.paths import assets_dir
from handoutgen.spec.loader import load_yaml_file
from handoutgen.spec.model import REFERENCE_LIST, Exercise, Reference
from handoutgen.spec.validate import validate


def default_library_dir() -> Path:
    return assets_dir() / "exercises"


class Library(Mapping):
    """Exercise entries by id, read from `<id>.yaml` files on first use: a handout that uses
    six exercises parses six files, not the whole library."""

    def __init__(self, folder: Path, roots: tuple[Path, ...] = ()):
        self.folder = folder
        self.roots = tuple(r.resolve() for r in roots) or (folder, assets_dir().resolve())
        self.files = {p.stem: p for p in sorted(folder.glob("*.y*ml"))}

    def __getitem__(self, key: str) -> Exercise:
        if key not in self.files:
            raise KeyError(key)
        path = self.files[key]
        target = path.resolve()  # an entry linked from elsewhere obeys the rule for figures and logos
        if not any(target == root or root in target.parents for root in self.roots):
            raise SpecError(problems=[Problem(_display(path), None, None, "",
                                              "is a link to a file outside the library's allowed folders "
                                              "(the spec's folder and assets/); copy the file instead")])
        try:
            mtime = target.stat().st_mtime_ns
        except OSError as exc:
            raise SpecError(problems=[Problem(_display(path), None, None, "", f"cannot read ({exc.strerror})")]) from None
        return _load_entry(path, mtime)

    def __iter__(self):
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)

    def check_all(self) -> dict[str, Exercise]:
        """Every entry, all problems in all files reported together."""
        entries, problems = {}, []
        for key in self.files:
            try:
                entries[key] = self[key]
            except SpecError as exc:
                problems.extend(exc.problems)
        if problems:
            raise SpecError(problems=problems)
        return entries


def load_library(folder: Path, roots: tuple[Path, ...] = ()) -> Library:
    """The library in `folder`; its entries must resolve inside `roots` (default: the folder
    itself and assets/)."""
    return _library(folder.resolve(), tuple(r.resolve() for r in roots))


@lru_cache(maxsize=8)
def _library(folder: Path, roots: tuple[Path, ...]) -> Library:
    return Library(folder, roots)


@lru_cache(maxsize=512)
def _load_entry(path: Path, mtime: int) -> Exercise:
    display = _display(path)
    loaded = load_yaml_file(path, display)
    entry = validate(loaded, Exercise)
    problems = [loaded.problem((name,), message) for name, message in entry.library_problems()]
    if problems:
        raise SpecError(problems=problems)
    if entry.id != path.stem:
        raise SpecError(problems=[loaded.problem(("id",), f"id {entry.id!r} must match the file name {path.stem!r}")])
    return entry


@lru_cache(maxsize=1)
def shared_references() -> dict[str, Reference]:
    """assets/references.yaml by id (empty when the file does not exist)."""
    path = assets_dir() / "references.yaml"
    if not path.exists():
        return {}
    loaded = load_yaml_file(path, _display(path))
    items = validate(loaded, REFERENCE_LIST)
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
