"""The real worker path: a roster import queued through the configured broker (kombu's filesystem
transport on the default set-up, Redis on the production path) is applied by a separate
`celery worker` process that shares the test database."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from csma.celery import app
from infrastructure import import_services
from infrastructure.models import Agency, RegistryImport

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
ROOT = Path(__file__).resolve().parent.parent
ROSTER = (
    '\ufeff"機關名稱","OID","電話","地址","DN"\n'
    '"工作程序測試機關","2.16.886.101.88888","02-1","臺北市","ou=工作程序測試機關"\n'
    '"工作程序測試分署","2.16.886.101.88888.1","02-2","臺北市","ou=工作程序測試分署"\n'
).encode()


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def worker():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "csma.settings.test",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DATABASE_URL": _database_url(),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "csma",
            "worker",
            "--pool",
            "solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield process
    app.conf.task_always_eager = eager
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def _wait_for_status(registry_import, statuses, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        registry_import.refresh_from_db()
        if registry_import.status in statuses:
            return registry_import
        time.sleep(0.3)
    raise AssertionError(f"still {registry_import.status} after {timeout}s")


def test_a_queued_import_is_applied_by_a_real_worker(worker, admin_user, settings):
    settings.CSMA_IMPORT_SYNC_MAX_ROWS = 0  # force the Celery path
    previewed = import_services.registry_import_create(
        now=timezone.now(), content=ROSTER, original_name="roster.csv", acting_user=admin_user
    )
    queued = import_services.registry_import_schedule(
        now=timezone.now(), registry_import=previewed, acting_user=admin_user
    )
    assert queued.status == RegistryImport.Status.QUEUED
    done = _wait_for_status(queued, {RegistryImport.Status.APPLIED, RegistryImport.Status.FAILED})
    assert done.status == RegistryImport.Status.APPLIED, (done.errors, worker.poll())
    assert done.applied_by == admin_user
    child = Agency.objects.get(oid="2.16.886.101.88888.1")
    assert child.parent.name == "工作程序測試機關"
