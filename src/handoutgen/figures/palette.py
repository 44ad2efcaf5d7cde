"""Figure colours as (r, g, b) tuples, parsed once: surfaces take '#rrggbb' too, but parsing
the same strings thousands of times per handout showed up in the render time."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=None)
def C(hex_colour: str) -> tuple[float, float, float]:
    """'#rrggbb' as 0–1 floats."""
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
