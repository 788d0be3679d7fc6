"""Demo audits: a plan of the competent authority for each of the last five years (and of 經濟部 for this
year), with audits in every state, written through the services so every row has its events.

Deterministic from the seed. The demo auditor is on the team of this year's open audits; the demo
officer's agency has an audit whose improvement report is being drafted; 經濟部 has a notified audit."""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from audits import rules, services
from audits.models import Audit, AuditPlan, ChecklistTemplate
from common.roc import TAIPEI
from infrastructure.models import Agency

PER_YEAR = {"national": 8, "small": 3}
FINDINGS = (
    ("deficiency", "high", "核心資通系統未納入營運持續計畫演練範圍"),
    ("deficiency", "medium", "資通安全專職人員未完成年度職能訓練時數"),
    ("to_improve", "medium", "資產清冊未標示擁有者且未定期更新"),
    ("to_improve", "low", "委外廠商資安事件通報規範未載明於契約"),
    ("suggestion", "low", "建議定期辦理社交工程演練並檢討結果"),
)
PLAN_TEXT = {
    "purpose": "依資通安全管理法及稽核辦法，瞭解受稽核機關資通安全維護計畫實施情形。",
    "legal_basis": "資通安全管理法；資通安全維護計畫實施情形稽核辦法",
    "focus_areas": "核心業務及資通系統、資安事件通報應變、委外管理、資安人力及訓練",
    "on_site": True,
    "document_review": True,
    "technical_testing": True,
    "criteria": "年度資通安全實地稽核項目檢核表",
    "team_composition": "每一受稽核機關由三人以上組成稽核小組，其中公務機關代表不少於四分之一。",
    "confidentiality_terms": "稽核小組成員應簽署利益衝突迴避及保密切結書。",
    "regulator_assistance": "必要時請中央目的事業主管機關派員協助。",
}


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=TAIPEI)


class _Demo:
    def __init__(self, *, rng, users, checklist, now):
        self.rng, self.users, self.checklist, self.now = rng, users, checklist, now
        self.regulator = users["regulator"]
        self.plans: dict[tuple[int, int], AuditPlan] = {}
        self.team = [users["regulator"], users["auditor"], _expert()]

    def plan(self, authority: Agency, year: int, actor) -> AuditPlan:
        key = (authority.pk, year)
        if key not in self.plans:
            created = at(date(year, 1, 5))
            plan = services.plan_create(
                authority=authority,
                year=year,
                actor=actor,
                now=created,
                title=f"{year - 1911}年度資通安全稽核計畫（{authority.name}）",
                **PLAN_TEXT,
            )
            self.plans[key] = services.plan_approve(plan=plan, actor=actor, now=created + timedelta(days=1))
        return self.plans[key]

    def schedule(self, plan, auditee, starts_on: date, actor) -> Audit:
        return services.audit_schedule(
            plan=plan,
            auditee=auditee,
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=1),
            place=f"{auditee.name}會議室",
            checklist=self.checklist,
            actor=actor,
            now=at(date(plan.year, 1, 8)),
        )

    def notify(self, audit, actor) -> Audit:
        sent = audit.starts_on - timedelta(days=40)
        return services.audit_notice_send(audit=audit, actor=actor, now=at(sent))

    def staff(self, audit, actor) -> None:
        for index, user in enumerate(self.team):
            added = services.member_add(
                audit=audit,
                user=user,
                is_government_representative=index == 0,
                organisation="數位發展部資通安全署" if index == 0 else "國家資通安全研究院",
                role="lead" if index == 0 else "member",
                actor=actor,
                now=at(audit.starts_on - timedelta(days=30)),
            )
            for which in ("conflict", "secrecy"):
                services.declaration_sign(
                    member=added.member, which=which, actor=user, now=at(audit.starts_on - timedelta(days=20))
                )

    def fieldwork(self, audit, findings: int) -> Audit:
        lead = self.team[1]
        audit = services.fieldwork_start(audit=audit, actor=lead, now=at(audit.starts_on, 9))
        results = ["conforms"] * 8 + ["partial", "nonconforming"]
        for item in audit.checklist.items.all():
            services.answer_save(
                audit=audit,
                item_id=item.pk,
                result=self.rng.choice(results),
                description="",
                evidence="訪談及文件檢閱",
                version=0,
                actor=lead,
                now=at(audit.starts_on, 11),
            )
        for kind, severity, text in self.rng.sample(FINDINGS, findings):
            services.finding_record(
                audit=audit, kind=kind, severity=severity, description=text, actor=lead, now=at(audit.starts_on, 15)
            )
        return audit

    def complete(self, audit) -> Audit:
        return services.fieldwork_complete(audit=audit, actor=self.team[1], now=at(audit.ends_on, 17))

    def report(self, audit, issued_on: date, actor) -> Audit:
        return services.report_issue(
            audit=audit, scope="資通安全維護計畫實施情形（13項）", refusals="", notes="", actor=actor, now=at(issued_on)
        )

    def improve(self, audit, officer, submitted_on: date, *, submit: bool = True) -> None:
        entries = [
            services.MeasureInput(
                finding_id=f.pk,
                cause="權責未明確",
                measures="指定負責單位並訂定作業程序",
                planned_completion=submitted_on + timedelta(days=120),
                tracking_method="每月資安會議追蹤",
            )
            for f in audit.findings.filter(kind__in=rules.NEEDS_IMPROVEMENT)
        ]
        if entries:
            services.improvement_save(audit=audit, measures=entries, actor=officer, now=at(submitted_on))
            if submit:
                services.improvement_submit(audit=audit, actor=officer, now=at(submitted_on, 16))

    def close_all(self, audit, closed_on: date, officer, actor, *, leave_open: int = 0) -> None:
        if audit.findings.filter(kind__in=rules.NEEDS_IMPROVEMENT).exists():
            services.improvement_decide(
                audit=audit, accept=True, note="", actor=actor, now=at(closed_on - timedelta(days=60))
            )
        findings = list(audit.findings.all())
        for finding in findings[: len(findings) - leave_open]:
            if finding.kind in rules.NEEDS_IMPROVEMENT:
                services.progress_report(
                    finding=finding,
                    percent_done=100,
                    text="已完成改善",
                    actor=officer,
                    now=at(closed_on - timedelta(days=10)),
                )
            services.finding_close(finding=finding, note="已檢視佐證文件", actor=actor, now=at(closed_on))
        if not findings:
            services.audit_close(audit=audit, actor=actor, now=at(closed_on))


def _expert():
    user, created = get_user_model().objects.get_or_create(
        username="audit_expert", defaults={"first_name": "淑惠", "last_name": "周", "email": "expert@example.edu.tw"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _officer_of(agency: Agency):
    """A named contact of a past auditee, so the history says who filed its improvement report."""
    user, created = get_user_model().objects.get_or_create(
        username=f"audit_contact_{agency.pk}", defaults={"first_name": "資安窗口", "last_name": agency.name[:20]}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _auditees(rng, count: int, exclude: set[int]) -> list[Agency]:
    pool = list(Agency.objects.filter(is_active=True, depth__lte=3).exclude(pk__in=exclude).order_by("pk"))
    return rng.sample(pool, min(count, len(pool)))


def load_audits_demo(*, scale: str, seed: int, users: dict) -> dict[str, int]:
    checklist = ChecklistTemplate.objects.filter(status="published").order_by("-effective_from").first()
    authority = Agency.objects.filter(name="數位發展部資通安全署", is_active=True).first()
    officer_agency = Agency.objects.filter(name="財政部臺北國稅局", is_active=True).first()
    if checklist is None or authority is None:
        return {}
    demo = _Demo(rng=random.Random(seed * 131 + 17), users=users, checklist=checklist, now=timezone.now())
    with transaction.atomic():
        for back in range(4, 0, -1):
            _past_year(demo, authority, demo.now.year - back, PER_YEAR[scale])
        _this_year(demo, authority, officer_agency)
    return {"audit plans": AuditPlan.objects.count(), "audits": Audit.objects.count()}


def _past_year(demo: _Demo, authority: Agency, year: int, count: int) -> None:
    plan = demo.plan(authority, year, demo.regulator)
    for index, auditee in enumerate(_auditees(demo.rng, count, {authority.pk})):
        quarter = index % 4
        audit = demo.schedule(plan, auditee, date(year, 3 * quarter + 2, 10 + index % 10), demo.regulator)
        demo.staff(demo.notify(audit, demo.regulator), demo.regulator)
        audit = demo.complete(demo.fieldwork(audit, findings=demo.rng.randint(0, 3)))
    for audit in plan.audits.order_by("starts_on"):
        audit.refresh_from_db()
        late = demo.rng.random() < 0.2
        issued = audit.report_due_at.astimezone(TAIPEI).date() + timedelta(days=10 if late else -12)
        audit = demo.report(audit, issued, demo.regulator)
        contact = _officer_of(audit.auditee)
        demo.improve(audit, contact, issued + timedelta(days=demo.rng.choice((20, 25, 38))))
        leave_open = 1 if year == demo.now.year - 1 and audit.findings.count() > 1 and demo.rng.random() < 0.5 else 0
        demo.close_all(audit, issued + timedelta(days=150), contact, demo.regulator, leave_open=leave_open)


def _this_year(demo: _Demo, authority: Agency, officer_agency: Agency | None) -> None:
    today = demo.now.astimezone(TAIPEI).date()
    exclude = {authority.pk} | ({officer_agency.pk} if officer_agency else set())
    fieldwork, requested, planned = _auditees(demo.rng, 3, exclude)
    # on site now: the demo auditor fills the checklist
    audit = demo.schedule(
        demo.plan(authority, (today - timedelta(days=1)).year, demo.regulator),
        fieldwork,
        today - timedelta(days=1),
        demo.regulator,
    )
    demo.staff(demo.notify(audit, demo.regulator), demo.regulator)
    services.fieldwork_start(audit=audit, actor=demo.team[1], now=at(audit.starts_on, 9))
    # notified two days ago; the auditee asked for another date
    notice_on = today - timedelta(days=2)
    starts = rules.earliest_audit_day(notice_on) + timedelta(days=7)
    audit = demo.schedule(demo.plan(authority, starts.year, demo.regulator), requested, starts, demo.regulator)
    audit = services.audit_notice_send(audit=audit, actor=demo.regulator, now=at(notice_on))
    services.reschedule_request(
        audit=audit,
        proposed_starts_on=starts + timedelta(days=14),
        proposed_ends_on=starts + timedelta(days=15),
        reasons="適逢年度系統轉換作業",
        actor=demo.regulator,
        now=at(today, 9),
    )
    starts = today + timedelta(days=60)
    demo.schedule(demo.plan(authority, starts.year, demo.regulator), planned, starts, demo.regulator)
    if officer_agency is not None:
        _officer_audit(demo, authority, officer_agency, today)
    _sector_regulator_audit(demo, today)


def _officer_audit(demo: _Demo, authority: Agency, agency: Agency, today: date) -> None:
    """The demo officer's agency: report issued 20 days ago, improvement report being drafted."""
    starts = today - timedelta(days=75)
    audit = demo.schedule(demo.plan(authority, starts.year, demo.regulator), agency, starts, demo.regulator)
    demo.staff(demo.notify(audit, demo.regulator), demo.regulator)
    audit = demo.complete(demo.fieldwork(audit, findings=3))
    audit = demo.report(audit, today - timedelta(days=20), demo.regulator)


def _sector_regulator_audit(demo: _Demo, today: date) -> None:
    moea = demo.users.get("moea")
    economy = Agency.objects.filter(name="經濟部", is_active=True).first()
    auditee = Agency.objects.filter(regulator=economy, is_active=True).order_by("pk").first() if economy else None
    if moea is None or auditee is None:
        return
    notice_on = today - timedelta(days=1)
    starts = rules.earliest_audit_day(notice_on) + timedelta(days=3)
    audit = demo.schedule(demo.plan(economy, starts.year, moea), auditee, starts, moea)
    services.audit_notice_send(audit=audit, actor=moea, now=at(notice_on))
