from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from infrastructure import services
from infrastructure.models import Agency, AgencyContact, AgencyEvent, LevelDecision, Reorganisation, Sector
from infrastructure.selectors import agency_subtree, level_current_for
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db
DECIDED_AT = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)


@pytest.fixture
def officer():
    return UserFactory(username="officer")


@pytest.fixture
def ministry_with_two_levels_below():
    ministry = AgencyFactory(name="部")
    bureau = AgencyFactory(name="署", parent=ministry)
    AgencyFactory(name="分署", parent=bureau)
    return ministry


def test_register_sets_path_and_writes_created_event(officer):
    root = services.agency_register(name=" 行政院 ", acting_user=officer, channel="web", now=timezone.now())
    child = services.agency_register(name="數位發展部", parent=root, acting_user=officer, now=timezone.now())
    assert root.name == "行政院"
    assert child.path == f"{root.pk:08d}.{child.pk:08d}."
    assert child.depth == 1
    event = AgencyEvent.objects.get(agency=child)
    assert (event.kind, event.actor, event.data["after"]["parent"]) == ("created", officer, root.pk)


def test_update_records_before_and_after(officer):
    agency = AgencyFactory(name="舊名", phone="02-1")
    energy = Sector.objects.get(code="energy")
    services.agency_update(
        agency=agency,
        data={"name": "新名", "phone": "02-1", "sectors": [energy]},
        acting_user=officer,
        channel="admin",
        now=timezone.now(),
    )
    event = AgencyEvent.objects.get(agency=agency)
    assert event.kind == "updated"
    assert event.channel == "admin"
    assert event.data["changes"] == {"name": ["舊名", "新名"], "sectors": [[], [energy.pk]]}


def test_update_without_changes_writes_no_event(officer):
    agency = AgencyFactory(name="同名")
    services.agency_update(agency=agency, data={"name": "同名"}, acting_user=officer, now=timezone.now())
    assert AgencyEvent.objects.filter(agency=agency).exists() is False


def test_move_rewrites_the_whole_subtree(ministry_with_two_levels_below, officer):
    other = AgencyFactory(name="另一部")
    bureau = Agency.objects.get(name="署")
    services.agency_move(agency=bureau, new_parent=other, acting_user=officer, now=timezone.now())
    leaf = Agency.objects.get(name="分署")
    assert leaf.path == f"{other.pk:08d}.{bureau.pk:08d}.{leaf.pk:08d}."
    assert leaf.depth == 2
    assert set(agency_subtree(agency=other).values_list("name", flat=True)) == {"另一部", "署", "分署"}
    assert set(agency_subtree(agency=ministry_with_two_levels_below).values_list("name", flat=True)) == {"部"}
    assert AgencyEvent.objects.get(agency=bureau, kind="moved").data == {
        "before": {"parent": ministry_with_two_levels_below.pk},
        "after": {"parent": other.pk},
    }


def test_move_under_own_subordinate_is_refused(ministry_with_two_levels_below, officer):
    leaf = Agency.objects.get(name="分署")
    with pytest.raises(ValidationError) as error:
        services.agency_move(
            agency=ministry_with_two_levels_below, new_parent=leaf, acting_user=officer, now=timezone.now()
        )
    assert error.value.message_dict == {"parent": ["An agency cannot be placed under itself or its own subordinate."]}
    assert Agency.objects.get(name="分署").depth == 2
    assert AgencyEvent.objects.exists() is False


def test_deactivate_keeps_the_row_and_is_idempotent(officer):
    agency = AgencyFactory()
    services.agency_deactivate(agency=agency, dissolved_on=date(2026, 1, 1), acting_user=officer, now=timezone.now())
    services.agency_deactivate(agency=agency, dissolved_on=date(2026, 2, 1), acting_user=officer, now=timezone.now())
    agency.refresh_from_db()
    assert (agency.is_active, agency.dissolved_on) == (False, date(2026, 1, 1))
    assert AgencyEvent.objects.filter(agency=agency, kind="deactivated").count() == 1
    services.agency_reactivate(agency=agency, acting_user=officer, now=timezone.now())
    agency.refresh_from_db()
    assert (agency.is_active, agency.dissolved_on) == (True, None)


def test_level_history_and_current_level(officer):
    agency = AgencyFactory()
    first = services.level_propose(agency=agency, level="C", criteria=["C-1"], acting_user=officer, now=timezone.now())
    services.level_submit(decision=first, now=DECIDED_AT, acting_user=officer)
    services.level_approve(decision=first, effective_from=date(2024, 3, 15), now=DECIDED_AT, acting_user=officer)
    second = services.level_propose(
        agency=agency, level="B", criteria=["B-3", "C-1"], acting_user=officer, now=timezone.now()
    )
    services.level_approve(decision=second, effective_from=date(2026, 2, 1), now=DECIDED_AT, acting_user=officer)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.reapproval_due == date(2026, 3, 15)  # 2021 rules: 2-year cycle
    assert second.reapproval_due == date(2029, 2, 1)  # 2026 rules: 3-year cycle
    assert level_current_for(agency=agency, on=date(2025, 12, 31)) == "C"
    assert level_current_for(agency=agency, on=date(2026, 2, 1)) == "B"
    assert level_current_for(agency=agency, on=date(2024, 3, 14)) is None
    approved = AgencyEvent.objects.filter(agency=agency, kind="level_approved").order_by("id").last()
    assert approved.data["before"] == {"level": "C"}
    assert approved.data["after"] == {"level": "B"}


def test_level_not_matching_criteria_needs_an_adjustment_reason(officer):
    agency = AgencyFactory()
    with pytest.raises(ValidationError) as error:
        services.level_propose(agency=agency, level="A", criteria=["C-1"], acting_user=officer, now=timezone.now())
    assert error.value.message_dict == {
        "level": ["The criteria give level C; choosing level A needs an adjustment reason (Art 10)."]
    }
    assert LevelDecision.objects.exists() is False
    decision = services.level_propose(
        agency=agency,
        level="A",
        criteria=["C-1"],
        acting_user=officer,
        adjustment_reason="全國性服務之備援中心",
        now=timezone.now(),
    )
    assert decision.adjustment_reason == "全國性服務之備援中心"


def test_closed_decision_cannot_be_approved_again(officer):
    decision = services.level_propose(
        agency=AgencyFactory(), level="D", criteria=["D-1"], acting_user=officer, now=timezone.now()
    )
    services.level_reject(decision=decision, reason="缺附件", now=DECIDED_AT, acting_user=officer)
    with pytest.raises(ValidationError):
        services.level_approve(decision=decision, effective_from=date(2026, 3, 1), now=DECIDED_AT)
    assert AgencyEvent.objects.filter(kind="level_approved").exists() is False


def test_new_contact_ends_the_previous_holder(officer):
    agency = AgencyFactory()
    services.contact_add(
        agency=agency, role="ciso", name="王大明", valid_from=date(2024, 1, 1), acting_user=officer, now=timezone.now()
    )
    services.contact_add(
        agency=agency, role="ciso", name="陳美玲", valid_from=date(2026, 7, 1), acting_user=officer, now=timezone.now()
    )
    assert list(AgencyContact.objects.filter(agency=agency).order_by("valid_from").values_list("name", "valid_to")) == [
        ("王大明", date(2026, 6, 30)),
        ("陳美玲", None),
    ]
    assert list(AgencyEvent.objects.filter(agency=agency).order_by("id").values_list("kind", flat=True)) == [
        "contact_set",
        "contact_ended",
        "contact_set",
    ]


def test_system_record_is_an_upsert(officer):
    agency = AgencyFactory()
    services.system_record(agency=agency, name="公文系統", is_core=True, acting_user=officer, now=timezone.now())
    services.system_record(agency=agency, name="公文系統", is_core=True, acting_user=officer, now=timezone.now())
    services.system_record(
        agency=agency, name="公文系統", is_core=True, protection_level="high", acting_user=officer, now=timezone.now()
    )
    assert agency.systems.get().protection_level == "high"
    assert AgencyEvent.objects.filter(agency=agency, kind="system_set").count() == 2


def test_ci_designation_only_for_sngo(officer):
    regulator = AgencyFactory(name="經濟部")
    with pytest.raises(ValidationError):
        services.ci_designate(
            agency=AgencyFactory(),
            designated_by=regulator,
            sectors=[],
            designated_on=date(2025, 1, 1),
            acting_user=officer,
            now=timezone.now(),
        )
    power = AgencyFactory(name="台灣電力股份有限公司", kind="sngo", sngo_category="state_owned")
    energy = Sector.objects.get(code="energy")
    designation = services.ci_designate(
        agency=power,
        designated_by=regulator,
        sectors=[energy],
        designated_on=date(2025, 1, 1),
        approved_on=date(2025, 2, 1),
        acting_user=officer,
        now=timezone.now(),
    )
    assert list(designation.sectors.all()) == [energy]
    services.ci_designation_withdraw(
        designation=designation, withdrawn_on=date(2026, 1, 1), acting_user=officer, now=timezone.now()
    )
    assert [e.kind for e in AgencyEvent.objects.filter(agency=power).order_by("id")] == [
        "designated",
        "designation_withdrawn",
    ]


def test_merger_deactivates_and_keeps_history(officer):
    old, successor = AgencyFactory(name="行政院農業委員會"), AgencyFactory(name="農業部")
    services.agency_reorganise(
        kind="merged",
        agency=old,
        successors=[successor],
        effective_on=date(2023, 8, 1),
        acting_user=officer,
        now=timezone.now(),
    )
    old.refresh_from_db()
    assert (old.is_active, old.dissolved_on) == (False, date(2023, 8, 1))
    row = Reorganisation.objects.get()
    assert (row.successor, row.previous_name) == (successor, "行政院農業委員會")


def test_rename_keeps_previous_name(officer):
    agency = AgencyFactory(name="行政院環境保護署")
    services.agency_reorganise(
        kind="renamed",
        agency=agency,
        new_name="環境部",
        effective_on=date(2023, 8, 22),
        acting_user=officer,
        now=timezone.now(),
    )
    agency.refresh_from_db()
    assert agency.name == "環境部"
    assert Reorganisation.objects.get().previous_name == "行政院環境保護署"
    assert [e.kind for e in AgencyEvent.objects.filter(agency=agency).order_by("id")] == ["reorganised", "updated"]
