"""Small pure statistics for the figures (no database): the one way the dashboards, exports and PDFs state how
long a legal clock took (docs/legal-decisions.md, "Reports: one way to count")."""

import math
import statistics
from datetime import timedelta


def minutes(delta: timedelta) -> int:
    """Whole minutes, rounded half to even (as ``round``)."""
    return round(delta.total_seconds() / 60)


def median(values: list[int]) -> int | None:
    """The median in whole minutes (the mean of the two middle values for an even count, rounded); None for no
    values."""
    return round(statistics.median(values)) if values else None


def nearest_rank(values: list[int], fraction: float) -> int | None:
    """The nearest-rank percentile: the smallest value with at least ``fraction`` of the values at or below it,
    so "90 % of the clocks were met within it" holds exactly; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]
