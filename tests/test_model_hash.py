"""Records keep their hash once computed (figure caches key on pose records), equal records
still hash alike, and a pickled record carries no hash from another process."""

from __future__ import annotations

import pickle

from handoutgen.spec.model import Dose


def test_equal_records_hash_alike_and_the_hash_is_not_pickled():
    a, b = Dose.validate({"sets": 2, "reps": 10}), Dose.validate({"sets": 2, "reps": 10})
    assert a == b and hash(a) == hash(b) == hash(a)
    assert {a: 1}[b] == 1
    copy = pickle.loads(pickle.dumps(a))
    assert "_hash" not in copy.__dict__ and copy == a and hash(copy) == hash(a)
    assert hash(a.replace(sets=3)) != hash(a)
