"""Drills tracked like obligations (通報及應變辦法 2021 Art 8): assigned per agency and period, conducted,
results due one calendar month later (§48)."""

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from common.calendar import taiwan_rest_day_check
from common.events import record_event
from common.periods import TAIPEI
from incidents import rules
from incidents.models import Drill, DrillEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import User

CONDUCTED_OUTSIDE_PERIOD = _("The drill date must fall within its period and not be in the future.")
NOT_CONDUCTED = _("Record when the drill was conducted first.")


def _lock(drill: Drill) -> Drill:
    """Lock and reload the drill's row: the step is checked on the fresh row (see common/conflicts.py)."""
    drill.refresh_from_db(from_queryset=Drill.objects.select_for_update(no_key=True))
    return drill


def _event(drill: Drill, kind: str, *, actor, now: datetime, data: dict) -> None:
    record_event(DrillEvent, kind=kind, actor=actor, now=now, data=data, drill=drill)


@transaction.atomic
def drill_assign_year(*, agencies, year: int, acting_user: "User | None", now: datetime) -> int:
    """Create the year's drills for each agency (idempotent: existing periods are kept)."""
    created = 0
    for agency in agencies:
        for period in rules.drill_periods(year):
            drill, was_created = Drill.objects.get_or_create(
                agency=agency, kind=period.kind, starts_on=period.starts_on, defaults={"ends_on": period.ends_on}
            )
            if was_created:
                created += 1
                _event(
                    drill,
                    DrillEvent.Kind.ASSIGNED,
                    actor=acting_user,
                    now=now,
                    data={"ends_on": period.ends_on.isoformat()},
                )
    return created


@transaction.atomic
def drill_record_conducted(
    *, drill: Drill, conducted_on: date, participants: int | None, acting_user: "User | None", now: datetime
) -> Drill:
    _lock(drill)
    if not drill.starts_on <= conducted_on <= min(drill.ends_on, now.astimezone(TAIPEI).date()):
        raise ValidationError({"conducted_on": CONDUCTED_OUTSIDE_PERIOD})
    due = rules.drill_results_due(
        conducted_on=conducted_on,
        is_rest_day=taiwan_rest_day_check(years=[conducted_on.year], county=drill.agency.county),
    )
    drill.conducted_on, drill.participants, drill.results_due_at = conducted_on, participants, due.due_at
    drill.full_clean()
    drill.save(update_fields=["conducted_on", "participants", "results_due_at", "updated_at"])
    _event(
        drill,
        DrillEvent.Kind.CONDUCTED,
        actor=acting_user,
        now=now,
        data={"conducted_on": conducted_on.isoformat(), "results_due_at": due.due_at.isoformat()},
    )
    return drill


@transaction.atomic
def drill_submit_results(*, drill: Drill, summary: str, acting_user: "User | None", now: datetime) -> Drill:
    _lock(drill)
    if drill.conducted_on is None:
        raise ValidationError(NOT_CONDUCTED)
    drill.summary, drill.results_submitted_at = summary, now
    drill.full_clean()
    drill.save(update_fields=["summary", "results_submitted_at", "updated_at"])
    _event(
        drill, DrillEvent.Kind.RESULTS_SUBMITTED, actor=acting_user, now=now, data={"late": now > drill.results_due_at}
    )
    return drill
