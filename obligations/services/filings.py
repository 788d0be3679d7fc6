"""Annual filings: maintenance plan and implementation report, versioned and reviewed; delegated filing."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.calendar import taiwan_rest_day_check
from common.conflicts import conflict
from infrastructure.models import Agency, AgencyKind
from obligations import rules
from obligations.models import AnnualFiling, FilingDeadline, FilingKind, FilingSection
from obligations.rules import timing, workflow
from obligations.services.events import Kind, record_event

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Status = AnnualFiling.Status
FILING_ALREADY_SUBMITTED = gettext_lazy(
    "This filing has already been submitted (perhaps by someone else just now): reload the page."
)
FILING_ALREADY_REVIEWED = gettext_lazy(
    "This filing has already been reviewed (perhaps by someone else just now): reload the page."
)
FILING_CHANGED_MEANWHILE = gettext_lazy(
    "Someone else saved this filing at the same moment: reload the page and apply your changes again."
)
FILING_NOT_SUBMITTED = gettext_lazy("Only a submitted filing can be reviewed.")


def filing_receiving_authority(*, agency: Agency) -> Agency | None:
    """Government agency → its superior (none: the competent authority); SNGA → its sector regulator."""
    return agency.regulator if agency.kind == AgencyKind.SPECIFIC_NON_GOVERNMENT else agency.parent


def filing_due_on(*, agency: Agency, kind: str, year: int) -> date:
    authority = filing_receiving_authority(agency=agency)
    deadline = FilingDeadline.objects.filter(authority=authority, kind=kind).first() if authority else None
    month, day = (deadline.month, deadline.day) if deadline else (rules.DEFAULT_FILING_MONTH, rules.DEFAULT_FILING_DAY)
    nominal = rules.filing_nominal_due(kind=kind, year=year, month=month, day=day)
    calendar = taiwan_rest_day_check(years=[nominal.year], county=agency.county)  # the agency's county (§48 IV)
    return timing.fixed_date_end(day=nominal, is_rest_day=calendar).due_on


@transaction.atomic
def filing_save(
    *,
    now: datetime,
    agency: Agency,
    kind: str,
    year: int,
    sections: dict[int, dict],
    acting_user: User,
    on_behalf: bool = False,
    channel: str = "web",
) -> AnnualFiling:
    """Save the draft (a returned filing is revised as a new version that starts from the returned text).
    The latest version is locked and checked fresh: a save never writes into a filing submitted meanwhile."""
    latest = _latest_locked(agency=agency, kind=kind, year=year)
    if latest and latest.status in rules.FILING_LOCKED_STATUSES:
        raise conflict(_("This filing has been submitted; it can be revised only after it is returned."))
    filing = (
        latest if latest and latest.status == Status.DRAFT else _new_version(agency, kind, year, acting_user, on_behalf)
    )
    for number in range(1, rules.PLAN_SECTIONS + 1):
        values = sections.get(number, {})
        FilingSection.objects.update_or_create(
            filing=filing,
            number=number,
            defaults={"content": values.get("content", "").strip(), "result": values.get("result", "").strip()},
        )
    record_event(
        Kind.FILING_SAVED,
        actor=acting_user,
        channel=channel,
        agency=agency,
        filing=filing,
        data={"kind": kind, "year": year, "version": filing.version, "on_behalf": on_behalf},
        now=now,
    )
    return filing


def _latest_locked(*, agency: Agency, kind: str, year: int) -> AnnualFiling | None:
    """The latest version, locked. A version made while this waited for the lock is a conflict."""
    versions = AnnualFiling.objects.filter(agency=agency, kind=kind, year=year).order_by("-version")
    latest = versions.select_for_update(no_key=True).first()
    if latest is not None and versions.values_list("pk", flat=True).first() != latest.pk:
        raise conflict(FILING_CHANGED_MEANWHILE)
    return latest


def _new_version(agency: Agency, kind: str, year: int, acting_user: User, on_behalf: bool) -> AnnualFiling:
    """The next version; two first saves at once both read "none yet": the second one's insert meets the
    unique version constraint and is told to reload, never written over the first."""
    version = (
        AnnualFiling.objects.filter(agency=agency, kind=kind, year=year).aggregate(last=Max("version"))["last"] or 0
    ) + 1
    try:
        with transaction.atomic():
            return AnnualFiling.objects.create(
                agency=agency,
                kind=kind,
                year=year,
                version=version,
                receiving_authority=filing_receiving_authority(agency=agency),
                due_on=filing_due_on(agency=agency, kind=kind, year=year),
                filed_by=acting_user,
                filed_on_behalf=on_behalf,
            )
    except IntegrityError as error:
        raise conflict(FILING_CHANGED_MEANWHILE) from error


@transaction.atomic
def filing_submit(*, filing: AnnualFiling, acting_user: User, now: datetime, channel: str = "web") -> AnnualFiling:
    filing.refresh_from_db(from_queryset=AnnualFiling.objects.select_for_update(no_key=True))  # re-check fresh
    # Not a draft any more on the locked row: submitted (and perhaps reviewed) by someone else meanwhile.
    workflow.FILING.ensure_transition(
        filing.status, Status.SUBMITTED, taken=Status.values, already=FILING_ALREADY_SUBMITTED
    )
    field = "content" if filing.kind == FilingKind.PLAN else "result"
    missing = [s.number for s in filing.sections.all() if not getattr(s, field)]
    missing += [n for n in range(1, rules.PLAN_SECTIONS + 1) if not filing.sections.filter(number=n).exists()]
    if missing:
        raise ValidationError(
            _("Every one of the 13 sections needs text; missing: %(sections)s.")
            % {"sections": ", ".join(str(n) for n in sorted(set(missing)))}
        )
    filing.status, filing.submitted_at = Status.SUBMITTED, now
    filing.save(update_fields=["status", "submitted_at", "updated_at"])
    record_event(
        Kind.FILING_SUBMITTED,
        actor=acting_user,
        channel=channel,
        agency_id=filing.agency_id,
        filing=filing,
        data={"before": {"status": Status.DRAFT}, "after": {"status": Status.SUBMITTED}},
        now=now,
    )
    return filing


@transaction.atomic
def filing_review(
    *,
    filing: AnnualFiling,
    accept: bool,
    acting_user: User,
    now: datetime,
    reason: str = "",
    channel: str = "web",
) -> AnnualFiling:
    filing.refresh_from_db(from_queryset=AnnualFiling.objects.select_for_update(no_key=True))  # re-check fresh
    new = Status.ACCEPTED if accept else Status.RETURNED
    workflow.FILING.ensure_transition(
        filing.status,
        new,
        taken=(Status.ACCEPTED, Status.RETURNED),  # reviewed by someone else meanwhile
        already=FILING_ALREADY_REVIEWED,
        refused=FILING_NOT_SUBMITTED,
    )
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for returning the filing.")})
    filing.status = new
    filing.reviewed_by, filing.reviewed_at, filing.review_reason = acting_user, now, reason.strip()
    filing.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_reason", "updated_at"])
    record_event(
        Kind.FILING_ACCEPTED if accept else Kind.FILING_RETURNED,
        actor=acting_user,
        channel=channel,
        agency_id=filing.agency_id,
        filing=filing,
        data={"before": {"status": Status.SUBMITTED}, "after": {"status": filing.status}, "reason": reason.strip()},
        now=now,
    )
    return filing


@transaction.atomic
def filing_deadline_set(
    *,
    now: datetime,
    authority: Agency,
    kind: str,
    month: int,
    day: int,
    acting_user: User,
    legal_basis: str = "",
    channel: str = "web",
) -> FilingDeadline:
    deadline = FilingDeadline(authority=authority, kind=kind, month=month, day=day, legal_basis=legal_basis)
    existing = FilingDeadline.objects.filter(authority=authority, kind=kind).first()
    if existing:
        deadline.pk, deadline.created_at = existing.pk, existing.created_at
    deadline.full_clean(validate_unique=False)
    date(2024, month, min(day, 29) if month == 2 else day)  # raises ValueError for 31 April etc.
    deadline.save()
    record_event(
        Kind.FILING_DEADLINE_SET,
        actor=acting_user,
        channel=channel,
        agency=authority,
        data={
            "kind": kind,
            "before": {"month": existing.month, "day": existing.day} if existing else {},
            "after": {"month": month, "day": day},
        },
        now=now,
    )
    return deadline
