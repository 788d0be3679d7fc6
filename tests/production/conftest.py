"""The production-path tests (real worker, beat, gunicorn, Redis and SMTP processes) run in the PostgreSQL +
Redis pass of `make test` (scripts/test.sh); on SQLite they are skipped. Every test here is transactional:
the child processes see only committed rows."""

import os
from pathlib import Path

import pytest

from tests.production import servers

ON_PRODUCTION_PATH = os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get(
    "CELERY_BROKER_URL", ""
).startswith("redis")
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason="production path: runs in the PostgreSQL + Redis pass (scripts/test.sh)")
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.worker)
            if not ON_PRODUCTION_PATH:
                item.add_marker(skip)


@pytest.fixture
def redis_server(tmp_path):
    server = servers.RedisServer(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def smtp():
    with servers.SmtpSink() as sink:
        yield sink


@pytest.fixture
def services(tmp_path):
    """Start child processes with ``services.start(service)``; all are stopped at the end, and their logs are
    printed when the test fails (pytest shows captured output)."""
    started: list[servers.Service] = []

    class Services:
        logdir = tmp_path

        def start(self, service: servers.Service) -> servers.Service:
            started.append(service.start())
            return service

        def logs(self) -> str:
            return "\n".join(f"--- {s.name}\n{s.log()}" for s in started)

    yield Services()
    for service in started:  # SIGTERM to all at once, then wait for each
        if service.process and service.process.poll() is None:
            service.process.terminate()
    for service in reversed(started):
        service.stop()
    print(Services().logs())


@pytest.fixture
def fast_beat(db):
    """Beat's database scheduler also runs what administrators add in the admin: the clock sweep every
    2 seconds (production: every minute), so a test need not wait for the minute."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    every, _ = IntervalSchedule.objects.get_or_create(every=2, period=IntervalSchedule.SECONDS)

    def schedule(task: str, name: str | None = None) -> PeriodicTask:
        return PeriodicTask.objects.create(name=name or f"test {task}", task=task, interval=every)

    return schedule
