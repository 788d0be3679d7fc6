from datetime import UTC, date, datetime, time

import pytest

from common.calendar import legal_period_end, taiwan_rest_day_check
from common.models import CalendarDay
from common.periods import TAIPEI, add_months, hours_after, nominal_end, period_end, weekend_only


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 1, 10), 1, date(2026, 2, 10)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # no 31 Feb: last day of the month
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 29), 1, date(2026, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
    ],
)
def test_month_periods_follow_article_48_iii(start, months, end):
    assert nominal_end(start=start, months=months) == end
    assert add_months(start, months) == end


def test_day_periods_do_not_count_the_start_day():
    assert nominal_end(start=date(2026, 11, 26), days=5) == date(2026, 12, 1)


def test_year_periods():
    assert nominal_end(start=date(2024, 2, 29), years=1) == date(2025, 2, 28)


def test_sunday_end_moves_to_monday_end_of_day():
    end = period_end(start=date(2026, 10, 4), days=7, is_rest_day=weekend_only)  # nominal Sun 11 Oct
    assert (end.nominal_end, end.due_on) == (date(2026, 10, 11), date(2026, 10, 12))
    assert end.due_at == datetime(2026, 10, 12, 23, 59, 59, tzinfo=TAIPEI)
    assert end.was_moved is True


def test_saturday_end_moves_to_monday_morning():
    end = period_end(start=date(2026, 10, 3), days=7, is_rest_day=weekend_only)  # nominal Sat 10 Oct
    assert end.due_at == datetime(2026, 10, 12, 12, 0, tzinfo=TAIPEI)


def test_working_day_end_stays():
    end = period_end(start=date(2026, 11, 26), days=1, is_rest_day=weekend_only)
    assert (end.due_on, end.was_moved) == (date(2026, 11, 27), False)
    assert end.due_at.time() == time(23, 59, 59)


def test_hours_run_from_the_instant_even_over_a_weekend():
    friday_evening = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    assert hours_after(friday_evening, 36) == datetime(2026, 11, 29, 2, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        hours_after(datetime(2026, 11, 27, 14, 0), 1)


@pytest.mark.django_db
def test_national_holiday_run_moves_to_the_first_working_day():
    # 2026-02-15 … 2026-02-22: Lunar New Year holidays and a weekend
    end = legal_period_end(start=date(2026, 1, 16), months=1)
    assert (end.nominal_end, end.due_on) == (date(2026, 2, 16), date(2026, 2, 23))


@pytest.mark.django_db
def test_make_up_workday_saturday_is_a_working_day():
    CalendarDay.objects.create(day=date(2026, 1, 31), kind="workday", name="補行上班")
    end = legal_period_end(start=date(2026, 1, 24), days=7)
    assert (end.due_on, end.was_moved) == (date(2026, 1, 31), False)


@pytest.mark.django_db
def test_typhoon_day_off_moves_the_end():
    CalendarDay.objects.create(day=date(2026, 9, 9), kind="rest_day", name="颱風停止上班")
    check = taiwan_rest_day_check(years=[2026])
    assert check(date(2026, 9, 9)) is True
    assert legal_period_end(start=date(2026, 9, 2), days=7).due_on == date(2026, 9, 10)
