"""Turn loaded YAML into models; every problem becomes one located line (file:line:col: field: ...)."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from handoutgen.errors import Problem, SpecError
from handoutgen.spec.fields import BAD, Issue, Model, kind_of
from handoutgen.spec.loader import Loaded, format_path, load_yaml_file
from handoutgen.spec.model import Spec

M = TypeVar("M", bound=Model)


def load_spec(path: Path, display: str | None = None) -> tuple[Spec, Loaded]:
    """Read and validate a spec file; raise SpecError listing every problem."""
    loaded = load_yaml_file(path, display)
    return validate(loaded, Spec), loaded


def validate(loaded: Loaded, model: type[M] | object) -> M:
    """Validate `loaded.data` against a Model class (or any field type, such as a list of
    references); every problem becomes a located Problem in one SpecError."""
    data = loaded.data
    if isinstance(model, type) and issubclass(model, Model) and not isinstance(model.before(data), dict):
        raise SpecError(problems=[loaded.problem((), f"expected a mapping of fields (key: value) at the top "
                                                     f"of the file, got {kind_of(data)}")])
    kind = model.as_type() if isinstance(model, type) else model
    issues: list[Issue] = []
    out = kind.parse(data, (), issues)
    if issues or out is BAD:
        raise SpecError(problems=_locate(issues, loaded))
    return out


def _locate(issues: list[Issue], loaded: Loaded) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for issue in issues:
        path = _real_path(loaded.data, issue.path)
        problem = loaded.problem(path, issue.message, at_key=issue.at_key)
        if problem.field == "" and path:
            problem = Problem(problem.file, problem.line, problem.column, format_path(path), issue.message)
        if str(problem) not in seen:
            seen.add(str(problem))
            problems.append(problem)
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return problems


def _real_path(data: object, path: tuple) -> tuple:
    """The path as the user wrote it: an inline exercise's fields live at the item itself."""
    out: list = []
    node = data
    for part in path:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(node, dict) and part == "exercise":
            continue
        else:
            node = None
        out.append(part)
    return tuple(out)
