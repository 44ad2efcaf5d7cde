"""A small declarative validator for spec, library, theme and body-map files.

Why not pydantic: importing it and building our ~30 models took 0.19 s of a 0.40 s cold
`handoutgen build` (measured, issue #6 asks for under 0.5 s), and every one of its errors had to
be translated into our own sentence anyway. Here each type raises the sentence we print.

A model is a class whose attributes are `F(type, default, doc)`. A type is anything with
`parse(value, path, issues)` and `schema()`; a Model subclass may be used as a type directly.
Validation collects every problem (not just the first) as `Issue(path, message, at_key)`.
"""

from __future__ import annotations

from typing import Any, Callable, ClassVar, NamedTuple

REQUIRED = object()
BAD = object()  # what `parse` returns for a value that failed (its issue is already recorded)


class Invalid(Exception):
    """One value is wrong; the message is the sentence printed after `file:line:col: field:`."""


class Issue(NamedTuple):
    path: tuple
    message: str
    at_key: bool = False


class Invalids(Exception):
    """Every problem found in one value."""

    def __init__(self, issues: list[Issue]):
        super().__init__("; ".join(f"{'.'.join(map(str, i.path))}: {i.message}" for i in issues))
        self.issues = issues


def kind_of(value: object) -> str:
    return {dict: "a mapping", list: "a list", type(None): "nothing"}.get(type(value), "text")


class Scalar:
    """A leaf value checked by `fn`, which returns the clean value or raises Invalid."""

    def __init__(self, fn: Callable[[Any], Any], schema: dict):
        self.fn, self._schema = fn, schema

    def parse(self, value, path, issues):
        try:
            return self.fn(value)
        except Invalid as exc:
            issues.append(Issue(path, str(exc)))
            return BAD

    def schema(self, defs: dict) -> dict:
        return dict(self._schema)


class ListOf:
    def __init__(self, item, lo: int = 0, hi: int = 100_000):
        self.item, self.lo, self.hi = as_type(item), lo, hi

    def parse(self, value, path, issues):
        if not isinstance(value, list):
            issues.append(Issue(path, f"expected a list (lines starting with '- '), got {kind_of(value)}"))
            return BAD
        before = len(issues)
        out = [self.item.parse(v, path + (i,), issues) for i, v in enumerate(value)]
        if len(issues) > before:
            return BAD
        if not self.lo <= len(out) <= self.hi:
            bound = f"{self.lo}–{self.hi}" if self.hi < 500 else f"at least {self.lo}"
            issues.append(Issue(path, f"expected {bound} items, got {len(out)}"))
            return BAD
        return out

    def schema(self, defs):
        out = {"type": "array", "items": self.item.schema(defs), "minItems": self.lo}
        if self.hi < 100_000:
            out["maxItems"] = self.hi
        return out


class TupleOf:
    """A fixed number of values written as a list, such as a point [x, y]."""

    def __init__(self, *items):
        self.items = [as_type(t) for t in items]

    def parse(self, value, path, issues):
        if not isinstance(value, list) or len(value) != len(self.items):
            got = f"{len(value)} values" if isinstance(value, list) else kind_of(value)
            issues.append(Issue(path, f"expected a list of {len(self.items)} values, got {got}"))
            return BAD
        before = len(issues)
        out = tuple(t.parse(v, path + (i,), issues) for i, (t, v) in enumerate(zip(self.items, value)))
        return BAD if len(issues) > before else out

    def schema(self, defs):
        n = len(self.items)
        return {"type": "array", "prefixItems": [t.schema(defs) for t in self.items], "minItems": n,
                "maxItems": n}


class DictOf:
    """A mapping of id -> value (body-map regions), optionally only from a fixed set of `keys`."""

    def __init__(self, item, keys: tuple[str, ...] | None = None, what: str = "key"):
        self.item, self.keys, self.what = as_type(item), keys, what

    def parse(self, value, path, issues):
        from handoutgen.suggest import did_you_mean

        if not isinstance(value, dict):
            issues.append(Issue(path, f"expected a mapping of fields (key: value), got {kind_of(value)}"))
            return BAD
        before = len(issues)
        for key in value:
            if self.keys is not None and key not in self.keys:
                issues.append(Issue(path + (key,), f"unknown {self.what} {str(key)!r}"
                                                   f"{did_you_mean(str(key), self.keys)}; expected one of "
                                                   f"{', '.join(self.keys)}", True))
        out = {str(k): self.item.parse(v, path + (k,), issues) for k, v in value.items()}
        return BAD if len(issues) > before else out

    def schema(self, defs):
        if self.keys is not None:
            return {"type": "object", "properties": {k: self.item.schema(defs) for k in self.keys},
                    "additionalProperties": False}
        return {"type": "object", "additionalProperties": self.item.schema(defs)}


class Tagged:
    """One of several models, picked by the value of a tag field (sections by `type`)."""

    def __init__(self, tag: str, models: dict[str, type[Model]], what: str):
        self.tag, self.models, self.what = tag, models, what

    def parse(self, value, path, issues):
        from handoutgen.suggest import did_you_mean

        names = ", ".join(self.models)
        if not isinstance(value, dict):
            issues.append(Issue(path, f"expected a mapping of fields (key: value), got {kind_of(value)}"))
            return BAD
        if self.tag not in value:
            issues.append(Issue(path, f"{self.what} needs a '{self.tag}': one of {names}"))
            return BAD
        tag = value[self.tag]
        if not isinstance(tag, str):
            issues.append(Issue(path + (self.tag,), f"expected one of {names}, got {kind_of(tag)}"))
            return BAD
        if tag not in self.models:
            hint = did_you_mean(tag, self.models)
            issues.append(Issue(path + (self.tag,), f"unknown {self.what} type {tag!r}{hint}; "
                                                   f"expected one of {names}"))
            return BAD
        return self.models[tag].parse(value, path, issues)

    def schema(self, defs):
        return {"oneOf": [m.schema(defs) for m in self.models.values()],
                "discriminator": {"propertyName": self.tag}}


class Const:
    """A field that must hold exactly one word (a section's `type`, already checked by Tagged)."""

    def __init__(self, word: str):
        self.word = word

    def parse(self, value, path, issues):
        if value != self.word:
            issues.append(Issue(path, f"expected {self.word!r}, got {value!r}"))
            return BAD
        return value

    def schema(self, defs):
        return {"const": self.word}


class F:
    """A model field: its type, its default (REQUIRED, a value, or `factory`) and a description.
    A default of None means the field may also be left empty."""

    def __init__(self, type_, default: Any = REQUIRED, doc: str = "", *, factory: Callable | None = None):
        self.type, self.default, self.doc, self.factory = as_type(type_), default, doc, factory

    @property
    def required(self) -> bool:
        return self.default is REQUIRED and self.factory is None

    def make_default(self):
        return self.factory() if self.factory is not None else self.default


def _freeze(value):
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


def as_type(t):
    return t.as_type() if isinstance(t, type) and issubclass(t, Model) else t


class _ModelType:
    def __init__(self, cls: type[Model]):
        self.cls = cls

    def parse(self, value, path, issues):
        return self.cls.parse(value, path, issues)

    def schema(self, defs):
        return self.cls.schema(defs)


class Model:
    """Frozen record with validated fields. Subclasses declare `name = F(...)` attributes and may
    override `before(data)` (reshape shorthand input) and `after()` (checks across fields; raise
    Invalid)."""

    fields: ClassVar[dict[str, F]] = {}
    extra_allowed: ClassVar[bool] = False

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        own = {k: v for k, v in vars(cls).items() if isinstance(v, F)}
        for name in own:
            delattr(cls, name)
        cls.fields = {**cls.fields, **own}

    def __init__(self, **values):
        unknown = set(values) - set(self.fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        for name, f in self.fields.items():
            if name in values:
                value = values[name]
            elif f.required:
                raise TypeError(f"{type(self).__name__} needs {name!r}")
            else:
                value = f.make_default()
            object.__setattr__(self, name, value)

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is read-only; use .replace()")

    def __eq__(self, other):
        return type(other) is type(self) and self.as_dict() == other.as_dict()

    def __hash__(self):  # themes key caches; lists and dicts inside hash by their contents
        # kept once computed (a record is read-only): figure caches key on pose records and
        # hashed them over a thousand times in a cold build, 10-20% of it
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash((type(self).__name__,) + tuple(_freeze(getattr(self, k)) for k in self.fields))
            object.__setattr__(self, "_hash", cached)
        return cached

    def __getstate__(self):  # a hash is per process (string hashing is seeded): never pickled
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}

    def __repr__(self):
        parts = ", ".join(f"{k}={v!r}" for k, v in self.as_dict().items() if v is not None)
        return f"{type(self).__name__}({parts})"

    def as_dict(self) -> dict:
        """Field -> value (nested models stay models)."""
        return {k: getattr(self, k) for k in self.fields}

    def replace(self, **changes) -> Model:
        return type(self)(**{**self.as_dict(), **changes})

    # -- validation -------------------------------------------------------------------------
    @classmethod
    def as_type(cls):
        return _ModelType(cls)

    @classmethod
    def before(cls, data: object) -> object:
        return data

    def after(self) -> None:
        """Checks across fields; raise Invalid."""

    @classmethod
    def shorthands(cls, defs: dict) -> list[dict]:
        """JSON Schemas of the other forms `before` accepts (such as a bare id)."""
        return []

    @classmethod
    def validate(cls, data: object, path: tuple = ()) -> Model:
        """The model for `data`, or Invalids listing every problem."""
        issues: list[Issue] = []
        out = cls.parse(data, path, issues)
        if issues:
            raise Invalids(issues)
        return out

    @classmethod
    def parse(cls, value, path, issues):
        from handoutgen.suggest import did_you_mean

        value = cls.before(value)
        if not isinstance(value, dict):
            issues.append(Issue(path, f"expected a mapping of fields (key: value), got {kind_of(value)}"))
            return BAD
        before = len(issues)
        if not cls.extra_allowed:
            for key in value:
                if key not in cls.fields:
                    hint = did_you_mean(str(key), cls.fields, cutoff=0.75)
                    issues.append(Issue(path + (key,), f"unknown field {str(key)!r}{hint}", True))
        values = {}
        for name, f in cls.fields.items():
            if name in value:
                raw = value[name]
                values[name] = None if raw is None and f.default is None else f.type.parse(raw, path + (name,),
                                                                                           issues)
            elif f.required:
                issues.append(Issue(path + (name,), "required field is missing"))
        if len(issues) > before:
            return BAD
        model = cls(**values)
        try:
            model.after()
        except Invalid as exc:
            issues.append(Issue(path, str(exc)))
            return BAD
        return model

    @classmethod
    def schema(cls, defs: dict) -> dict:
        """A JSON Schema reference to this model, adding its definition to `defs`."""
        name = cls.__name__
        if name not in defs:
            defs[name] = {}  # placeholder first: models may nest themselves
            props = {}
            for key, f in cls.fields.items():
                prop = f.type.schema(defs)
                if f.doc:
                    prop["description"] = f.doc
                if not f.required and f.factory is None and f.default is not None:
                    prop["default"] = f.default if isinstance(f.default, (str, int, float, bool)) else str(f.default)
                props[key] = prop
            body = {"type": "object", "title": name, "properties": props,
                    "additionalProperties": cls.extra_allowed}
            if cls.__doc__:
                body["description"] = " ".join(cls.__doc__.split())
            required = [k for k, f in cls.fields.items() if f.required]
            if required:
                body["required"] = required
            defs[name] = body
        ref = {"$ref": f"#/$defs/{name}"}
        others = cls.shorthands(defs)
        return {"anyOf": [*others, ref]} if others else ref


def json_schema(cls: type[Model], title: str) -> dict:
    """The whole JSON Schema document for a top-level model."""
    defs: dict = {}
    cls.schema(defs)
    doc = dict(defs.pop(cls.__name__))
    doc.update({"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, "$defs": defs})
    return doc
