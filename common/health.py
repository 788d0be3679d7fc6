"""What /healthz checks: the database answers, the broker accepts a connection, a worker ran the beat
heartbeat recently, and beat sent its tasks recently. Each check returns (ok, detail); details are shown
to verified staff only."""

import time
from collections.abc import Callable
from dataclasses import dataclass

from celery import current_app
from django.conf import settings
from django.db import connection
from django.utils import timezone

HEARTBEAT_TASK = "common.tasks.heartbeat_task"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    milliseconds: float


def database() -> tuple[bool, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return True, connection.vendor


def broker() -> tuple[bool, str]:
    # The project's Celery app (csma/celery.py) is the current app once Django has loaded csma; common sits
    # below the project package and never imports it.
    with current_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
        return True, conn.as_uri()  # as_uri() masks the password


def worker() -> tuple[bool, str]:
    from django_celery_results.models import TaskResult

    done = (
        TaskResult.objects.filter(task_name=HEARTBEAT_TASK, status="SUCCESS")
        .order_by("-date_done")
        .values_list("date_done", "worker")
        .first()
    )
    if done is None:
        return False, "no heartbeat has run yet"
    return _fresh(done[0], settings.CSMA_HEALTH_WORKER_MAX_AGE, what=f"heartbeat by {done[1] or 'a worker'}")


def beat() -> tuple[bool, str]:
    from django_celery_beat.models import PeriodicTask

    last = (
        PeriodicTask.objects.filter(enabled=True, last_run_at__isnull=False)
        .order_by("-last_run_at")
        .values_list("last_run_at", flat=True)
        .first()
    )
    if last is None:
        return False, "beat has not sent a task yet"
    return _fresh(last, settings.CSMA_HEALTH_BEAT_MAX_AGE, what="beat last sent a task")


def _fresh(moment, max_age_seconds: int, *, what: str) -> tuple[bool, str]:
    age = (timezone.now() - moment).total_seconds()
    return age <= max_age_seconds, f"{what} {age:.0f} s ago (limit {max_age_seconds} s)"


CHECKS: dict[str, Callable[[], tuple[bool, str]]] = {
    "database": database,
    "broker": broker,
    "worker": worker,
    "beat": beat,
}
WEB_CHECKS = ("database", "broker")  # what a load balancer needs to keep a web node in rotation


def run_checks(names=tuple(CHECKS)) -> list[Check]:
    results = []
    for name in names:
        started = time.perf_counter()
        try:
            ok, detail = CHECKS[name]()
        except Exception as error:  # a check that raises is a failed check, never a 500
            ok, detail = False, f"{type(error).__name__}: {error}"[:300]
        results.append(Check(name, ok, detail, round((time.perf_counter() - started) * 1000, 1)))
    return results
