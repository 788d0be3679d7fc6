"""Staffing, training hours per person and category, certificates with validity."""

from datetime import date

from django.db.models import Sum
from django.db.models.functions import ExtractYear

from infrastructure.models import Agency
from infrastructure.selectors import level_current_for
from obligations.models import Certificate, StaffingRecord, TrainingRecord
from obligations.rules.training import dedicated_staff_required, training_checks


def people_overview(*, agency: Agency, today: date, year: int | None = None) -> dict:
    year = year or today.year
    hours = (
        TrainingRecord.objects.filter(agency=agency, completed_on__year=year)
        .values("person_name", "person_role", "category")
        .annotate(hours=Sum("hours"))
        .order_by("person_name", "category")
    )
    staffing = list(StaffingRecord.objects.filter(agency=agency).order_by("-year")[:5])
    return {
        "year": year,
        "staffing": staffing,
        "training_checks": training_checks(year=year, hours=_hours_by_person(agency=agency, year=year)),
        "staff_required": dedicated_staff_required(level_current_for(agency=agency)),
        "staff_recorded": next((s.dedicated_headcount for s in staffing if s.year == year), None),
        "hours": list(hours),
        "certificates": Certificate.objects.filter(agency=agency).order_by("person_name", "name"),
        "today": today,
    }


def _hours_by_person(*, agency, year: int) -> list[tuple]:
    """(person, role, category, year, hours) for this year and the one before (two-year targets)."""
    rows = (
        TrainingRecord.objects.filter(agency=agency, completed_on__year__in=[year - 1, year])
        .annotate(year=ExtractYear("completed_on"))
        .values_list("person_name", "person_role", "category", "year")
        .annotate(total=Sum("hours"))
    )
    return list(rows)
