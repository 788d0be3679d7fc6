"""行政程序法 §48, written from the text: ¶II the start day is not counted; ¶III a month/year period ends the day
before the day of the last month that corresponds to the day counting starts (the day after the event), or that
month's last day when it has none; ¶IV rest days; ¶I hours from the instant."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from common.calendar import legal_period_end, taiwan_rest_day_check
from common.models import CalendarDay, county_from_address
from common.periods import (
    TAIPEI,
    calendar_slot_end,
    hours_after,
    in_force_from_promulgation,
    nominal_end,
    period_end,
    weekend_only,
)


@pytest.mark.parametrize(
    ("event", "months", "end"),
    [
        (date(2026, 2, 28), 1, date(2026, 3, 31)),  # counting from 03-01 → corresponding 04-01 → 03-31
        (date(2026, 9, 30), 1, date(2026, 10, 31)),  # counting from 10-01 → 11-01 → 10-31
        (date(2026, 3, 31), 1, date(2026, 4, 30)),  # MODA: 3月31日完成 → 自4月1日起算 → 4月30日
        (date(2026, 1, 30), 1, date(2026, 2, 28)),  # MODA: counting from 1月31日, no 2月31日 → 2月28日
        (date(2028, 1, 30), 1, date(2028, 2, 29)),  # … or 2月29日 in a leap year
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # counting from 02-01 → 03-01 → 02-28
        (date(2026, 1, 10), 1, date(2026, 2, 10)),  # counting from 01-11 → 02-11 → 02-10
        (date(2026, 4, 30), 1, date(2026, 5, 31)),  # counting from 05-01 → 06-01 → 05-31 (not 05-30)
        (date(2026, 11, 30), 1, date(2026, 12, 31)),
        (date(2026, 12, 31), 1, date(2027, 1, 31)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),  # counting from 09-01 → 2027-03-01 → 02-28
        (date(2026, 2, 27), 1, date(2026, 3, 27)),  # not the last day: counting from 02-28 → 03-28 → 03-27
    ],
)
def test_month_periods_count_from_the_day_after(event, months, end):
    assert nominal_end(start=event, months=months) == end


@pytest.mark.parametrize(
    ("event", "years", "end"),
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),  # counting from 2024-03-01 → 2025-03-01 → 02-28
        (date(2023, 2, 28), 1, date(2024, 2, 29)),  # counting from 2023-03-01 → 2024-03-01 → 02-29
        (date(2024, 3, 15), 2, date(2026, 3, 15)),
        (date(2025, 12, 31), 1, date(2026, 12, 31)),
    ],
)
def test_year_periods(event, years, end):
    assert nominal_end(start=event, years=years) == end


def test_day_periods_do_not_count_the_start_day():
    assert nominal_end(start=date(2026, 11, 26), days=5) == date(2026, 12, 1)
    assert nominal_end(start=date(2026, 11, 30), days=1) == date(2026, 12, 1)


def test_days_and_months_together_are_refused():
    with pytest.raises(ValueError):
        nominal_end(start=date(2026, 1, 1), days=1, months=1)


def test_sunday_end_moves_to_monday_end_of_day():
    end = period_end(start=date(2026, 10, 4), days=7, is_rest_day=weekend_only)  # nominal Sun 11 Oct
    assert (end.nominal_end, end.due_on) == (date(2026, 10, 11), date(2026, 10, 12))
    assert end.due_at == datetime(2026, 10, 12, 23, 59, 59, tzinfo=TAIPEI)
    assert end.was_moved is True


def test_plain_saturday_end_moves_to_monday_morning():
    end = period_end(start=date(2026, 10, 3), days=7, is_rest_day=weekend_only)  # nominal Sat 10 Oct
    assert end.due_at == datetime(2026, 10, 12, 12, 0, tzinfo=TAIPEI)


def test_working_day_end_stays():
    end = period_end(start=date(2026, 11, 26), days=1, is_rest_day=weekend_only)
    assert (end.due_on, end.was_moved) == (date(2026, 11, 27), False)
    assert end.due_at.time() == time(23, 59, 59)


@pytest.mark.django_db
def test_one_month_from_september_30_ends_monday_november_2_at_noon():
    # nominal 2026-10-31 is a plain Saturday; Monday 11-02 is a working day → §48 IV "次星期一上午"
    end = legal_period_end(start=date(2026, 9, 30), months=1)
    assert (end.nominal_end, end.due_on) == (date(2026, 10, 31), date(2026, 11, 2))
    assert end.due_at == datetime(2026, 11, 2, 12, 0, tzinfo=TAIPEI)


@pytest.mark.django_db
def test_saturday_that_is_a_national_holiday_moves_to_the_end_of_the_next_working_day():
    # 2026-10-10 National Day is a Saturday (observed Friday 10-09); §48 IV holiday rule: 10-11 Sun → Mon 10-12
    check = taiwan_rest_day_check(years=[2026])
    assert check.is_holiday(date(2026, 10, 10)) is True
    end = period_end(start=date(2026, 10, 3), days=7, is_rest_day=check)
    assert end.due_at == datetime(2026, 10, 12, 23, 59, 59, tzinfo=TAIPEI)


@pytest.mark.django_db
def test_saturday_followed_by_a_holiday_monday_ends_on_the_next_working_day():
    CalendarDay.objects.create(day=date(2026, 11, 2), kind="rest_day", name="颱風停止上班")
    end = legal_period_end(start=date(2026, 9, 30), months=1)  # Sat 10-31, Mon 11-02 a day off
    assert end.due_at == datetime(2026, 11, 3, 23, 59, 59, tzinfo=TAIPEI)


@pytest.mark.django_db
def test_make_up_workday_saturday_is_a_working_day_to_its_end():
    CalendarDay.objects.create(day=date(2026, 1, 31), kind="workday", name="補行上班")
    end = legal_period_end(start=date(2026, 1, 24), days=7)
    assert (end.due_on, end.was_moved) == (date(2026, 1, 31), False)
    assert end.due_at == datetime(2026, 1, 31, 23, 59, 59, tzinfo=TAIPEI)


@pytest.mark.django_db
def test_national_holiday_run_moves_to_the_first_working_day():
    # 2026-02-15 … 2026-02-22: Lunar New Year holidays and a weekend
    end = legal_period_end(start=date(2026, 1, 15), months=1)
    assert (end.nominal_end, end.due_on) == (date(2026, 2, 15), date(2026, 2, 23))
    assert end.due_at.time() == time(23, 59, 59)


@pytest.mark.django_db
def test_typhoon_day_off_limited_to_a_county_moves_only_that_countys_periods():
    CalendarDay.objects.create(day=date(2026, 9, 9), kind="rest_day", name="颱風停止上班", county="hualien")
    assert legal_period_end(start=date(2026, 9, 2), days=7, county="hualien").due_on == date(2026, 9, 10)
    assert legal_period_end(start=date(2026, 9, 2), days=7, county="taipei").due_on == date(2026, 9, 9)
    assert legal_period_end(start=date(2026, 9, 2), days=7).due_on == date(2026, 9, 9)


@pytest.mark.django_db
def test_nationwide_correction_applies_everywhere_and_a_county_row_wins():
    CalendarDay.objects.create(day=date(2026, 9, 9), kind="rest_day", name="颱風停止上班")
    CalendarDay.objects.create(day=date(2026, 9, 9), kind="workday", name="照常上班", county="penghu")
    assert legal_period_end(start=date(2026, 9, 2), days=7, county="taipei").due_on == date(2026, 9, 10)
    assert legal_period_end(start=date(2026, 9, 2), days=7, county="penghu").due_on == date(2026, 9, 9)


@pytest.mark.parametrize(
    ("address", "county"),
    [
        ("臺北市中正區重慶南路一段122號", "taipei"),
        ("970花蓮縣花蓮市府前路17號", "hualien"),
        ("台中市西屯區", "taichung"),
        ("", ""),
    ],
)
def test_county_from_address(address, county):
    assert county_from_address(address) == county


def test_hours_run_from_the_instant_even_over_a_weekend():
    friday_evening = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    assert hours_after(friday_evening, 36) == datetime(2026, 11, 29, 2, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        hours_after(datetime(2026, 11, 27, 14, 0), 1)


def test_hours_are_real_elapsed_hours_across_a_wall_clock_shift():
    new_york = ZoneInfo("America/New_York")  # DST starts 2026-03-08 02:00 local
    before = datetime(2026, 3, 8, 1, 0, tzinfo=new_york)  # 06:00 UTC
    assert hours_after(before, 2) == datetime(2026, 3, 8, 8, 0, tzinfo=UTC)  # 04:00 EDT, not 03:00
    assert hours_after(before, 2).tzinfo is UTC


@pytest.mark.parametrize(
    ("year", "years", "slot", "slots", "end"),
    [
        (2022, 1, 1, 1, date(2022, 12, 31)),  # a Saturday: 每年辦理一次 for 2022 is still due within 2022
        (2026, 1, 1, 2, date(2026, 6, 30)),
        (2026, 1, 2, 2, date(2026, 12, 31)),
        (2026, 2, 1, 1, date(2027, 12, 31)),  # once every two years
    ],
)
def test_frequency_slots_end_within_their_years(year, years, slot, slots, end):
    result = calendar_slot_end(first_year=year, years=years, slot=slot, slots=slots)
    assert (result.due_on, result.was_moved) == (end, False)
    assert result.due_at == datetime.combine(end, time(23, 59, 59), tzinfo=TAIPEI)


@pytest.mark.parametrize(
    ("promulgated", "in_force"),
    [
        (date(2021, 8, 23), date(2021, 8, 25)),  # 分級辦法 2021 amendment, 自發布日施行
        (date(2019, 8, 26), date(2019, 8, 28)),
        (date(2026, 1, 5), date(2026, 1, 7)),
        (date(2026, 2, 27), date(2026, 3, 1)),  # counted on calendar days, rest days included
    ],
)
def test_a_text_in_force_from_promulgation_takes_effect_on_the_third_day(promulgated, in_force):
    assert in_force_from_promulgation(promulgated) == in_force
