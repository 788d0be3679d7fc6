"""Legal periods under 行政程序法 §48 (Administrative Procedure Act, Art. 48). Pure functions.

- §48 I: a period in hours runs from the instant.
- §48 II: a period in days, weeks, months or years does not count the start day.
- §48 III: a period in months/years ends on the day before the corresponding day of the last month;
  with no corresponding day, on the last day of that month. (Counting from the day after the event,
  this is the same-numbered day, clamped to the month's end: 1/31 + 1 month → 2/28 or 2/29.)
- §48 IV: an end on a Sunday, national holiday or other rest day moves to the next day; an end on a
  Saturday moves to the following Monday morning. We apply the rule until a working day is reached
  (a run of holidays), and a Saturday end is due at 12:00 on the working day it moves to.
"""

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

TAIPEI = ZoneInfo("Asia/Taipei")
CITATION = "行政程序法第48條"
END_OF_DAY = time(23, 59, 59)
MONDAY_MORNING = time(12, 0)

RestDayCheck = Callable[[date], bool]


@dataclass(frozen=True)
class PeriodEnd:
    due_on: date
    due_at: datetime  # timezone-aware; the last instant that still counts
    nominal_end: date  # before the rest-day rule
    citation: str = CITATION

    @property
    def was_moved(self) -> bool:
        return self.due_on != self.nominal_end


def add_months(start: date, months: int) -> date:
    """Same-numbered day ``months`` later, clamped to the end of the month."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def nominal_end(*, start: date, days: int = 0, months: int = 0, years: int = 0) -> date:
    """§48 II–III: the last day of a period that starts the day after ``start``."""
    if days and (months or years):
        raise ValueError("give days, or months/years, not both")
    if days:
        return start + timedelta(days=days)
    return add_months(start, months + 12 * years)


def next_working_day(day: date, *, is_rest_day: RestDayCheck) -> date:
    while is_rest_day(day):
        day += timedelta(days=1)
    return day


def period_end(*, start: date, is_rest_day: RestDayCheck, days: int = 0, months: int = 0, years: int = 0) -> PeriodEnd:
    """§48 II–IV: when a period counted in days/months/years from ``start`` ends."""
    nominal = nominal_end(start=start, days=days, months=months, years=years)
    due_on = next_working_day(nominal, is_rest_day=is_rest_day)
    closing = MONDAY_MORNING if nominal.weekday() == calendar.SATURDAY and is_rest_day(nominal) else END_OF_DAY
    return PeriodEnd(due_on=due_on, due_at=datetime.combine(due_on, closing, tzinfo=TAIPEI), nominal_end=nominal)


def hours_after(instant: datetime, hours: int | float) -> datetime:
    """§48 I: a period in hours runs from the instant itself (no rest-day rule)."""
    if instant.tzinfo is None:
        raise ValueError("instant must be timezone-aware")
    return instant + timedelta(hours=hours)


def weekend_only(day: date) -> bool:
    """The simplest rest-day check (Saturday and Sunday), for callers without a calendar."""
    return day.weekday() >= calendar.SATURDAY
