"""seed_demo: the small scale exactly, tree consistency, levels, determinism, --if-empty, demo users."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction

from demo.logins import DEMO_PASSWORD
from infrastructure import rules, services
from infrastructure.demo import build_registry
from infrastructure.models import (
    Agency,
    AgencyContact,
    AgencyEvent,
    CIDesignation,
    InformationSystem,
    LevelDecision,
    Reorganisation,
)
from infrastructure.selectors import agency_annotate_level

pytestmark = pytest.mark.django_db
SEED = 2026


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def small_demo():
    seed("--scale", "small", "--seed", str(SEED))


def test_small_scale_has_the_designed_rows(small_demo):
    assert Agency.objects.filter(kind="government").count() == 24
    assert Agency.objects.filter(kind="sngo").count() == 6
    assert CIDesignation.objects.get().agency.name == "台灣電力股份有限公司"
    assert Counter(LevelDecision.objects.values_list("status", flat=True)) == {"approved": 31, "proposed": 1}
    assert Counter(AgencyContact.objects.values_list("role", flat=True)) == {
        "ciso": 30,
        "security_officer": 30,
        "incident_24h": 30,
    }
    assert InformationSystem.objects.count() == 107  # fixed by the seed
    levels = dict(agency_annotate_level(Agency.objects.all()).values_list("pk", "current_level"))
    assert {levels[pk] for pk in InformationSystem.objects.values_list("agency", flat=True)} == {"A", "B", "C"}
    reorganisation = Reorganisation.objects.get()
    assert (reorganisation.kind, reorganisation.previous_name, reorganisation.agency.name) == (
        "renamed",
        "交通部中央氣象局",
        "交通部中央氣象署",
    )
    assert Counter(AgencyEvent.objects.values_list("kind", flat=True)) == {
        "created": 30,
        "level_approved": 31,
        "level_proposed": 1,
        "designated": 1,
        "reorganised": 1,
    }
    assert AgencyEvent.objects.filter(kind="created", channel="system", data={"source": "seed_demo"}).count() == 30


def test_every_path_is_the_parents_path_plus_its_own_segment(small_demo):
    by_id = Agency.objects.in_bulk()
    for agency in by_id.values():
        parent_path = by_id[agency.parent_id].path if agency.parent_id else ""
        assert agency.path == rules.child_path(parent_path, agency.pk)
        assert agency.depth == agency.path.count(rules.PATH_SEPARATOR) - 1
    executive = Agency.objects.get(name="行政院")
    assert Agency.objects.filter(path__startswith=executive.path).count() == 15


def test_every_snga_has_a_regulator_and_a_sector(small_demo):
    for agency in Agency.objects.filter(kind="sngo").prefetch_related("sectors"):
        assert agency.regulator is not None and agency.regulator.kind == "government"
        assert agency.sngo_category
        assert len(agency.sectors.all()) >= 1


def test_each_agency_has_one_current_level_with_consistent_criteria(small_demo):
    levels = dict(agency_annotate_level(Agency.objects.all()).values_list("name", "current_level"))
    assert None not in levels.values()
    assert Counter(levels.values()) == {"A": 12, "B": 8, "C": 4, "D": 4, "E": 2}
    assert levels["臺北市政府"] == "A"  # raised under Art 10, with its reason
    for decision in LevelDecision.objects.filter(status="approved").select_related("cycle_rule"):
        computed = rules.level_from_criteria(decision.criteria)
        assert computed == decision.level or decision.adjustment_reason
        assert decision.cycle_rule == services.cycle_rule_in_force(on=decision.effective_from)
        assert decision.reapproval_due == rules.reapproval_due(
            effective_from=decision.effective_from, cycle_years=decision.cycle_rule.cycle_years
        )


def test_history_and_pending_decisions_leave_the_current_level_alone(small_demo):
    history = LevelDecision.objects.filter(agency__name="財政部財政資訊中心", status="approved")
    older, newer = history.order_by("effective_from")
    assert older.effective_from < newer.effective_from and older.level != newer.level
    pending = LevelDecision.objects.get(agency__name="財政部臺北國稅局", status="proposed")
    assert pending.effective_from is None
    current = dict(
        agency_annotate_level(Agency.objects.filter(name__in=["財政部財政資訊中心", "財政部臺北國稅局"])).values_list(
            "name", "current_level"
        )
    )
    assert current == {"財政部財政資訊中心": newer.level, "財政部臺北國稅局": "B"}


def test_a_sample_of_every_seeded_model_passes_full_clean(small_demo):
    for model in (Agency, LevelDecision, AgencyContact, InformationSystem, CIDesignation, Reorganisation):
        for row in model.objects.order_by("pk")[:30]:
            row.full_clean()


def test_the_builder_is_deterministic_for_a_seed():
    first, again = build_registry(scale="small", seed=7), build_registry(scale="small", seed=7)
    assert first == again
    other = build_registry(scale="small", seed=8)
    assert other.summary() == first.summary()  # small fixes names and levels …
    assert [c.name for a in other.agencies for c in a.contacts] != [c.name for a in first.agencies for c in a.contacts]


def test_two_loads_with_the_same_seed_give_the_same_registry():
    def load_and_read() -> list[tuple]:
        savepoint = transaction.savepoint()
        seed("--scale", "small", "--seed", "11")
        rows = list(
            agency_annotate_level(Agency.objects.order_by("oid", "org_code")).values_list(
                "name", "oid", "org_code", "current_level", "phone", "address"
            )
        )
        transaction.savepoint_rollback(savepoint)
        return rows

    first = load_and_read()
    assert Agency.objects.exists() is False
    assert load_and_read() == first
    assert len(first) == 30


def test_if_empty_skips_a_filled_registry(small_demo):
    before = (Agency.objects.count(), AgencyEvent.objects.count())
    output = seed("--scale", "small", "--if-empty")
    assert output == "The registry already has 30 agencies; demo data not loaded.\n"
    assert (Agency.objects.count(), AgencyEvent.objects.count()) == before
    with pytest.raises(CommandError, match="already has 30 agencies"):
        seed("--scale", "small")


def test_print_logins_prints_the_table_and_writes_nothing():
    output = seed("--print-logins")
    assert "admin" in output and "regulator" in output and DEMO_PASSWORD in output
    assert get_user_model().objects.exists() is False
    assert Agency.objects.exists() is False
