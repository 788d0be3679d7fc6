"""Registry writes through the API: responsibility levels (propose, submit, approve, reject, file), contacts
and information systems. The same services as the pages and the admin, so the same event rows (channel
"api"); JSON errors naming the field; 404 outside the scope, 403 for a visible agency the user may not act
for, 412 for a stale If-Match, 409 when the decision was closed meanwhile."""

from datetime import date

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from api.concurrency import etag_of
from infrastructure import services
from infrastructure.models import AgencyContact, AgencyEvent, InformationSystem, LevelDecision
from tests.conftest import otp_verify
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def _events(agency, after_id=0):
    rows = AgencyEvent.objects.filter(agency=agency, id__gt=after_id).order_by("id")
    return [(e.kind, e.actor.username if e.actor else None, e.channel, e.data) for e in rows]


def _without(rows, key="decision"):
    return [(kind, actor, {k: v for k, v in data.items() if k != key}) for kind, actor, _channel, data in rows]


@pytest.fixture
def proposal(world, users) -> LevelDecision:
    return services.level_propose(
        agency=world["tax"], level="B", criteria=["B-3"], acting_user=users["mof"], now=timezone.now()
    )


# Levels -----------------------------------------------------------------------------------------------------


def test_propose_submit_approve_write_the_same_events_as_the_pages(client, world, users, api_as):
    tax = world["tax"]
    with transaction.atomic():  # the pages, rolled back afterwards
        client.force_login(users["mof"])
        client.post(reverse("infrastructure:level_propose", args=[tax.pk]), {"level": "B", "criteria": ["B-3"]})
        decision = LevelDecision.objects.get(agency=tax)
        client.post(reverse("infrastructure:level_submit", args=[decision.pk]))
        otp_verify(client, users["moda"])
        client.post(reverse("infrastructure:level_approve", args=[decision.pk]), {"effective_from": "2026-11-26"})
        page_events = _events(tax)
        transaction.set_rollback(True)
    assert [row[:3] for row in page_events] == [
        ("level_proposed", "mof", "web"),
        ("level_submitted", "mof", "web"),
        ("level_approved", "moda", "web"),
    ]

    proposed = api_as("mof").post(
        f"/api/v1/agencies/{tax.pk}/levels/", {"level": "B", "criteria": ["B-3"]}, format="json"
    )
    assert proposed.status_code == 201
    body = proposed.json()
    assert (body["level"], body["status"], body["criteria"], body["route"]) == ("B", "proposed", ["B-3"], "approval")
    assert proposed["ETag"] == f'"{body["version"]}"'
    submitted = api_as("mof").post(f"/api/v1/level-decisions/{body['id']}/submit/", {}, format="json")
    approved = api_as("moda").post(
        f"/api/v1/level-decisions/{body['id']}/approve/", {"effective_from": "2026-11-26"}, format="json"
    )
    assert (submitted.status_code, submitted.json()["status"]) == (200, "submitted")
    assert approved.status_code == 200
    assert (approved.json()["status"], approved.json()["effective_from"]) == ("approved", "2026-11-26")
    api_events = _events(tax)
    assert [row[2] for row in api_events] == ["api", "api", "api"]
    assert _without(api_events) == _without(page_events)
    assert [row[3]["decision"] for row in api_events] == [body["id"]] * 3


def test_reject_writes_the_pages_event_and_a_blank_reason_names_the_field(world, users, api_as, proposal):
    url = f"/api/v1/level-decisions/{proposal.pk}/reject/"
    blank = api_as("moda", HTTP_ACCEPT_LANGUAGE="en").post(url, {"reason": "  "}, format="json")
    assert blank.status_code == 400
    assert blank.json()["fields"] == {"reason": ["This field may not be blank."]}
    rejected = api_as("moda").post(url, {"reason": "準則不符"}, format="json")
    assert (rejected.status_code, rejected.json()["status"], rejected.json()["rejection_reason"]) == (
        200,
        "rejected",
        "準則不符",
    )
    assert _events(world["tax"])[-1] == (
        "level_rejected",
        "moda",
        "api",
        {"level": "B", "reason": "準則不符", "decision": proposal.pk},
    )


def test_a_proposal_against_the_criteria_is_the_services_error_on_its_field(world, api_as):
    response = api_as("mof", HTTP_ACCEPT_LANGUAGE="en").post(
        f"/api/v1/agencies/{world['tax'].pk}/levels/", {"level": "A", "criteria": ["C-1"]}, format="json"
    )
    assert response.status_code == 400
    message = "The criteria give level C; choosing level A needs an adjustment reason (Art 10)."
    assert response.json()["fields"] == {"level": [message]}
    assert not LevelDecision.objects.exists()


def test_an_unknown_criterion_names_the_field(world, api_as):
    response = api_as("mof", HTTP_ACCEPT_LANGUAGE="en").post(
        f"/api/v1/agencies/{world['tax'].pk}/levels/", {"level": "C", "criteria": ["Z-9"]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["fields"] == {"criteria": ['"Z-9" is not a valid choice.']}


def test_out_of_scope_is_404_and_a_visible_agency_without_the_right_is_403(world, api_as, proposal):
    tax = world["tax"]
    body = {"level": "C", "criteria": ["C-1"]}
    assert api_as("viewer").post(f"/api/v1/agencies/{tax.pk}/levels/", body, format="json").status_code == 404
    assert api_as("viewer").get(f"/api/v1/level-decisions/{proposal.pk}/").status_code == 404
    assert api_as("officer").post(f"/api/v1/agencies/{tax.pk}/levels/", body, format="json").status_code == 403
    forbidden = api_as("mof").post(
        f"/api/v1/level-decisions/{proposal.pk}/approve/", {"effective_from": "2026-11-26"}, format="json"
    )
    assert (forbidden.status_code, forbidden.json()["code"]) == (403, "permission_denied")
    assert LevelDecision.objects.count() == 1
    assert AgencyEvent.objects.filter(agency=tax).count() == 1  # the proposal only


def test_the_sector_regulator_proposes_for_the_sngas_it_regulates(world, users, api_as):
    response = api_as("moea").post(
        f"/api/v1/agencies/{world['power'].pk}/levels/", {"level": "A", "criteria": ["A-1"]}, format="json"
    )
    assert response.status_code == 201
    assert _events(world["power"])[0][:3] == ("level_proposed", "moea", "api")


def test_a_stale_if_match_is_412_and_changes_nothing(world, users, api_as, proposal):
    stale = etag_of(proposal)
    api_as("mof").post(f"/api/v1/level-decisions/{proposal.pk}/submit/", {}, format="json")
    response = api_as("moda", HTTP_IF_MATCH=stale).post(
        f"/api/v1/level-decisions/{proposal.pk}/approve/", {"effective_from": "2026-11-26"}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (412, "precondition_failed")
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    fresh = api_as("moda").get(f"/api/v1/level-decisions/{proposal.pk}/")["ETag"]
    assert fresh == etag_of(proposal)
    ok = api_as("moda", HTTP_IF_MATCH=fresh).post(
        f"/api/v1/level-decisions/{proposal.pk}/approve/", {"effective_from": "2026-11-26"}, format="json"
    )
    assert ok.status_code == 200


def test_a_decision_closed_meanwhile_is_a_409_conflict(world, users, api_as, proposal):
    url = f"/api/v1/level-decisions/{proposal.pk}/approve/"
    first = api_as("moda").post(url, {"effective_from": "2026-11-26"}, format="json")
    second = api_as("admin", HTTP_ACCEPT_LANGUAGE="en").post(url, {"effective_from": "2026-12-01"}, format="json")
    assert first.status_code == 200
    message = "This level decision is already closed."
    assert second.status_code == 409
    assert second.json() == {"code": "conflict", "message": message, "fields": {"non_field_errors": [message]}}
    assert AgencyEvent.objects.filter(agency=world["tax"], kind="level_approved").count() == 1


def test_a_date_outside_the_range_names_the_field(api_as, proposal):
    response = api_as("moda").post(
        f"/api/v1/level-decisions/{proposal.pk}/approve/", {"effective_from": "9999-12-31"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["effective_from"]


def test_a_level_decided_under_art_3_v_is_filed_once(users, api_as):
    president = AgencyFactory(name="總統府")
    academia = AgencyFactory(name="國史館", parent=president)
    decision = services.level_propose(
        agency=academia, level="C", criteria=["C-1"], acting_user=users["moda"], now=timezone.now()
    )
    services.level_approve(
        decision=decision, effective_from=date(2026, 1, 1), now=decision.proposed_at, acting_user=users["moda"]
    )
    url = f"/api/v1/level-decisions/{decision.pk}/file/"
    filed = api_as("moda").post(url, {}, format="json")
    again = api_as("moda", HTTP_ACCEPT_LANGUAGE="en").post(url, {}, format="json")
    assert (filed.status_code, filed.json()["route"]) == (200, "recordation")
    assert filed.json()["filed_at"] is not None
    assert again.status_code == 400
    assert again.json()["message"] == "This level has already been filed with the competent authority."
    assert [row[:3] for row in _events(academia)][-1] == ("level_filed", "moda", "api")


# Contacts ---------------------------------------------------------------------------------------------------

CONTACT = {
    "role": "ciso",
    "name": "王大明",
    "title": "副局長",
    "email": "ciso@example.gov.tw",
    "valid_from": "2026-01-01",
}


def test_the_administrator_adds_a_contact_and_the_previous_holder_ends_the_day_before(world, users, api_as):
    tax = world["tax"]
    first = api_as("admin").post(f"/api/v1/agencies/{tax.pk}/contacts/", CONTACT, format="json")
    assert first.status_code == 201
    assert (first.json()["name"], first.json()["valid_to"], first.json()["agency"]) == ("王大明", None, tax.pk)
    successor = {**CONTACT, "name": "李小華", "email": "", "valid_from": "2026-07-01"}
    second = api_as("admin").post(f"/api/v1/agencies/{tax.pk}/contacts/", successor, format="json")
    assert second.status_code == 201
    assert AgencyContact.objects.get(pk=first.json()["id"]).valid_to == date(2026, 6, 30)
    assert _events(tax) == [
        ("contact_set", "admin", "api", {"after": {"role": "ciso", "name": "王大明", "valid_from": "2026-01-01",
                                                   "title": "副局長", "email": "ciso@example.gov.tw", "phone": "",
                                                   "mobile": ""}}),
        ("contact_ended", "admin", "api", {"role": "ciso", "name": "王大明", "valid_to": "2026-06-30"}),
        ("contact_set", "admin", "api", {"after": {"role": "ciso", "name": "李小華", "valid_from": "2026-07-01",
                                                   "title": "副局長", "email": "", "phone": "", "mobile": ""}}),
    ]  # fmt: skip
    listed = api_as("officer").get(f"/api/v1/agencies/{tax.pk}/contacts/").json()["results"]
    assert [(row["name"], row["valid_to"]) for row in listed] == [("李小華", None), ("王大明", "2026-06-30")]


def test_a_contact_without_a_name_or_with_a_bad_email_names_the_fields(world, api_as):
    response = api_as("admin", HTTP_ACCEPT_LANGUAGE="en").post(
        f"/api/v1/agencies/{world['tax'].pk}/contacts/", {**CONTACT, "name": "", "email": "x"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "name": ["This field may not be blank."],
        "email": ["Enter a valid email address."],
    }
    assert not AgencyContact.objects.exists()


@pytest.fixture
def contact(world, users) -> AgencyContact:
    return services.contact_add(
        agency=world["tax"],
        role="ciso",
        name="王大明",
        valid_from=date(2026, 1, 1),
        acting_user=users["admin"],
        now=timezone.now(),
    )


def test_ending_a_contact_needs_the_current_etag(world, api_as, contact):
    url = f"/api/v1/contacts/{contact.pk}/"
    etag = api_as("officer").get(url)["ETag"]
    assert api_as("admin").patch(url, {"valid_to": "2026-03-31"}, format="json").status_code == 428
    ended = api_as("admin", HTTP_IF_MATCH=etag).patch(url, {"valid_to": "2026-03-31"}, format="json")
    assert (ended.status_code, ended.json()["valid_to"]) == (200, "2026-03-31")
    assert ended["ETag"] != etag
    stale = api_as("admin", HTTP_IF_MATCH=etag).patch(url, {"valid_to": "2026-04-30"}, format="json")
    assert (stale.status_code, stale.json()["code"]) == (412, "precondition_failed")
    assert _events(world["tax"])[-1] == (
        "contact_ended",
        "admin",
        "api",
        {"role": "ciso", "name": "王大明", "valid_to": "2026-03-31"},
    )
    assert AgencyEvent.objects.filter(kind="contact_ended").count() == 1


def test_an_end_before_the_start_names_valid_to(api_as, contact):
    url = f"/api/v1/contacts/{contact.pk}/"
    response = api_as("admin", HTTP_IF_MATCH=etag_of(contact), HTTP_ACCEPT_LANGUAGE="en").patch(
        url, {"valid_to": "2025-12-31"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["fields"] == {"valid_to": ["A contact's validity cannot end before it starts."]}
    contact.refresh_from_db()
    assert contact.valid_to is None


def test_contacts_are_kept_by_the_administrator_only(world, api_as, contact):
    """As in the admin (the only page that edits them): the competent authority and the agency may read them."""
    url = f"/api/v1/contacts/{contact.pk}/"
    headers = {"HTTP_IF_MATCH": etag_of(contact)}
    assert api_as("moda", **headers).patch(url, {"valid_to": "2026-03-31"}, format="json").status_code == 403
    assert api_as("officer", **headers).patch(url, {"valid_to": "2026-03-31"}, format="json").status_code == 403
    assert api_as("viewer", **headers).patch(url, {"valid_to": "2026-03-31"}, format="json").status_code == 404
    assert api_as("viewer").get(url).status_code == 404
    assert (
        api_as("officer").post(f"/api/v1/agencies/{world['tax'].pk}/contacts/", CONTACT, format="json").status_code
        == 403
    )
    assert AgencyContact.objects.count() == 1


# Information systems ----------------------------------------------------------------------------------------


def test_a_system_is_recorded_updated_and_a_duplicate_name_is_refused(world, api_as):
    tax = world["tax"]
    create = {"name": "綜所稅申報系統", "is_core": True, "protection_level": "high", "max_tolerable_downtime_hours": 4}
    created = api_as("admin").post(f"/api/v1/agencies/{tax.pk}/systems/", create, format="json")
    assert created.status_code == 201
    body = created.json()
    assert (body["name"], body["is_core"], body["protection_level"], body["is_active"]) == (
        "綜所稅申報系統",
        True,
        "high",
        True,
    )
    duplicate = api_as("admin", HTTP_ACCEPT_LANGUAGE="en").post(
        f"/api/v1/agencies/{tax.pk}/systems/", {"name": "綜所稅申報系統"}, format="json"
    )
    assert duplicate.status_code == 400
    assert duplicate.json()["fields"] == {"name": ["This agency already has a system of this name: update it instead."]}
    url = f"/api/v1/systems/{body['id']}/"
    updated = api_as("admin", HTTP_IF_MATCH=created["ETag"]).patch(
        url, {"is_outsourced": True, "contract_amount": "1200000"}, format="json"
    )
    assert updated.status_code == 200
    assert (updated.json()["is_outsourced"], updated.json()["contract_amount"], updated.json()["is_core"]) == (
        True,
        "1200000",
        True,
    )
    stale = api_as("admin", HTTP_IF_MATCH=created["ETag"]).patch(url, {"is_active": False}, format="json")
    assert stale.status_code == 412
    assert _events(tax) == [
        ("system_set", "admin", "api", {"system": "綜所稅申報系統", "changes": {
            "created": True, "is_core": True, "protection_level": "high", "max_tolerable_downtime_hours": 4,
            "is_outsourced": False, "contract_amount": None, "is_active": True}}),
        ("system_set", "admin", "api", {"system": "綜所稅申報系統", "changes": {
            "is_outsourced": [False, True], "contract_amount": [None, "1200000"]}}),
    ]  # fmt: skip
    assert InformationSystem.objects.get().is_active is True


def test_a_bad_protection_level_names_the_field(world, api_as):
    response = api_as("admin").post(
        f"/api/v1/agencies/{world['tax'].pk}/systems/", {"name": "x", "protection_level": "top"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["protection_level"]


def test_systems_are_kept_by_the_administrator_only(world, users, api_as):
    system = services.system_record(agency=world["tax"], name="網站", acting_user=users["admin"], now=timezone.now())
    url = f"/api/v1/systems/{system.pk}/"
    headers = {"HTTP_IF_MATCH": etag_of(system)}
    assert api_as("officer").get(url).status_code == 200
    assert api_as("officer", **headers).patch(url, {"is_core": True}, format="json").status_code == 403
    assert api_as("moea", **headers).patch(url, {"is_core": True}, format="json").status_code == 404
    assert (
        api_as("moda").post(f"/api/v1/agencies/{world['tax'].pk}/systems/", {"name": "y"}, format="json").status_code
        == 403
    )
    system.refresh_from_db()
    assert system.is_core is False
    assert InformationSystem.objects.count() == 1


def test_a_read_token_cannot_write(world, api_as, proposal):
    response = api_as("mof", scope="read").post(f"/api/v1/level-decisions/{proposal.pk}/submit/", {}, format="json")
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == "proposed"
    assert proposal.submitted_at is None
