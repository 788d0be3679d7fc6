"""The Taiwan working calendar: national holidays from the ``holidays`` package, weekends, and the
administrator's CalendarDay corrections (make-up workdays, typhoon days off). One query per use."""

import calendar as _calendar
from collections.abc import Iterable
from datetime import date

import holidays

from common.models import CalendarDay
from common.periods import PeriodEnd, RestDayCheck, period_end


def taiwan_rest_day_check(*, years: Iterable[int]) -> RestDayCheck:
    """A rest-day predicate for the given years (plus the next, for periods that cross a new year)."""
    years = sorted(set(years) | {year + 1 for year in years})
    national = holidays.country_holidays("TW", years=years)
    overrides = dict(CalendarDay.objects.filter(day__year__in=years).values_list("day", "kind"))

    def is_rest_day(day: date) -> bool:
        if day in overrides:
            return overrides[day] == CalendarDay.Kind.REST_DAY
        return day.weekday() >= _calendar.SATURDAY or day in national

    return is_rest_day


def legal_period_end(*, start: date, days: int = 0, months: int = 0, years: int = 0) -> PeriodEnd:
    """行政程序法 §48 period end on the Taiwan calendar."""
    check = taiwan_rest_day_check(years=range(start.year, start.year + years + 2))
    return period_end(start=start, is_rest_day=check, days=days, months=months, years=years)
