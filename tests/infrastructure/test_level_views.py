"""Level pages: propose/submit (superior agency, regulators), approve/reject (competent authority)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from infrastructure.models import AgencyEvent, LevelDecision
from infrastructure.selectors import level_current_for
from tests.conftest import otp_verify

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "admin", "moda", "moea", "mof", "officer", "viewer", "auditor", "observer", "nobody"]
MFA_USERS = {"admin", "moda", "moea"}


def _login(client, users, role):
    if role in MFA_USERS:
        return otp_verify(client, users[role])
    if role != "anonymous":
        client.force_login(users[role])
    return client


@pytest.fixture
def proposal(world, users):
    from infrastructure import services

    return services.level_propose(
        agency=world["tax"], level="B", criteria=["B-3"], acting_user=users["mof"], now=timezone.now()
    )


def test_superior_agency_proposes_and_submits_and_the_competent_authority_approves(client, world, users):
    client.force_login(users["mof"])
    response = client.post(
        reverse("infrastructure:level_propose", args=[world["tax"].pk]),
        {"level": "B", "criteria": ["B-3", "C-1"], "adjustment_reason": ""},
    )
    assert response.status_code == 302
    decision = LevelDecision.objects.get(agency=world["tax"])
    assert (decision.level, decision.criteria, decision.proposed_by) == ("B", ["B-3", "C-1"], users["mof"])
    client.post(reverse("infrastructure:level_submit", args=[decision.pk]))
    otp_verify(client, users["moda"])
    client.post(reverse("infrastructure:level_approve", args=[decision.pk]), {"effective_from": "2026-11-26"})
    decision.refresh_from_db()
    assert (decision.status, decision.decided_by, decision.effective_from) == (
        "approved",
        users["moda"],
        date(2026, 11, 26),
    )
    assert level_current_for(agency=world["tax"], on=date(2026, 11, 26)) == "B"
    kinds = list(AgencyEvent.objects.filter(agency=world["tax"]).order_by("id").values_list("kind", "channel"))
    assert kinds == [("level_proposed", "web"), ("level_submitted", "web"), ("level_approved", "web")]


def test_a_proposal_against_the_criteria_without_a_reason_is_a_form_error(client, world, users):
    client.force_login(users["mof"])
    response = client.post(
        reverse("infrastructure:level_propose", args=[world["tax"].pk]),
        {"level": "A", "criteria": ["C-1"], "adjustment_reason": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert (
        "The criteria give level C; choosing level A needs an adjustment reason (Art 10)." in response.content.decode()
    )
    assert LevelDecision.objects.exists() is False


EXPECTED = {
    # action: outcome per role ("ok", "404", "403", "login")
    "propose (form)": {
        "anonymous": "login",
        "admin": "ok",
        "moda": "ok",
        "moea": "404",
        "mof": "ok",
        "officer": "403",
        "viewer": "404",
        "auditor": "404",
        "observer": "404",
        "nobody": "404",
    },
    "submit (form)": {
        "anonymous": "login",
        "admin": "ok",
        "moda": "ok",
        "moea": "404",
        "mof": "ok",
        "officer": "403",
        "viewer": "404",
        "auditor": "404",
        "observer": "404",
        "nobody": "404",
    },
    "approve (form)": {
        "anonymous": "login",
        "admin": "ok",
        "moda": "ok",
        "moea": "404",
        "mof": "403",
        "officer": "403",
        "viewer": "404",
        "auditor": "404",
        "observer": "404",
        "nobody": "404",
    },
    "reject (form)": {
        "anonymous": "login",
        "admin": "ok",
        "moda": "ok",
        "moea": "404",
        "mof": "403",
        "officer": "403",
        "viewer": "404",
        "auditor": "404",
        "observer": "404",
        "nobody": "404",
    },
}
REQUESTS = {
    "propose (form)": lambda w, p: (
        reverse("infrastructure:level_propose", args=[w["tax"].pk]),
        {"level": "C", "criteria": ["C-1"], "adjustment_reason": ""},
    ),
    "submit (form)": lambda w, p: (reverse("infrastructure:level_submit", args=[p.pk]), {}),
    "approve (form)": lambda w, p: (
        reverse("infrastructure:level_approve", args=[p.pk]),
        {"effective_from": "2026-11-26"},
    ),
    "reject (form)": lambda w, p: (reverse("infrastructure:level_reject", args=[p.pk]), {"reason": "缺佐證"}),
}


def _outcome(response) -> str:
    if response.status_code == 302 and "/login/" in response["Location"]:
        return "login"
    return "ok" if response.status_code in (200, 302) else str(response.status_code)


@pytest.mark.parametrize(("action", "role"), [(a, r) for a in EXPECTED for r in ROLES])
def test_level_permission_matrix(client, world, users, proposal, action, role):
    _login(client, users, role)
    url, data = REQUESTS[action](world, proposal)
    before = (
        LevelDecision.objects.count(),
        AgencyEvent.objects.count(),
        LevelDecision.objects.get(pk=proposal.pk).status,
    )
    response = client.post(url, data)
    assert _outcome(response) == EXPECTED[action][role]
    if EXPECTED[action][role] != "ok":
        after = (
            LevelDecision.objects.count(),
            AgencyEvent.objects.count(),
            LevelDecision.objects.get(pk=proposal.pk).status,
        )
        assert after == before
