"""Property-based tests: valid specs always build; any spec fails only with our own errors."""

from __future__ import annotations

import os

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handoutgen.build import build_handout
from handoutgen.errors import HandoutError

# derandomize: the same examples every run, so CI is repeatable; HG_EXAMPLES=1000 explores more locally
SETTINGS = settings(max_examples=int(os.environ.get("HG_EXAMPLES", 40)), deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=80).filter(
    lambda s: s.strip())
plain = st.text("abcdefghij klmnop <>&*[]()@#'\"éñ", min_size=1, max_size=60).filter(lambda s: s.strip())
# valid text: no citation or link syntax (those need matching references / allowed schemes)
text = st.one_of(words, plain).filter(lambda s: "[@" not in s and "](" not in s)
lists = st.lists(text, max_size=8)
ids = st.sampled_from(["clam", "bridge", "side-lying-hip-abduction", "ball-massage", "pigeon-stretch"])
dose_item = st.fixed_dictionaries({"id": ids}, optional={
    "sets": st.integers(1, 20), "reps": st.integers(1, 100), "hold": st.integers(1, 600),
    "per_day": st.integers(1, 10), "days_per_week": st.integers(1, 7),
    "side": st.sampled_from(["each", "both", "left", "right"]), "notes": text})

section = st.one_of(
    st.fixed_dictionaries({"type": st.just("text"), "heading": text}, optional={"text": text, "points": lists}),
    st.fixed_dictionaries({"type": st.just("anatomy")}, optional={"heading": text, "text": text, "points": lists,
                                                                  "caption": text}),
    st.fixed_dictionaries({"type": st.just("pain_patterns")}, optional={"text": text, "symptoms": lists}),
    st.fixed_dictionaries({"type": st.just("relief_plan"), "steps": st.lists(
        st.fixed_dictionaries({"title": text}, optional={"text": text, "dose": text, "caution": text}),
        min_size=1, max_size=4)}),
    st.fixed_dictionaries({"type": st.just("exercises"), "items": st.lists(st.one_of(ids, dose_item),
                                                                           min_size=1, max_size=4)}),
    st.fixed_dictionaries({"type": st.just("seek_care")}, optional={"emergency": lists, "urgent": lists,
                                                                    "routine": lists}),
    st.fixed_dictionaries({"type": st.just("tracker")}, optional={"weeks": st.integers(1, 12),
                                                                  "days_per_week": st.integers(1, 7)}),
)
valid_spec = st.fixed_dictionaries(
    {"title": text, "main_message": text, "sections": st.lists(section, min_size=1, max_size=5)},
    optional={"subtitle": text, "key_points": st.lists(text, min_size=2, max_size=5),
              "paper": st.sampled_from(["letter", "a4"])})

anything = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), text),
                        lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                st.dictionaries(st.sampled_from(
                                                    ["title", "main_message", "sections", "type", "items",
                                                     "heading", "steps", "text", "id", "sets", "about",
                                                     "published", "figure", "references", "cite"]),
                                                    inner, max_size=5)), max_leaves=20)


def write(tmp_path, data) -> object:
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@SETTINGS
@given(spec=valid_spec)
def test_every_valid_spec_builds(tmp_path, spec):
    result = build_handout(write(tmp_path, spec), None)
    assert result.pdf.startswith(b"%PDF") and result.pages >= 1


@SETTINGS
@given(data=anything)
def test_arbitrary_input_fails_only_with_our_errors(tmp_path, data):
    try:
        build_handout(write(tmp_path, data), None)
    except HandoutError as exc:
        assert exc.lines() and all(line.strip() for line in exc.lines())


@SETTINGS
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_fail_only_with_our_errors(tmp_path, raw):
    path = tmp_path / "b.yaml"
    path.write_bytes(raw)
    try:
        build_handout(path, None)
    except HandoutError:
        pass


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, path + (i,))


@SETTINGS
@given(spec=valid_spec, data=st.data())
def test_a_valid_spec_with_one_value_replaced_fails_only_with_our_errors(tmp_path, spec, data):
    path = data.draw(st.sampled_from(list(_paths(spec))[1:]))
    node = spec
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = data.draw(anything)
    try:
        build_handout(write(tmp_path, spec), None)
    except HandoutError as exc:
        assert exc.lines() and all(line.strip() for line in exc.lines())
