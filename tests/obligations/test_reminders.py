"""The daily reminder job: 30/7/1 days before → the agency's people; overdue → the reviewers; one digest per
person per day, never twice; the user's language."""

import smtplib
from datetime import date, datetime

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.utils import timezone

from infrastructure.models import Agency, AgencyContact
from obligations import services
from obligations.models import NotificationPreference, ReminderDigest
from obligations.tasks import obligation_send_reminders_task
from tests.obligations.helpers import TAIPEI, approve_level

pytestmark = pytest.mark.django_db
# lead times; due and overdue: 3 each (the obligations, their agencies, their items' titles: here ad-hoc
# assignments only, so no requirements query); today's rows, recipients (8), insert (3 with its savepoint), claim,
# claimed rows
QUERIES_PER_SCAN = 21
QUERIES_PER_RERUN = 20  # the same with nothing to insert (no insert, no savepoint)
NOW = datetime(2026, 12, 1, 7, 0, tzinfo=TAIPEI)  # a Tuesday


@pytest.fixture
def due_and_overdue(world, users):
    approve_level(world["tax"], "E", date(2026, 3, 16))  # general awareness due 2026-12-31: in 30 days
    services.obligation_assign_adhoc(
        title="提交弱點掃描報告",
        due_on=date(2026, 12, 8),
        acting_user=users["moda"],
        agencies=Agency.objects.filter(pk=world["tax"].pk),
        now=timezone.now(),
    )  # in 7 days
    services.obligation_assign_adhoc(
        title="補交健診報告",
        due_on=date(2026, 11, 30),
        acting_user=users["moda"],
        agencies=Agency.objects.filter(pk__in=[world["tax"].pk, world["power"].pk, world["school"].pk]),
        now=timezone.now(),
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


def _agencies_with_due_and_overdue(world, users, count: int) -> None:
    """``count`` more agencies under 財政部, each with an obligation due in 7 days and one a day overdue, a
    security contact and an officer of its own (its own digest), reviewed by mof (one growing digest)."""
    from access import grants
    from access.policy import Role
    from tests.factories import AgencyFactory, UserFactory

    agencies = [AgencyFactory(name=f"財政部所屬機關{n}", parent=world["finance"]) for n in range(count)]
    for n, agency in enumerate(agencies):
        AgencyContact.objects.create(
            agency=agency,
            role="security_officer",
            name="聯絡人",
            email=f"contact{n}@example.gov.tw",
            valid_from=date(2026, 1, 1),
        )
        officer = UserFactory(username=f"officer{n}", email=f"officer{n}@example.gov.tw")
        grants.role_grant(user=officer, role=Role.SECURITY_OFFICER, agency=agency, now=timezone.now())
        NotificationPreference.objects.create(user=officer, language="en" if n % 2 else "zh-hant")
    chosen = Agency.objects.filter(pk__in=[a.pk for a in agencies])
    services.obligation_assign_adhoc(
        title="提交弱點掃描報告",
        due_on=date(2026, 12, 8),
        acting_user=users["moda"],
        agencies=chosen,
        now=timezone.now(),
    )
    services.obligation_assign_adhoc(
        title="補交健診報告", due_on=date(2026, 11, 30), acting_user=users["moda"], agencies=chosen, now=timezone.now()
    )


@pytest.mark.parametrize("count", [2, 12])
def test_the_scan_runs_a_constant_number_of_queries(world, users, count, django_assert_num_queries):
    """Selection, recipients, the rows' insert, the claim and the digests' texts are set-based: the queries do
    not grow with the agencies, obligations or digests (a per-agency or per-digest query fails this)."""
    _agencies_with_due_and_overdue(world, users, count)
    mail.outbox.clear()
    with django_assert_num_queries(QUERIES_PER_SCAN):
        result = services.obligation_send_reminders(now=NOW)
    # each agency: its officer and its contact get a reminder; mof gets every escalation in one digest
    assert (result.reminders, result.escalations, result.digests) == (count, count, 2 * count + 1)
    assert len(mail.outbox) == 2 * count + 1
    mof = _by_recipient()["mof@example.gov.tw"]
    assert mof.body.count("補交健診報告") == count
    with django_assert_num_queries(QUERIES_PER_RERUN):
        again = services.obligation_send_reminders(now=NOW.replace(hour=9))
    assert (again.digests, len(mail.outbox)) == (0, 2 * count + 1)


def test_the_digest_text_in_full(due_and_overdue):
    services.obligation_send_reminders(now=NOW)
    officer = _by_recipient()["officer@example.gov.tw"]  # English by preference; nearest due date first
    assert officer.body == (
        "Obligations due soon:\n"
        "\n"
        "- 財政部臺北國稅局 · 提交弱點掃描報告 · due 2026-12-08 (in 7 days)\n"
        "- 財政部臺北國稅局 · General awareness of users and managers · due 2026-12-31 (in 30 days)\n"
        "\n"
        "This is the one reminder e-mail csma sends you today.\n"
        "\n"
    )
    mof = _by_recipient()["mof@example.gov.tw"]  # no preference: zh-Hant, ROC dates
    assert mof.subject == "csma：1 項逾期應辦事項待追蹤"
    assert mof.body == (
        "\n"
        "您負責審核之機關的逾期應辦事項：\n"
        "\n"
        "- 財政部臺北國稅局 · 補交健診報告 · 期限 民國115年11月30日（已逾期 1 日）\n"
        "\n"
        "這是 csma 今天寄給您的唯一一封提醒郵件。\n"
        "\n"
    )


class RefusingBackend(locmem.EmailBackend):
    """In-memory mail that refuses one recipient's message, as a server shedding load does (421)."""

    refuse: set[str] = set()

    def send_messages(self, messages):
        for message in messages:
            if set(message.to) & self.refuse:
                raise smtplib.SMTPDataError(421, b"Service not available, try again later")
        return super().send_messages(messages)


def test_a_refused_message_releases_the_unsent_digests_and_the_retry_sends_each_once(due_and_overdue, settings):
    settings.EMAIL_BACKEND = "tests.obligations.test_reminders.RefusingBackend"
    RefusingBackend.refuse = {"mof@example.gov.tw"}  # the third of five in e-mail order
    with pytest.raises(smtplib.SMTPDataError):
        services.obligation_send_reminders(now=NOW)
    assert sorted(m.to[0] for m in mail.outbox) == ["moda@example.gov.tw", "moea@example.gov.tw"]
    unsent = ReminderDigest.objects.filter(day=date(2026, 12, 1), sent_at__isnull=True)
    assert sorted(unsent.values_list("email", flat=True)) == [
        "mof@example.gov.tw",
        "officer@example.gov.tw",
        "security@ntbt.gov.tw",
    ]
    RefusingBackend.refuse = set()  # the server is back: the retry
    again = services.obligation_send_reminders(now=NOW.replace(hour=8))
    assert (again.digests, again.emails_sent) == (3, 3)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "moda@example.gov.tw",
        "moea@example.gov.tw",
        "mof@example.gov.tw",
        "officer@example.gov.tw",
        "security@ntbt.gov.tw",
    ]
    assert ReminderDigest.objects.filter(day=date(2026, 12, 1), sent_at__isnull=True).count() == 0


def test_the_beat_task_retries_with_back_off_when_mail_is_refused(due_and_overdue, settings, time_machine):
    from celery.exceptions import Retry

    time_machine.move_to(NOW, tick=False)
    settings.EMAIL_BACKEND = "tests.obligations.test_reminders.RefusingBackend"
    RefusingBackend.refuse = {"moda@example.gov.tw"}
    settings.CELERY_TASK_EAGER_PROPAGATES = True
    with pytest.raises(Retry) as retry:
        obligation_send_reminders_task.apply(kwargs={}, throw=True)
    assert retry.value.when == 300  # default_retry_delay × 2⁰; the next attempt waits 600 s
    assert ReminderDigest.objects.filter(day=date(2026, 12, 1), sent_at__isnull=True).count() == 5
