"""Audits through the API: the scope of audits.selectors (a team member sees only the audits they are
assigned to), the checks of the audit pages (403), the same services and AuditEvent rows as the pages,
If-Match on the audit (412) and an answer's own version (409)."""

from datetime import date

import pytest

from api.concurrency import etag_of
from audits import services
from audits.models import AuditEvent, ChecklistAnswer, Finding
from tests.api.conftest import client_with, token_for
from tests.audits.conftest import answer_all, at, in_fieldwork, notified
from tests.audits.conftest import audit as audit  # the fixtures
from tests.audits.conftest import checklist as checklist
from tests.audits.conftest import plan as plan
from tests.audits.conftest import power_officer as power_officer

pytestmark = pytest.mark.django_db


def _as(user, **headers):
    return client_with(token_for(user), **headers)


def _events(audit, kind):
    return list(AuditEvent.objects.filter(audit=audit, kind=kind).values_list("actor__username", "data"))


@pytest.fixture
def fieldwork(audit, users):
    audit, members = in_fieldwork(audit, users["moea"])
    return audit, members


def test_audits_are_seen_by_the_manager_the_team_and_the_notified_auditee_only(audit, users, power_officer, api_as):
    assert api_as("moea").get("/api/v1/audits/").json()["count"] == 1
    assert _as(power_officer).get("/api/v1/audits/").json()["count"] == 0  # planned: not yet the auditee's
    audit, members = in_fieldwork(audit, users["moea"])
    body = _as(members[0].user).get(f"/api/v1/audits/{audit.pk}/").json()
    assert (body["id"], body["status"], body["auditee"], body["starts_on"]) == (
        audit.pk, "fieldwork", audit.auditee_id, "2026-03-16",
    )  # fmt: skip
    assert [a["id"] for a in _as(power_officer).get("/api/v1/audits/").json()["results"]] == [audit.pk]
    moea = api_as("moea")
    assert [moea.get(f"/api/v1/audits/?status={state}").json()["count"] for state in ("fieldwork", "planned")] == [1, 0]
    for role in ("officer", "auditor", "mof", "nobody"):  # not assigned, not the auditee, not the manager
        client = api_as(role)
        assert client.get("/api/v1/audits/").json()["count"] == 0
        assert client.get(f"/api/v1/audits/{audit.pk}/").status_code == 404
        assert client.get(f"/api/v1/audits/{audit.pk}/checklist/").status_code == 404


def test_plans_are_read_by_the_authority_that_manages_them(plan, api_as):
    body = api_as("moea").get(f"/api/v1/audit-plans/{plan.pk}/").json()
    assert (body["title"], body["year"], body["status"]) == ("115年度稽核計畫", 2026, "approved")
    assert api_as("officer").get(f"/api/v1/audit-plans/{plan.pk}/").status_code == 404
    assert api_as("moda").get("/api/v1/audit-plans/").json()["count"] == 1


def test_the_checklist_lists_every_item_with_its_answer(fieldwork):
    audit, members = fieldwork
    items = list(audit.checklist.items.all())
    body = _as(members[0].user).get(f"/api/v1/audits/{audit.pk}/checklist/?page_size=200").json()
    assert body["count"] == len(items) == 87
    first = body["results"][0]
    assert (first["item"], first["item_no"], first["result"], first["answer_version"]) == (
        items[0].pk, items[0].item_no, "", 0,
    )  # fmt: skip


def test_an_auditor_answers_an_item_and_a_stale_version_is_a_conflict(fieldwork):
    audit, members = fieldwork
    item = audit.checklist.items.first()
    client = _as(members[0].user)
    body = {"item": item.pk, "version": 0, "result": "partial", "description": "備份未異地", "evidence": "紀錄"}
    response = client.post(f"/api/v1/audits/{audit.pk}/answers/", body, format="json")
    assert response.status_code == 200
    assert {k: response.json()[k] for k in ("item", "result", "description", "evidence", "version")} == {
        "item": item.pk, "result": "partial", "description": "備份未異地", "evidence": "紀錄", "version": 1,
    }  # fmt: skip
    assert _events(audit, "answer_saved") == [(members[0].user.username, {"item": item.item_no, "by": "auditor"})]
    stale = _as(members[1].user).post(
        f"/api/v1/audits/{audit.pk}/answers/", {**body, "result": "conforms"}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"
    assert ChecklistAnswer.objects.get(audit=audit, item=item).result == "partial"


def test_an_answer_names_its_invalid_field_and_the_auditee_may_not_answer_during_fieldwork(fieldwork, power_officer):
    audit, members = fieldwork
    item = audit.checklist.items.first()
    url = f"/api/v1/audits/{audit.pk}/answers/"
    invalid = _as(members[0].user).post(url, {"item": item.pk, "version": 0, "result": "maybe"}, format="json")
    assert invalid.status_code == 400
    assert list(invalid.json()["fields"]) == ["result"]
    forbidden = _as(power_officer).post(url, {"item": item.pk, "version": 0, "result": "conforms"}, format="json")
    assert forbidden.status_code == 403
    assert AuditEvent.objects.filter(audit=audit, kind="answer_saved").count() == 0


def test_the_auditee_saves_its_self_assessment_between_notice_and_audit(audit, users, power_officer):
    audit = notified(audit, users["moea"])
    item = audit.checklist.items.first()
    body = {"item": item.pk, "version": 0, "result": "conforms", "description": "已建立備份程序"}
    response = _as(power_officer).post(f"/api/v1/audits/{audit.pk}/answers/", body, format="json")
    assert response.status_code == 200
    assert (response.json()["self_result"], response.json()["self_note"], response.json()["result"]) == (
        "conforms", "已建立備份程序", "",
    )  # fmt: skip
    assert _events(audit, "answer_saved") == [(power_officer.username, {"item": item.item_no, "by": "auditee"})]


def test_a_team_member_records_a_finding_and_a_stale_if_match_is_refused(audit, users, power_officer):
    before_fieldwork = etag_of(audit)  # planned: the audit changes when notified and started
    audit, members = in_fieldwork(audit, users["moea"])
    item = audit.checklist.items.first()
    url = f"/api/v1/audits/{audit.pk}/findings/"
    body = {"item": item.pk, "kind": "deficiency", "severity": "high", "description": "備份未異地存放。"}
    client = _as(members[0].user)
    assert client.post(url, body, format="json", HTTP_IF_MATCH=before_fieldwork).status_code == 412
    assert Finding.objects.count() == 0
    response = client.post(url, body, format="json", HTTP_IF_MATCH=etag_of(audit))
    assert response.status_code == 201
    found = response.json()
    assert (found["number"], found["item"], found["kind"], found["severity"], found["status"]) == (
        1, item.pk, "deficiency", "high", "open",
    )  # fmt: skip
    assert _events(audit, "finding_recorded") == [(members[0].user.username, {"finding": 1})]
    assert [f["number"] for f in client.get(url).json()["results"]] == [1]
    assert client.post(url, {**body, "kind": "bad"}, format="json").json()["fields"].keys() == {"kind"}
    assert _as(power_officer).post(url, body, format="json").status_code == 403
    assert _as(users["officer"]).post(url, body, format="json").status_code == 404


@pytest.fixture
def report_issued(audit, users):
    audit, members = in_fieldwork(audit, users["moea"])
    when = at(audit.starts_on, 11)
    answer_all(audit, members[0], when)
    services.finding_record(
        audit=audit, kind="deficiency", severity="high", description="備份未異地", actor=members[0].user, now=when
    )
    services.fieldwork_complete(audit=audit, actor=members[0].user, now=at(audit.ends_on, 17))
    audit = services.report_issue(
        audit=audit, scope="核心系統", refusals="", notes="", actor=users["moea"], now=at(date(2026, 4, 1))
    )
    return audit, members


def test_the_auditee_submits_the_improvement_report_and_the_authority_accepts_it(report_issued, users, power_officer):
    audit, members = report_issued
    finding = audit.findings.get()
    url = f"/api/v1/audits/{audit.pk}/improvement/"
    measure = {
        "finding": finding.pk,
        "cause": "未納入程序",
        "measures": "建立異地備份",
        "planned_completion": "2026-12-31",
        "tracking_method": "每月回報",
    }
    assert _as(members[0].user).post(url, {"measures": [measure]}, format="json").status_code == 403
    invalid = _as(power_officer).post(
        url, {"measures": [{**measure, "planned_completion": "1990-01-01"}]}, format="json"
    )
    assert (invalid.status_code, list(invalid.json()["fields"])) == (400, ["measures"])
    response = _as(power_officer).post(url, {"measures": [measure], "submit": True}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["findings"][0]["measure"]["planned_completion"]) == ("submitted", "2026-12-31")
    kinds = list(AuditEvent.objects.filter(audit=audit).order_by("id").values_list("kind", flat=True))[-2:]
    assert kinds == ["improvement_saved", "improvement_submitted"]
    audit.refresh_from_db()
    assert audit.status == "improvement_submitted"

    decision = f"/api/v1/audits/{audit.pk}/improvement/decision/"
    assert _as(power_officer).post(decision, {"accept": True}, format="json").status_code == 403
    missing_note = _as(users["moea"]).post(decision, {"accept": False}, format="json")
    assert (missing_note.status_code, list(missing_note.json()["fields"])) == (400, ["note"])
    accepted = _as(users["moea"]).post(decision, {"accept": True}, format="json", HTTP_IF_MATCH=etag_of(audit))
    assert (accepted.status_code, accepted.json()["status"]) == (200, "accepted")
    assert _events(audit, "improvement_accepted") == [("moea", {"note": ""})]
