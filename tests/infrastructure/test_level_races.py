"""Two approvers decide one submitted level at the same moment, each on their own PostgreSQL connection
(common/conflicts.py): the first decision stands, the second waits for the decision's row lock, finds it
closed and gets the conflict (a message on the page, 409 in the API); one event row.

Run: ``scripts/with-servers.sh .venv/bin/python -m pytest -q tests/infrastructure/test_level_races.py``
(skipped on SQLite)."""

from datetime import date

import pytest
from django.utils import timezone

from infrastructure import services
from infrastructure.models import AgencyEvent, LevelDecision
from tests.races import POSTGRESQL_ONLY, Side, assert_one_wins_one_conflicts, race

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), POSTGRESQL_ONLY]


def test_an_approval_and_a_rejection_at_once_the_first_stands(world, users):
    decision = services.level_propose(
        agency=world["tax"], level="B", criteria=["B-3"], acting_user=users["mof"], now=timezone.now()
    )
    services.level_submit(decision=decision, now=timezone.now(), acting_user=users["mof"])

    def load():
        return LevelDecision.objects.select_related("agency").get(pk=decision.pk)

    approve = Side(
        load=load,
        act=lambda d: services.level_approve(
            decision=d, effective_from=date(2026, 11, 26), now=timezone.now(), acting_user=users["moda"]
        ),
    )
    reject = Side(
        load=load,
        act=lambda d: services.level_reject(
            decision=d, reason="準則不符", now=timezone.now(), acting_user=users["admin"]
        ),
    )

    outcome = race(first=approve, second=reject)

    assert_one_wins_one_conflicts(outcome, message="This level decision is already closed.")
    decision.refresh_from_db()
    assert (decision.status, decision.decided_by, decision.rejection_reason) == ("approved", users["moda"], "")
    kinds = AgencyEvent.objects.filter(agency=world["tax"], kind__in=("level_approved", "level_rejected"))
    assert list(kinds.values_list("kind", flat=True)) == ["level_approved"]
