"""Turn loaded YAML into models, translating pydantic's errors into one clear line each."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from handoutgen.errors import Problem, SpecError
from handoutgen.spec.loader import Loaded, load_yaml_file
from handoutgen.spec.model import SECTION_TYPES, Spec, field_names
from handoutgen.suggest import did_you_mean

M = TypeVar("M", bound=BaseModel)


def load_spec(path: Path, display: str | None = None) -> tuple[Spec, Loaded]:
    """Read and validate a spec file; raise SpecError listing every problem."""
    loaded = load_yaml_file(path, display)
    return validate(loaded, Spec), loaded


def validate(loaded: Loaded, model: type[M], *, wrap: str | None = None) -> M:
    """Validate `loaded.data` against `model`; every error becomes a located Problem."""
    data = loaded.data
    if not isinstance(data, dict) and wrap is None:
        raise SpecError(problems=[loaded.problem((), f"expected a mapping of fields (key: value) at the top "
                                                     f"of the file, got {_kind(data)}")])
    try:
        return model.model_validate({wrap: data} if wrap else data)
    except ValidationError as exc:
        problems = _translate(exc, loaded, wrap)
        raise SpecError(problems=problems) from None


def _kind(value: object) -> str:
    return {dict: "a mapping", list: "a list", type(None): "nothing"}.get(type(value), "text")


def _translate(exc: ValidationError, loaded: Loaded, wrap: str | None) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"][1:] if wrap else err["loc"])
        path, value = _real_path(loaded.data, loc)
        kind = err["type"]
        at_key = False
        if kind == "missing":
            message = "required field is missing"
            path = path + (loc[-1],) if loc and loc[-1] not in path[-1:] else path
        elif kind == "extra_forbidden":
            message = f"unknown field {loc[-1]!r}{did_you_mean(str(loc[-1]), field_names())}"
            at_key = True
        elif kind == "union_tag_invalid":
            tag = err["ctx"]["tag"]
            message = (f"unknown section type {tag!r}{did_you_mean(tag, SECTION_TYPES)}; "
                       f"expected one of {', '.join(SECTION_TYPES)}")
            path = path + ("type",)
        elif kind == "union_tag_not_found":
            message = f"section needs a 'type': one of {', '.join(SECTION_TYPES)}"
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            message = f"expected a mapping of fields (key: value), got {_kind(value)}"
        elif kind == "list_type":
            message = f"expected a list (lines starting with '- '), got {_kind(value)}"
        else:
            message = err["msg"]
        problem = loaded.problem(path, message, at_key=at_key)
        if problem.field == "" and path:
            problem = Problem(problem.file, problem.line, problem.column, _fmt(path), message)
        if str(problem) not in seen:
            seen.add(str(problem))
            problems.append(problem)
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return problems


def _fmt(path: tuple) -> str:
    from handoutgen.spec.loader import format_path

    return format_path(path)


def _real_path(data: object, loc: tuple) -> tuple[tuple, object]:
    """Walk `loc` through the data, dropping parts that are not in it (union tags, wrappers)."""
    path: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and part == "exercise":
            continue  # an inline exercise lives at the item itself
        elif part in ("[key]",) or isinstance(part, str) and part in SECTION_TYPES or part in {
            "function-before[_shorthand(), ExerciseItem]", "function-after"}:
            continue
        else:
            # a field that is absent (missing) or a model-level check: stop here
            if isinstance(node, dict) and isinstance(part, str) and not part.startswith(("function", "[")):
                path.append(part)
            break
    return tuple(path), node
