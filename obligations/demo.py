"""Demo obligations for seed_demo: the current year assigned to every agency (bulk), then a bounded number of
evidence submissions (accepted, returned, awaiting review), an overdue ad-hoc request and a few filed plans,
all through the services so events and files are real."""

import random
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from access.models import RoleAssignment
from access.policy import Role
from infrastructure.models import Agency
from obligations import rules, services
from obligations.demo_history import load_obligations_history
from obligations.models import AnnualFiling, Obligation
from obligations.rules import sections
from obligations.rules.workflow import FilingStatus

DEMO_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
SUBMISSIONS = {"small": 12, "national": 60}
PLAN_OUTCOMES = (
    (FilingStatus.DRAFT, 0),
    (FilingStatus.SUBMITTED, 1),
    (FilingStatus.RETURNED, 2),
    (FilingStatus.ACCEPTED, 3),
)  # (state, years back)
PLANS = {"small": 3, "national": 8}


def load_obligations_demo(*, scale: str, seed: int, users: dict) -> dict[str, int]:
    rng = random.Random(seed)
    today = timezone.localdate()
    assigned = services.obligation_assign_year(year=today.year, now=timezone.now(), channel="cli")
    reviewer, officer = users["regulator"], users.get("officer") or users["admin"]
    evidence = _evidence(
        rng, count=SUBMISSIONS.get(scale, 12), officer=officer, other=users["admin"], reviewer=reviewer, today=today
    )
    overdue = _overdue_request(rng, reviewer=reviewer, today=today)
    plans = _plans(
        rng, count=PLANS.get(scale, 3), officer=officer, other=users["admin"], reviewer=reviewer, year=today.year
    )
    history = load_obligations_history(seed=seed, today=today, officer=officer, reviewer=reviewer)
    own = _officer_agency(officer=users.get("officer"), reviewer=reviewer, year=today.year)
    return {
        **history,
        "obligations assigned": assigned.created,
        "evidence submissions": evidence,
        "overdue ad-hoc obligations": overdue,
        "maintenance plans filed": plans,
        "officer's agency: exemptions and plans": own,
    }


def _pick(rng, count: int, *, status=rules.ObligationStatus.OPEN, officer=None) -> list[Obligation]:
    open_ids = list(
        Obligation.objects.filter(status=status, requirement__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)[:5000]
    )
    chosen = rng.sample(open_ids, min(count, len(open_ids)))
    return list(Obligation.objects.filter(pk__in=chosen).select_related("agency").order_by("pk"))


def _evidence(rng, *, count, officer, other, reviewer, today) -> int:
    obligations = _pick(rng, count)
    for index, obligation in enumerate(obligations):
        upload = SimpleUploadedFile(f"evidence-{obligation.pk}.pdf", DEMO_PDF, content_type="application/pdf")
        submission = services.evidence_submit(
            now=timezone.now(),
            obligation=obligation,
            uploads=[upload],
            acting_user=other,
            statement="示範資料：已辦理並檢附報告。",
            performed_on=today,
            channel="cli",
        )
        if index % 3 == 0:
            services.evidence_review(
                now=timezone.now(), submission=submission, accept=True, acting_user=reviewer, channel="cli"
            )
        elif index % 3 == 1:
            services.evidence_review(
                now=timezone.now(),
                submission=submission,
                accept=False,
                acting_user=reviewer,
                channel="cli",
                reason="示範資料：報告缺少檢測範圍，請補充後重新上傳。",
            )
    return len(obligations)


def _overdue_request(rng, *, reviewer, today) -> int:
    ids = list(Agency.objects.filter(is_active=True, kind="government").order_by("pk").values_list("pk", flat=True))
    chosen = rng.sample(ids, min(5, len(ids)))
    adhoc = services.obligation_assign_adhoc(
        title="補交資通安全健診報告",
        due_on=today - timedelta(days=14),
        agencies=Agency.objects.filter(pk__in=chosen),
        acting_user=reviewer,
        legal_basis="資通安全管理法第13條",
        description="示範資料",
        channel="cli",
        now=timezone.now(),
    )
    return adhoc.obligations.count()


def _plans(rng, *, count, officer, other, reviewer, year) -> int:
    agencies = list(Agency.objects.filter(is_active=True).order_by("pk")[:200])
    chosen = rng.sample(agencies, min(count, len(agencies)))
    texts = {number: {"content": f"示範資料：{title}"} for number, (title, _en) in enumerate(sections.SECTIONS, 1)}
    for index, agency in enumerate(chosen):
        filing = services.filing_save(
            agency=agency, kind="plan", year=year, sections=texts, acting_user=other, channel="cli", now=timezone.now()
        )
        services.filing_submit(now=timezone.now(), filing=filing, acting_user=other, channel="cli")
        if index % 2 == 0:
            services.filing_review(now=timezone.now(), filing=filing, accept=True, acting_user=reviewer, channel="cli")
    return len(chosen)


def _officer_agency(*, officer, reviewer, year) -> int:
    """The officer's own agency shows every state an officer meets (issue 13): an item exempted with its legal
    basis, and maintenance plans as draft (this year), submitted, returned and accepted (earlier years)."""
    if officer is None:
        return 0
    held = RoleAssignment.objects.filter(user=officer, role=Role.SECURITY_OFFICER, revoked_at__isnull=True)
    agency = Agency.objects.filter(pk__in=held.values("agency_id"), is_active=True).order_by("pk").first()
    if agency is None:  # the officer's agency as demo/logins.py grants it
        return 0
    item = (
        Obligation.objects.filter(agency=agency, status=rules.ObligationStatus.OPEN, requirement__isnull=False)
        .order_by("-due_on", "-pk")
        .first()
    )
    if item is not None:
        services.obligation_exempt(
            now=timezone.now(),
            obligation=item,
            legal_basis="資通安全責任等級分級辦法第11條第3項",
            reason="示範資料：經上級機關同意，因系統汰換中暫免辦理。",
            acting_user=reviewer,
            channel="cli",
        )
    return _officer_plans(agency, officer=officer, reviewer=reviewer, year=year) + (item is not None)


def _officer_plans(agency, *, officer, reviewer, year) -> int:
    """Maintenance plans as draft (this year), submitted, returned and accepted (earlier years)."""
    texts = {number: {"content": f"示範資料：{title}"} for number, (title, _en) in enumerate(sections.SECTIONS, 1)}
    filed = 0
    for state, back in PLAN_OUTCOMES:
        if AnnualFiling.objects.filter(agency=agency, kind="plan", year=year - back).exists():
            continue
        filing = services.filing_save(
            agency=agency,
            kind="plan",
            year=year - back,
            sections=texts,
            acting_user=officer,
            channel="cli",
            now=timezone.now(),
        )
        if state != FilingStatus.DRAFT:
            services.filing_submit(now=timezone.now(), filing=filing, acting_user=officer, channel="cli")
        if state in (FilingStatus.RETURNED, FilingStatus.ACCEPTED):
            services.filing_review(
                now=timezone.now(),
                filing=filing,
                accept=state == FilingStatus.ACCEPTED,
                acting_user=reviewer,
                reason=""
                if state == FilingStatus.ACCEPTED
                else "示範資料：第5章風險評估結果未列出核心資通系統，請補充後重送。",
                channel="cli",
            )
        filed += 1
    return filed
