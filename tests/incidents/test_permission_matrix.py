"""Every role in ``users`` × every incidents action and channel (page, form POST, download).

Outcomes: "ok" (2xx or the success redirect), "404" (outside the user's scope), "403" (visible, not allowed),
"login". A denied action changes nothing and produces no event, no outbox row and no e-mail.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from access.models import ReadEvent
from common.models import OutboundNotification
from incidents import services
from incidents.models import Drill, Incident, IncidentAttachment, IncidentEvent
from tests.conftest import otp_verify
from tests.incidents.conftest import file_incident

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "admin", "moda", "moea", "mof", "officer", "viewer", "auditor", "observer", "nobody"]
MFA_USERS = {"admin", "moda", "moea"}


def _expect(default="403", **overrides):
    row = {role: default for role in ROLES}
    row["anonymous"] = "login"
    row.update(overrides)
    return row


EVERYONE = _expect(default="ok")
# tax incident, reported, not forwarded: its agency, its superior, the competent authority
SEES_TAX = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="ok")
# tax incident forwarded: the observer sees it too
SEES_FORWARDED = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="ok", observer="ok")
OFFICER_ACTS = _expect(default="404", admin="ok", moda="403", mof="403", officer="ok")
REVIEWER_ACTS = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="403")
CA_ONLY_ON_TAX = _expect(default="404", admin="ok", moda="ok", mof="403", officer="403")
FORWARDED_REVIEW = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="403", observer="403")
SEES_POWER = _expect(default="404", admin="ok", moda="ok", moea="ok")
POWER_REVIEW = _expect(default="404", admin="ok", moda="ok", moea="ok")


def _detail(name, key):
    return lambda x: reverse(f"incidents:{name}", args=[x[key].pk])


ACTIONS = {
    "incident list (page)": ("get", lambda x: reverse("incidents:list"), None, EVERYONE),
    "file form (page)": ("get", lambda x: reverse("incidents:file"), None, _expect(admin="ok", officer="ok")),
    "file a notification (form)": (
        "post",
        lambda x: reverse("incidents:file"),
        lambda x: _file_payload(x),
        _expect(admin="ok", officer="ok"),
    ),
    "review queue (page)": ("get", lambda x: reverse("incidents:queue"), None, EVERYONE),
    "national view (page)": (
        "get",
        lambda x: reverse("incidents:national"),
        None,
        _expect(admin="ok", moda="ok", observer="ok"),
    ),
    "drills (page)": ("get", lambda x: reverse("incidents:drills"), None, EVERYONE),
    "assign drills (form)": (
        "post",
        lambda x: reverse("incidents:drill_assign"),
        lambda x: {"year": 2027},
        _expect(admin="ok", moda="ok"),
    ),
    "record a drill (form)": (
        "post",
        lambda x: reverse("incidents:drill_update", args=[x["drill"].pk, "conducted"]),
        lambda x: {"conducted_on": "2026-11-02"},
        _expect(default="404", admin="ok", moda="403", mof="403", officer="ok"),
    ),
    "incident detail (page)": ("get", _detail("detail", "reported"), None, SEES_TAX),
    "forwarded incident detail (page)": ("get", _detail("detail", "forwarded"), None, SEES_FORWARDED),
    "SNGA incident detail (page)": ("get", _detail("detail", "power"), None, SEES_POWER),
    "timeline (page)": ("get", _detail("timeline", "reported"), None, SEES_TAX),
    "attachment (download)": (
        "get",
        lambda x: reverse("incidents:attachment", args=[x["reported"].pk, x["attachment"].pk]),
        None,
        SEES_TAX,
    ),
    "update notification (page)": ("get", _detail("update", "reported"), None, OFFICER_ACTS),
    "update notification (form)": (
        "post",
        _detail("update", "reported"),
        lambda x: {
            "description": "more",
            "measures_taken": "more",
            "level": 3,
            "other_matters": "",
            "external_support": "",
        },
        OFFICER_ACTS,
    ),
    "attach a file (form)": ("post", _detail("attachment_add", "reported"), lambda x: {"file": _pdf()}, OFFICER_ACTS),
    "review (form)": (
        "post",
        _detail("review", "reported"),
        lambda x: {"level": 3, "note": "", "forward": "on"},
        REVIEWER_ACTS,
    ),
    "review SNGA incident (form)": (
        "post",
        _detail("review", "power"),
        lambda x: {"level": 1, "note": ""},
        POWER_REVIEW,
    ),
    "forward (form)": ("post", _detail("forward", "reviewed"), lambda x: {}, REVIEWER_ACTS),
    "re-review (form)": (
        "post",
        _detail("rereview", "forwarded"),
        lambda x: {"level": 4, "reason": "national secret"},
        _expect(default="404", admin="ok", moda="ok", mof="403", officer="403", observer="403"),
    ),
    "recover (form)": (
        "post",
        _detail("recover", "forwarded"),
        lambda x: {"recovered_at": _local(x["now"])},
        _expect(default="404", admin="ok", moda="403", mof="403", officer="ok", observer="403"),
    ),
    "add a measure (form)": (
        "post",
        _detail("measure_add", "forwarded"),
        lambda x: {"category": "technical", "description": "patch", "owner": "IT", "due_on": "2026-12-31"},
        _expect(default="404", admin="ok", moda="403", mof="403", officer="ok", observer="403"),
    ),
}


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("evidence.pdf", b"%PDF-1.7\nevidence", content_type="application/pdf")


def _local(instant):
    return timezone.localtime(instant).strftime("%Y-%m-%dT%H:%M")


def _file_payload(x):
    return {
        "agency": x["tax"].pk,
        "title": "Matrix incident",
        "incident_type": "malware",
        "aware_at": _local(x["now"] - timedelta(minutes=10)),
        "description": "d",
        "confidentiality": "minor",
        "integrity": "none",
        "availability": "none",
        "measures_taken": "m",
        "channel": "web",
        "action": "report",
    }


@pytest.fixture
def extras(world, users, sngo_officer):
    now = timezone.now()
    reported = file_incident(
        world["tax"],
        users["officer"],
        level=3,
        aware_at=now - timedelta(minutes=30),
        reported_after=timedelta(minutes=10),
    )
    attachment = services.incident_attachment_add(
        incident=reported, content=b"%PDF-1.7 x", original_name="a.pdf", acting_user=users["officer"], now=now
    )
    reviewed = file_incident(world["tax"], users["officer"], level=1, aware_at=now - timedelta(hours=2))
    services.incident_review_complete(
        incident=reviewed, level=1, note="", acting_user=users["mof"], now=now - timedelta(minutes=30)
    )
    forwarded = file_incident(world["tax"], users["officer"], level=2, aware_at=now - timedelta(hours=3))
    services.incident_review_complete(
        incident=forwarded, level=2, note="", forward=True, acting_user=users["mof"], now=now - timedelta(hours=2)
    )
    power = file_incident(world["power"], sngo_officer, level=1, aware_at=now - timedelta(hours=1))
    services.drill_assign_year(agencies=[world["tax"]], year=2026, acting_user=users["moda"], now=now)
    drill = Drill.objects.get(kind="social_engineering", starts_on__month=7)
    return {
        "reported": reported,
        "attachment": attachment,
        "reviewed": reviewed,
        "forwarded": forwarded,
        "power": power,
        "drill": drill,
        "tax": world["tax"],
        "now": now,
    }


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
        Incident.objects.count(),
        IncidentEvent.objects.count(),
        OutboundNotification.objects.count(),
        IncidentAttachment.objects.count(),
        Drill.objects.filter(conducted_on__isnull=False).count(),
        Drill.objects.count(),
        ReadEvent.objects.count(),
        list(Incident.objects.order_by("pk").values_list("status", "level")),
    )


CASES = [pytest.param(action, role, id=f"{action} · {role}") for action in ACTIONS for role in ROLES]


@pytest.mark.parametrize(("action", "role"), CASES)
def test_permission_matrix(client, world, users, extras, action, role):
    method, url, data, expected = ACTIONS[action]
    client = _client_for(client, users, role)
    before, outbox_before = _state(), len(mail.outbox)
    response = getattr(client, method)(url(extras), data(extras)) if data else getattr(client, method)(url(extras))
    assert _outcome(response) == expected[role]
    if expected[role] != "ok":
        assert _state() == before
        assert len(mail.outbox) == outbox_before
