"""Drills (演練), 資通安全事件通報及應變辦法 2021 Art 8: a social-engineering drill every 6 months, an incident
notification and response drill once a year, results to the competent authority within 1 month of
completion. Pure."""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.periods import PeriodEnd, RestDayCheck, period_end

CITATION = "資通安全事件通報及應變辦法第8條"
RESULTS_WITHIN_MONTHS = 1


class DrillKind(models.TextChoices):
    SOCIAL_ENGINEERING = "social_engineering", _("Social-engineering drill")  # 社交工程演練
    INCIDENT_RESPONSE = "incident_response", _("Incident notification and response drill")  # 通報及應變演練


@dataclass(frozen=True)
class DrillPeriod:
    kind: str
    starts_on: date
    ends_on: date  # the drill must be run by this day


def drill_periods(year: int) -> list[DrillPeriod]:
    """Two half-year social-engineering periods and one yearly response-drill period."""
    return [
        DrillPeriod(DrillKind.SOCIAL_ENGINEERING, date(year, 1, 1), date(year, 6, 30)),
        DrillPeriod(DrillKind.SOCIAL_ENGINEERING, date(year, 7, 1), date(year, 12, 31)),
        DrillPeriod(DrillKind.INCIDENT_RESPONSE, date(year, 1, 1), date(year, 12, 31)),
    ]


def drill_results_due(*, conducted_on: date, is_rest_day: RestDayCheck) -> PeriodEnd:
    return period_end(start=conducted_on, months=RESULTS_WITHIN_MONTHS, is_rest_day=is_rest_day)
