"""The YAML loader: positions, duplicate keys, tabs, encodings, literal scalars, bombs."""

from __future__ import annotations

import pytest

from handoutgen.errors import SpecError
from handoutgen.spec.loader import load_yaml_text


def problems(text, name="x.yaml"):
    with pytest.raises(SpecError) as info:
        load_yaml_text(text, name)
    return [str(p) for p in info.value.problems]


def test_values_keep_their_lines_and_columns():
    loaded = load_yaml_text("title: A\nsections:\n  - type: text\n    heading: B\n", "x.yaml")
    assert loaded.marks[("sections", 0, "heading")] == (4, 14)
    assert loaded.key_marks[("title",)] == (1, 1)


def test_scalars_stay_as_typed():
    data = load_yaml_text("a: no\nb: 1.10\nc: on\nd: 2026-11-22\ne: ~\nf: 007\n", "x.yaml").data
    assert data == {"a": "no", "b": "1.10", "c": "on", "d": "2026-11-22", "e": None, "f": "007"}


def test_duplicate_keys_are_errors():
    assert problems("title: A\nsubtitle: B\ntitle: C\n") == [
        "x.yaml:3:1: title: duplicate key 'title' (first given on line 1)"]


def test_tab_indentation_is_named():
    assert problems("sections:\n\t- type: text\n") == [
        "x.yaml:2:1: tab character in indentation; indent with spaces only"]


def test_empty_file():
    assert problems("") == ["x.yaml:1: file is empty, expected a YAML mapping"]
    assert problems("# only a comment\n") == ["x.yaml:1: file is empty, expected a YAML mapping"]


def test_syntax_error_has_line():
    (msg,) = problems("title: A\nsubtitle: [unclosed\n")
    assert msg.startswith("x.yaml:3:1: YAML syntax error")


def test_non_utf8_bytes():
    assert problems(b"title: caf\xe9\n") == [
        "x.yaml:1:11: byte 0xe9 is not UTF-8 text; save the file as UTF-8"]


def test_byte_order_mark_is_accepted():
    assert load_yaml_text("\ufefftitle: A\n".encode("utf-8"), "x.yaml").data == {"title": "A"}


def test_python_tags_are_refused():
    (msg,) = problems("title: !!python/object/apply:os.system ['echo hi']\n")
    assert "x.yaml:1:8: title: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" == msg


def test_billion_laughs_fails_fast():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    (msg,) = problems("\n".join(lines) + "\n")
    assert "document expands to more than 200,000 values" in msg


def test_deep_nesting_is_refused():
    text = "a: " + "[" * 60 + "]" * 60 + "\n"
    (msg,) = problems(text)
    assert "nested more than 40 levels deep" in msg


def test_huge_file_is_refused(tmp_path):
    from handoutgen.spec.loader import load_yaml_file

    path = tmp_path / "big.yaml"
    path.write_text("title: " + "x" * 2_100_000 + "\n")
    with pytest.raises(SpecError) as info:
        load_yaml_file(path, "big.yaml")
    assert str(info.value.problems[0]).startswith("big.yaml: file is too large (2,100,008 bytes)")
