"""The body frame's quick deep copy (layout/pages.py) is the copy copy.deepcopy makes."""

from __future__ import annotations

import copy

from handoutgen.layout.pages import _Frame


def test_the_frame_copies_like_deepcopy():
    frame = _Frame(36, 58, 540, 678, id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    frame._frameBGs = [("x", [1, 2])]
    mine = copy.deepcopy(frame)
    plain = object.__new__(_Frame)
    plain.__dict__.update(copy.deepcopy(frame.__dict__))
    assert type(mine) is _Frame and mine.__dict__ == plain.__dict__
    assert mine._frameBGs is not frame._frameBGs and mine._frameBGs[0][1] is not frame._frameBGs[0][1]
    mine._y -= 100  # platypus measures in the copy; the page's frame is untouched
    assert frame._y != mine._y
