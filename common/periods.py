"""Legal periods under 行政程序法 §48 (Administrative Procedure Act, Art. 48). Pure functions.

The one place csma computes a period (STYLE: one way to do each cross-cutting thing). Readings: docs/legal-decisions.md
"Periods, obligations and levels".

- §48 I: a period in hours runs from the instant; rest days do not move it. Computed on UTC instants
  (``hours_after``), so a wall-clock shift (DST in the zone the instant was given in) cannot change it.
- §48 II: a period in days, weeks, months or years does not count the start day: counting starts the day
  **after** the event.
- §48 III: a period in months/years ends on the day before the day of the last month that corresponds to the
  day counting starts; if the last month has no such day, on that month's last day. So one month from an event
  on 2026-02-28 (counting from 03-01) ends 03-31, from 03-31 (counting from 04-01) ends 04-30, from 01-30
  (counting from 01-31, no 02-31) ends 02-28 — MODA/ACS FAQ 07/644's illustration.
- §48 IV: an end on a Sunday, national holiday or other rest day moves to the next day (repeatedly, until a
  working day); an end on a Saturday moves to the following Monday morning (上午, due 12:00). Readings:
  a Saturday that is a make-up workday (補行上班) is a working day and the period ends there at the end of the
  day; a Saturday that is itself a national holiday or a declared day off is moved by the holiday rule (end of
  the next working day, the reading more favourable to the party); a Saturday end whose Monday is a rest day
  moves on to the end of the next working day. Only a plain Saturday followed by a working Monday ends at
  Monday 12:00.
- Frequencies ("每年辦理一次") are not periods counted from an event: ``calendar_slot_end`` gives the last day
  of a calendar slot (year Y → 31 December of Y), never moved into the next year.
"""

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

TAIPEI = ZoneInfo("Asia/Taipei")
CITATION = "行政程序法第48條"
END_OF_DAY = time(23, 59, 59)
MONDAY_MORNING = time(12, 0)  # §48 IV "其次星期一上午": the morning ends at noon

RestDayCheck = Callable[[date], bool]
"""``is_rest_day(day)``: Sunday, national holiday, other rest day or a plain Saturday. A calendar may also offer
``is_holiday(day)`` (a national holiday or declared day off on any weekday); without it a Saturday is plain."""


@dataclass(frozen=True)
class PeriodEnd:
    due_on: date
    due_at: datetime  # timezone-aware; the last instant that still counts
    nominal_end: date  # before the rest-day rule
    citation: str = CITATION

    @property
    def was_moved(self) -> bool:
        return self.due_on != self.nominal_end


def _month_index_to_date(index: int, day: int) -> date | None:
    year, month = index // 12, index % 12 + 1
    if day > calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def nominal_end(*, start: date, days: int = 0, months: int = 0, years: int = 0) -> date:
    """§48 II–III: the last day of a period for an event on ``start`` (counting starts the next day)."""
    if days and (months or years):
        raise ValueError("give days, or months/years, not both")
    if min(days, months, years) < 0:
        raise ValueError("periods run forward")
    first = start + timedelta(days=1)  # §48 II: the start day is not counted
    if days:
        return first + timedelta(days=days - 1)
    index = first.year * 12 + first.month - 1 + months + 12 * years
    corresponding = _month_index_to_date(index, first.day)
    if corresponding is None:  # §48 III: no corresponding day → the last day of that month
        year, month = index // 12, index % 12 + 1
        return date(year, month, calendar.monthrange(year, month)[1])
    return corresponding - timedelta(days=1)


def next_working_day(day: date, *, is_rest_day: RestDayCheck) -> date:
    while is_rest_day(day):
        day += timedelta(days=1)
    return day


def _is_holiday(is_rest_day: RestDayCheck, day: date) -> bool:
    check = getattr(is_rest_day, "is_holiday", None)
    return bool(check(day)) if check else False


def rest_day_end(nominal: date, *, is_rest_day: RestDayCheck) -> tuple[date, time]:
    """§48 IV: the day and closing time of a period whose nominal last day is ``nominal``."""
    if not is_rest_day(nominal):
        return nominal, END_OF_DAY  # a working day, incl. a make-up-workday Saturday (補行上班)
    if nominal.weekday() == calendar.SATURDAY and not _is_holiday(is_rest_day, nominal):
        monday = nominal + timedelta(days=2)
        if not is_rest_day(monday):
            return monday, MONDAY_MORNING
        return next_working_day(monday, is_rest_day=is_rest_day), END_OF_DAY
    return next_working_day(nominal + timedelta(days=1), is_rest_day=is_rest_day), END_OF_DAY


def period_end(*, start: date, is_rest_day: RestDayCheck, days: int = 0, months: int = 0, years: int = 0) -> PeriodEnd:
    """§48 II–IV: when a period counted in days/months/years from an event on ``start`` ends."""
    nominal = nominal_end(start=start, days=days, months=months, years=years)
    due_on, closing = rest_day_end(nominal, is_rest_day=is_rest_day)
    return PeriodEnd(due_on=due_on, due_at=datetime.combine(due_on, closing, tzinfo=TAIPEI), nominal_end=nominal)


def calendar_slot_end(*, first_year: int, years: int, slot: int, slots: int) -> PeriodEnd:
    """End of slot ``slot`` of ``slots`` equal parts of the calendar years ``first_year`` … ``first_year+years-1``
    (a frequency such as 每年辦理二次: 30 June and 31 December). Not a §48 period: never moved by rest days, so
    the last slot of year Y ends within Y."""
    if not 1 <= slot <= slots:
        raise ValueError("slot out of range")
    months = 12 * years * slot // slots
    index = first_year * 12 + months  # the month after the slot ends
    after = date(index // 12, index % 12 + 1, 1)
    last = after - timedelta(days=1)
    return PeriodEnd(
        due_on=last, due_at=datetime.combine(last, END_OF_DAY, tzinfo=TAIPEI), nominal_end=last, citation=""
    )


def in_force_from_promulgation(promulgated_on: date) -> date:
    """中央法規標準法 §13: "法規明定自公布或發布日施行者，自公布或發布之日起算至第三日起發生效力" — the promulgation day
    counts as the first day, so the text is in force from the third (2021-08-23 → 2021-08-25)."""
    return promulgated_on + timedelta(days=2)


def hours_after(instant: datetime, hours: int | float) -> datetime:
    """§48 I: a period in hours runs from the instant itself (no rest-day rule), on UTC instants."""
    if instant.tzinfo is None:
        raise ValueError("instant must be timezone-aware")
    return instant.astimezone(UTC) + timedelta(hours=hours)


def weekend_only(day: date) -> bool:
    """The simplest rest-day check (Saturday and Sunday), for callers without a calendar."""
    return day.weekday() >= calendar.SATURDAY
