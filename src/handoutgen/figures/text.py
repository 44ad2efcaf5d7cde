"""The words figures print (frame labels, the view, left and right), from the label table of
the handout's language, as a hashable tuple so drawn figures can be cached by them."""

from __future__ import annotations


def figure_text(words: dict | None = None) -> tuple[tuple[str, str], ...]:
    """(name, words) pairs for `draw_exercise` and `draw_bodymap`; English when `words` is None."""
    if words is None:
        from handoutgen.labels import labels

        words = labels("en")
    return (("start", words["figure_start"]), ("finish", words["figure_finish"]), ("hold", words["figure_hold"]),
            ("circle", words["figure_circle"]), ("isometric", words["figure_push"]), ("rock", words["figure_rock"]),
            ("front", words["seen_from_front"]), ("back", words["seen_from_back"]),
            ("side", words["seen_from_side"]), ("three-quarter", words["seen_from_three_quarter"]),
            ("top", words["seen_from_top"]), ("left", words["map_left"]), ("right", words["map_right"]),
            ("right_side", words["map_right_side"]))
