"""Issue 9 outside the import: bad query parameters and form values answer 200/302/400/404 with a message,
never 500; the audit-trail export writes any stored string; incident attachments are typed by content and
name; invisible characters are refused in names; confidential responses are not cached. Each test failed on
the code before the fix (the walker, tests/test_hostile_walk.py, keeps the class closed)."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from access.exports import trail_export_xlsx
from common import bounds
from incidents import services as incident_services
from infrastructure import services as registry
from infrastructure.models import InformationSystem, LevelDecision
from tests.conftest import otp_verify
from tests.incidents.conftest import file_incident

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999999"


# 4. The audit-trail export writes any stored string ----------------------------------------------------


def test_the_trail_export_writes_control_characters_and_neutralises_formulas():
    """Columns as the trail page reads them: who, source, event, object by name (issue 13); control characters
    removed and a formula neutralised whatever the column (issue 9)."""
    row = {
        "occurred_at": timezone.now(), "actor_id": None, "actor_name": "\x01=HYPERLINK(\"x\")", "source": "read",
        "kind": "export", "object_type": "agency", "object_ref": "1", "label": "a\x07b", "ip": "127.0.0.1",
        "data": {"text": "\x1b[31m"},
    }  # fmt: skip
    with translation.override("zh-hant"):
        sheet = openpyxl.load_workbook(io.BytesIO(trail_export_xlsx(rows=[row]))).active
    assert [cell.value for cell in sheet[2]][1:7] == [
        '\'=HYPERLINK("x")',
        "機敏資料讀取",
        "匯出",
        "機關 ab",
        "1",
        "127.0.0.1",
    ]
    assert sheet["B2"].data_type == "s"


# 5. Bad query parameters -------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["regulator", "parent"])
@pytest.mark.parametrize("url", ["infrastructure:agency_list", "infrastructure:agency_export"])
def test_an_id_beyond_64_bits_in_the_registry_filters_is_refused_or_ignored(client, users, key, url):
    client.force_login(users["officer"])
    path = reverse(url, args=["csv"] if url.endswith("export") else [])
    assert client.get(path, {key: HUGE}).status_code == 400  # beyond 64 bits: refused before any view
    assert client.get(path, {key: str(bounds.ID_MAX)}).status_code == 200  # in range, no such agency: ignored


@pytest.mark.parametrize("year", ["abc", "0", "-1", "10000", str(2**63 - 1)])
def test_a_bad_year_in_the_national_view_shows_this_year_with_a_message(client, users, year):
    otp_verify(client, users["moda"])
    response = client.get(reverse("incidents:national"), {"year": year})
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year
    assert [str(m) for m in response.context["messages"]] == ["年度須介於 民國107年 至 民國189年 之間；現顯示本年度。"]


def test_an_ancient_since_in_the_trail_is_a_form_error(client, users):
    otp_verify(client, users["moda"])
    response = client.get(reverse("access:trail"), {"since": "0001-01-01T00:00"})
    assert response.status_code == 200
    assert response.context["form"].errors["since"] == ["請輸入 民國1年1月1日 至 民國189年12月31日 之間的日期。"]
    assert client.get(reverse("access:trail_export"), {"since": "0001-01-01T00:00"}).status_code == 200


# 6. Bad form values ------------------------------------------------------------------------------------


def test_a_huge_affected_system_id_is_a_form_error(client, world, users):
    InformationSystem.objects.create(agency=world["tax"], name="核心系統", is_core=True)
    client.force_login(users["officer"])
    now = timezone.localtime()
    data = {
        "agency": world["tax"].pk, "title": "t", "incident_type": "malware",
        "aware_at": (now - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"), "description": "d",
        "confidentiality": "minor", "integrity": "none", "availability": "none",
        "measures_taken": "m", "channel": "web", "action": "report", "affected_systems": [str(bounds.ID_MAX)],
    }  # fmt: skip
    response = client.post(reverse("incidents:file"), data)
    assert response.status_code == 200
    assert "affected_systems" in response.context["form"].errors
    assert client.post(reverse("incidents:file"), {**data, "affected_systems": [HUGE]}).status_code == 400


def test_a_level_approval_effective_9999_12_31_is_a_form_error(client, world, users):
    decision = registry.level_propose(
        agency=world["tax"], level="B", criteria=["B-3"], acting_user=users["mof"], now=timezone.now()
    )
    registry.level_submit(decision=decision, acting_user=users["mof"], now=timezone.now())
    otp_verify(client, users["moda"])
    response = client.post(
        reverse("infrastructure:level_approve", args=[decision.pk]), {"effective_from": "9999-12-31"}
    )
    assert response.status_code in (200, 302)
    decision.refresh_from_db()
    assert decision.status == LevelDecision.Status.SUBMITTED


@pytest.mark.parametrize("year", ["0", "99999"])
def test_a_filing_for_an_impossible_year_is_not_found(client, world, users, year):
    client.force_login(users["officer"])
    url = f"/obligations/agencies/{world['tax'].pk}/filings/plan/{year}/"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("due_on", ["0001-01-01", "9999-12-31"])
def test_a_measure_due_in_year_1_or_9999_is_a_form_error(client, world, users, due_on):
    incident = file_incident(world["tax"], users["officer"], level=1, aware_at=timezone.now() - timedelta(hours=1))
    client.force_login(users["officer"])
    data = {"category": "technical", "description": "d", "owner": "o", "due_on": due_on}
    response = client.post(reverse("incidents:measure_add", args=[incident.pk]), data)
    assert incident.measures.count() == 0
    assert response.status_code == 400  # the form's errors, as for any invalid measure


# Also: attachments by content, invisible characters, no-store ------------------------------------------


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"<script>alert(1)</script>", "report.html"), (b"plain text", "invoice.pdf"), (b"%PDF-1.7 x", "a.exe")],
)
def test_an_incident_attachment_must_be_what_its_name_says(world, users, content, name):
    incident = file_incident(world["tax"], users["officer"], level=1, aware_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError):
        incident_services.incident_attachment_add(
            incident=incident, content=content, original_name=name, acting_user=users["officer"], now=timezone.now()
        )


def test_invisible_characters_are_refused_in_an_invited_users_name():
    from access.forms import InvitationAcceptForm

    form = InvitationAcceptForm(
        {
            "username": "new",
            "last_name": "王\u202e",
            "first_name": "小明",
            "password": "x" * 12,
            "password_again": "x" * 12,
        }
    )
    assert form.errors["last_name"] == [
        "This value contains invisible control characters (such as a right-to-left override); remove them."
    ]


def test_confidential_pages_and_downloads_carry_no_store(client, world, users):
    otp_verify(client, users["moda"])
    for url in (reverse("access:trail"), reverse("access:trail_export"), reverse("incidents:list")):
        assert "no-store" in client.get(url)["Cache-Control"]


def test_an_admin_add_page_ignores_initial_values_that_are_not_ids(client, users):
    otp_verify(client, users["admin"])
    for value in ("abc", "9999-12-31", "-1"):
        assert client.get("/admin/infrastructure/agency/add/", {"parent": value, "regulator": value}).status_code == 200


def test_bounds_parse_only_integers_in_range():
    assert [bounds.parse_id(v) for v in ("1", " 42 ", "0", "-1", HUGE, "1e3", "١٢", "", None, True)] == [
        1, 42, None, None, None, None, None, None, None, None,
    ]  # fmt: skip
    assert [bounds.parse_year(v) for v in ("2026", "2017", "2101", "abc")] == [2026, None, None, None]


def test_a_rejected_admin_form_with_a_relation_that_is_not_an_id_is_shown_again(client, users):
    otp_verify(client, users["admin"])
    response = client.post("/admin/infrastructure/agency/add/", {"name": "x", "parent": "9999-12-31"})
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
