"""Broker unreachable while an agency files an incident: gunicorn keeps answering, the filing is saved with
its notifications in the outbox, and when Redis is back the worker and beat (running all along, reconnecting)
deliver each notification exactly once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from common.models import OutboundNotification
from incidents.models import Incident
from tests.production import servers, web

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_filing_survives_a_broker_outage_and_notifies_once_when_it_returns(
    world, users, redis_server, smtp, fast_beat, services
):
    fast_beat("incidents.tasks.incident_clock_sweep_task")
    env = servers.process_env(broker_url=redis_server.url, smtp_url=smtp.url)
    port = servers.free_port()
    services.start(servers.gunicorn(env, services.logdir, port=port))
    services.start(servers.celery_worker(env, services.logdir))
    services.start(servers.celery_beat(env, services.logdir))
    client = web.logged_in(f"http://127.0.0.1:{port}", users["officer"])
    servers.wait_until(lambda: _answers(client), timeout=30, message=f"gunicorn up\n{services.logs()}")

    redis_server.stop()
    now = timezone.now()
    responses = [
        web.post_form(client, "/incidents/file/", web.filing(world["tax"], title=f"停機中通報 {n}", aware_at=now))
        for n in range(3)
    ]
    assert [response.status_code for response in responses] == [302, 302, 302], services.logs()
    filed = Incident.objects.filter(title__startswith="停機中通報")
    assert filed.count() == 3
    pending = OutboundNotification.objects.filter(incident__in=filed)
    assert pending.count() == 3  # one "reported" notice to the reviewer (財政部) each
    assert pending.filter(sent_at__isnull=True).count() == 3
    assert smtp.messages == []

    redis_server.start()
    servers.wait_until(
        lambda: not pending.filter(sent_at__isnull=True).exists(),
        timeout=120,
        message=f"notifications delivered after the broker returned\n{services.logs()}",
    )
    runs = _sweeps()
    servers.wait_until(lambda: _sweeps() >= runs + 3, timeout=60, message="three more sweeps")
    subjects = sorted(message["subject"] for message in smtp.messages)
    assert len(subjects) == 3, subjects
    assert all(message["to"] == ["mof@example.gov.tw"] for message in smtp.messages)
    assert sorted(pending.values_list("attempts", flat=True)) == [1, 1, 1]
    assert all(n.sent_at - n.created_at < timedelta(minutes=5) for n in pending)


def _answers(client) -> bool:
    try:
        return client.get("/healthz?scope=web").status_code in (200, 503)
    except Exception:
        return False


def _sweeps() -> int:
    from django_celery_results.models import TaskResult

    return TaskResult.objects.filter(task_name="incidents.tasks.incident_clock_sweep_task", status="SUCCESS").count()
