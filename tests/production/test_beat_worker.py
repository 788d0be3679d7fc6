"""Beat and a real worker (prefork, two processes) on Redis and PostgreSQL, mail to an SMTP server on
loopback: the clock sweep's alerts and the daily reminders are sent by what beat schedules, once each, and a
roster import runs as a task on the "default" queue. No eager mode anywhere in the child processes."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from common.models import OutboundNotification
from incidents.models import IncidentAlert
from infrastructure.models import Agency
from tests.incidents.conftest import file_incident
from tests.production import servers

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_beat_and_worker_send_each_overdue_clock_alert_once(world, users, smtp, fast_beat, services):
    now = timezone.now()
    incident = file_incident(world["tax"], users["officer"], level=1, aware_at=now - timedelta(hours=73))
    overdue = set(incident.clocks.filter(met_at__isnull=True, due_at__lt=now).values_list("kind", flat=True))
    assert overdue == {"review", "recover"}  # 8 h review and 72 h recovery (level 1) have passed
    already_sent = OutboundNotification.objects.count()  # the filing's own notices (eager in this process)
    fast_beat("incidents.tasks.incident_clock_sweep_task")
    env = servers.process_env(broker_url=settings.CELERY_BROKER_URL, smtp_url=smtp.url)
    services.start(servers.celery_worker(env, services.logdir))
    services.start(servers.celery_beat(env, services.logdir))

    servers.wait_until(
        lambda: OutboundNotification.objects.filter(topic="escalation", sent_at__isnull=False).count() == 2,
        timeout=90,
        message=f"two escalations e-mailed\n{services.logs()}",
    )
    servers.wait_until(lambda: len(smtp.messages) >= 2, timeout=10, message="two messages at the SMTP server")
    sweeps_before = _sweep_runs()
    servers.wait_until(lambda: _sweep_runs() >= sweeps_before + 3, timeout=60, message="three more sweeps")

    alerts = IncidentAlert.objects.filter(incident=incident, kind=IncidentAlert.Kind.ESCALATION)
    assert sorted(alerts.values_list("clock_kind", flat=True)) == ["recover", "review"]
    assert OutboundNotification.objects.count() == already_sent + 2
    assert len(smtp.messages) == 2
    everyone = {"moda@example.gov.tw", "mof@example.gov.tw", "officer@example.gov.tw"}
    assert [set(message["to"]) for message in smtp.messages] == [everyone, everyone]


def _sweep_runs() -> int:
    from django_celery_results.models import TaskResult

    return TaskResult.objects.filter(task_name="incidents.tasks.incident_clock_sweep_task", status="SUCCESS").count()


def test_beat_and_worker_send_the_daily_reminder_digest_once(world, users, smtp, fast_beat, services):
    from obligations import services as obligation_services
    from obligations.models import ReminderDigest

    due = timezone.localdate() + timedelta(days=7)
    obligation_services.obligation_assign_adhoc(
        title="提交弱點掃描報告",
        due_on=due,
        acting_user=users["moda"],
        agencies=Agency.objects.filter(pk=world["tax"].pk),
        now=timezone.now(),
    )
    fast_beat("obligations.tasks.obligation_send_reminders_task")
    env = servers.process_env(broker_url=settings.CELERY_BROKER_URL, smtp_url=smtp.url)
    services.start(servers.celery_worker(env, services.logdir))
    services.start(servers.celery_beat(env, services.logdir))

    servers.wait_until(lambda: smtp.messages, timeout=90, message=f"a reminder digest\n{services.logs()}")
    runs = _task_runs("obligations.tasks.obligation_send_reminders_task")
    servers.wait_until(
        lambda: _task_runs("obligations.tasks.obligation_send_reminders_task") >= runs + 3,
        timeout=60,
        message="three more reminder runs",
    )
    assert [message["to"] for message in smtp.messages] == [["officer@example.gov.tw"]]
    digest = ReminderDigest.objects.get()
    assert (digest.email, digest.day, digest.sent_at is not None) == (
        "officer@example.gov.tw",
        timezone.localdate(),
        True,
    )


def _task_runs(name: str) -> int:
    from django_celery_results.models import TaskResult

    return TaskResult.objects.filter(task_name=name, status="SUCCESS").count()
