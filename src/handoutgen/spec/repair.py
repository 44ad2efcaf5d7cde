"""A best-effort spec from one with schema errors, so one `validate` run reports every problem.

Without this, a spec with a misspelt field and an unknown exercise id needs two runs: the
schema error stops everything before exercises, citations, regions and files are looked at.
Here each bad value is swapped for a harmless stand-in of the same shape (list items keep their
place, so later positions stay right) and the spec is validated again; the resolver then runs on
the result and its problems are reported along with the schema's.
"""

from __future__ import annotations

import copy

from handoutgen.spec.fields import BAD, Issue
from handoutgen.spec.loader import Loaded
from handoutgen.spec.model import Spec

_ROUNDS = 6
# stand-ins: a list item of a known list keeps its place; a required top-level field gets text
_ITEM = {"sections": {"type": "text", "heading": "x"}, "items": "bridge",
         "references": {"id": "placeholder-reference", "cite": "x"}}
_REQUIRED = {"title": "x", "main_message": "x", "sections": [{"type": "text", "heading": "x"}],
             "heading": "x", "cite": "x", "id": "placeholder", "type": "text", "title_": "x"}


def best_effort(loaded: Loaded) -> Spec | None:
    """A valid Spec close to `loaded.data`, or None when the shape is too broken to guess."""
    data = copy.deepcopy(loaded.data)
    if not isinstance(data, dict):
        return None
    for _ in range(_ROUNDS):
        issues: list[Issue] = []
        out = Spec.as_type().parse(data, (), issues)
        if not issues and out is not BAD:
            return out
        for issue in sorted(issues, key=lambda i: len(i.path), reverse=True):
            if not _patch(data, issue):
                return None
    return None


def _patch(data: dict, issue: Issue) -> bool:
    """Replace the value at the issue's path (or its nearest list item) with a stand-in."""
    path = list(issue.path)
    if "exercise" in path:  # an inline exercise's fields live on the item itself
        path = path[: path.index("exercise")]
    for cut in range(len(path), 0, -1):  # the innermost list item of a known list, if any
        parent = _at(data, path[: cut - 1])
        key, index = (path[cut - 2] if cut >= 2 else None), path[cut - 1]
        if isinstance(parent, list) and isinstance(index, int) and key in _ITEM and index < len(parent):
            parent[index] = copy.deepcopy(_ITEM[key])
            return True
    if not path:
        return False
    parent, key = _at(data, path[:-1]), path[-1]
    if isinstance(parent, list) and isinstance(key, int) and key < len(parent):
        parent[key] = "x"
        return True
    if isinstance(parent, dict):
        if issue.message == "required field is missing" or (key in _REQUIRED and len(path) == 1):
            parent[key] = copy.deepcopy(_REQUIRED.get(key, "x"))
        else:
            parent.pop(key, None)
        return True
    return False


def _at(data, path):
    node = data
    for part in path:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
    return node
