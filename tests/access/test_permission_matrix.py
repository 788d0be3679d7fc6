"""Every role × every action that exists now × its channel (page, download/export, admin, form POST).

Outcomes: "ok" (2xx, or the success redirect of a POST), "404" (the object is outside the user's scope),
"403" (visible or global page, but not allowed), "login" (sent to a login page). A denied action must
change nothing and produce no event row and no e-mail.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from access.models import AccessEvent, Invitation, ReadEvent
from infrastructure import import_services
from infrastructure.models import Agency, AgencyEvent, RegistryImport
from tests.conftest import otp_verify

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "admin", "moda", "moea", "mof", "officer", "viewer", "auditor", "observer", "nobody"]
MFA_USERS = {"admin", "moda", "moea"}
OID_CSV = (
    '\ufeff"機關名稱","OID","電話","地址","DN"\n"矩陣測試機關","2.16.886.101.99999","02-1","臺北市","ou=矩陣測試機關"\n'
).encode()


def _expect(default="403", **overrides):
    row = {role: default for role in ROLES}
    row["anonymous"] = "login"
    row.update(overrides)
    return row


EVERYONE = _expect(default="ok")
REGULATORS_ONLY = _expect(admin="ok", moda="ok")
SEES_TAX = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="ok")
SEES_POWER = _expect(default="404", admin="ok", moda="ok", moea="ok")

# action → (method, url builder, data builder, expected per role)
ACTIONS = {
    "registry list (page)": ("get", lambda w, x: reverse("infrastructure:agency_list"), None, EVERYONE),
    "agency detail, own subtree (page)": (
        "get",
        lambda w, x: reverse("infrastructure:agency_detail", args=[w["tax"].pk]),
        None,
        SEES_TAX,
    ),
    "agency detail, regulated SNGA (page)": (
        "get",
        lambda w, x: reverse("infrastructure:agency_detail", args=[w["power"].pk]),
        None,
        SEES_POWER,
    ),
    "agency history (page)": ("get", lambda w, x: reverse("access:agency_history", args=[w["tax"].pk]), None, SEES_TAX),
    "registry export CSV (download)": (
        "get",
        lambda w, x: reverse("infrastructure:agency_export", args=["csv"]),
        None,
        EVERYONE,
    ),
    "registry export XLSX (download)": (
        "get",
        lambda w, x: reverse("infrastructure:agency_export", args=["xlsx"]),
        None,
        EVERYONE,
    ),
    "import upload (page)": ("get", lambda w, x: reverse("infrastructure:import_upload"), None, REGULATORS_ONLY),
    "import upload (form)": (
        "post",
        lambda w, x: reverse("infrastructure:import_upload"),
        lambda w, x: {"file": _upload(), "file_format": "auto"},
        REGULATORS_ONLY,
    ),
    "import preview (page)": (
        "get",
        lambda w, x: reverse("infrastructure:import_preview", args=[x["import"].pk]),
        None,
        REGULATORS_ONLY,
    ),
    "import confirm (form)": (
        "post",
        lambda w, x: reverse("infrastructure:import_confirm", args=[x["import"].pk]),
        lambda w, x: {},
        REGULATORS_ONLY,
    ),
    "import progress (JSON)": (
        "get",
        lambda w, x: reverse("infrastructure:import_progress", args=[x["import"].pk]),
        None,
        REGULATORS_ONLY,
    ),
    "admin site (admin)": (
        "get",
        lambda w, x: reverse("admin:infrastructure_agency_changelist"),
        None,
        _expect(default="login", admin="ok"),
    ),
    "my account (page)": ("get", lambda w, x: reverse("access:account"), None, EVERYONE),
    "invitations (page)": (
        "get",
        lambda w, x: reverse("access:invitation_list"),
        None,
        _expect(admin="ok", moda="ok", moea="ok", mof="ok"),
    ),
    "invite an officer of 國稅局 (form)": (
        "post",
        lambda w, x: reverse("access:invitation_create"),
        lambda w, x: {"email": "new@ntbt.gov.tw", "role": "security_officer", "agency": w["tax"].name},
        _expect(admin="ok", moda="ok", mof="ok", moea="404"),
    ),
    "users (page)": ("get", lambda w, x: reverse("access:user_list"), None, _expect(admin="ok")),
    "deactivate a user (form)": (
        "post",
        lambda w, x: reverse("access:user_set_active", args=[x["target"].pk]),
        lambda w, x: {"active": "0"},
        _expect(admin="ok"),
    ),
    "audit trail (page)": ("get", lambda w, x: reverse("access:trail"), None, REGULATORS_ONLY),
    "audit trail export XLSX (download)": ("get", lambda w, x: reverse("access:trail_export"), None, REGULATORS_ONLY),
}


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("roster.csv", OID_CSV, content_type="text/csv")


@pytest.fixture
def extras(world, users):
    previewed = import_services.registry_import_create(
        now=timezone.now(), content=OID_CSV, original_name="roster.csv", acting_user=users["admin"]
    )
    from tests.factories import UserFactory

    return {"import": previewed, "target": UserFactory(username="target-officer")}


def _client_for(client, users, role):
    if role == "anonymous":
        return client
    if role in MFA_USERS:
        return otp_verify(client, users[role])
    client.force_login(users[role])
    return client


def _outcome(response) -> str:
    if response.status_code == 302 and "/login/" in response["Location"]:
        return "login"
    if response.status_code in (200, 302):
        return "ok"
    return str(response.status_code)


def _state():
    return (
        Agency.objects.count(),
        AgencyEvent.objects.count(),
        RegistryImport.objects.count(),
        RegistryImport.objects.filter(status="applied").count(),
        Invitation.objects.count(),
        AccessEvent.objects.exclude(kind__in=["login", "logout"]).count(),
        ReadEvent.objects.count(),
        list(get_user_model().objects.filter(is_active=False).values_list("username", flat=True)),
    )


CASES = [pytest.param(action, role, id=f"{action} · {role}") for action in ACTIONS for role in ROLES]


@pytest.mark.parametrize(("action", "role"), CASES)
def test_permission_matrix(client, world, users, extras, action, role):
    method, url, data, expected = ACTIONS[action]
    client = _client_for(client, users, role)
    before, outbox_before = _state(), len(mail.outbox)
    payload = data(world, extras) if data else None
    response = (
        getattr(client, method)(url(world, extras), payload)
        if payload is not None
        else getattr(client, method)(url(world, extras))
    )
    assert _outcome(response) == expected[role]
    if expected[role] != "ok":
        assert _state() == before
        assert len(mail.outbox) == outbox_before
