"""The mail server refuses, then stalls, then accepts: each notification is retried with growing back-off,
the failure is on the administrator's outbox page meanwhile, and in the end each is delivered exactly once.
Web (gunicorn), worker and beat are real processes; the SMTP server is aiosmtpd on loopback."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from common.models import OutboundNotification
from tests.production import servers, web

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def production(services, smtp, fast_beat):
    fast_beat("incidents.tasks.incident_clock_sweep_task")
    env = servers.process_env(broker_url=settings.CELERY_BROKER_URL, smtp_url=smtp.url, EMAIL_TIMEOUT="3")
    port = servers.free_port()
    services.start(servers.gunicorn(env, services.logdir, port=port))
    services.start(servers.celery_worker(env, services.logdir))
    services.start(servers.celery_beat(env, services.logdir))
    return f"http://127.0.0.1:{port}"


def test_refused_and_stalled_mail_is_retried_with_back_off_and_delivered_once(
    world, users, smtp, production, services, admin_client
):
    smtp.mode = "refuse"
    client = web.logged_in(production, users["officer"])
    servers.wait_until(lambda: _up(client), timeout=30, message=f"gunicorn up\n{services.logs()}")
    filed_at = timezone.now()
    filed = [
        web.post_form(
            client, "/incidents/file/", web.filing(world["tax"], title=f"郵件故障 {n}", aware_at=timezone.now())
        )
        for n in range(2)
    ]
    assert [response.status_code for response in filed] == [302, 302]
    rows = OutboundNotification.objects.filter(incident__title__startswith="郵件故障")
    assert rows.count() == 2

    _wait_for_attempts(rows, 1, services)  # the after-commit task tried at once
    for row in rows:
        assert row.sent_at is None and row.last_error.startswith("SMTP"), row.last_error
        assert timedelta(minutes=1) <= row.next_attempt_at - filed_at <= timedelta(minutes=1, seconds=30)
    page = admin_client.get("/admin/common/outboundnotification/?delivery=failing")
    assert page.status_code == 200
    assert page.content.decode().count("4.3.2 Service not available, try again later") == 2

    smtp.mode = "stall"  # the server accepts the connection and then says nothing
    released = timezone.now()
    rows.update(next_attempt_at=released)  # the minute has passed
    _wait_for_attempts(rows, 2, services)
    for row in rows:
        assert row.sent_at is None and "timed out" in row.last_error, row.last_error
        assert timedelta(minutes=2) <= row.next_attempt_at - released <= timedelta(minutes=2, seconds=30)

    smtp.mode = "accept"
    rows.update(next_attempt_at=timezone.now())  # the two minutes have passed
    servers.wait_until(lambda: not rows.filter(sent_at__isnull=True).exists(), timeout=60, message="delivered")
    runs = _sweeps()
    servers.wait_until(lambda: _sweeps() >= runs + 3, timeout=60, message="three more sweeps")
    assert sorted(rows.values_list("attempts", flat=True)) == [3, 3]
    assert len(smtp.messages) == 2, smtp.messages
    assert all(message["to"] == ["mof@example.gov.tw"] for message in smtp.messages)


def _wait_for_attempts(rows, attempts: int, services) -> None:
    servers.wait_until(
        lambda: all(row.attempts >= attempts for row in rows.all()),
        timeout=60,
        message=f"attempt {attempts} recorded\n{services.logs()}",
    )


def _up(client) -> bool:
    try:
        return client.get("/healthz?scope=web").status_code in (200, 503)
    except Exception:
        return False


def _sweeps() -> int:
    from django_celery_results.models import TaskResult

    return TaskResult.objects.filter(task_name="incidents.tasks.incident_clock_sweep_task", status="SUCCESS").count()
