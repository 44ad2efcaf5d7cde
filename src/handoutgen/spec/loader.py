"""Read YAML safely and remember where every value came from.

PyYAML's `safe_load` keeps the last of duplicate keys, turns `no`/`on` into booleans and `1.10`
into 1.1, and expands aliases without limit (STANDARDS.md). So we only *compose* the node tree
(no object construction, no tags executed) and build plain dicts, lists and strings ourselves:
every scalar stays the text the user typed, and the models (fields.py) coerce it to the number,
boolean or date a field expects. Along the way we record the line and column of every value and
key, reject duplicate keys, and cap depth and total node visits so alias bombs fail fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handoutgen.errors import Problem, SpecError
from handoutgen.files import FileError, wide_encoding, read_input

MAX_BYTES = 2_000_000  # a handout spec is a few KB; anything this big is a mistake or an attack
MAX_NODES = 200_000  # counted through aliases, so "billion laughs" stops here
MAX_DEPTH = 40

Path_ = tuple  # a field path such as ("sections", 2, "items", 0, "sets")

_NULLS = {"", "~", "null", "Null", "NULL"}
# libyaml's composer is ~10x faster than the pure-Python one and gives the same nodes and marks
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")
}


@dataclass
class Loaded:
    """A parsed YAML document plus where each part of it came from."""

    file: str
    data: object
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def problem(self, path: Path_, message: str, *, at_key: bool = False) -> Problem:
        """A Problem for `path`, positioned at the closest recorded line."""
        line, col = self.position(path, at_key=at_key)
        return Problem(self.file, line, col, format_path(path), message)

    def position(self, path: Path_, *, at_key: bool = False) -> tuple[int | None, int | None]:
        path = tuple(path)
        if at_key and path in self.key_marks:
            return self.key_marks[path]
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (None, None))


def format_path(path: Path_) -> str:
    """("sections", 2, "items", 0) -> "sections[2].items[0]"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def load_yaml_file(path: Path, display: str | None = None) -> Loaded:
    """Read `path` and return its data with positions; raise SpecError naming file:line."""
    display = display or str(path)
    try:
        raw = read_input(path, MAX_BYTES, display, expected="a YAML file")
    except FileError as exc:
        raise SpecError(problems=exc.problems) from None
    return load_yaml_text(raw, display)


def load_yaml_text(raw: bytes | str, display: str) -> Loaded:
    """Parse YAML text (bytes are decoded as UTF-8, with or without a byte-order mark)."""
    text = _decode(raw, display) if isinstance(raw, bytes) else raw.lstrip("\ufeff")
    if len(text) > MAX_BYTES:
        raise SpecError(problems=[Problem(display, None, None, "", "file is too large")])
    try:
        try:
            node = yaml.compose(text, Loader=_LOADER)
        except yaml.YAMLError:
            # rare: re-read with the pure-Python parser, whose messages and escape handling
            # (JSON-style surrogate pairs) are the ones we explain to users
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:  # the composer recurses; thousands of levels overflow Python's stack
        raise SpecError(problems=[_too_deep(text, display)]) from None
    except yaml.MarkedYAMLError as exc:
        raise SpecError(problems=[_yaml_problem(exc, display, text)]) from None
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise SpecError(problems=[Problem(display, line, col, "",
                                          f"invisible control character U+{code:04X} is not allowed "
                                          "(pasted from another program?); delete it")]) from None
    except yaml.YAMLError as exc:  # e.g. a second document in the stream
        raise SpecError(problems=[Problem(display, None, None, "", f"not valid YAML: {exc}")]) from None
    if node is None:
        raise SpecError(problems=[Problem(display, 1, None, "", "file is empty, expected a YAML mapping")])
    loaded = Loaded(display, None)
    builder = _Builder(loaded)
    loaded.data = builder.build(node, (), 0)
    if builder.problems:
        raise SpecError(problems=builder.problems)
    return loaded


def _too_deep(text: str, display: str) -> Problem:
    """The same "nested more than N levels" problem the builder reports, found by walking the
    parser's events (no recursion), for documents too deep to compose."""
    stack: list[dict] = []
    for event in yaml.parse(text, Loader=yaml.SafeLoader):  # libyaml stops at 1000 flow levels
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            stack.pop()
            continue
        if not isinstance(event, (yaml.NodeEvent,)):
            continue
        path: Path_ = ()
        is_key = False
        if stack:
            top = stack[-1]
            if top["seq"]:
                path, top["i"] = top["path"] + (top["i"],), top["i"] + 1
            elif top["want_key"]:
                is_key, path = True, top["path"]
                top["want_key"], top["key"] = False, getattr(event, "value", "?")
            else:
                path, top["want_key"] = top["path"] + (top["key"],), True
        if not is_key and len(stack) > MAX_DEPTH:
            mark = event.start_mark
            return Problem(display, mark.line + 1, mark.column + 1, format_path(path),
                           f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append({"seq": isinstance(event, yaml.SequenceStartEvent), "i": 0, "path": path,
                          "want_key": True, "key": None})
    return Problem(display, None, None, "", f"nested more than {MAX_DEPTH} levels deep")


def _decode(raw: bytes, display: str) -> str:
    wide = wide_encoding(raw)
    if wide:
        raise SpecError(problems=[Problem(display, None, None, "", f"is {wide} text; save the file as UTF-8")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SpecError(problems=[Problem(
            display, line, col, "",
            f"byte 0x{raw[exc.start]:02x} is not UTF-8 text; save the file as UTF-8")]) from None


def _yaml_problem(exc: yaml.MarkedYAMLError, display: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    problem = exc.problem or "syntax error"
    if "'\\t'" in problem or (mark and _has_tab_indent(text, mark.line)):
        message = "tab character in indentation; indent with spaces only"
    elif "expected <block end>" in problem or "mapping values are not allowed" in problem:
        message = f"YAML syntax error ({problem}); check the indentation and that text containing ': ' is quoted"
    else:
        message = f"YAML syntax error: {problem}"
    return Problem(display, line, col, "", message)


def _has_tab_indent(text: str, line_index: int) -> bool:
    lines = text.splitlines()
    for i in (line_index - 1, line_index):
        if 0 <= i < len(lines) and re.match(r"^ *\t", lines[i]):
            return True
    return False


def _join_surrogates(value: str) -> str:
    """PyYAML decodes "\\ud83d\\ude00" escapes as two lone surrogates; join them into one
    character (and turn any unpaired one into U+FFFD) so later stages see real text."""
    if not any("\ud800" <= c <= "\udfff" for c in value):
        return value
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


class _Builder:
    """Turns composed nodes into dict/list/str/None, recording positions and problems."""

    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.problems: list[Problem] = []
        self.visits = 0

    def _fail(self, node: yaml.Node, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.loaded.file, node.start_mark.line + 1,
                                     node.start_mark.column + 1, format_path(path), message))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> object:
        self.visits += 1
        if self.visits > MAX_NODES:
            self._fail(node, path, f"document expands to more than {MAX_NODES:,} values "
                                   "(aliases used to multiply content?)")
            raise SpecError(problems=self.problems)
        if depth > MAX_DEPTH:
            self._fail(node, path, f"nested more than {MAX_DEPTH} levels deep")
            raise SpecError(problems=self.problems)
        self.loaded.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _STD_TAGS:
            self._fail(node, path, f"YAML tag {node.tag!r} is not allowed")
            return None
        if isinstance(node, yaml.ScalarNode):
            if not node.style and node.value in _NULLS:  # plain style: None (Python) or '' (libyaml)
                return None
            return _join_surrogates(node.value)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        return self._mapping(node, path, depth)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        out: dict[str, object] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged = self.build(value_node, path, depth + 1)
                for part in merged if isinstance(merged, list) else [merged]:
                    if isinstance(part, dict):
                        for k, v in part.items():
                            out.setdefault(k, v)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, path, "a key must be plain text")
                continue
            key = key_node.value
            child = path + (key,)
            if key in first_line:
                self._fail(key_node, child, f"duplicate key {key!r} (first given on line {first_line[key]})")
                continue
            first_line[key] = key_node.start_mark.line + 1
            self.loaded.key_marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, child, depth + 1)
        return out
