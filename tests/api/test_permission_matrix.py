"""The API channel of the permission matrix: every role × every endpoint × every method it offers, with a
real personal write token of the role's user (anonymous: no token). Outcomes: "ok" (2xx), "404" (outside
the user's scope — an agency's token never reaches another agency), "403" (visible, not allowed), "401"
(no credentials). Expectations follow the page matrices (tests/incidents/, tests/obligations/): the API
has no permission system of its own. A denial changes nothing and writes no event and no read log."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from access.models import ReadEvent
from api.concurrency import etag_of
from api.models import IdempotencyKey
from incidents import services as incident_services
from incidents.models import Drill, Incident, IncidentEvent
from infrastructure.models import AgencyContact, AgencyEvent, InformationSystem, LevelDecision
from obligations import services as obligation_services
from obligations.models import EvidenceFile, EvidenceSubmission, Obligation, ObligationEvent, RuleSet
from tests.access.test_permission_matrix import ROLES
from tests.api.conftest import client_with, token_for
from tests.api.test_opendata import OPENDATA_OPERATIONS
from tests.factories import AgencyFactory
from tests.incidents.conftest import file_incident
from tests.incidents.conftest import sngo_officer as sngo_officer  # the fixture
from tests.obligations.conftest import PDF
from tests.obligations.helpers import approve_level

pytestmark = pytest.mark.django_db


def _expect(default="403", **overrides):
    row = {role: default for role in ROLES}
    row["anonymous"] = "401"
    row.update(overrides)
    return row


EVERYONE = _expect(default="ok")
SEES_TAX = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="ok")
SEES_FORWARDED = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="ok", observer="ok")
SEES_POWER = _expect(default="404", admin="ok", moda="ok", moea="ok")
OFFICER_ACTS = _expect(default="404", admin="ok", moda="403", mof="403", officer="ok")
REVIEWER_ACTS = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="403")
DRAFT_OWNER = _expect(default="404", admin="ok", moda="403", officer="ok")  # drafts: own agency + competent authority
FORWARDED_OFFICER = _expect(default="404", admin="ok", moda="403", mof="403", officer="ok", observer="403")
FORWARDED_CA = _expect(default="404", admin="ok", moda="ok", mof="403", officer="403", observer="403")
PROPOSES_FOR_TAX = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="403")  # 分級辦法 Art 3
DECIDES_FOR_TAX = _expect(default="404", admin="ok", moda="ok", mof="403", officer="403")
KEEPS_TAX_RECORDS = _expect(default="404", admin="ok", moda="403", mof="403", officer="403")  # as the admin
OPENS_THE_TRAIL = _expect(admin="ok", moda="ok")  # as the trail page: access.view_event_log
REPORT_ARTICLES = [
    "timeline",
    "impact",
    "recovery_course",
    "investigation_course",
    "root_cause",
    "prevention",
    "schedule",
]


def _i(key, step=""):
    return lambda x: f"/api/v1/incidents/{x[key].pk}/{step}"


def _json(data):
    return lambda x: data(x) if callable(data) else data


# name → (method, url(x), body(x) or None, format, headers(x), expected)
ACTIONS = {
    "sectors · GET list": ("get", lambda x: "/api/v1/sectors/", None, None, None, EVERYONE),
    "sectors · GET one": ("get", lambda x: f"/api/v1/sectors/{x['sector'].pk}/", None, None, None, EVERYONE),
    "agencies · GET list": ("get", lambda x: "/api/v1/agencies/", None, None, None, EVERYONE),
    "agency 國稅局 · GET": ("get", lambda x: f"/api/v1/agencies/{x['tax'].pk}/", None, None, None, SEES_TAX),
    "agency 台電 · GET": ("get", lambda x: f"/api/v1/agencies/{x['power'].pk}/", None, None, None, SEES_POWER),
    **{
        f"agency 國稅局 {part} · GET": (
            "get",
            lambda x, part=part: f"/api/v1/agencies/{x['tax'].pk}/{part}/",
            None,
            None,
            None,
            SEES_TAX,
        )
        for part in ("levels", "contacts", "systems", "events")
    },  # fmt: skip
    "rule sets · GET list": ("get", lambda x: "/api/v1/rule-sets/", None, None, None, EVERYONE),
    "rule set · GET": ("get", lambda x: f"/api/v1/rule-sets/{x['ruleset'].pk}/", None, None, None, EVERYONE),
    "obligations · GET list": ("get", lambda x: "/api/v1/obligations/", None, None, None, EVERYONE),
    "obligation · GET": ("get", lambda x: f"/api/v1/obligations/{x['submitted'].pk}/", None, None, None, SEES_TAX),
    "obligation events · GET": (
        "get",
        lambda x: f"/api/v1/obligations/{x['submitted'].pk}/events/",
        None,
        None,
        None,
        SEES_TAX,
    ),  # fmt: skip
    "evidence · POST": (
        "post",
        lambda x: f"/api/v1/obligations/{x['open'].pk}/evidence/",
        lambda x: {"files": [SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")], "statement": "ok"},
        "multipart",
        None,
        OFFICER_ACTS,
    ),
    "evidence submissions · GET list": ("get", lambda x: "/api/v1/evidence-submissions/", None, None, None, EVERYONE),
    "evidence submission · GET": (
        "get",
        lambda x: f"/api/v1/evidence-submissions/{x['submission'].pk}/",
        None,
        None,
        None,
        SEES_TAX,
    ),  # fmt: skip
    "evidence review · POST": (
        "post",
        lambda x: f"/api/v1/evidence-submissions/{x['submission'].pk}/review/",
        _json({"accept": True}),
        "json",
        None,
        REVIEWER_ACTS,
    ),  # fmt: skip
    "evidence file · GET download": (
        "get",
        lambda x: f"/api/v1/evidence-files/{x['file'].pk}/download/",
        None,
        None,
        None,
        SEES_TAX,
    ),  # fmt: skip
    "incidents · GET list": ("get", lambda x: "/api/v1/incidents/", None, None, None, EVERYONE),
    "incidents · POST file for 國稅局": (
        "post",
        lambda x: "/api/v1/incidents/",
        lambda x: {
            "agency": x["tax"].pk,
            "title": "Matrix",
            "incident_type": "malware",
            "description": "d",
            "measures_taken": "m",
            "aware_at": (x["now"] - timedelta(minutes=10)).isoformat(),
            "confidentiality": "minor",
        },
        "json",
        lambda x: {"HTTP_IDEMPOTENCY_KEY": "matrix-key"},
        _expect(default="404", admin="ok", moda="403", mof="403", officer="ok"),
    ),  # fmt: skip
    "incident (reported) · GET": ("get", _i("reported"), None, None, None, SEES_TAX),
    "incident (forwarded) · GET": ("get", _i("forwarded"), None, None, None, SEES_FORWARDED),
    "incident of 台電 · GET": ("get", _i("power_incident"), None, None, None, SEES_POWER),
    "incident events · GET": ("get", _i("reported", "events/"), None, None, None, SEES_TAX),
    "incident · PATCH update": (
        "patch",
        _i("reported"),
        _json({"description": "more", "measures_taken": "more", "level": 3}),
        "json",
        lambda x: {"HTTP_IF_MATCH": etag_of(x["reported"])},
        OFFICER_ACTS,
    ),
    "draft · POST submit": ("post", _i("draft", "submit/"), _json({}), "json", None, DRAFT_OWNER),
    "incident · POST review": (
        "post",
        _i("reported", "review/"),
        _json({"level": 3, "forward": True}),
        "json",
        None,
        REVIEWER_ACTS,
    ),  # fmt: skip
    "incident of 台電 · POST review": (
        "post",
        _i("power_incident", "review/"),
        _json({"level": 1}),
        "json",
        None,
        _expect(default="404", admin="ok", moda="ok", moea="ok"),
    ),  # fmt: skip
    "incident · POST forward": ("post", _i("reviewed", "forward/"), _json({}), "json", None, REVIEWER_ACTS),
    "incident · POST level": (
        "post",
        _i("forwarded", "level/"),
        _json({"level": 4, "reason": "national secret"}),
        "json",
        None,
        FORWARDED_CA,
    ),  # fmt: skip
    "incident · POST recover": (
        "post",
        _i("forwarded", "recover/"),
        lambda x: {"recovered_at": x["now"].isoformat()},
        "json",
        None,
        FORWARDED_OFFICER,
    ),  # fmt: skip
    "incident · POST report": (
        "post",
        _i("recovered", "report/"),
        _json(dict.fromkeys(REPORT_ARTICLES, "x")),
        "json",
        None,
        OFFICER_ACTS,
    ),  # fmt: skip
    "incident · POST report-decision": (
        "post",
        _i("report_submitted", "report-decision/"),
        _json({"accept": True}),
        "json",
        None,
        REVIEWER_ACTS,
    ),  # fmt: skip
    "drills · GET list": ("get", lambda x: "/api/v1/drills/", None, None, None, EVERYONE),
    "drill · GET": ("get", lambda x: f"/api/v1/drills/{x['drill'].pk}/", None, None, None, SEES_TAX),
    "drill events · GET": ("get", lambda x: f"/api/v1/drills/{x['drill'].pk}/events/", None, None, None, SEES_TAX),
    "drill · POST results": (
        "post",
        lambda x: f"/api/v1/drills/{x['conducted_drill'].pk}/results/",
        _json({"summary": "12 of 300 clicked"}),
        "json",
        None,
        OFFICER_ACTS,
    ),  # fmt: skip
    "drill · POST conducted": (
        "post",
        lambda x: f"/api/v1/drills/{x['drill'].pk}/conducted/",
        _json({"conducted_on": "2026-11-02"}),
        "json",
        None,
        OFFICER_ACTS,
    ),  # fmt: skip
    # registry writes and the audit trail
    "agency 國稅局 levels · POST propose": (
        "post",
        lambda x: f"/api/v1/agencies/{x['tax'].pk}/levels/",
        _json({"level": "C", "criteria": ["C-1"]}),
        "json",
        None,
        PROPOSES_FOR_TAX,
    ),  # fmt: skip
    "level decision · GET": (
        "get",
        lambda x: f"/api/v1/level-decisions/{x['proposal'].pk}/",
        None,
        None,
        None,
        SEES_TAX,
    ),
    "level decision · POST submit": (
        "post",
        lambda x: f"/api/v1/level-decisions/{x['proposal'].pk}/submit/",
        _json({}),
        "json",
        None,
        PROPOSES_FOR_TAX,
    ),  # fmt: skip
    "level decision · POST approve": (
        "post",
        lambda x: f"/api/v1/level-decisions/{x['proposal'].pk}/approve/",
        _json({"effective_from": "2026-11-26"}),
        "json",
        None,
        DECIDES_FOR_TAX,
    ),  # fmt: skip
    "level decision · POST reject": (
        "post",
        lambda x: f"/api/v1/level-decisions/{x['proposal'].pk}/reject/",
        _json({"reason": "準則不符"}),
        "json",
        None,
        DECIDES_FOR_TAX,
    ),  # fmt: skip
    "level decision (Art 3 V) · POST file": (
        "post",
        lambda x: f"/api/v1/level-decisions/{x['recordation'].pk}/file/",
        _json({}),
        "json",
        None,
        _expect(default="404", admin="ok", moda="ok"),
    ),  # fmt: skip
    "agency 國稅局 contacts · POST": (
        "post",
        lambda x: f"/api/v1/agencies/{x['tax'].pk}/contacts/",
        _json({"role": "incident_24h", "name": "值班", "valid_from": "2026-02-01"}),
        "json",
        None,
        KEEPS_TAX_RECORDS,
    ),  # fmt: skip
    "contact · GET": ("get", lambda x: f"/api/v1/contacts/{x['contact'].pk}/", None, None, None, SEES_TAX),
    "contact · PATCH end": (
        "patch",
        lambda x: f"/api/v1/contacts/{x['contact'].pk}/",
        _json({"valid_to": "2026-06-30"}),
        "json",
        lambda x: {"HTTP_IF_MATCH": etag_of(x["contact"])},
        KEEPS_TAX_RECORDS,
    ),  # fmt: skip
    "agency 國稅局 systems · POST": (
        "post",
        lambda x: f"/api/v1/agencies/{x['tax'].pk}/systems/",
        _json({"name": "新系統"}),
        "json",
        None,
        KEEPS_TAX_RECORDS,
    ),  # fmt: skip
    "system · GET": ("get", lambda x: f"/api/v1/systems/{x['system'].pk}/", None, None, None, SEES_TAX),
    "system · PATCH": (
        "patch",
        lambda x: f"/api/v1/systems/{x['system'].pk}/",
        _json({"is_core": True}),
        "json",
        lambda x: {"HTTP_IF_MATCH": etag_of(x["system"])},
        KEEPS_TAX_RECORDS,
    ),  # fmt: skip
    "events (audit trail) · GET list": ("get", lambda x: "/api/v1/events/", None, None, None, OPENS_THE_TRAIL),
}


def _registry(world, users) -> dict:
    from infrastructure import services as registry

    president = AgencyFactory(name="總統府")
    academia = AgencyFactory(name="國史館", parent=president)  # 分級辦法 Art 3 V: decided there, filed for reference
    recordation = registry.level_propose(
        agency=academia, level="C", criteria=["C-1"], acting_user=users["moda"], now=timezone.now()
    )
    registry.level_approve(
        decision=recordation, effective_from=date(2026, 1, 1), now=timezone.now(), acting_user=users["moda"]
    )
    return {
        "proposal": registry.level_propose(
            agency=world["tax"], level="B", criteria=["B-3"], acting_user=users["mof"], now=timezone.now()
        ),
        "recordation": recordation,
        "contact": registry.contact_add(
            agency=world["tax"], role="ciso", name="王大明", valid_from=date(2026, 1, 1), now=timezone.now()
        ),
        "system": registry.system_record(agency=world["tax"], name="網站", now=timezone.now()),
    }


def _pdf():
    return SimpleUploadedFile("evidence.pdf", PDF, content_type="application/pdf")


@pytest.fixture
def extras(world, users, settings, tmp_path, sngo_officer):
    settings.MEDIA_ROOT = tmp_path
    now = timezone.now()
    return {
        **_incidents_in_every_state(world, users, sngo_officer, now),
        **_drills_and_obligations(world, users, now),
        **_registry(world, users),
        "ruleset": RuleSet.objects.order_by("pk")[0],
        "sector": world["power"].sectors.model.objects.order_by("pk")[0],
        "tax": world["tax"],
        "power": world["power"],
        "now": now,
    }


def _incidents_in_every_state(world, users, sngo_officer, now) -> dict:
    officer, mof = users["officer"], users["mof"]

    def filed(level, hours, agency=world["tax"], user=officer, **kwargs):
        return file_incident(agency, user, level=level, aware_at=now - timedelta(hours=hours), **kwargs)

    def reviewed(incident, hours, **kwargs):
        at = now - timedelta(hours=hours)
        incident_services.incident_review_complete(incident=incident, note="", acting_user=mof, now=at, **kwargs)
        return incident

    def recovered(incident, hours):
        at = now - timedelta(hours=hours)
        incident_services.incident_mark_recovered(incident=incident, recovered_at=at, acting_user=officer, now=at)
        return incident

    report_submitted = recovered(reviewed(filed(1, 6), 5, level=1), 4)
    incident_services.incident_report_submit(
        incident=report_submitted, contents=incident_services.ReportContents(**dict.fromkeys(REPORT_ARTICLES, "x")),
        acting_user=officer, now=now - timedelta(hours=3),
    )  # fmt: skip
    return {
        "reported": filed(3, 0.5, reported_after=timedelta(minutes=10)),
        "draft": filed(1, 0.5, reported_after=timedelta(minutes=5), submit=False),
        "reviewed": reviewed(filed(1, 2), 0.5, level=1),
        "forwarded": reviewed(filed(2, 3), 2, level=2, forward=True),
        "recovered": recovered(reviewed(filed(1, 5), 4, level=1), 3),
        "report_submitted": report_submitted,
        "power_incident": filed(1, 1, agency=world["power"], user=sngo_officer),
    }


def _drills_and_obligations(world, users, now) -> dict:
    officer = users["officer"]
    incident_services.drill_assign_year(agencies=[world["tax"]], year=2026, acting_user=users["moda"], now=now)
    conducted = Drill.objects.get(kind="incident_response")
    incident_services.drill_record_conducted(
        drill=conducted, conducted_on=date(2026, 10, 1), participants=20, acting_user=officer, now=now
    )
    approve_level(world["tax"], "C", date(2026, 3, 16))
    tax_obligations = Obligation.objects.filter(agency=world["tax"]).order_by("pk")
    submission = obligation_services.evidence_submit(
        now=timezone.now(), obligation=tax_obligations[0], uploads=[_pdf()], acting_user=officer
    )
    return {
        "drill": Drill.objects.get(kind="social_engineering", starts_on__month=7),
        "conducted_drill": conducted,
        "submitted": tax_obligations[0],
        "open": tax_obligations[1],
        "submission": submission,
        "file": EvidenceFile.objects.get(submission=submission),
    }


def _state():
    return (
        Incident.objects.count(),
        IncidentEvent.objects.count(),
        ObligationEvent.objects.count(),
        EvidenceSubmission.objects.count(),
        Drill.objects.filter(conducted_on__isnull=False).count(),
        Drill.objects.filter(results_submitted_at__isnull=False).count(),
        ReadEvent.objects.count(),
        IdempotencyKey.objects.count(),
        list(Incident.objects.order_by("pk").values_list("status", "level", "description")),
        list(EvidenceSubmission.objects.order_by("pk").values_list("review", flat=True)),
        AgencyEvent.objects.count(),
        list(LevelDecision.objects.order_by("pk").values_list("status", "filed_at")),
        list(AgencyContact.objects.order_by("pk").values_list("name", "valid_to")),
        list(InformationSystem.objects.order_by("pk").values_list("name", "is_core")),
    )


def _outcome(response) -> str:
    return "ok" if 200 <= response.status_code < 300 else str(response.status_code)


def _call(client, action, extras):
    method, url, body, fmt, headers, _expected = ACTIONS[action]
    kwargs = {**(headers(extras) if headers else {})}
    if body is not None:
        kwargs.update(data=body(extras), format=fmt)
    return getattr(client, method)(url(extras), **kwargs)


def _check(response, expected: str, before) -> str | None:
    """None when the outcome is the expected one (and a denial changed nothing); else what went wrong."""
    if _outcome(response) != expected:
        return f"answered {response.status_code}, expected {expected}: {response.content[:200]!r}"
    if expected != "ok":
        if set(response.json()) != {"code", "message", "fields"}:
            return f"error body {response.json()}"
        if _state() != before:
            return "a denied request changed data"
    return None


@pytest.mark.parametrize("action", list(ACTIONS))
def test_api_permission_matrix(world, users, extras, action):
    """Each role's request runs in a savepoint rolled back afterwards, so every role meets the same state."""
    tokens = {role: token_for(users[role]) for role in ROLES if role != "anonymous"}
    failures = {}
    for role in ROLES:
        with transaction.atomic():
            before = _state()
            response = _call(client_with(tokens.get(role)), action, extras)
            problem = _check(response, ACTIONS[action][-1][role], before)
            transaction.set_rollback(True)
        if problem:
            failures[role] = problem
    assert failures == {}


def test_matrix_covers_every_api_operation():
    """Every operation of the live schema is in the matrix (method and path)."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(patterns=None).get_schema(request=None, public=True)
    operations = {(method, path) for path, item in schema["paths"].items() for method in item}
    covered = {(spec[0], _template(spec[1])) for spec in (*ACTIONS.values(), *REPORT_AUDIT_ACTIONS.values())}
    covered |= OPENDATA_OPERATIONS  # open data's own matrix: tests/api/test_opendata.py
    assert operations - covered == set()


def _template(url) -> str:
    import re

    sample = url(_SAMPLE_IDS)
    return re.sub(r"/\d+/", "/{id}/", sample)


class _Ids(dict):
    def __missing__(self, key):
        return type("Row", (), {"pk": 1, "isoformat": lambda self: ""})()


_SAMPLE_IDS = _Ids()


# ---- Reports and audits (a fixture of their own: the audits in three states and an issued report) ----
# Audits of 財政部臺北國稅局 in plans of 財政部 (mof manages them; the competent authority manages every plan);
# the auditor is on the team of the audit under way only — on the others it gets 404, as everyone outside.
SEES_AUDIT = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="ok", auditor="ok")
SEES_OTHER_AUDIT = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="ok")
MANAGES_PLAN = _expect(default="404", admin="ok", moda="ok", mof="ok")
AUDITORS_ACT = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="403", auditor="ok")
AUDITEE_ACTS = _expect(default="404", admin="403", moda="403", mof="403", officer="ok")
MANAGER_DECIDES = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="403")
SEES_SCORECARD = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="ok")
# requesting: a user who may generate no report at all is refused (403); one who may, but not of 國稅局, 404
REQUESTS_SCORECARD = {**SEES_SCORECARD, "auditor": "403", "observer": "403", "nobody": "403"}
SEES_BATCH = _expect(default="404", admin="ok", moda="ok", moea="ok")
# a sector summary's draft: seen and issued by its issuing authority only (the competent authority, the regulator)
ISSUES_SECTOR = _expect(default="404", admin="ok", moda="ok", moea="ok")


def _a(key, step=""):
    return lambda x: f"/api/v1/audits/{x[key].pk}/{step}"


REPORT_AUDIT_ACTIONS = {
    "reports · GET list": ("get", lambda x: "/api/v1/reports/", None, None, None, EVERYONE),
    "reports · POST scorecard of 國稅局": (
        "post",
        lambda x: "/api/v1/reports/",
        lambda x: {"kind": "scorecard", "year": x["year"], "agency": x["tax"].pk},
        "json",
        None,
        REQUESTS_SCORECARD,
    ),  # fmt: skip
    "report (scorecard of 國稅局) · GET": (
        "get",
        lambda x: f"/api/v1/reports/{x['report'].pk}/",
        None,
        None,
        None,
        SEES_SCORECARD,
    ),  # fmt: skip
    "report (sector draft) · POST issue": (
        "post",
        lambda x: f"/api/v1/reports/{x['sector_draft'].pk}/issue/",
        None,
        None,
        None,
        ISSUES_SECTOR,
    ),  # fmt: skip
    "report · GET download": (
        "get",
        lambda x: f"/api/v1/reports/{x['report'].pk}/download/",
        None,
        None,
        None,
        SEES_SCORECARD,
    ),  # fmt: skip
    "report batches · GET list": ("get", lambda x: "/api/v1/report-batches/", None, None, None, EVERYONE),
    "report batches · POST export": (
        "post",
        lambda x: "/api/v1/report-batches/",
        lambda x: {"year": x["year"], "language": "en"},
        "json",
        None,
        _expect(default="403", admin="ok", moda="ok", moea="ok"),
    ),  # fmt: skip
    "report batch · GET": ("get", lambda x: f"/api/v1/report-batches/{x['batch'].pk}/", None, None, None, SEES_BATCH),
    "report batch · GET download": (
        "get",
        lambda x: f"/api/v1/report-batches/{x['batch'].pk}/download/",
        None,
        None,
        None,
        SEES_BATCH,
    ),  # fmt: skip
    "audit plans · GET list": ("get", lambda x: "/api/v1/audit-plans/", None, None, None, EVERYONE),
    "audit plan · GET": (
        "get",
        lambda x: f"/api/v1/audit-plans/{x['plan'].pk}/",
        None,
        None,
        None,
        MANAGES_PLAN,
    ),  # fmt: skip
    "audits · GET list": ("get", lambda x: "/api/v1/audits/", None, None, None, EVERYONE),
    "audit (under way) · GET": ("get", _a("fieldwork"), None, None, None, SEES_AUDIT),
    "audit (report issued) · GET": ("get", _a("report_issued"), None, None, None, SEES_OTHER_AUDIT),
    "audit checklist · GET": ("get", _a("fieldwork", "checklist/"), None, None, None, SEES_AUDIT),
    "audit findings · GET": ("get", _a("fieldwork", "findings/"), None, None, None, SEES_AUDIT),
    "audit improvement · GET": ("get", _a("report_issued", "improvement/"), None, None, None, SEES_OTHER_AUDIT),
    "audit · POST answer": (
        "post",
        _a("fieldwork", "answers/"),
        lambda x: {"item": x["item"].pk, "version": 0, "result": "conforms"},
        "json",
        None,
        AUDITORS_ACT,
    ),  # fmt: skip
    "audit · POST finding": (
        "post",
        _a("fieldwork", "findings/"),
        _json({"kind": "suggestion", "severity": "low", "description": "建議"}),
        "json",
        lambda x: {"HTTP_IF_MATCH": etag_of(x["fieldwork"])},
        AUDITORS_ACT,
    ),  # fmt: skip
    "audit · POST improvement (submit)": (
        "post",
        _a("report_issued", "improvement/"),
        lambda x: {"measures": [x["measure"]], "submit": True},
        "json",
        lambda x: {"HTTP_IF_MATCH": etag_of(x["report_issued"])},
        AUDITEE_ACTS,
    ),  # fmt: skip
    "audit · POST improvement decision": (
        "post",
        _a("improvement_submitted", "improvement/decision/"),
        _json({"accept": True}),
        "json",
        None,
        MANAGER_DECIDES,
    ),  # fmt: skip
}


@pytest.fixture
def report_audit_extras(world, users, settings, tmp_path, django_capture_on_commit_callbacks):
    from audits.models import ChecklistTemplate
    from infrastructure.models import Sector
    from reports import services as report_services
    from reports.documents_access import generation_subject

    settings.MEDIA_ROOT = tmp_path
    year = timezone.localdate().year
    world["power"].sectors.add(Sector.objects.filter(is_active=True).order_by("sort_order", "code")[0])
    subject = generation_subject(kind="scorecard", user=users["officer"], year=year, language="zh-hant",
                                 agency=world["tax"])  # fmt: skip
    report = report_services.report_generate(acting_user=users["officer"], now=timezone.now(), **subject)
    sector = generation_subject(kind="sector", user=users["moea"], year=year, language="zh-hant",
                                sector_key=world["power"].sectors.get().code)  # fmt: skip
    sector_draft = report_services.report_draft_open(acting_user=users["moea"], now=timezone.now(), **sector)
    with django_capture_on_commit_callbacks(execute=True):
        batch, _created = report_services.batch_start(
            year=year, language="zh-hant", sector_keys=["public-agencies"], acting_user=users["moea"], issuer="經濟部",
            now=timezone.now(),
        )  # fmt: skip
    checklist = ChecklistTemplate.objects.get(version=1, audience="government")
    fieldwork = _tax_audit(world, users, checklist, 2026, stage="fieldwork", auditor=users["auditor"])
    issued = _tax_audit(world, users, checklist, 2025, stage="report_issued")
    submitted = _tax_audit(world, users, checklist, 2024, stage="improvement_submitted")
    finding = issued.findings.get()
    return {
        "year": year,
        "tax": world["tax"],
        "report": report,
        "sector_draft": sector_draft,
        "batch": batch,
        "fieldwork": fieldwork,
        "plan": fieldwork.plan,
        "item": fieldwork.checklist.items.order_by("position")[0],
        "report_issued": issued,
        "improvement_submitted": submitted,
        "measure": {
            "finding": finding.pk,
            "cause": "c",
            "measures": "m",
            "planned_completion": "2026-12-31",
            "tracking_method": "t",
        },  # fmt: skip
    }


def _tax_audit(world, users, checklist, year, *, stage, auditor=None):
    """An audit of 國稅局 in 財政部's plan of ``year``, taken through the services to ``stage``."""
    from audits import services as audit_services
    from tests.audits.conftest import PLAN_TEXT, answer_all, at, sign_all, team_of

    mof, officer = users["mof"], users["officer"]
    plan = audit_services.plan_create(
        authority=world["finance"], year=year, actor=mof, now=at(date(year, 1, 5)), **PLAN_TEXT
    )
    plan = audit_services.plan_approve(plan=plan, actor=mof, now=at(date(year, 1, 6)))
    audit = audit_services.audit_schedule(
        plan=plan, auditee=world["tax"], starts_on=date(year, 3, 16), ends_on=date(year, 3, 17), place="國稅局",
        checklist=checklist, actor=mof, now=at(date(year, 1, 10)),
    )  # fmt: skip
    members = team_of(audit, mof)
    if auditor is not None:
        members.append(
            audit_services.member_add(
                audit=audit,
                user=auditor,
                is_government_representative=False,
                organisation="稽核公司",
                actor=mof,
                now=at(date(year, 1, 11)),
            ).member  # fmt: skip
        )
    audit = audit_services.audit_notice_send(audit=audit, actor=mof, now=at(date(year, 2, 2)))
    sign_all(members, at(date(year, 2, 10)))
    audit = audit_services.fieldwork_start(audit=audit, actor=members[0].user, now=at(date(year, 3, 16), 9))
    if stage == "fieldwork":
        return audit
    answer_all(audit, members[0], at(date(year, 3, 16), 11))
    audit_services.finding_record(
        audit=audit, kind="deficiency", severity="high", description="d", actor=members[0].user,
        now=at(date(year, 3, 16), 12),
    )  # fmt: skip
    audit_services.fieldwork_complete(audit=audit, actor=members[0].user, now=at(date(year, 3, 17), 17))
    audit = audit_services.report_issue(
        audit=audit, scope="s", refusals="", notes="", actor=mof, now=at(date(year, 4, 1))
    )
    measure = audit_services.MeasureInput(
        finding_id=audit.findings.get().pk, cause="c", measures="m", planned_completion=date(year, 12, 31),
        tracking_method="t",
    )  # fmt: skip
    audit_services.improvement_save(audit=audit, measures=[measure], actor=officer, now=at(date(year, 4, 10)))
    if stage == "improvement_submitted":
        audit_services.improvement_submit(audit=audit, actor=officer, now=at(date(year, 4, 11)))
    audit.refresh_from_db()
    return audit


def _report_audit_state():
    from audits.models import AuditEvent, ChecklistAnswer, Finding, ImprovementReport
    from reports.models import GeneratedReport, ReportBatch, ReportEvent

    return (
        _state(),
        AuditEvent.objects.count(),
        ChecklistAnswer.objects.count(),
        Finding.objects.count(),
        list(ImprovementReport.objects.order_by("pk").values_list("status", flat=True)),
        GeneratedReport.objects.count(),
        ReportEvent.objects.count(),
        ReportBatch.objects.count(),
    )


@pytest.mark.parametrize("action", list(REPORT_AUDIT_ACTIONS))
def test_api_permission_matrix_reports_and_audits(world, users, report_audit_extras, action):
    tokens = {role: token_for(users[role]) for role in ROLES if role != "anonymous"}
    method, url, body, fmt, headers, expected = REPORT_AUDIT_ACTIONS[action]
    failures = {}
    for role in ROLES:
        with transaction.atomic():
            before = _report_audit_state()
            kwargs = {**(headers(report_audit_extras) if headers else {})}
            if body is not None:
                kwargs.update(data=body(report_audit_extras), format=fmt)
            response = getattr(client_with(tokens.get(role)), method)(url(report_audit_extras), **kwargs)
            problem = None
            if _outcome(response) != expected[role]:
                problem = f"answered {response.status_code}, expected {expected[role]}: {response.content[:200]!r}"
            elif expected[role] != "ok" and (
                set(response.json()) != {"code", "message", "fields"} or _report_audit_state() != before
            ):
                problem = "a denial with another body, or one that changed data"
            transaction.set_rollback(True)
        if problem:
            failures[role] = problem
    assert failures == {}
