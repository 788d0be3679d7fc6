"""/healthz for load balancers and monitoring: 200 only when the database, the broker, a worker (the beat
heartbeat ran) and beat (sent a task) are all alive; anonymous callers learn one word, verified staff the
detail."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask
from django_celery_results.models import TaskResult

from tests.conftest import otp_verify

pytestmark = pytest.mark.django_db


def _alive(*, worker_age=timedelta(seconds=30), beat_age=timedelta(seconds=30)):
    now = timezone.now()
    result = TaskResult.objects.create(
        task_id="heartbeat-1", task_name="common.tasks.heartbeat_task", status="SUCCESS", worker="clocks@web1"
    )
    TaskResult.objects.filter(pk=result.pk).update(date_done=now - worker_age)  # date_done is auto_now
    every, _ = IntervalSchedule.objects.get_or_create(every=60, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="worker-heartbeat", task="common.tasks.heartbeat_task", interval=every, last_run_at=now - beat_age
    )


def test_a_fresh_installation_without_worker_and_beat_is_unavailable(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (503, b"unavailable")
    assert response["Content-Type"] == "text/plain"
    assert "no-cache" in response["Cache-Control"]


def test_web_scope_needs_only_database_and_broker(client):
    response = client.get("/healthz?scope=web")
    assert (response.status_code, response.content) == (200, b"ok")


def test_everything_alive_answers_ok(client):
    _alive()
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


@pytest.mark.parametrize(
    ("worker_age", "beat_age", "failing"),
    [(timedelta(minutes=6), timedelta(seconds=30), "worker"), (timedelta(seconds=30), timedelta(minutes=6), "beat")],
)
def test_a_stale_worker_or_beat_is_unavailable_and_staff_see_which(client, admin_user, worker_age, beat_age, failing):
    _alive(worker_age=worker_age, beat_age=beat_age)
    anonymous = client.get("/healthz")
    assert (anonymous.status_code, anonymous.content) == (503, b"unavailable")
    response = otp_verify(client, admin_user).get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "unavailable"
    assert {check["name"]: check["ok"] for check in body["checks"]} == {
        "database": True,
        "broker": True,
        "worker": failing != "worker",
        "beat": failing != "beat",
    }
    stale = next(check for check in body["checks"] if check["name"] == failing)
    assert "360 s ago (limit 300 s)" in stale["detail"]


def test_logged_in_non_staff_get_no_detail(client, users):
    client.force_login(users["officer"])
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (503, b"unavailable")


def test_unverified_staff_get_no_detail(client, admin_user):
    client.force_login(admin_user)  # password only, no second factor
    assert client.get("/healthz").content == b"unavailable"
