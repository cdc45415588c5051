"""How time grows with size: the exponent b of time ~ size^b, fitted by least squares on logs."""

from __future__ import annotations

import math

FLAG_ABOVE = 1.15
"""Exponents above this are flagged as worse than linear."""


def exponent(points: list[tuple[float, float]]) -> float | None:
    """Slope of log(time) against log(size) over (size, time) points; None with fewer than two sizes."""
    pts = [(math.log(s), math.log(t)) for s, t in points if s > 0 and t > 0]
    if len({x for x, _ in pts}) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx


def growth(points: list[tuple[float, float]]) -> dict[str, float | bool | None]:
    """Exponent over all points and over the two largest sizes; flagged when either exceeds FLAG_ABOVE."""
    ordered = sorted(points)
    overall, top = exponent(ordered), exponent(ordered[-2:])
    flagged = any(e is not None and e > FLAG_ABOVE for e in (overall, top))
    return {"exponent": overall, "exponent_top": top, "flag": flagged}
