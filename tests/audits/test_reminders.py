"""Audit deadlines are reminded once, to the right people, and escalated once when they pass."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import translation

from audits import services
from audits.services.reminders import audit_reminders_send
from common.models import OutboundNotification
from common.roc import TAIPEI
from tests.audits.conftest import answer_all, at, in_fieldwork

pytestmark = pytest.mark.django_db


def _topics():
    return sorted((n.topic, tuple(n.recipients)) for n in OutboundNotification.objects.all())


def test_improvement_report_reminded_then_escalated_once(audit, users, power_officer):
    power_officer.email = "officer@taipower.com.tw"
    power_officer.save()
    users["moea"].email = "audit@moea.gov.tw"
    users["moea"].save()
    audit, members = in_fieldwork(audit, users["moea"])
    services.finding_record(
        audit=audit,
        kind="deficiency",
        severity="high",
        description="x",
        actor=members[0].user,
        now=at(audit.starts_on, 12),
    )
    answer_all(audit, members[0], at(audit.starts_on, 13))
    services.fieldwork_complete(audit=audit, actor=members[0].user, now=at(audit.ends_on, 17))
    audit = services.report_issue(
        audit=audit, scope="全面", refusals="", notes="", actor=users["moea"], now=at(date(2026, 4, 15))
    )
    due = audit.improvement_due_at  # 2026-05-15 23:59:59
    OutboundNotification.objects.all().delete()
    with translation.override("zh-hant"):  # the deployment's language
        assert audit_reminders_send(now=due - timedelta(days=8)) == 0
        assert audit_reminders_send(now=due - timedelta(days=6)) == 1
        assert audit_reminders_send(now=due - timedelta(days=5)) == 0  # the 7-day reminder is not sent twice
        assert audit_reminders_send(now=due - timedelta(hours=20)) == 1
    reminders = list(OutboundNotification.objects.values_list("body", flat=True))
    assert all("民國115年5月15日" in body for body in reminders), (
        reminders
    )  # the deadline in the reader's calendar (ROC)
    with translation.override("en"):
        assert audit_reminders_send(now=due + timedelta(hours=1)) == 1  # escalation to the auditing authority
    assert "2026-05-15 23:59" in OutboundNotification.objects.latest("pk").body  # ISO in English
    assert audit_reminders_send(now=due + timedelta(days=1)) == 0
    assert _topics() == [
        ("audit_improvement_due_at", ("audit@moea.gov.tw",)),
        ("audit_improvement_due_at", ("officer@taipower.com.tw",)),
        ("audit_improvement_due_at", ("officer@taipower.com.tw",)),
    ]


def test_nothing_once_the_report_is_submitted(audit, users, power_officer):
    audit, members = in_fieldwork(audit, users["moea"])
    answer_all(audit, members[0], at(audit.starts_on, 13))
    services.fieldwork_complete(audit=audit, actor=members[0].user, now=at(audit.ends_on, 17))
    audit.refresh_from_db()
    # the quarter's only audit is complete: the report is due 2026-04-17 (from 03-18)
    assert audit.report_due_at == datetime(2026, 4, 17, 23, 59, 59, tzinfo=TAIPEI)
    services.report_issue(
        audit=audit, scope="全面", refusals="", notes="", actor=users["moea"], now=at(date(2026, 4, 1))
    )
    assert audit_reminders_send(now=audit.report_due_at - timedelta(days=3)) == 0
    assert audit_reminders_send(now=audit.report_due_at + timedelta(days=1)) == 0
