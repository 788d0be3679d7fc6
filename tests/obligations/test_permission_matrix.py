"""Every role × every obligations action and channel (pages, evidence upload and download, review and exempt
POSTs, rule-set management, filings, staff records). Outcomes as in tests/access/test_permission_matrix.py:
"ok", "404" (outside the user's scope), "403" (visible, not allowed), "login". A denial changes nothing and
writes no event, no read log and no e-mail."""

from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from access.models import ReadEvent
from obligations import services
from obligations.models import (
    AdHocAssignment,
    AnnualFiling,
    EvidenceFile,
    EvidenceSubmission,
    Obligation,
    ObligationEvent,
    RuleSet,
    StaffingRecord,
)
from tests.access.test_permission_matrix import ROLES, _client_for, _expect, _outcome
from tests.obligations.conftest import PDF
from tests.obligations.helpers import approve_level

pytestmark = pytest.mark.django_db

EVERYONE = _expect(default="ok")
SEES_TAX = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="ok")
SEES_POWER = _expect(default="404", admin="ok", moda="ok", moea="ok")
SUBMITS_FOR_TAX = _expect(default="404", admin="ok", moda="403", mof="403", officer="ok")
REVIEWS_TAX = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="403")
REVIEWERS = _expect(admin="ok", moda="ok", moea="ok", mof="ok")
FILES_FOR_TAX = _expect(default="404", admin="ok", moda="403", mof="ok", officer="ok")
RULE_DATA = _expect(admin="ok")


def _pdf():
    return SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")


def _u(name, *args):
    return lambda w, x: reverse(f"obligations:{name}", args=[a(w, x) if callable(a) else a for a in args])


ACTIONS = {
    "obligation list (page)": ("get", _u("list"), None, EVERYONE),
    "compliance rates (page)": ("get", _u("compliance"), None, EVERYONE),
    "my obligations of 國稅局 (page)": ("get", _u("agency", lambda w, x: w["tax"].pk), None, SEES_TAX),
    "obligations of 台電 (page)": ("get", _u("agency", lambda w, x: w["power"].pk), None, SEES_POWER),
    "obligation detail (page)": ("get", _u("detail", lambda w, x: x["submitted"].pk), None, SEES_TAX),
    "evidence download (download)": ("get", _u("evidence_download", lambda w, x: x["file"].pk), None, SEES_TAX),
    "evidence upload (form)": (
        "post",
        _u("evidence_submit", lambda w, x: x["open"].pk),
        lambda w, x: {"files": _pdf(), "statement": "done"},
        SUBMITS_FOR_TAX,
    ),
    "review: accept (form)": (
        "post",
        _u("review", lambda w, x: x["submission"].pk),
        lambda w, x: {"decision": "accept"},
        REVIEWS_TAX,
    ),
    "exempt (form)": (
        "post",
        _u("exempt", lambda w, x: x["other"].pk),
        lambda w, x: {"legal_basis": "分級辦法第11條第3項"},
        REVIEWS_TAX,
    ),
    "review queue (page)": ("get", _u("review_queue"), None, REVIEWERS),
    "ad-hoc assignment (page)": ("get", _u("adhoc_create"), None, REVIEWERS),
    "ad-hoc assignment to 國稅局 (form)": (
        "post",
        _u("adhoc_create"),
        lambda w, x: {"title": "補件", "due_on": "2027-03-31", "agency": w["tax"].name},
        _expect(admin="ok", moda="ok", moea="ok", mof="ok"),
    ),
    "rule sets (page)": ("get", _u("ruleset_list"), None, EVERYONE),
    "rule set detail (page)": ("get", _u("ruleset_detail", lambda w, x: x["ruleset"].pk), None, EVERYONE),
    "rule set compare (page)": ("get", _u("ruleset_compare"), None, EVERYONE),
    "rule set new version (form)": (
        "post",
        _u("ruleset_new_version", lambda w, x: x["ruleset"].pk),
        lambda w, x: {},
        RULE_DATA,
    ),
    "annual filings of 國稅局 (page)": ("get", _u("filings", lambda w, x: w["tax"].pk), None, SEES_TAX),
    "maintenance plan (page)": ("get", _u("filing_edit", lambda w, x: w["tax"].pk, "plan", 2026), None, FILES_FOR_TAX),
    "maintenance plan save (form)": (
        "post",
        _u("filing_edit", lambda w, x: w["tax"].pk, "plan", 2026),
        lambda w, x: {"section_1": "核心業務", "save": "1"},
        FILES_FOR_TAX,
    ),
    "filing review (form)": (
        "post",
        _u("filing_review", lambda w, x: x["filing"].pk),
        lambda w, x: {"decision": "accept"},
        REVIEWS_TAX,
    ),
    "staff and training (page)": ("get", _u("people", lambda w, x: w["tax"].pk), None, SEES_TAX),
    "staffing record (form)": (
        "post",
        _u("people", lambda w, x: w["tax"].pk),
        lambda w, x: {
            "form": "staffing",
            "staffing-year": 2026,
            "staffing-dedicated_headcount": 1,
            "staffing-full_time_headcount": 1,
        },
        SUBMITS_FOR_TAX,
    ),
}


@pytest.fixture
def extras(world, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    approve_level(world["tax"], "C", date(2026, 3, 16))
    approve_level(world["power"], "B", date(2026, 3, 16))
    tax = Obligation.objects.filter(agency=world["tax"]).order_by("pk")
    submitted, open_one, other = tax[0], tax[1], tax[2]
    submission = services.evidence_submit(
        now=timezone.now(), obligation=submitted, uploads=[_pdf()], acting_user=users["officer"]
    )
    sections = {n: {"content": f"§{n}"} for n in range(1, 14)}
    filing = services.filing_save(
        agency=world["tax"], kind="plan", year=2025, sections=sections, acting_user=users["officer"], now=timezone.now()
    )
    services.filing_submit(now=timezone.now(), filing=filing, acting_user=users["officer"])
    return {
        "submitted": submitted,
        "open": open_one,
        "other": other,
        "submission": submission,
        "file": EvidenceFile.objects.get(submission=submission),
        "ruleset": RuleSet.objects.order_by("pk")[0],
        "filing": filing,
    }


def _state():
    return (
        list(Obligation.objects.order_by("pk").values_list("status", flat=True)),
        EvidenceSubmission.objects.count(),
        EvidenceFile.objects.count(),
        ObligationEvent.objects.count(),
        ReadEvent.objects.count(),
        RuleSet.objects.count(),
        AdHocAssignment.objects.count(),
        list(AnnualFiling.objects.values_list("status", flat=True)),
        StaffingRecord.objects.count(),
    )


CASES = [pytest.param(action, role, id=f"{action} · {role}") for action in ACTIONS for role in ROLES]


@pytest.mark.parametrize(("action", "role"), CASES)
def test_permission_matrix(client, world, users, extras, action, role):
    method, url, data, expected = ACTIONS[action]
    client = _client_for(client, users, role)
    before, outbox_before = _state(), len(mail.outbox)
    path = url(world, extras)
    response = client.post(path, data(world, extras)) if method == "post" else client.get(path)
    assert _outcome(response) == expected[role]
    if expected[role] != "ok":
        assert _state() == before
        assert len(mail.outbox) == outbox_before


def test_download_writes_a_read_log(client, world, users, extras):
    client.force_login(users["officer"])
    response = client.get(reverse("obligations:evidence_download", args=[extras["file"].pk]))
    assert (response.status_code, b"".join(response.streaming_content)) == (200, PDF)
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    event = ReadEvent.objects.get(action="download")
    assert (event.user, event.object_type, event.object_id) == (
        users["officer"],
        "evidence_file",
        str(extras["file"].pk),
    )


def test_upload_of_a_bad_file_through_the_page_shows_the_message(client, world, users, extras):
    client.force_login(users["officer"])
    bad = SimpleUploadedFile("evil.pdf", b"MZ\x90\x00", content_type="application/pdf")
    before = _state()
    response = client.post(reverse("obligations:evidence_submit", args=[extras["open"].pk]), {"files": bad})
    assert response.status_code == 400
    assert "“evil.pdf” is not an accepted file" in response.content.decode() or "evil.pdf" in response.content.decode()
    assert _state() == before
