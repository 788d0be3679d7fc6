"""Django admin: every page loads with constant queries, agency edits go through the services (change log),
nothing with history can be deleted, and the change log is read-only."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from infrastructure import services
from infrastructure.models import (
    Agency,
    AgencyContact,
    AgencyEvent,
    CIDesignation,
    InformationSystem,
    LevelCycleRule,
    LevelDecision,
    RegistryImport,
    Reorganisation,
    Sector,
)
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
MODELS = [
    Sector,
    Agency,
    CIDesignation,
    LevelCycleRule,
    LevelDecision,
    AgencyContact,
    Reorganisation,
    InformationSystem,
    RegistryImport,
    AgencyEvent,
]


def _url(model, action, *args):
    return reverse(f"admin:infrastructure_{model._meta.model_name}_{action}", args=args)


@pytest.fixture
def sngo_with_history(admin_user):
    """An SNGA with a regulator, sectors, a level, a contact, a system, a designation and a reorganisation."""
    regulator = AgencyFactory(name="經濟部")
    energy = Sector.objects.get(code="energy")
    agency = services.agency_register(
        name="台灣電力股份有限公司",
        kind="sngo",
        sngo_category="ci_provider",
        regulator=regulator,
        sectors=[energy],
        acting_user=admin_user,
        now=timezone.now(),
    )
    services.level_propose(agency=agency, level="A", criteria=["A-6"], acting_user=admin_user, now=timezone.now())
    services.contact_add(
        agency=agency,
        role="ciso",
        name="王大明",
        valid_from=date(2025, 1, 1),
        acting_user=admin_user,
        now=timezone.now(),
    )
    services.system_record(agency=agency, name="電力調度系統", is_core=True, acting_user=admin_user, now=timezone.now())
    services.ci_designate(
        agency=agency,
        designated_by=regulator,
        sectors=[energy],
        designated_on=date(2019, 3, 1),
        acting_user=admin_user,
        now=timezone.now(),
    )
    old = AgencyFactory(name="舊電力處")
    services.agency_reorganise(
        kind="merged",
        agency=old,
        effective_on=date(2020, 1, 1),
        successors=[agency],
        acting_user=admin_user,
        now=timezone.now(),
    )
    RegistryImport.objects.create(original_name="roster.csv", sha256="0" * 64, uploaded_by=admin_user)
    return agency


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_and_change_page_load(admin_client, sngo_with_history, model):
    obj = model.objects.order_by("pk").first()
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    assert admin_client.get(_url(model, "change", obj.pk)).status_code == 200


def test_changelist_search_by_name_oid_and_org_code(admin_client):
    AgencyFactory(name="數位發展部", oid="2.16.886.101.20003.20080", org_code="A21000000I")
    AgencyFactory(name="行政院", oid="2.16.886.101.20003")
    for term, expected in (
        ("數位", ["數位發展部"]),
        ("2.16.886.101.20003.", ["數位發展部"]),
        ("A21000000I", ["數位發展部"]),
    ):
        response = admin_client.get(_url(Agency, "changelist"), {"q": term})
        assert [a.name for a in response.context["cl"].result_list] == expected


def _changelist_queries(client, model) -> int:
    client.get(_url(model, "changelist"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(model, "changelist")).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "model", [Agency, AgencyEvent, AgencyContact, InformationSystem], ids=lambda m: m._meta.model_name
)
def test_changelist_queries_do_not_grow_with_rows(admin_client, admin_user, model):
    regulator = AgencyFactory(name="經濟部")
    energy = Sector.objects.get(code="energy")

    def add_agency(number):
        agency = services.agency_register(
            name=f"機關{number}",
            parent=regulator,
            regulator=regulator,
            sectors=[energy],
            acting_user=admin_user,
            now=timezone.now(),
        )
        services.contact_add(
            agency=agency,
            role="ciso",
            name=f"聯絡人{number}",
            valid_from=date(2025, 1, 1),
            acting_user=admin_user,
            now=timezone.now(),
        )
        services.system_record(agency=agency, name=f"系統{number}", acting_user=admin_user, now=timezone.now())

    add_agency(0)
    with_one = _changelist_queries(admin_client, model)
    for number in range(1, 50):
        add_agency(number)
    assert with_one == _changelist_queries(admin_client, model)


def test_change_page_queries_do_not_grow_with_children(admin_client, admin_user):
    parent = AgencyFactory(name="行政院")
    agency = AgencyFactory(name="數位發展部", parent=parent)
    AgencyFactory(parent=agency)
    url = _url(Agency, "change", agency.pk)
    admin_client.get(url)
    with CaptureQueriesContext(connection) as first:
        admin_client.get(url)
    AgencyFactory.create_batch(49, parent=agency)
    with CaptureQueriesContext(connection) as second:
        admin_client.get(url)
    assert len(first) == len(second)


def _agency_form(agency=None, **changes):
    data = {
        "name": "",
        "name_en": "",
        "oid": "",
        "org_code": "",
        "kind": "government",
        "sngo_category": "",
        "parent": "",
        "regulator": "",
        "address": "",
        "phone": "",
        "dn": "",
        "is_active": "on",
        "dissolved_on": "",
    }
    if agency is not None:
        data.update(
            name=agency.name,
            name_en=agency.name_en,
            oid=agency.oid or "",
            org_code=agency.org_code or "",
            kind=agency.kind,
            sngo_category=agency.sngo_category,
            parent=agency.parent_id or "",
            regulator=agency.regulator_id or "",
            address=agency.address,
            phone=agency.phone,
            dn=agency.dn,
        )
        data["sectors"] = [str(pk) for pk in agency.sectors.values_list("pk", flat=True)]
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_saving_an_agency_writes_an_admin_event(admin_client, admin_user):
    root = AgencyFactory(name="行政院")
    agency = AgencyFactory(name="數位發展部", phone="02-1111", parent=root)
    water = Sector.objects.get(code="water")
    response = admin_client.post(
        _url(Agency, "change", agency.pk), _agency_form(agency, phone="02-2222", sectors=[str(water.pk)])
    )
    assert response.status_code == 302
    event = AgencyEvent.objects.get(agency=agency)
    assert (event.kind, event.channel, event.actor) == ("updated", "admin", admin_user)
    assert event.data["changes"] == {"phone": ["02-1111", "02-2222"], "sectors": [[], [water.pk]]}
    agency.refresh_from_db()
    assert agency.phone == "02-2222"
    assert list(agency.sectors.all()) == [water]


def test_moving_an_agency_in_the_admin_rewrites_its_path(admin_client, admin_user):
    first, second = AgencyFactory(name="甲部"), AgencyFactory(name="乙部")
    agency = AgencyFactory(name="署", parent=first)
    leaf = AgencyFactory(name="分署", parent=agency)
    response = admin_client.post(_url(Agency, "change", agency.pk), _agency_form(agency, parent=second.pk))
    assert response.status_code == 302
    leaf.refresh_from_db()
    assert leaf.path == f"{second.pk:08d}.{agency.pk:08d}.{leaf.pk:08d}."
    assert list(AgencyEvent.objects.filter(agency=agency).values_list("kind", flat=True)) == ["moved"]


def test_agency_cannot_be_placed_under_its_own_subordinate(admin_client):
    agency = AgencyFactory(name="部")
    child = AgencyFactory(name="署", parent=agency)
    response = admin_client.post(_url(Agency, "change", agency.pk), _agency_form(agency, parent=child.pk))
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    assert AgencyEvent.objects.exists() is False


def test_adding_an_agency_goes_through_agency_register(admin_client, admin_user):
    root = AgencyFactory(name="行政院")
    energy = Sector.objects.get(code="energy")
    response = admin_client.post(
        _url(Agency, "add"), _agency_form(name="核能安全委員會", parent=root.pk, sectors=[str(energy.pk)])
    )
    assert response.status_code == 302
    agency = Agency.objects.get(name="核能安全委員會")
    assert agency.path == f"{root.pk:08d}.{agency.pk:08d}."
    assert list(agency.sectors.all()) == [energy]
    event = AgencyEvent.objects.get(agency=agency)
    assert (event.kind, event.channel, event.actor) == ("created", "admin", admin_user)


def test_unticking_active_deactivates_through_the_service(admin_client, admin_user):
    agency = AgencyFactory(name="已裁撤機關")
    response = admin_client.post(
        _url(Agency, "change", agency.pk), _agency_form(agency, is_active=None, dissolved_on="2026-06-30")
    )
    assert response.status_code == 302
    agency.refresh_from_db()
    assert (agency.is_active, agency.dissolved_on) == (False, date(2026, 6, 30))
    assert list(AgencyEvent.objects.filter(agency=agency).values_list("kind", "channel")) == [("deactivated", "admin")]


def test_deactivate_action_keeps_the_rows(admin_client):
    agencies = AgencyFactory.create_batch(2)
    response = admin_client.post(
        _url(Agency, "changelist"), {"action": "deactivate_selected", "_selected_action": [str(a.pk) for a in agencies]}
    )
    assert response.status_code == 302
    assert Agency.objects.filter(is_active=False).count() == 2
    assert AgencyEvent.objects.filter(kind="deactivated", channel="admin").count() == 2


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_nothing_can_be_deleted(admin_client, sngo_with_history, model):
    obj = model.objects.order_by("pk").first()
    count = model.objects.count()
    changelist = admin_client.get(_url(model, "changelist"))
    assert "delete_selected" not in changelist.content.decode()
    change = admin_client.get(_url(model, "change", obj.pk)).content.decode()
    assert "deletelink" not in change
    assert admin_client.post(_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert model.objects.count() == count


def test_change_log_is_read_only_even_for_a_superuser(admin_client, sngo_with_history):
    event = AgencyEvent.objects.filter(agency=sngo_with_history).first()
    assert admin_client.get(_url(AgencyEvent, "add")).status_code == 403
    response = admin_client.post(_url(AgencyEvent, "change", event.pk), {"kind": "deactivated"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.kind != "deactivated"


def test_contact_added_in_the_admin_writes_an_event(admin_client, admin_user):
    agency = AgencyFactory(name="數位發展部")
    response = admin_client.post(
        _url(AgencyContact, "add"),
        {
            "agency": agency.pk,
            "role": "ciso",
            "name": "王大明",
            "title": "",
            "email": "",
            "phone": "",
            "mobile": "",
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 302
    assert AgencyContact.objects.get().name == "王大明"
    assert AgencyEvent.objects.get(agency=agency).kind == "contact_set"


def test_level_proposed_in_the_admin_goes_through_level_propose(admin_client, admin_user):
    agency = AgencyFactory(name="數位發展部")
    response = admin_client.post(
        _url(LevelDecision, "add"),
        {"agency": agency.pk, "level": "A", "criteria": '["A-3", "B-2"]', "adjustment_reason": ""},
    )
    assert response.status_code == 302
    decision = LevelDecision.objects.get()
    assert (decision.level, decision.criteria, decision.status, decision.proposed_by) == (
        "A",
        ["A-3", "B-2"],
        "proposed",
        admin_user,
    )
    assert AgencyEvent.objects.get(agency=agency).kind == "level_proposed"


@pytest.mark.parametrize(
    ("criteria", "level", "field"),
    [('["Z-9"]', "A", "criteria"), ('["D-1"]', "A", "adjustment_reason"), ('"A-1"', "A", "criteria")],
)
def test_level_proposal_errors_are_form_errors(admin_client, criteria, level, field):
    agency = AgencyFactory(name="數位發展部")
    response = admin_client.post(
        _url(LevelDecision, "add"),
        {"agency": agency.pk, "level": level, "criteria": criteria, "adjustment_reason": ""},
    )
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == [field]
    assert LevelDecision.objects.exists() is False
    assert AgencyEvent.objects.exists() is False


def test_only_an_sngo_can_be_designated_in_the_admin(admin_client):
    ministry = AgencyFactory(name="經濟部")
    energy = Sector.objects.get(code="energy")
    data = {
        "designated_by": ministry.pk,
        "sectors": [energy.pk],
        "designated_on": "2026-01-05",
        "approved_on": "",
        "notified_on": "",
        "note": "",
    }
    response = admin_client.post(_url(CIDesignation, "add"), {**data, "agency": AgencyFactory(name="某部").pk})
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["agency"]
    power = AgencyFactory(name="台灣電力股份有限公司", kind="sngo", sngo_category="ci_provider")
    response = admin_client.post(_url(CIDesignation, "add"), {**data, "agency": power.pk})
    assert response.status_code == 302
    designation = CIDesignation.objects.get()
    assert list(designation.sectors.all()) == [energy]
    assert AgencyEvent.objects.get(agency=power).kind == "designated"


def test_a_renaming_recorded_in_the_admin_goes_through_agency_reorganise(admin_client, admin_user):
    from infrastructure.models import Reorganisation

    agency = AgencyFactory(name="交通部中央氣象局")
    response = admin_client.post(
        "/admin/infrastructure/reorganisation/add/",
        {
            "kind": "renamed",
            "agency": agency.pk,
            "effective_on": "2023-09-15",
            "new_name": "交通部中央氣象署",
            "note": "",
        },
    )
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.name == "交通部中央氣象署"
    row = Reorganisation.objects.get(agency=agency)
    assert (row.previous_name, row.effective_on) == ("交通部中央氣象局", date(2023, 9, 15))
    assert list(AgencyEvent.objects.filter(agency=agency).order_by("id").values_list("kind", "channel")) == [
        ("reorganised", "admin"),
        ("updated", "admin"),
    ]


def test_a_merger_without_successor_is_a_form_error(admin_client):
    agency = AgencyFactory(name="舊機關")
    response = admin_client.post(
        "/admin/infrastructure/reorganisation/add/",
        {"kind": "merged", "agency": agency.pk, "effective_on": "2023-09-15", "new_name": "", "note": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "A merger or split needs a successor (add one row per successor)." in response.content.decode()
    assert AgencyEvent.objects.filter(agency=agency).exists() is False
