"""The daily reminder job: 30/7/1 days before → the agency's people; overdue → the reviewers; one digest per
person per day, never twice; the user's language."""

from datetime import date, datetime

import pytest
from django.core import mail

from infrastructure.models import Agency, AgencyContact
from obligations import services
from obligations.models import NotificationPreference, ReminderDigest
from obligations.tasks import obligation_send_reminders_task
from tests.obligations.helpers import TAIPEI, approve_level

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 7, 0, tzinfo=TAIPEI)  # a Tuesday


@pytest.fixture
def due_and_overdue(world, users):
    approve_level(world["tax"], "E", date(2026, 3, 16))  # general awareness due 2026-12-31: in 30 days
    services.obligation_assign_adhoc(
        title="提交弱點掃描報告",
        due_on=date(2026, 12, 8),
        acting_user=users["moda"],
        agencies=Agency.objects.filter(pk=world["tax"].pk),
    )  # in 7 days
    services.obligation_assign_adhoc(
        title="補交健診報告",
        due_on=date(2026, 11, 30),
        acting_user=users["moda"],
        agencies=Agency.objects.filter(pk__in=[world["tax"].pk, world["power"].pk, world["school"].pk]),
    )  # 1 day overdue
    AgencyContact.objects.create(
        agency=world["tax"],
        role="security_officer",
        name="王小明",
        email="Security@ntbt.gov.tw",
        valid_from=date(2026, 1, 1),
    )
    NotificationPreference.objects.create(user=users["officer"], language="en")
    mail.outbox.clear()
    return world


def _by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def test_one_digest_per_person_with_reminders_and_escalations(due_and_overdue, users):
    result = services.obligation_send_reminders(now=NOW)

    assert (result.reminders, result.escalations, result.digests, result.emails_sent) == (2, 3, 5, 5)
    messages = _by_recipient()
    assert sorted(messages) == [
        "moda@example.gov.tw",
        "moea@example.gov.tw",
        "mof@example.gov.tw",
        "officer@example.gov.tw",
        "security@ntbt.gov.tw",
    ]
    officer = messages["officer@example.gov.tw"]
    assert officer.subject == "csma: 2 obligations due soon"
    assert "General awareness of users and managers" in officer.body and "(in 30 days)" in officer.body
    assert "提交弱點掃描報告" in officer.body and "(in 7 days)" in officer.body
    assert "一般使用者及主管通識教育" in messages["security@ntbt.gov.tw"].body
    assert "臺北國稅局" in messages["mof@example.gov.tw"].body and "台灣電力" not in messages["mof@example.gov.tw"].body
    assert "台灣電力" in messages["moea@example.gov.tw"].body
    assert "大安國民小學" in messages["moda@example.gov.tw"].body  # no superior or regulator: competent authority


def test_running_twice_sends_nothing_more(due_and_overdue):
    services.obligation_send_reminders(now=NOW)
    again = services.obligation_send_reminders(now=NOW.replace(hour=8))
    obligation_send_reminders_task.apply(kwargs={})  # the beat task (today's real date: nothing due)
    assert (again.digests, again.emails_sent) == (0, 0)
    assert len(mail.outbox) == 5
    assert ReminderDigest.objects.filter(day=date(2026, 12, 1)).count() == 5


def test_next_day_is_a_new_digest(due_and_overdue):
    services.obligation_send_reminders(now=NOW)
    next_day = services.obligation_send_reminders(now=datetime(2026, 12, 7, 7, 0, tzinfo=TAIPEI))  # 1 day before
    assert (next_day.reminders, next_day.escalations, next_day.digests) == (1, 3, 5)  # overdue 7 days: again
    officer = next(m for m in mail.outbox[5:] if m.to == ["officer@example.gov.tw"])
    assert "提交弱點掃描報告 · due 2026-12-08 (in 1 day)" in officer.body
    # mof has no language preference: zh-Hant, the default
    mof = next(m for m in mail.outbox[5:] if m.to == ["mof@example.gov.tw"])
    assert "（已逾期 7 日）" in mof.body
    # and in Chinese the dates are ROC (issue 13): 2026-11-30, seven days before, reads 民國115年11月30日
    assert "期限 民國115年11月30日（已逾期 7 日）" in mof.body and "2026" not in mof.subject + mof.body


def test_nothing_due_sends_nothing(world):
    result = services.obligation_send_reminders(now=NOW)
    assert (result.digests, len(mail.outbox)) == (0, 0)


def test_lead_times_are_data_an_administrator_can_change():
    from obligations.models import ReminderLeadTime
    from obligations.selectors.reminders import reminder_lead_times

    assert [sorted(days) for days in reminder_lead_times()] == [[1, 7, 30], [1, 7, 30]]
    ReminderLeadTime.objects.create(kind="before", days=14)
    before, after = reminder_lead_times()
    assert sorted(before) == [1, 7, 14, 30]
    assert sorted(after) == [1, 7, 30]
