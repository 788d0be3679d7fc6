"""Scheduling an audit, its written notice and the auditee's one request for another date (Art 4)."""

from datetime import date, datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audits import rules
from audits.models import Audit, AuditPlan, ChecklistTemplate, RescheduleRequest
from audits.services.common import Kind, audit_event, local_day, lock_audit, set_status
from audits.services.team import revoke_team_access
from common.calendar import legal_period_end
from common.roc import roc_date
from infrastructure.models import Agency


@transaction.atomic
def audit_schedule(
    *,
    plan: AuditPlan,
    auditee: Agency,
    starts_on: date,
    ends_on: date,
    place: str,
    checklist: ChecklistTemplate,
    actor: AbstractUser,
    now: datetime,
    selection_reason: str = "",
    score: int | None = None,
    score_parts: list | None = None,
    suggested: bool = True,
) -> Audit:
    _check_dates(plan, starts_on, ends_on)
    if checklist.status != ChecklistTemplate.Status.PUBLISHED:
        raise ValidationError({"checklist": _("Choose a published checklist.")})
    if not suggested and not selection_reason.strip():
        raise ValidationError({"selection_reason": _("Say why this agency is chosen instead of the suggestions.")})
    if Audit.objects.filter(plan=plan, auditee=auditee).exclude(status=rules.AuditStatus.CANCELLED).exists():
        raise ValidationError({"auditee": _("This agency is already in the plan.")})
    audit = Audit.objects.create(
        plan=plan,
        auditee=auditee,
        quarter=rules.quarter_of(starts_on),
        starts_on=starts_on,
        ends_on=ends_on,
        place=place,
        checklist=checklist,
        selection_reason=selection_reason,
        risk_score=score,
        risk_parts=score_parts or [],
    )
    after = {"auditee": auditee.name, "starts_on": starts_on, "ends_on": ends_on, "place": place}
    audit_event(audit, Kind.SCHEDULED, actor=actor, now=now, after=after)
    if not suggested:
        audit_event(audit, Kind.TARGET_OVERRIDDEN, actor=actor, now=now, reason=selection_reason)
    return audit


def _check_dates(plan: AuditPlan, starts_on: date, ends_on: date) -> None:
    if starts_on.year != plan.year:
        raise ValidationError({"starts_on": _("The audit date must be in the plan's year.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The last audit day cannot be before the first.")})
    if (ends_on - starts_on).days > 30:
        raise ValidationError({"ends_on": _("An on-site audit lasts at most 31 days.")})


@transaction.atomic
def audit_notice_send(*, audit: Audit, actor: AbstractUser, now: datetime, received_on: date | None = None) -> Audit:
    """Art 4 I: the written notice goes out at least one month before the audit date."""
    audit = lock_audit(audit)
    if audit.plan.status != AuditPlan.Status.APPROVED:
        raise ValidationError(_("Approve the audit plan before sending notices."))
    sent_on = local_day(now)
    if not rules.notice_is_timely(notice_on=sent_on, audit_on=audit.starts_on):
        raise ValidationError(
            _(
                "Notice must be given at least one month before the audit (Art. 4 I): an audit notified today can "
                "take place on %(earliest)s at the earliest."
            ),
            code="notice_late",
            params={"earliest": roc_date(rules.earliest_audit_day(sent_on))},
        )
    audit.notice_sent_on = sent_on
    _set_received(audit, received_on or sent_on)
    set_status(audit, rules.AuditStatus.NOTIFIED, fields=("notice_sent_on", "notice_received_on", "reschedule_due_at"))
    audit_event(audit, Kind.NOTICE_SENT, actor=actor, now=now, after={"notice_sent_on": sent_on})
    return audit


def _set_received(audit: Audit, received_on: date) -> None:
    audit.notice_received_on = received_on
    audit.reschedule_due_at = legal_period_end(start=received_on, days=rules.RESCHEDULE_DAYS).due_at


@transaction.atomic
def audit_notice_acknowledge(*, audit: Audit, received_on: date, actor: AbstractUser, now: datetime) -> Audit:
    """The auditee records the day the written notice reached it: the five days run from then (Art 4 II)."""
    audit = lock_audit(audit)
    if audit.status != rules.AuditStatus.NOTIFIED or audit.notice_sent_on is None:
        raise ValidationError(_("There is no notice waiting for acknowledgement."))
    if not audit.notice_sent_on <= received_on <= local_day(now):
        raise ValidationError({"received_on": _("The day of receipt lies between the notice and today.")})
    before = {"notice_received_on": audit.notice_received_on}
    _set_received(audit, received_on)
    audit.save(update_fields=["notice_received_on", "reschedule_due_at", "updated_at"])
    audit_event(
        audit, Kind.NOTICE_RECEIVED, actor=actor, now=now, before=before, after={"notice_received_on": received_on}
    )
    return audit


@transaction.atomic
def reschedule_request(
    *,
    audit: Audit,
    proposed_starts_on: date,
    proposed_ends_on: date,
    reasons: str,
    actor: AbstractUser,
    now: datetime,
    force_majeure: bool = False,
) -> RescheduleRequest:
    """Art 4 II–III: within five days of receipt, in writing with reasons, once (unless force majeure)."""
    audit = lock_audit(audit)
    earlier = audit.reschedule_requests.exclude(force_majeure=True).count()
    if earlier >= rules.RESCHEDULE_LIMIT and not force_majeure:
        raise ValidationError(_("A new date may be asked only once, unless for force majeure (Art. 4 III)."))
    if audit.reschedule_due_at is None or now > audit.reschedule_due_at:
        raise ValidationError(_("A new date must be asked within five days of receiving the notice (Art. 4 II)."))
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for the new date.")})
    _check_dates(audit.plan, proposed_starts_on, proposed_ends_on)
    request = RescheduleRequest.objects.create(
        audit=audit,
        requested_by=actor,
        requested_at=now,
        proposed_starts_on=proposed_starts_on,
        proposed_ends_on=proposed_ends_on,
        reasons=reasons,
        force_majeure=force_majeure,
    )
    set_status(audit, rules.AuditStatus.RESCHEDULE_REQUESTED)
    audit_event(
        audit,
        Kind.RESCHEDULE_REQUESTED,
        actor=actor,
        now=now,
        after={"proposed_starts_on": proposed_starts_on, "reasons": reasons, "force_majeure": force_majeure},
    )
    return request


@transaction.atomic
def reschedule_decide(
    *, request: RescheduleRequest, accept: bool, reason: str, actor: AbstractUser, now: datetime
) -> Audit:
    audit = lock_audit(request.audit)
    request = RescheduleRequest.objects.select_for_update(no_key=True).get(pk=request.pk)
    if request.decision != RescheduleRequest.Decision.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Say why the request is rejected.")})
    before = {"starts_on": audit.starts_on, "ends_on": audit.ends_on}
    if accept:
        audit.starts_on, audit.ends_on = request.proposed_starts_on, request.proposed_ends_on
        audit.quarter = rules.quarter_of(audit.starts_on)
    request.decision = RescheduleRequest.Decision.ACCEPTED if accept else RescheduleRequest.Decision.REJECTED
    request.decided_by, request.decided_at, request.decision_reason = actor, now, reason
    request.save()
    set_status(audit, rules.AuditStatus.NOTIFIED, fields=("starts_on", "ends_on", "quarter"))
    after = {"decision": request.decision, "starts_on": audit.starts_on, "ends_on": audit.ends_on}
    audit_event(audit, Kind.RESCHEDULE_DECIDED, actor=actor, now=now, before=before, after=after, reason=reason)
    return audit


@transaction.atomic
def audit_cancel(*, audit: Audit, reason: str, actor: AbstractUser, now: datetime) -> Audit:
    audit = lock_audit(audit)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the audit is cancelled.")})
    before = set_status(audit, rules.AuditStatus.CANCELLED)
    revoke_team_access(audit=audit, actor=actor, now=now)
    audit_event(audit, Kind.CANCELLED, actor=actor, now=now, before={"status": before}, reason=reason)
    return audit
