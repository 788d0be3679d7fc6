"""What reports read of a year's audits, checked against a hand-built year."""

from datetime import date

import pytest

from audits import services
from audits.models import Audit
from audits.reporting import audit_facts_by_agency, audit_year
from infrastructure.models import Agency
from tests.audits.conftest import answer_all, at, in_fieldwork

pytestmark = pytest.mark.django_db


def test_one_audit_two_findings_one_closed(plan, audit, users, world, checklist):
    services.audit_schedule(
        plan=plan,
        auditee=world["bank"],
        starts_on=date(2026, 9, 1),
        ends_on=date(2026, 9, 1),
        place="臺銀",
        checklist=checklist,
        actor=users["moea"],
        now=at(date(2026, 1, 10)),
    )
    audit, members = in_fieldwork(audit, users["moea"])
    item = audit.checklist.items.get(item_no="2.4")
    first = services.finding_record(
        audit=audit,
        kind="deficiency",
        severity="high",
        description="未訂稽核計畫",
        item_id=item.pk,
        actor=members[0].user,
        now=at(audit.starts_on, 12),
    )
    services.finding_record(
        audit=audit,
        kind="suggestion",
        severity="low",
        description="建議",
        actor=members[0].user,
        now=at(audit.starts_on, 13),
    )
    answer_all(audit, members[0], at(audit.starts_on, 14))
    services.fieldwork_complete(audit=audit, actor=members[0].user, now=at(audit.ends_on, 17))
    services.report_issue(
        audit=audit, scope="全面", refusals="", notes="", actor=users["moea"], now=at(date(2026, 4, 1))
    )
    services.finding_close(finding=first, note="已改善", actor=users["moea"], now=at(date(2026, 6, 1)))
    agencies = Agency.objects.all()
    year = audit_year(agency_ids=agencies, year=2026)
    assert (year.planned, year.done, year.reports_issued, year.reports_on_time) == (2, 1, 1, 1)
    assert (year.findings_total, year.findings_closed) == (2, 1)
    assert year.findings_by_section == (("(二) 資通安全政策及推動組織", 1, 0, 0), ("—", 0, 0, 1))
    assert [(f.agency, f.number) for f in year.oldest_open] == [("台灣電力股份有限公司", 2)]
    assert audit_facts_by_agency(agency_ids=agencies, year=2026) == {world["power"].pk: (date(2026, 3, 16), 1)}
    assert Audit.objects.count() == 2


def test_the_report_sections_from_a_year_of_audits(plan, audit, users, world):
    from django.utils import translation

    from reports.builders.audit_sections import audit_sections

    audit, members = in_fieldwork(audit, users["moea"])
    services.finding_record(
        audit=audit,
        kind="deficiency",
        severity="medium",
        description="資產清冊未更新",
        item_id=audit.checklist.items.get(item_no="4.1").pk,
        actor=members[0].user,
        now=at(audit.starts_on, 12),
    )
    answer_all(audit, members[0], at(audit.starts_on, 14))
    services.fieldwork_complete(audit=audit, actor=members[0].user, now=at(audit.ends_on, 17))
    services.report_issue(
        audit=audit, scope="全面", refusals="", notes="", actor=users["moea"], now=at(date(2026, 5, 1))
    )  # due 2026-04-17: late
    with translation.override("zh-hant"):
        summary, by_section, oldest = audit_sections(agency_ids=Agency.objects.all(), year=2026)
    assert summary.rows == (
        ("稽核完成數／規劃數", "1 / 1"),
        ("如期交付之稽核結果報告／已交付", "0 / 1"),
        ("如期提出之改善報告／已提出", "—"),
        ("已結案／已登錄之發現事項", "0 / 1"),
    )
    assert by_section.rows == (("(四) 資訊及資通系統盤點及風險評估", "0", "1", "0"),)
    assert oldest.rows == (("台灣電力股份有限公司", "1", "資產清冊未更新", "115/03/16"),)
    with translation.override("zh-hant"):
        empty = audit_sections(agency_ids=Agency.objects.filter(pk=world["school"].pk), year=2026)
    assert [s.rows for s in empty] == [(), (), ()]
