"""Small pure statistics for the figures (no database)."""

import math
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal


def percentile(values: list[float], fraction: float) -> float | None:
    """Linear interpolation between closest ranks (PostgreSQL's percentile_cont); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def nearest_rank(values: list[int], fraction: float) -> int | None:
    """The nearest-rank percentile (the smallest value with at least ``fraction`` of the values at or below
    it), as the annual reports print it; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def hours(value: float | None) -> Decimal | None:
    """Hours with one decimal."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def as_hours(delta: timedelta) -> float:
    return delta.total_seconds() / 3600
