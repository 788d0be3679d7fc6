"""行政程序法 §48 edge cases on the Taiwan calendar, through the assignment and the period arithmetic."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from common.calendar import taiwan_rest_day_check
from common.models import CalendarDay
from common.periods import period_end
from obligations.models import Obligation
from obligations.rules import timing
from tests.obligations.helpers import TAIPEI, agency_for_scope, approve_level

pytestmark = pytest.mark.django_db


def _staff_obligation(approved_on: date) -> Obligation:
    agency = agency_for_scope("government")
    approve_level(agency, "A", approved_on)
    return Obligation.objects.get(agency=agency, requirement__code="mgmt-security-staff")


def test_jan_31_plus_one_month_ends_on_the_last_day_of_february():
    check = taiwan_rest_day_check(years=[2024])
    end = period_end(start=date(2024, 1, 31), months=1, is_rest_day=check)
    assert (end.nominal_end, end.due_on) == (date(2024, 2, 29), date(2024, 2, 29))


def test_jan_31_plus_one_month_on_a_holiday_then_weekend_moves_to_monday():
    check = taiwan_rest_day_check(years=[2025])
    end = period_end(start=date(2025, 1, 31), months=1, is_rest_day=check)  # 2/28 Peace Memorial Day (Fri)
    assert (end.nominal_end, end.due_on) == (date(2025, 2, 28), date(2025, 3, 3))


def test_due_on_saturday_moves_to_monday_noon():
    obligation = _staff_obligation(date(2024, 3, 15))
    assert obligation.due_on == date(2025, 3, 17)
    assert obligation.due_at == datetime(2025, 3, 17, 12, 0, tzinfo=TAIPEI)
    assert obligation.due_rule == "within 1 y of level approval 2024-03-15"


def test_due_on_a_national_holiday_moves_to_the_next_working_day():
    obligation = _staff_obligation(date(2024, 10, 10))  # 2025-10-10 National Day (Friday)
    assert (obligation.nominal_due_on, obligation.due_on) == (date(2025, 10, 10), date(2025, 10, 13))
    assert obligation.due_at == datetime.combine(date(2025, 10, 13), time(23, 59, 59), tzinfo=TAIPEI)


def test_due_on_a_make_up_workday_stays():
    CalendarDay.objects.create(day=date(2025, 3, 15), kind=CalendarDay.Kind.WORKDAY, name="補行上班")
    obligation = _staff_obligation(date(2024, 3, 15))
    assert obligation.due_on == date(2025, 3, 15)
    assert obligation.due_at == datetime.combine(date(2025, 3, 15), time(23, 59, 59), tzinfo=TAIPEI)


def test_typhoon_day_off_moves_the_end():
    CalendarDay.objects.create(day=date(2027, 3, 15), kind=CalendarDay.Kind.REST_DAY, name="颱風停止上班")
    agency = agency_for_scope("government", core_systems=1)
    approve_level(agency, "A", date(2024, 3, 15))
    certification = Obligation.objects.get(agency=agency, requirement__code="mgmt-certification")
    assert certification.due_on == date(2027, 3, 16)


def test_a_county_typhoon_day_off_moves_only_that_countys_agencies():
    CalendarDay.objects.create(day=date(2027, 3, 15), kind="rest_day", name="颱風停止上班", county="hualien")
    hualien = agency_for_scope("government", core_systems=1)
    taipei = agency_for_scope("government", core_systems=1)
    hualien.county, taipei.county = "hualien", "taipei"
    hualien.save(update_fields=["county"])
    taipei.save(update_fields=["county"])
    for agency in (hualien, taipei):
        approve_level(agency, "A", date(2024, 3, 15))
    due = dict(
        Obligation.objects.filter(requirement__code="mgmt-certification").values_list("agency__county", "due_on")
    )
    assert due == {"hualien": date(2027, 3, 16), "taipei": date(2027, 3, 15)}


def test_fixed_date_on_sunday_moves_to_monday():
    end = timing.fixed_date_end(day=date(2026, 3, 29), is_rest_day=taiwan_rest_day_check(years=[2026]))
    assert end.due_on == date(2026, 3, 30)


def test_an_adhoc_due_date_moves_only_for_the_agencies_of_the_county_with_a_day_off():
    from infrastructure.models import Agency
    from obligations import services

    CalendarDay.objects.create(day=date(2026, 9, 9), kind="rest_day", name="颱風停止上班", county="hualien")
    hualien = agency_for_scope("government")
    taipei = agency_for_scope("government")
    Agency.objects.filter(pk=hualien.pk).update(county="hualien")
    Agency.objects.filter(pk=taipei.pk).update(county="taipei")
    services.obligation_assign_adhoc(
        title="資安演練成果",
        due_on=date(2026, 9, 9),
        agencies=Agency.objects.filter(pk__in=[hualien.pk, taipei.pk]),
        acting_user=None,
        now=timezone.now(),
    )
    due = dict(Obligation.objects.filter(adhoc__isnull=False).values_list("agency__county", "due_on"))
    assert due == {"hualien": date(2026, 9, 10), "taipei": date(2026, 9, 9)}
