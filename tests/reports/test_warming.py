"""Beat keeps the regulators' figures counted (reports.warming), and one request counts a missing entry while
the others asking for it wait (reports.caching): no visitor waits for the national figures, and two never
count them side by side."""

import threading
from datetime import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from access.policy import Role
from common.periods import TAIPEI
from reports import caching
from reports.tasks import warm_report_figures_task
from reports.warming import REFRESH_SECONDS, warm_report_figures
from tests.access.test_permission_matrix import _client_for
from tests.conftest import _user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

WARMED_AT = datetime(2027, 1, 5, 11, 57, tzinfo=TAIPEI)  # beat's last run, three minutes before the visit


def _computed_at(client, users, role, name) -> datetime:
    response = _client_for(client, users, role).get(reverse(name), HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert response.status_code == 200
    return response.context["data"].computed_at if name == "reports:dashboard" else response.context["computed_at"]


@pytest.mark.parametrize("name", ["reports:dashboard", "reports:compliance"])
@pytest.mark.parametrize("role", ["moda", "admin", "moea"])
def test_a_regulator_reads_the_figures_beat_counted(client, users, on_5_january_2027, role, name):
    warm_report_figures(now=WARMED_AT)
    assert _computed_at(client, users, role, name) == WARMED_AT


@pytest.mark.parametrize("name", ["reports:dashboard", "reports:compliance"])
def test_a_superior_agency_counts_its_own_small_scope_on_its_first_visit(client, users, on_5_january_2027, name):
    warm_report_figures(now=WARMED_AT)
    assert _computed_at(client, users, "mof", name) == datetime(2027, 1, 5, 12, 0, tzinfo=TAIPEI)


def test_each_scope_is_counted_once_however_many_users_share_it(users, on_5_january_2027, world):
    """admin and moda share the national scope, the two 經濟部 regulators one sector scope; a 財政部 sector
    regulator adds the third. Superior agencies, officers, auditors and observers add none."""
    _user_with_role("moea-2", Role.SECTOR_REGULATOR, world["economy"])
    _user_with_role("mof-sector", Role.SECTOR_REGULATOR, world["finance"])
    warmed = warm_report_figures(now=WARMED_AT)
    assert (warmed.scopes, warmed.users) == (3, 5)
    assert warm_report_figures_task() == 3


def test_a_refresh_replaces_figures_kept_earlier(client, users, on_5_january_2027):
    earlier = datetime(2027, 1, 5, 11, 53, tzinfo=TAIPEI)
    warm_report_figures(now=earlier)
    assert _computed_at(client, users, "moda", "reports:compliance") == earlier
    warm_report_figures(now=WARMED_AT)
    assert _computed_at(client, users, "moda", "reports:compliance") == WARMED_AT


def test_beat_refreshes_before_the_kept_figures_expire():
    entry = settings.CELERY_BEAT_SCHEDULE["report-figures"]
    assert entry["task"] == "reports.tasks.warm_report_figures_task"
    assert entry["schedule"] == REFRESH_SECONDS < caching.CACHE_SECONDS
    assert entry["options"]["expire_seconds"] < REFRESH_SECONDS  # a late refresh is dropped, never piled up
    assert settings.CELERY_TASK_ROUTES["reports.*"] == {"queue": "reports"}  # counted apart from the clocks


def test_a_request_waits_for_the_figures_another_is_counting(settings):
    """The lock is held (another process is counting): this request does not count, it reads their result."""
    computed = []
    cache.add("figures:computing", 1, caching.LOCK_SECONDS)

    def the_other_process_finishes():
        cache.set_many({"figures": "counted by the other process", "figures:stamp": "theirs"}, caching.CACHE_SECONDS)
        cache.delete("figures:computing")

    timer = threading.Timer(0.3, the_other_process_finishes)
    timer.start()
    try:
        value = caching.cached("figures", lambda: computed.append(1) or "counted here")
    finally:
        timer.join()
    assert (value, computed) == ("counted by the other process", [])


def test_a_request_counts_itself_when_the_other_counting_failed():
    cache.add("figures:computing", 1, caching.LOCK_SECONDS)
    threading.Timer(0.2, cache.delete, args=["figures:computing"]).start()  # it ended without a value
    assert caching.cached("figures", lambda: "counted here") == "counted here"
    assert cache.get("figures") == "counted here" and cache.get("figures:computing") is None


def test_the_lock_is_released_when_the_counting_fails():
    def fails():
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        caching.cached("figures", fails)
    assert cache.get("figures:computing") is None  # the next request counts at once, it does not wait
    assert caching.cached("figures", lambda: 7) == 7


def test_a_process_reuses_its_copy_until_another_process_refreshes_the_figures():
    caching.store("figures", lambda: "first count")
    cache.delete("figures")  # not read again while the stamp is the same: this process's copy answers
    assert caching.cached("figures", lambda: "counted here") == "first count"
    cache.set_many({"figures": "beat's new count", "figures:stamp": "new"}, caching.CACHE_SECONDS)  # elsewhere
    assert caching.cached("figures", lambda: "counted here") == "beat's new count"


def test_an_emptied_cache_is_counted_again_whatever_the_process_kept():
    caching.store("figures", lambda: "first count")
    cache.clear()
    assert caching.cached("figures", lambda: "second count") == "second count"


def test_a_starting_web_process_reads_the_figures_beat_counted_last(users, on_5_january_2027):
    """gunicorn's master (csma/warmup.py) reads them before forking: a worker's first report page does not."""
    warm_report_figures(now=WARMED_AT)
    caching._local.clear()  # a process that has read nothing yet
    assert caching.preload_warmed() == 4  # the national and 經濟部 scopes: dashboard and compliance each
    assert len(caching._local) == 4
