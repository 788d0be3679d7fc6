"""Every role × every audits page and action (page, form POST). Outcomes: "ok" (2xx or the success redirect),
"404" (outside the user's scope), "403" (visible, not allowed), "login". A denied action writes no event."""

from datetime import date

import pytest
from django.urls import reverse

from audits.models import AuditEvent
from tests.audits.conftest import notified, team_of
from tests.conftest import otp_verify

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "admin",
    "moda",
    "moea",
    "mof",
    "officer",
    "viewer",
    "auditor",
    "observer",
    "nobody",
    "power_officer",
    "member",
]
MFA_USERS = {"admin", "moda", "moea"}


def _expect(default="404", **overrides):
    row = {role: default for role in ROLES}
    row["anonymous"] = "login"
    row.update(overrides)
    return row


EVERYONE = _expect(default="ok")
MANAGERS = _expect(admin="ok", moda="ok", moea="ok")
# the audit of 台電 (regulated by 經濟部), notified: managers, the team member, the auditee's officer
SEES_AUDIT = _expect(admin="ok", moda="ok", moea="ok", member="ok", power_officer="ok")
MANAGER_ACTS = _expect(admin="ok", moda="ok", moea="ok", member="403", power_officer="403")
AUDITEE_ACTS = _expect(admin="403", moda="403", moea="403", member="403", power_officer="ok")
MEMBER_ACTS = _expect(admin="403", moda="403", moea="403", member="ok", power_officer="403")

ACTIONS = {
    "audits home (page)": ("get", lambda x: reverse("audits:plan_list"), None, EVERYONE),
    "new plan (page)": (
        "get",
        lambda x: reverse("audits:plan_create"),
        None,
        _expect(default="403", admin="ok", moda="ok", moea="ok", mof="ok"),
    ),
    "plan (page)": ("get", lambda x: reverse("audits:plan_detail", args=[x["audit"].plan_id]), None, MANAGERS),
    "plan edit (page)": ("get", lambda x: reverse("audits:plan_edit", args=[x["audit"].plan_id]), None, MANAGERS),
    "audit (page)": ("get", lambda x: reverse("audits:audit_detail", args=[x["audit"].pk]), None, SEES_AUDIT),
    "checklist (page)": ("get", lambda x: reverse("audits:checklist", args=[x["audit"].pk]), None, SEES_AUDIT),
    "checklist ODT (download)": (
        "get",
        lambda x: reverse("audits:checklist_odt", args=[x["audit"].pk]),
        None,
        SEES_AUDIT,
    ),
    "notice letter PDF (download)": (
        "get",
        lambda x: reverse("reports:audit_notice_pdf", args=[x["audit"].pk]),
        None,
        SEES_AUDIT,
    ),
    "audit report PDF (download, not issued yet)": (
        "get",
        lambda x: reverse("reports:audit_report_pdf", args=[x["audit"].pk]),
        None,
        _expect(),
    ),
    "ask for a new date (form)": (
        "post",
        lambda x: reverse("audits:reschedule", args=[x["audit"].pk]),
        lambda x: {"proposed_starts_on": "2026-03-23", "proposed_ends_on": "2026-03-23", "reasons": "年度結算"},
        # let in, then refused by Art 4 II: the five days after the notice have passed
        _expect(admin="403", moda="403", moea="403", member="403", power_officer="400"),
    ),
    "schedule an audit (form)": (
        "post",
        lambda x: reverse("audits:plan_schedule", args=[x["audit"].plan_id]),
        lambda x: {"schedule-auditee": x["audit"].auditee_id},
        _expect(admin="400", moda="400", moea="400"),
    ),  # let in; dates missing
    "cancel the audit (form)": (
        "post",
        lambda x: reverse("audits:cancel", args=[x["audit"].pk]),
        lambda x: {"reason": "改期"},
        MANAGER_ACTS,
    ),
    "improvement (page)": ("get", lambda x: reverse("audits:improvement", args=[x["audit"].pk]), None, SEES_AUDIT),
    "my deadlines (page)": ("get", lambda x: reverse("audits:calendar"), None, EVERYONE),
    "create calendar address (form)": (
        "post",
        lambda x: reverse("audits:calendar_feed_create"),
        lambda x: {},
        EVERYONE,
    ),
    "acknowledge (form)": (
        "post",
        lambda x: reverse("audits:acknowledge", args=[x["audit"].pk]),
        lambda x: {"received_on": "2026-02-03"},
        AUDITEE_ACTS,
    ),
    "self-assessment (autosave)": (
        "post",
        lambda x: reverse("audits:answer_save", args=[x["audit"].pk]),
        lambda x: {
            "item": x["audit"].checklist.items.first().pk,
            "version": 0,
            "result": "conforms",
            "description": "自評",
        },
        _expect(admin="403", moda="403", moea="403", member="403", power_officer="ok"),
    ),
    "sign declarations (form)": (
        "post",
        lambda x: reverse("audits:sign", args=[x["audit"].pk]),
        lambda x: {},
        MEMBER_ACTS,
    ),
    "add member (form)": (
        "post",
        lambda x: reverse("audits:member_add", args=[x["audit"].pk]),
        lambda x: {"username": "nobody", "role": "member", "organisation": "學界"},
        MANAGER_ACTS,
    ),
}


@pytest.fixture
def context(users, audit, power_officer):
    audit = notified(audit, users["moea"], on=date(2026, 2, 2))
    member = team_of(audit, users["moea"], government=1, others=0)[0]
    return {"audit": audit, "users": {**users, "power_officer": power_officer, "member": member.user}}


def _client_for(client, role, context):
    if role == "anonymous":
        return client
    user = context["users"][role]
    if role in MFA_USERS:
        return otp_verify(client, user)
    client.force_login(user)
    return client


def _outcome(response) -> str:
    if response.status_code in (301, 302):
        return "login" if "/accounts/login/" in response["Location"] else "ok"
    return {200: "ok", 400: "400", 403: "403", 404: "404"}.get(response.status_code, str(response.status_code))


CASES = [(name, role) for name in ACTIONS for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n} · {r}" for n, r in CASES])
def test_matrix(client, context, name, role):
    method, url, payload, expected = ACTIONS[name]
    client = _client_for(client, role, context)
    before = AuditEvent.objects.count()
    path = url(context)
    response = client.get(path) if method == "get" else client.post(path, payload(context) if payload else {})
    outcome = _outcome(response)
    assert outcome == expected[role], f"{name} as {role}: {response.status_code}"
    if method == "post" and outcome != "ok" and role != "anonymous":
        assert AuditEvent.objects.count() == before
