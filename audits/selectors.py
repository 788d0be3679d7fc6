"""Reads of the audits app: what a user may see and manage, and the risk-ranked suggestions."""

from collections import defaultdict
from datetime import date, datetime

from django.contrib.auth.models import AbstractUser
from django.db.models import Count, Max, Q, QuerySet
from guardian.shortcuts import get_objects_for_user

from access import policy
from access.selectors import agencies_visible_to, agency_scope_for
from audits import rules, scoring
from audits.models import Audit, AuditPlan, ChecklistTemplate, Finding
from audits.odt import FilledChecklist, FilledItem
from common import versioning
from common.roc import TAIPEI
from incidents.models import Drill, Incident, IncidentClock
from infrastructure.models import Agency
from infrastructure.selectors import agency_annotate_level
from obligations.models import Obligation

MANAGING_GRANTS = (policy.REGULATE_SECTOR, policy.SUPERVISE_SUBTREE)
# The auditee sees its audits once the notice has gone out (a planned audit is the authority's own work).
NOTIFIED_OR_LATER = [s for s in rules.AuditStatus.values if s not in (rules.AuditStatus.PLANNED,)]


def managed_authority_ids(*, user: AbstractUser) -> set[int] | None:
    """Authorities whose plans the user manages; None means every authority (global permission)."""
    if user.has_perm("audits.manage_audits"):
        return None
    scope = agency_scope_for(user=user)
    return {agency_id for codename in MANAGING_GRANTS for agency_id, _path in scope.granted(codename)}


def may_manage_plan(*, user: AbstractUser, plan: AuditPlan) -> bool:
    ids = managed_authority_ids(user=user)
    return ids is None or plan.authority_id in ids


def authorities_for(*, user: AbstractUser) -> QuerySet[Agency]:
    ids = managed_authority_ids(user=user)
    return Agency.objects.filter(is_active=True) if ids is None else Agency.objects.filter(pk__in=ids)


def plans_visible_to(*, user: AbstractUser) -> QuerySet[AuditPlan]:
    if user.has_perm("audits.view_all_audits"):
        return AuditPlan.objects.select_related("authority")
    ids = managed_authority_ids(user=user) or set()
    return AuditPlan.objects.filter(authority_id__in=ids).select_related("authority")


def audits_visible_to(*, user: AbstractUser) -> QuerySet[Audit]:
    base = Audit.objects.select_related("plan__authority", "auditee", "checklist")
    if not user.is_authenticated:
        return base.none()
    if user.has_perm("audits.view_all_audits"):
        return base
    managed = managed_authority_ids(user=user) or set()
    own = agencies_visible_to(user=user).values("pk")
    team = get_objects_for_user(user, policy.CONDUCT_AUDIT, klass=Audit, accept_global_perms=False).values("pk")
    return base.filter(
        Q(plan__authority_id__in=managed) | Q(pk__in=team) | (Q(auditee_id__in=own) & Q(status__in=NOTIFIED_OR_LATER))
    ).distinct()


def is_team_member(*, user: AbstractUser, audit: Audit) -> bool:
    return audit.team.filter(user=user, removed_at__isnull=True).exists() and user.has_perm(policy.CONDUCT_AUDIT, audit)


def acts_for_auditee(*, user: AbstractUser, audit: Audit) -> bool:
    granted = agency_scope_for(user=user).granted(policy.ACT_FOR_AGENCY)
    return any(agency_id == audit.auditee_id for agency_id, _path in granted)


def audit_roles(*, user: AbstractUser, audit: Audit) -> dict[str, bool]:
    """What the user is to this audit: its managing authority, a team member, the auditee (pages and API)."""
    return {
        "may_manage": may_manage_plan(user=user, plan=audit.plan),
        "is_member": is_team_member(user=user, audit=audit),
        "is_auditee": acts_for_auditee(user=user, audit=audit),
    }


def checklist_mode(*, audit: Audit, granted: dict[str, bool]) -> str | None:
    """Who fills the checklist now: "auditor" during fieldwork, "auditee" between notice and audit; else
    nobody (read-only)."""
    if audit.status == rules.AuditStatus.FIELDWORK and (granted["is_member"] or granted["may_manage"]):
        return "auditor"
    if audit.status in (rules.AuditStatus.NOTIFIED, rules.AuditStatus.RESCHEDULE_REQUESTED) and granted["is_auditee"]:
        return "auditee"
    return None


def checklists_in_force(*, on: date) -> QuerySet[ChecklistTemplate]:
    return ChecklistTemplate.objects.filter(versioning.in_force_q(on), status=ChecklistTemplate.Status.PUBLISHED)


def candidate_agencies(*, plan: AuditPlan, user: AbstractUser) -> QuerySet[Agency]:
    """Agencies the plan's authority may audit: those the user sees, active, not the authority itself."""
    return agencies_visible_to(user=user).filter(is_active=True).exclude(pk=plan.authority_id)


def suggestions(*, plan: AuditPlan, user: AbstractUser, now: datetime, limit: int = 30) -> list[dict]:
    """The candidates ranked by the documented score (audits/scoring.py), with its parts."""
    candidates = agency_annotate_level(candidate_agencies(plan=plan, user=user), on=now.astimezone(TAIPEI).date())
    candidates = candidates.exclude(audits__plan=plan)
    agencies = {a.pk: a for a in candidates.only("pk", "name", "kind")}
    facts = _facts(agencies, now=now)
    ranked = scoring.rank(facts)[:limit]
    return [{"agency": agencies[s.agency_id], "score": s} for s in ranked]


def _facts(agencies: dict[int, Agency], *, now: datetime) -> list[scoring.TargetFacts]:
    ids = list(agencies)
    since = now.replace(year=now.year - scoring.LOOKBACK_YEARS)
    incidents = defaultdict(dict)
    rows = Incident.objects.filter(agency_id__in=ids, aware_at__gte=since).values("agency_id", "level")
    for row in rows.annotate(n=Count("pk")):
        incidents[row["agency_id"]][row["level"]] = row["n"]
    missed = _count_by(
        IncidentClock.objects.filter(
            incident__agency_id__in=ids, incident__aware_at__gte=since, escalated_at__isnull=False
        ),
        "incident__agency_id",
    )
    overdue = _count_by(
        Obligation.objects.filter(
            agency_id__in=ids, due_on__lt=now.date(), status__in=[Obligation.Status.OPEN, Obligation.Status.RETURNED]
        ),
        "agency_id",
    )
    findings = _count_by(
        Finding.objects.filter(audit__auditee_id__in=ids).exclude(status=rules.FindingStatus.CLOSED),
        "audit__auditee_id",
    )
    drills = _count_by(
        Drill.objects.filter(
            agency_id__in=ids, results_due_at__lt=now, results_due_at__gte=since, results_submitted_at__isnull=True
        ),
        "agency_id",
    )
    last = dict(
        Audit.objects.filter(auditee_id__in=ids, status=rules.AuditStatus.CLOSED)
        .values("auditee_id")
        .annotate(last=Max("starts_on"))
        .values_list("auditee_id", "last")
    )
    ci = set(Agency.objects.filter(pk__in=ids, ci_designations__withdrawn_on__isnull=True).values_list("pk", flat=True))
    return [
        scoring.TargetFacts(
            agency_id=pk,
            level=getattr(agency, "current_level", None),
            is_ci_provider=pk in ci,
            incidents_by_level=incidents.get(pk, {}),
            clocks_missed=missed.get(pk, 0),
            obligations_overdue=overdue.get(pk, 0),
            open_findings=findings.get(pk, 0),
            years_since_audit=None if pk not in last else now.year - last[pk].year,
            drills_failed=drills.get(pk, 0),
        )
        for pk, agency in agencies.items()
    ]


def _count_by(queryset: QuerySet, field: str) -> dict[int, int]:
    return dict(queryset.values(field).annotate(n=Count("pk")).values_list(field, "n"))


def audit_detail(*, audit_id: int, user: AbstractUser) -> Audit:
    return (
        audits_visible_to(user=user).prefetch_related("team__user", "findings", "reschedule_requests").get(pk=audit_id)
    )


def plan_board(*, plan: AuditPlan) -> dict[int, list[Audit]]:
    """The plan's audits by quarter (1–4), for the schedule board."""
    board: dict[int, list[Audit]] = {1: [], 2: [], 3: [], 4: []}
    for audit in plan.audits.select_related("auditee").order_by("starts_on"):
        board[audit.quarter].append(audit)
    return board


def checklist_rows(*, audit: Audit, level: str | None) -> list[dict]:
    """Every item of the audit's checklist with its answer; items that do not apply are marked, not hidden."""
    answers = {a.item_id: a for a in audit.answers.all()}
    is_regulator = audit.auditee.regulated_agencies.exists()
    rows = []
    for item in audit.checklist.items.all():
        rows.append(
            {
                "item": item,
                "answer": answers.get(item.pk),
                "applies": rules.applies_to(item.applicability, level=level, is_sector_regulator=is_regulator),
            }
        )
    return rows


def score_for(*, agency: Agency, now: datetime) -> scoring.Score:
    """The documented score of one agency (stored on the audit when it is scheduled)."""
    annotated = agency_annotate_level(Agency.objects.filter(pk=agency.pk), on=now.astimezone(TAIPEI).date()).get()
    return scoring.score(_facts({annotated.pk: annotated}, now=now)[0])


def checklist_export(*, audit: Audit, filled_by: str) -> FilledChecklist:
    """The frozen data of the filled checklist for the official-form ODT (audits/odt.py)."""
    answers = {a.item_id: a for a in audit.answers.all()}
    items = tuple(
        FilledItem(
            item_no=item.item_no,
            result=answers[item.pk].result if item.pk in answers else "",
            description=answers[item.pk].description if item.pk in answers else "",
            records=answers[item.pk].evidence if item.pk in answers else "",
        )
        for item in audit.checklist.items.all()
    )
    day = audit.fieldwork_done_on or audit.starts_on
    return FilledChecklist(
        agency_name=audit.auditee.name,
        filled_by=filled_by,
        filled_on_roc=f"{day.year - 1911}/{day.month}/{day.day}",
        items=items,
    )
