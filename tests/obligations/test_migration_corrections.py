"""Migration obligations 0006 on data written under the old readings: what no longer binds is withdrawn, what
falls due on another day is recomputed — each with its event."""

import importlib
from datetime import date, datetime, time

import pytest
from django.apps import apps

from obligations.models import Obligation, ObligationEvent, Requirement
from tests.obligations.helpers import TAIPEI, agency_for_scope, approve_level

pytestmark = pytest.mark.django_db
migration = importlib.import_module("obligations.migrations.0006_correct_rule_sets_scope_dates_and_obligations")


def test_a_yearly_item_moved_into_the_next_year_is_brought_back_with_an_event():
    agency = agency_for_scope("government")
    approve_level(agency, "B", date(2022, 3, 1))
    audit = Obligation.objects.get(agency=agency, requirement__code="mgmt-internal-audit", year=2022)
    old = datetime.combine(date(2023, 1, 2), time(23, 59, 59), tzinfo=TAIPEI)  # the old ¶IV move out of 2022
    Obligation.objects.filter(pk=audit.pk).update(due_on=date(2023, 1, 2), due_at=old)

    migration.correct_obligations(apps)

    audit.refresh_from_db()
    assert (audit.due_on, audit.due_at) == (date(2022, 12, 31), datetime(2022, 12, 31, 23, 59, 59, tzinfo=TAIPEI))
    event = ObligationEvent.objects.get(obligation=audit, kind="due_recomputed")
    assert event.data["before"]["due_on"] == "2023-01-02" and event.data["after"]["due_on"] == "2022-12-31"


def test_a_government_only_item_assigned_to_an_snga_is_withdrawn_with_an_event():
    snga = agency_for_scope("sngo", core_systems=1)
    approve_level(snga, "A", date(2026, 3, 16))
    template = Obligation.objects.filter(agency=snga, requirement__code="tech-soc").first()
    gcb = Requirement.objects.get(rule_set=template.rule_set, code="tech-gcb", level="A", agency_scope="government")
    template.pk, template.requirement, template.assignment_key = None, gcb, "legacy-gcb"
    template.save()

    migration.correct_obligations(apps)

    wrong = Obligation.objects.get(assignment_key="legacy-gcb")
    assert wrong.status == "superseded"
    assert ObligationEvent.objects.get(obligation=wrong, kind="withdrawn").data["requirement"] == "tech-gcb"
    assert Obligation.objects.filter(agency=snga, status="open").exclude(assignment_key="legacy-gcb").count() > 0
    assert ObligationEvent.objects.filter(kind__in=["withdrawn", "due_recomputed"]).count() == 1


def test_the_correction_is_idempotent_on_shipped_data():
    migration.correct_rule_sets(apps)
    count = Requirement.objects.count()
    migration.correct_rule_sets(apps)
    assert Requirement.objects.count() == count
