"""Daily reminders of audit deadlines and escalation when one passes, through the one outbox (kept when
mail or the broker is down, retried, never duplicated: AuditReminder is unique per deadline and lead).

| deadline | reminded | before (days) | after it passes |
|---|---|---|---|
| the five days for a new date (Art 4 II) | auditee's officers | 1 | — |
| the audit report (Art 7) | the auditing authority's staff | 7, 1 | the competent authority |
| the improvement report (Art 8) | auditee's officers | 7, 1 | the auditing authority's staff |
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access import policy
from access.models import AgencyUserObjectPermission
from access.supervision import competent_authority_user_ids
from audits import rules
from audits.models import Audit, AuditReminder
from common.outbox import outbox_enqueue
from common.templatetags.csma_dates import local_datetime

LEADS = {"reschedule_due_at": (1,), "report_due_at": (7, 1), "improvement_due_at": (7, 1)}
ESCALATE = ("report_due_at", "improvement_due_at")
LABELS = {
    "reschedule_due_at": gettext_lazy("the last moment to ask for a new audit date"),
    "report_due_at": gettext_lazy("the audit report"),
    "improvement_due_at": gettext_lazy("the improvement report"),
}


@dataclass(frozen=True)
class Due:
    audit: Audit
    deadline: str
    due_at: datetime
    days_before: int


def _open(audit: Audit, deadline: str) -> bool:
    if deadline == "reschedule_due_at":
        return audit.status == rules.AuditStatus.NOTIFIED and not audit.reschedule_requests.exists()
    if deadline == "report_due_at":
        return audit.report_issued_at is None
    return audit.status == rules.AuditStatus.REPORT_ISSUED


def due_reminders(*, now: datetime) -> list[Due]:
    found = []
    audits = Audit.objects.exclude(status__in=rules.TERMINAL).select_related("plan", "auditee")
    for audit in audits.prefetch_related("reschedule_requests"):
        for deadline, leads in LEADS.items():
            due_at = getattr(audit, deadline)
            if due_at is None or not _open(audit, deadline):
                continue
            for days in leads:
                if due_at - timedelta(days=days) <= now < due_at:
                    found.append(Due(audit, deadline, due_at, days))
            if deadline in ESCALATE and now >= due_at:
                found.append(Due(audit, deadline, due_at, -1))
    return found


def _emails(user_ids) -> list[str]:
    return list(
        get_user_model()
        .objects.filter(pk__in=list(user_ids), is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _holders(codenames, agency_id: int) -> list[int]:
    return list(
        AgencyUserObjectPermission.objects.filter(
            permission__codename__in=codenames, content_object_id=agency_id
        ).values_list("user_id", flat=True)
    )


def recipients(item: Due) -> list[str]:
    audit = item.audit
    authority = _holders((policy.REGULATE_SECTOR, policy.SUPERVISE_SUBTREE), audit.plan.authority_id)
    authority = authority or competent_authority_user_ids()
    if item.days_before < 0:
        return _emails(competent_authority_user_ids() if item.deadline == "report_due_at" else authority)
    if item.deadline == "report_due_at":
        return _emails(authority)
    return _emails(_holders((policy.ACT_FOR_AGENCY,), audit.auditee_id))


def _message(item: Due) -> tuple[str, str]:
    what, name, when = (
        str(LABELS[item.deadline]),
        item.audit.auditee.name,
        local_datetime(item.due_at),
    )  # ROC in Chinese, ISO in English
    if item.days_before < 0:
        subject = _("Overdue: %(what)s of the audit of %(name)s") % {"what": what, "name": name}
    else:
        subject = _("Due in %(days)d days: %(what)s of the audit of %(name)s") % {
            "days": item.days_before,
            "what": what,
            "name": name,
        }
    body = _("%(subject)s\nDeadline: %(when)s\nPlease open csma to see the audit.") % {"subject": subject, "when": when}
    return subject, body


def audit_reminders_send(*, now: datetime) -> int:
    """Send what is due now; each reminder at most once (its row is claimed in the same transaction)."""
    sent = 0
    for item in due_reminders(now=now):
        try:
            with transaction.atomic():
                AuditReminder.objects.create(
                    audit=item.audit,
                    deadline=item.deadline,
                    due_at=item.due_at,
                    days_before=item.days_before,
                    sent_at=now,
                )
                subject, body = _message(item)
                outbox_enqueue(
                    source=item.audit,
                    topic=f"audit_{item.deadline}",
                    recipients=recipients(item),
                    subject=subject,
                    body=body,
                    now=now,
                )
        except IntegrityError:
            continue  # already sent by an earlier run
        sent += 1
    return sent
