"""The declarative validator behind every model (spec/fields.py): all problems at once, exact
messages, frozen records, and the JSON Schema `handoutgen schema` prints."""

from __future__ import annotations

import pytest

from handoutgen.errors import SpecError
from handoutgen.spec.fields import DictOf, F, Invalid, Invalids, ListOf, Model, Scalar, TupleOf, json_schema
from handoutgen.spec.loader import load_yaml_text
from handoutgen.spec.types import choice, number, whole_number
from handoutgen.spec.validate import validate


class Point(Model):
    """A point."""

    x = F(number(0, 10))
    y = F(number(0, 10), 0.0, "Height.")


class Shape(Model):
    name = F(choice("square", "circle"))
    corners = F(ListOf(TupleOf(number(0, 10), number(0, 10)), 3), None)
    centre = F(Point, None)
    tags = F(DictOf(whole_number(1, 5)), factory=dict)

    def after(self):
        if self.name == "circle" and self.corners:
            raise Invalid("a circle has no corners")


def problems(text: str, model=Shape) -> list[str]:
    with pytest.raises(SpecError) as info:
        validate(load_yaml_text(text, "s.yaml"), model)
    return [str(p) for p in info.value.problems]


def test_every_problem_is_reported_with_its_position():
    assert problems("name: oval\ncentre: {x: 11, z: 1}\ntags: {a: 9}\n") == [
        "s.yaml:1:7: name: expected one of 'square', 'circle', got 'oval'",
        "s.yaml:2:13: centre.x: expected a number from 0 to 10, got '11'",
        "s.yaml:2:17: centre.z: unknown field 'z'",
        "s.yaml:3:11: tags.a: expected a whole number 1–5, got '9'",
    ]


def test_missing_fields_and_wrong_shapes():
    assert problems("centre: 3\n") == [
        "s.yaml:1:1: name: required field is missing",
        "s.yaml:1:9: centre: expected a mapping of fields (key: value), got text",
    ]
    assert problems("name: square\ncorners: [[1, 2], [3]]\n") == [
        "s.yaml:2:19: corners[1]: expected a list of 2 values, got 1 values"]
    assert problems("name: square\ncorners: [[1, 2]]\n") == [
        "s.yaml:2:10: corners: expected at least 3 items, got 1"]
    assert problems("name: square\ntags: [1]\n") == [
        "s.yaml:2:7: tags: expected a mapping of fields (key: value), got a list"]


def test_checks_across_fields_run_only_on_valid_fields():
    assert problems("name: circle\ncorners: [[0, 0], [1, 0], [0, 1]]\n") == ["s.yaml:1:1: a circle has no corners"]
    assert problems("name: circle\ncorners: [[0, 0]]\n") == ["s.yaml:2:10: corners: expected at least 3 items, got 1"]


def test_a_top_level_list_is_refused_for_a_model():
    assert problems("- 1\n") == [
        "s.yaml:1:1: expected a mapping of fields (key: value) at the top of the file, got a list"]


def test_models_are_frozen_values():
    p = Point.validate({"x": "3"})
    assert (p.x, p.y) == (3.0, 0.0)
    with pytest.raises(AttributeError):
        p.x = 4
    moved = p.replace(y=2.0)
    assert (moved.x, moved.y, p.y) == (3.0, 2.0, 0.0)
    assert Point(x=3.0) == p and hash(Point(x=3.0)) == hash(p)
    assert Point(x=3.0) != moved
    with pytest.raises(TypeError):
        Point(x=1.0, z=2)
    with pytest.raises(TypeError):
        Point()


def test_invalids_lists_every_issue_for_code_callers():
    with pytest.raises(Invalids) as info:
        Shape.validate({"name": "oval", "centre": {"x": "a"}})
    assert [(i.path, i.message) for i in info.value.issues] == [
        (("name",), "expected one of 'square', 'circle', got 'oval'"),
        (("centre", "x"), "expected a number from 0 to 10, got 'a'"),
    ]


def test_scalars_raise_their_own_sentence():
    upper = Scalar(lambda v: v.upper() if isinstance(v, str) else (_ for _ in ()).throw(Invalid("not text")),
                   {"type": "string"})
    issues = []
    assert upper.parse("a", (), issues) == "A" and issues == []
    upper.parse(1, ("k",), issues)
    assert [tuple(i) for i in issues] == [(("k",), "not text", False)]


def test_json_schema_describes_fields_defaults_and_nesting():
    doc = json_schema(Shape, "shape")
    assert doc["title"] == "shape"
    assert doc["required"] == ["name"]
    assert doc["additionalProperties"] is False
    assert doc["properties"]["name"]["enum"] == ["square", "circle"]
    assert doc["properties"]["centre"] == {"$ref": "#/$defs/Point"}
    point = doc["$defs"]["Point"]
    assert point["properties"]["y"] == {"type": "number", "minimum": 0, "maximum": 10, "description": "Height.",
                                        "default": 0.0}
    assert point["description"] == "A point."
    corners = doc["properties"]["corners"]
    assert corners["minItems"] == 3 and corners["items"]["prefixItems"][0]["type"] == "number"


def test_every_field_in_the_json_schema_has_a_description():
    """Editors show these while a spec is typed (`handoutgen schema`)."""
    from handoutgen.spec.model import Spec

    schema = json_schema(Spec, "handoutgen spec")
    missing = [f"{name}.{field}" for name, node in [("Spec", schema), *schema["$defs"].items()]
               for field, prop in (node.get("properties") or {}).items() if "description" not in prop]
    assert missing == []


def test_an_exercise_item_changes_the_same_dose_fields_the_library_declares():
    from handoutgen.spec.model import DOSE_CHANGES, Dose, ExerciseItem

    assert all(ExerciseItem.fields[k] is Dose.fields[k] for k in DOSE_CHANGES)
    assert set(Dose.fields) - set(DOSE_CHANGES) == {"note"}
