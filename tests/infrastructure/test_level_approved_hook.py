"""The registry announces level approvals to the apps above it (infrastructure/hooks.py) without importing them."""

from datetime import UTC, date, datetime

import pytest
from django.db import transaction
from django.utils import timezone

from infrastructure import hooks, services
from infrastructure.models import AgencyEvent, LevelDecision
from obligations.models import Obligation
from obligations.services import assign_on_level_approved
from tests.factories import AgencyFactory, UserFactory

DECIDED_AT = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)


@pytest.fixture
def probe():
    """A subscriber for one test, recording what it was told and whether it ran inside a transaction."""
    seen: list[tuple[hooks.LevelApproved, bool]] = []

    def subscriber(event: hooks.LevelApproved) -> None:
        seen.append((event, transaction.get_connection().in_atomic_block))

    hooks.on_level_approved(subscriber)
    yield seen
    hooks.unsubscribe_level_approved(subscriber)


@pytest.fixture
def failing_subscriber():
    def subscriber(event: hooks.LevelApproved) -> None:
        raise RuntimeError("subscriber failed")

    hooks.on_level_approved(subscriber)
    yield subscriber
    hooks.unsubscribe_level_approved(subscriber)


def _approve(agency, *, level: str, criteria: list[str], effective_from: date, acting_user=None) -> LevelDecision:
    decision = services.level_propose(
        agency=agency, level=level, criteria=criteria, acting_user=acting_user, now=timezone.now()
    )
    return services.level_approve(
        decision=decision, effective_from=effective_from, now=DECIDED_AT, acting_user=acting_user, channel="web"
    )


def test_obligations_subscribes_in_its_app_config_ready():
    assert assign_on_level_approved in hooks.level_approved_subscribers()


def test_subscribing_twice_keeps_one_subscription():
    def subscriber(event):
        pass

    hooks.on_level_approved(subscriber)
    hooks.on_level_approved(subscriber)
    try:
        assert hooks.level_approved_subscribers().count(subscriber) == 1
    finally:
        hooks.unsubscribe_level_approved(subscriber)


@pytest.mark.django_db
def test_approval_tells_each_subscriber_what_was_approved_inside_the_transaction(probe):
    officer = UserFactory()
    agency = AgencyFactory()
    first = _approve(agency, level="C", criteria=["C-1"], effective_from=date(2024, 3, 15), acting_user=officer)
    second = _approve(agency, level="B", criteria=["B-3", "C-1"], effective_from=date(2026, 2, 1), acting_user=officer)

    assert [(event.decision.pk, event.previous_level, event.level) for event, _ in probe] == [
        (first.pk, None, "C"),
        (second.pk, "C", "B"),
    ]
    event, in_transaction = probe[-1]
    assert in_transaction is True
    assert (event.agency, event.effective_from, event.decided_at) == (agency, date(2026, 2, 1), DECIDED_AT)
    assert (event.acting_user, event.channel) == (officer, "web")


@pytest.mark.django_db
def test_rejection_is_not_announced(probe):
    decision = services.level_propose(agency=AgencyFactory(), level="D", criteria=["D-1"], now=timezone.now())
    services.level_reject(decision=decision, reason="缺附件", now=DECIDED_AT)
    assert probe == []


@pytest.mark.django_db
def test_a_failing_subscriber_undoes_the_approval_and_its_event(failing_subscriber):
    agency = AgencyFactory()
    decision = services.level_propose(agency=agency, level="C", criteria=["C-1"], now=timezone.now())
    with pytest.raises(RuntimeError, match="subscriber failed"):
        services.level_approve(decision=decision, effective_from=date(2026, 3, 1), now=DECIDED_AT)
    decision.refresh_from_db()
    assert decision.status == LevelDecision.Status.PROPOSED
    assert AgencyEvent.objects.filter(agency=agency, kind=AgencyEvent.Kind.LEVEL_APPROVED).exists() is False
    assert Obligation.objects.filter(agency=agency).exists() is False


def test_announcing_outside_a_transaction_is_refused():
    """No database here, so no transaction is open: the guard must refuse before any subscriber runs."""
    called = []
    hooks.on_level_approved(called.append)
    event = hooks.LevelApproved(
        decision=LevelDecision(level="C"),
        agency=None,
        level="C",
        previous_level=None,
        effective_from=date(2026, 3, 1),
        decided_at=DECIDED_AT,
        acting_user=None,
        channel="system",
    )
    try:
        with pytest.raises(RuntimeError, match="inside the approval's transaction"):
            hooks.announce_level_approved(event)
    finally:
        hooks.unsubscribe_level_approved(called.append)
    assert called == []


@pytest.mark.django_db
def test_approval_assigns_the_levels_obligations_through_the_subscription():
    agency = AgencyFactory()
    _approve(agency, level="C", criteria=["C-1"], effective_from=date(2026, 3, 1))
    assert Obligation.objects.filter(agency=agency).exists() is True
