"""The audit procedure through its services, each rule at its boundary (稽核辦法 Arts 4, 6, 7, 8)."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError

from access.policy import CONDUCT_AUDIT
from audits import rules, services
from audits.models import AuditEvent, ChecklistItem, ChecklistTemplate, Employment, Finding
from common.roc import TAIPEI
from tests.audits.conftest import answer_all, at, in_fieldwork, notified, sign_all, team_of

pytestmark = pytest.mark.django_db


def kinds(audit):
    return list(AuditEvent.objects.filter(audit=audit).order_by("id").values_list("kind", flat=True))


def test_the_official_115_checklist_ships_with_its_applicability_notes():
    template = ChecklistTemplate.objects.get(name__startswith="115年度", version=1)
    items = ChecklistItem.objects.filter(template=template)
    assert template.status == "published" and template.effective_from == date(2026, 1, 1)
    assert items.count() == 87
    assert items.values("section").distinct().count() == 9
    assert sorted(items.filter(applicability="levels_a_b").values_list("item_no", flat=True)) == ["1.5", "9.8", "9.9"]
    assert items.filter(applicability="sector_regulators").values_list("item_no", flat=True).get() == "6.3"


def test_notice_at_least_one_month_before(audit, users):
    # audit on 2026-03-16: a notice of 02-14 (counted from 02-15, ends 03-14) leaves the month complete on 03-15
    with pytest.raises(ValidationError, match="at least one month before"):
        services.audit_notice_send(audit=audit, actor=users["moea"], now=at(date(2026, 2, 16)))
    assert kinds(audit) == ["scheduled"]
    audit = services.audit_notice_send(audit=audit, actor=users["moea"], now=at(date(2026, 2, 14)))
    assert audit.status == rules.AuditStatus.NOTIFIED and audit.notice_sent_on == date(2026, 2, 14)
    assert kinds(audit) == ["scheduled", "notice_sent"]


def test_notice_needs_an_approved_plan(audit, users, plan):
    plan.status = "draft"
    plan.save()
    with pytest.raises(ValidationError, match="Approve the audit plan"):
        services.audit_notice_send(audit=audit, actor=users["moea"], now=at(date(2026, 2, 2)))


def test_reschedule_within_five_days_of_receipt_once(audit, users, power_officer):
    audit = notified(audit, users["moea"], on=date(2026, 2, 2))  # Monday; received the same day
    # five days from 02-03 end on Saturday 02-07, moved to the next working day (§48 IV)
    assert audit.reschedule_due_at.astimezone(TAIPEI).date() == date(2026, 2, 9)
    request = services.reschedule_request(
        audit=audit,
        proposed_starts_on=date(2026, 3, 23),
        proposed_ends_on=date(2026, 3, 24),
        reasons="年度結算",
        actor=power_officer,
        now=at(date(2026, 2, 6)),
    )
    audit = services.reschedule_decide(
        request=request, accept=True, reason="", actor=users["moea"], now=at(date(2026, 2, 7))
    )
    assert (audit.starts_on, audit.status) == (date(2026, 3, 23), rules.AuditStatus.NOTIFIED)
    with pytest.raises(ValidationError, match="only once"):
        services.reschedule_request(
            audit=audit,
            proposed_starts_on=date(2026, 3, 30),
            proposed_ends_on=date(2026, 3, 30),
            reasons="再延",
            actor=power_officer,
            now=at(date(2026, 2, 8)),
        )
    # force majeure opens a second request (Art 4 III)
    services.reschedule_request(
        audit=audit,
        proposed_starts_on=date(2026, 3, 30),
        proposed_ends_on=date(2026, 3, 30),
        reasons="颱風",
        force_majeure=True,
        actor=power_officer,
        now=at(date(2026, 2, 8)),
    )


def test_reschedule_after_the_five_days_is_refused(audit, users, power_officer):
    audit = notified(audit, users["moea"], on=date(2026, 2, 2))
    with pytest.raises(ValidationError, match="within five days"):
        services.reschedule_request(
            audit=audit,
            proposed_starts_on=date(2026, 3, 23),
            proposed_ends_on=date(2026, 3, 23),
            reasons="x",
            actor=power_officer,
            now=datetime(2026, 2, 10, 0, 0, 1, tzinfo=TAIPEI),
        )


def test_acknowledged_receipt_moves_the_window(audit, users, power_officer):
    audit = notified(audit, users["moea"], on=date(2026, 2, 2))
    audit = services.audit_notice_acknowledge(
        audit=audit, received_on=date(2026, 2, 4), actor=power_officer, now=at(date(2026, 2, 4))
    )
    # from 02-05 five days end on Monday 02-09 (a working day)
    assert audit.reschedule_due_at.astimezone(TAIPEI).date() == date(2026, 2, 9)


def test_a_rejection_needs_a_reason(audit, users, power_officer):
    audit = notified(audit, users["moea"])
    request = services.reschedule_request(
        audit=audit,
        proposed_starts_on=date(2026, 3, 23),
        proposed_ends_on=date(2026, 3, 23),
        reasons="x",
        actor=power_officer,
        now=at(date(2026, 2, 3)),
    )
    with pytest.raises(ValidationError):
        services.reschedule_decide(
            request=request, accept=False, reason=" ", actor=users["moea"], now=at(date(2026, 2, 4))
        )


def test_team_rules_block_the_start(audit, users):
    audit = notified(audit, users["moea"])
    members = team_of(audit, users["moea"], government=0, others=3)
    sign_all(members, at(date(2026, 2, 10)))
    with pytest.raises(ValidationError, match="quarter of the team"):
        services.fieldwork_start(audit=audit, actor=users["moea"], now=at(audit.starts_on))
    services.member_remove(member=members[2], actor=users["moea"], now=at(date(2026, 2, 11)))
    extra = team_of(audit, users["moea"], government=1, others=0)
    with pytest.raises(ValidationError, match="Declarations not yet signed"):
        services.fieldwork_start(audit=audit, actor=users["moea"], now=at(audit.starts_on))
    sign_all(extra, at(date(2026, 2, 12)))
    audit = services.fieldwork_start(audit=audit, actor=users["moea"], now=at(audit.starts_on))
    assert audit.status == rules.AuditStatus.FIELDWORK


def test_conflict_warning_for_an_employee_of_the_auditee(audit, users, world):
    from tests.factories import UserFactory

    insider = UserFactory(username="insider", first_name="美玲", last_name="林")
    Employment.objects.create(user=insider, agency=world["power"], ended_on=date(2025, 6, 30))
    added = services.member_add(
        audit=audit,
        user=insider,
        is_government_representative=False,
        organisation="顧問",
        actor=users["moea"],
        now=at(date(2026, 1, 20)),
    )
    assert len(added.warnings) == 1 and "林美玲" in added.warnings[0]
    outsider = UserFactory(username="outsider")
    Employment.objects.create(user=outsider, agency=world["power"], ended_on=date(2024, 3, 15))
    assert (
        services.member_add(
            audit=audit,
            user=outsider,
            is_government_representative=True,
            organisation="學界",
            actor=users["moea"],
            now=at(date(2026, 1, 20)),
        ).warnings
        == ()
    )


def test_team_members_see_their_audit_until_it_closes(audit, users):
    from audits.selectors import audits_visible_to

    audit, members = in_fieldwork(audit, users["moea"])
    member = members[0].user
    assert member.has_perm(CONDUCT_AUDIT, audit)
    assert list(audits_visible_to(user=member)) == [audit]
    answer_all(audit, members[0], at(audit.starts_on, 11))
    services.fieldwork_complete(audit=audit, actor=member, now=at(audit.ends_on, 17))
    audit = services.report_issue(
        audit=audit, scope="全面", refusals="", notes="", actor=users["moea"], now=at(date(2026, 4, 1))
    )
    services.audit_close(audit=audit, actor=users["moea"], now=at(date(2026, 4, 2)))
    member = type(member).objects.get(pk=member.pk)  # fresh permission cache
    assert not member.has_perm(CONDUCT_AUDIT, audit)
    assert list(audits_visible_to(user=member)) == []


def test_report_due_one_month_after_the_quarters_last_audit(plan, audit, users, world, checklist):
    second = services.audit_schedule(
        plan=plan,
        auditee=world["bank"],
        starts_on=date(2026, 3, 30),
        ends_on=date(2026, 3, 31),
        place="臺銀",
        checklist=checklist,
        actor=users["moea"],
        now=at(date(2026, 1, 10)),
    )
    audit, members = in_fieldwork(audit, users["moea"])
    answer_all(audit, members[0], at(audit.starts_on, 11))
    audit = services.fieldwork_complete(audit=audit, actor=members[0].user, now=at(date(2026, 3, 17), 17))
    audit.refresh_from_db()
    assert audit.report_due_at is None  # the quarter's other audit is still to come
    second, second_team = in_fieldwork(second, users["moea"])
    answer_all(second, second_team[0], at(second.starts_on, 11))
    services.fieldwork_complete(audit=second, actor=second_team[0].user, now=at(date(2026, 3, 31), 17))
    audit.refresh_from_db()
    second.refresh_from_db()
    # last audit completed 2026-03-31: counted from 04-01, one month ends 04-30 (a Thursday), end of day
    assert audit.report_due_at == second.report_due_at == datetime(2026, 4, 30, 23, 59, 59, tzinfo=TAIPEI)


def test_completion_needs_every_item_answered(audit, users):
    audit, members = in_fieldwork(audit, users["moea"])
    with pytest.raises(ValidationError, match="87 checklist items"):
        services.fieldwork_complete(audit=audit, actor=members[0].user, now=at(audit.ends_on))


def test_a_stale_answer_is_refused(audit, users):
    audit, members = in_fieldwork(audit, users["moea"])
    item = audit.checklist.items.first()
    services.answer_save(
        audit=audit,
        item_id=item.pk,
        result="partial",
        description="first",
        evidence="",
        version=0,
        actor=members[0].user,
        now=at(audit.starts_on, 11),
    )
    with pytest.raises(ValidationError) as error:
        services.answer_save(
            audit=audit,
            item_id=item.pk,
            result="conforms",
            description="second",
            evidence="",
            version=0,
            actor=members[1].user,
            now=at(audit.starts_on, 11),
        )
    assert error.value.code == "conflict"
    assert audit.answers.get(item=item).description == "first"


def test_findings_to_closure(audit, users, power_officer):
    audit, members = in_fieldwork(audit, users["moea"])
    auditor = members[0].user
    item = audit.checklist.items.get(item_no="2.4")
    deficiency = services.finding_record(
        audit=audit,
        kind="deficiency",
        severity="high",
        description="未訂稽核計畫",
        item_id=item.pk,
        actor=auditor,
        now=at(audit.starts_on, 14),
    )
    services.finding_record(
        audit=audit,
        kind="suggestion",
        severity="low",
        description="建議加強宣導",
        actor=auditor,
        now=at(audit.starts_on, 15),
    )
    answer_all(audit, members[0], at(audit.starts_on, 16))
    services.fieldwork_complete(audit=audit, actor=auditor, now=at(audit.ends_on, 17))
    # issued on 2026-04-15: the improvement report is due one month later, 05-15 (Friday)
    audit = services.report_issue(
        audit=audit, scope="全面", refusals="", notes="", actor=users["moea"], now=at(date(2026, 4, 15))
    )
    assert audit.improvement_due_at == datetime(2026, 5, 15, 23, 59, 59, tzinfo=TAIPEI)
    with pytest.raises(ValidationError, match="Findings 1 still need"):
        services.improvement_submit(audit=audit, actor=power_officer, now=at(date(2026, 5, 1)))
    measure = services.MeasureInput(
        finding_id=deficiency.pk,
        cause="未指定負責人",
        measures="訂定內部稽核計畫",
        planned_completion=date(2026, 8, 31),
        tracking_method="每月資安會議",
    )
    services.improvement_save(audit=audit, measures=[measure], actor=power_officer, now=at(date(2026, 5, 1)))
    services.improvement_submit(audit=audit, actor=power_officer, now=at(date(2026, 5, 2)))
    services.improvement_decide(
        audit=audit, accept=False, note="請說明經費", actor=users["moea"], now=at(date(2026, 5, 5))
    )
    services.improvement_submit(audit=audit, actor=power_officer, now=at(date(2026, 5, 8)))
    services.improvement_decide(audit=audit, accept=True, note="", actor=users["moea"], now=at(date(2026, 5, 9)))
    services.progress_report(
        finding=deficiency, percent_done=60, text="草案完成", actor=power_officer, now=at(date(2026, 6, 30))
    )
    deficiency.refresh_from_db()
    assert deficiency.status == rules.FindingStatus.IN_PROGRESS
    services.finding_close(finding=deficiency, note="已核閱計畫", actor=users["moea"], now=at(date(2026, 9, 1)))
    audit.refresh_from_db()
    assert audit.status == rules.AuditStatus.IMPROVEMENT_SUBMITTED  # the suggestion is still open
    suggestion = Finding.objects.get(audit=audit, kind="suggestion")
    services.finding_close(finding=suggestion, note="已宣導", actor=users["moea"], now=at(date(2026, 9, 1)))
    audit.refresh_from_db()
    assert audit.status == rules.AuditStatus.CLOSED
    assert kinds(audit)[-8:] == [
        "improvement_submitted",
        "explanation_requested",
        "improvement_submitted",
        "improvement_accepted",
        "progress_reported",
        "finding_closed",
        "finding_closed",
        "closed",
    ]


def test_month_periods_at_a_month_end():
    from audits.services.common import month_after

    # issued 2026-01-31: counted from 02-01, one month ends 02-28 — a Saturday that is also 和平紀念日, so the
    # end moves to the end of the next working day, Monday 03-02 (行政程序法 §48 IV; docs/legal-decisions.md)
    assert month_after(date(2026, 1, 31)) == datetime(2026, 3, 2, 23, 59, 59, tzinfo=TAIPEI)
    # issued 2026-03-31: counted from 04-01, ends 04-30 (MODA's own illustration), a Thursday
    assert month_after(date(2026, 3, 31)) == datetime(2026, 4, 30, 23, 59, 59, tzinfo=TAIPEI)
