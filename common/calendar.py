"""The Taiwan working calendar: national holidays from the ``holidays`` package, weekends, and the
administrator's CalendarDay corrections (make-up workdays, days off — nationwide or for one city/county).
One query per use. An agency's periods use its own city/county (``county``; blank = nationwide only)."""

import calendar as _calendar
from collections.abc import Iterable
from datetime import date

import holidays

from common.models import CalendarDay
from common.periods import PeriodEnd, period_end


class TaiwanCalendar:
    """``calendar(day)`` is True on a rest day (§48 IV); ``is_holiday(day)`` is True on a national holiday or a
    declared day off whatever the weekday (a Saturday that is a holiday is not a "plain" Saturday)."""

    def __init__(self, *, years: Iterable[int], county: str = ""):
        years = sorted(set(years) | {year + 1 for year in years})
        self.county = county
        self._national = holidays.country_holidays("TW", years=years)
        rows = CalendarDay.objects.filter(day__year__in=years, county__in={"", county}).values_list(
            "day", "county", "kind"
        )
        overrides: dict[date, str] = {}
        for day, _county, kind in sorted(rows, key=lambda row: row[1] != ""):  # nationwide first, county wins
            overrides[day] = kind
        self._overrides = overrides

    def __call__(self, day: date) -> bool:
        if day in self._overrides:
            return self._overrides[day] == CalendarDay.Kind.REST_DAY
        return day.weekday() >= _calendar.SATURDAY or day in self._national

    def is_holiday(self, day: date) -> bool:
        if day in self._overrides:
            return self._overrides[day] == CalendarDay.Kind.REST_DAY
        return day in self._national


def taiwan_rest_day_check(*, years: Iterable[int], county: str = "") -> TaiwanCalendar:
    """A rest-day predicate for the given years (plus the next, for periods that cross a new year)."""
    return TaiwanCalendar(years=years, county=county or "")


def legal_period_end(*, start: date, days: int = 0, months: int = 0, years: int = 0, county: str = "") -> PeriodEnd:
    """行政程序法 §48 period end on the Taiwan calendar of ``county``."""
    check = taiwan_rest_day_check(years=range(start.year, start.year + years + 2), county=county)
    return period_end(start=start, is_rest_day=check, days=days, months=months, years=years)
