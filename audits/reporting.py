"""What the reports app reads of the audits of a year, for a set of agencies (the audit section of the
annual sector PDF, and each agency's last audit and open findings). Read-only; constant queries."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Max, Q, QuerySet

from audits import rules
from audits.models import Audit, Finding
from common.roc import TAIPEI


@dataclass(frozen=True)
class OpenFinding:
    agency: str
    number: int
    description: str
    recorded_on: date


@dataclass(frozen=True)
class AuditYear:
    planned: int
    done: int
    reports_on_time: int
    reports_issued: int
    improvements_on_time: int
    improvements_submitted: int
    findings_by_section: tuple[tuple[str, int, int, int], ...]  # section, high, medium, low
    findings_total: int
    findings_closed: int
    oldest_open: tuple[OpenFinding, ...]


def _local_day(instant) -> date:
    return instant.astimezone(TAIPEI).date()


def audit_year(*, agency_ids: QuerySet, year: int, oldest: int = 10) -> AuditYear:
    audits = Audit.objects.filter(auditee_id__in=agency_ids, starts_on__year=year).exclude(
        status=rules.AuditStatus.CANCELLED
    )
    counts = audits.aggregate(
        planned=Count("pk"),
        done=Count("pk", filter=Q(fieldwork_done_on__isnull=False)),
        issued=Count("pk", filter=Q(report_issued_at__isnull=False)),
        on_time=Count("pk", filter=Q(report_issued_at__isnull=False, report_issued_at__lte=F("report_due_at"))),
        submitted=Count("pk", filter=Q(improvement__submitted_at__isnull=False)),
        improved_on_time=Count(
            "pk",
            filter=Q(improvement__submitted_at__isnull=False, improvement__submitted_at__lte=F("improvement_due_at")),
        ),
    )
    findings = Finding.objects.filter(audit__in=audits)
    by_section = Counter(
        (row["item__section"] or "—", row["severity"]) for row in findings.values("item__section", "severity")
    )
    sections = sorted({section for section, _severity in by_section})
    open_rows = findings.exclude(status=rules.FindingStatus.CLOSED).select_related("audit__auditee")
    return AuditYear(
        planned=counts["planned"],
        done=counts["done"],
        reports_issued=counts["issued"],
        reports_on_time=counts["on_time"],
        improvements_submitted=counts["submitted"],
        improvements_on_time=counts["improved_on_time"],
        findings_by_section=tuple(
            (s, by_section[(s, "high")], by_section[(s, "medium")], by_section[(s, "low")]) for s in sections
        ),
        findings_total=findings.count(),
        findings_closed=findings.filter(status=rules.FindingStatus.CLOSED).count(),
        oldest_open=tuple(
            OpenFinding(f.audit.auditee.name, f.number, f.description, _local_day(f.recorded_at or f.created_at))
            for f in open_rows.order_by("recorded_at", "pk")[:oldest]
        ),
    )


def audit_facts_by_agency(*, agency_ids: QuerySet, year: int) -> dict[int, tuple[date | None, int]]:
    """agency id → (day of its last audit up to the end of ``year``, open findings now)."""
    last = dict(
        Audit.objects.filter(auditee_id__in=agency_ids, starts_on__year__lte=year, fieldwork_done_on__isnull=False)
        .values("auditee_id")
        .annotate(last=Max("starts_on"))
        .values_list("auditee_id", "last")
    )
    open_findings = dict(
        Finding.objects.filter(audit__auditee_id__in=agency_ids)
        .exclude(status=rules.FindingStatus.CLOSED)
        .values("audit__auditee_id")
        .annotate(n=Count("pk"))
        .values_list("audit__auditee_id", "n")
    )
    return {
        agency_id: (last.get(agency_id), open_findings.get(agency_id, 0))
        for agency_id in set(last) | set(open_findings)
    }
