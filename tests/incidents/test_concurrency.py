"""Two reviewers at once, on two PostgreSQL connections: one wins, the other gets a clear conflict, never a
stale overwrite (the transition locks the row with select_for_update(no_key=True) and re-checks it).

Run on PostgreSQL: ``scripts/with-servers.sh .venv/bin/python -m pytest -q tests/incidents/test_concurrency.py``.
"""

import threading
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from incidents import rules, services
from incidents.models import Incident
from tests.incidents.conftest import AWARE_2026, file_incident

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def _in_thread(target, results, key):
    def run():
        try:
            results[key] = target()
        except ValidationError as error:
            results[key] = error
        finally:
            connection.close()

    return threading.Thread(target=run)


def test_two_reviewers_at_once_one_wins_one_gets_a_conflict(world, users):
    incident = file_incident(world["tax"], users["officer"], level=2)
    stale = Incident.objects.get(pk=incident.pk)  # the second reviewer's page, loaded before the first acts
    first_holds_lock, results = threading.Event(), {}
    now = AWARE_2026 + timedelta(hours=1)

    def first():
        with transaction.atomic():
            services.incident_review_complete(
                incident=Incident.objects.get(pk=incident.pk), level=2, note="", acting_user=users["mof"], now=now
            )
            first_holds_lock.set()
            time.sleep(0.5)  # the second reviewer is blocked on the row lock meanwhile
        return "ok"

    def second():
        first_holds_lock.wait(5)
        return services.incident_review_complete(
            incident=stale, level=3, note="Looks worse.", acting_user=users["moda"], now=now + timedelta(seconds=1)
        )

    threads = [_in_thread(first, results, "first"), _in_thread(second, results, "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert results["first"] == "ok"
    assert isinstance(results["second"], ValidationError)
    assert results["second"].messages == [str(rules.ALREADY_REVIEWED)]
    incident.refresh_from_db()
    assert (incident.level, incident.reviewed_by) == (2, users["mof"])
    assert incident.events.filter(kind__in=("level_confirmed", "level_changed")).count() == 1
