"""Two administrators publish two new versions of the same rule set at once, on two PostgreSQL connections:
one wins, the other is refused for the overlap, and the predecessor is ended once (by the winner).

Run on PostgreSQL: ``scripts/with-servers.sh .venv/bin/python -m pytest -q tests/incidents/test_rule_set_concurrency.py``.
"""

import threading
import time
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from common.periods import TAIPEI
from incidents.models import IncidentRuleSet
from incidents.services.rulesets import ruleset_new_version, ruleset_publish, ruleset_save

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

NOW = datetime(2026, 5, 20, 10, 0, tzinfo=TAIPEI)


def _draft(rule_set, admin, starts: date) -> IncidentRuleSet:
    draft = ruleset_new_version(rule_set=rule_set, acting_user=admin, now=NOW)
    draft.effective_from = starts
    return ruleset_save(rule_set=draft, acting_user=admin, now=NOW)


def test_two_publications_at_once_one_wins_the_other_is_refused(users):
    current = IncidentRuleSet.objects.get(code="2026-01-05")
    june = _draft(current, users["admin"], date(2026, 6, 1))
    july = _draft(current, users["admin"], date(2026, 7, 1))
    first_holds_lock, results = threading.Event(), {}

    def first():
        with transaction.atomic():
            ruleset_publish(rule_set=june, acting_user=users["admin"], now=NOW)
            first_holds_lock.set()
            time.sleep(0.5)  # the second publication waits on the row locks meanwhile
        return "ok"

    def second():
        first_holds_lock.wait(5)
        return ruleset_publish(rule_set=july, acting_user=users["moda"], now=NOW)

    def run(target, key):
        try:
            results[key] = target()
        except ValidationError as error:
            results[key] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(first, "first")),
        threading.Thread(target=run, args=(second, "second")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert results["first"] == "ok"
    assert results["second"].messages == [f"The period overlaps version {june.code} in force 2026-06-01 – no end date."]
    current.refresh_from_db()
    july.refresh_from_db()
    assert (current.effective_to, july.status) == (date(2026, 5, 31), "draft")
