"""Staffing, training hours per person and category, certificates with validity."""
from django.db.models import Sum
from django.utils import timezone

from obligations.models import Certificate, StaffingRecord, TrainingRecord


def people_overview(*, agency, year: int | None = None) -> dict:
    year = year or timezone.localdate().year
    hours = (TrainingRecord.objects.filter(agency=agency, completed_on__year=year)
             .values("person_name", "person_role", "category").annotate(hours=Sum("hours"))
             .order_by("person_name", "category"))
    return {
        "year": year,
        "staffing": StaffingRecord.objects.filter(agency=agency).order_by("-year")[:5],
        "hours": list(hours),
        "certificates": Certificate.objects.filter(agency=agency).order_by("person_name", "name"),
        "today": timezone.localdate(),
    }
