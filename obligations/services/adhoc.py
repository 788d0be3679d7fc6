"""Ad-hoc obligations a regulator assigns to one agency or a filtered set of agencies."""

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.calendar import taiwan_rest_day_check
from common.periods import PeriodEnd
from infrastructure.models import Agency
from infrastructure.selectors import agency_annotate_level
from obligations.models import AdHocAssignment, Obligation, ObligationEvent
from obligations.rules import timing
from obligations.rules.workflow import ObligationStatus
from obligations.services.events import Kind, event_row, record_event

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def obligation_assign_adhoc(
    *,
    now: datetime,
    title: str,
    due_on: date,
    agencies,
    acting_user: "User | None",
    description: str = "",
    legal_basis: str = "",
    filters: dict | None = None,
    channel: str = "web",
) -> AdHocAssignment:
    """One AdHocAssignment and one obligation per agency (``agencies``: a queryset the caller already scoped)."""
    agencies = list(agency_annotate_level(agencies.filter(is_active=True)).values_list("pk", "current_level"))
    if not agencies:
        raise ValidationError(_("No agency matches; nothing was assigned."))
    if not title.strip():
        raise ValidationError({"title": _("Give the obligation a title.")})
    adhoc = _adhoc_create(title, description, legal_basis, due_on, filters, acting_user)
    counties = dict(Agency.objects.filter(pk__in=[a for a, _level in agencies]).values_list("pk", "county"))
    ends = _county_ends(due_on, set(counties.values()))
    Obligation.objects.bulk_create(_adhoc_obligations(adhoc, agencies, counties, ends), batch_size=1000)
    record_event(
        Kind.ADHOC_ASSIGNED,
        actor=acting_user,
        channel=channel,
        data={
            "adhoc": adhoc.pk,
            "title": adhoc.title,
            "agencies": len(agencies),
            "filters": filters or {},
            "due_on": due_on,
            "due_on_by_county": {county or "-": end.due_on for county, end in ends.items()},
        },
        now=now,
    )
    ObligationEvent.objects.bulk_create(
        _adhoc_events(adhoc, agencies, counties, ends, acting_user, channel, now), batch_size=1000
    )
    return adhoc


def _adhoc_events(adhoc, agencies, counties, ends, acting_user, channel, now) -> list[ObligationEvent]:
    """One ADHOC_ASSIGNED event per agency, with the obligation's status and its county's due date."""
    return [
        event_row(
            Kind.ADHOC_ASSIGNED,
            actor=acting_user,
            channel=channel,
            agency_id=agency_id,
            data={
                "adhoc": adhoc.pk,
                "after": {"status": ObligationStatus.OPEN, "due_on": ends[counties[agency_id]].due_on},
            },
            now=now,
        )
        for agency_id, _level in agencies
    ]


def _adhoc_create(
    title: str, description: str, legal_basis: str, due_on: date, filters, acting_user
) -> AdHocAssignment:
    return AdHocAssignment.objects.create(
        title=title.strip(),
        description=description.strip(),
        legal_basis=legal_basis.strip(),
        due_on=due_on,
        filters=filters or {},
        created_by=acting_user,
    )


def _county_ends(due_on: date, counties: set[str]) -> dict[str, PeriodEnd]:
    """§48 IV on each agency's own county calendar (a local typhoon day off moves only its agencies)."""
    return {
        county: timing.fixed_date_end(day=due_on, is_rest_day=taiwan_rest_day_check(years=[due_on.year], county=county))
        for county in counties
    }


def _adhoc_obligations(adhoc: AdHocAssignment, agencies, counties: dict, ends: dict) -> list[Obligation]:
    """One unsaved obligation per (agency id, level), due at the end on its county's calendar."""
    rule = f"due on {adhoc.due_on.isoformat()} as set by the regulator"
    return [
        Obligation(
            agency_id=agency_id,
            year=adhoc.due_on.year,
            level=level or "",
            adhoc=adhoc,
            assignment_key=timing.adhoc_key(adhoc_id=adhoc.pk, agency_id=agency_id),
            period_start=adhoc.due_on,
            due_on=ends[counties[agency_id]].due_on,
            due_at=ends[counties[agency_id]].due_at,
            nominal_due_on=adhoc.due_on,
            due_rule=rule,
            due_citation=f"{adhoc.legal_basis or '—'}; {ends[counties[agency_id]].citation}"[:400],
        )
        for agency_id, level in agencies
    ]
