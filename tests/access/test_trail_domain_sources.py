"""Incident, drill and obligation events in the audit trail (issue 10): the trail page and its export show them,
readably, to the holders of access.view_event_log (who see the whole trail), and an agency's history page shows
them to the users who may see that agency and its incidents, drills and obligations — nobody else."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from access.mfa import mfa_required_for
from access.trail import trail_for_object
from common.names import person_name
from incidents import services as incidents
from obligations import services as obligations
from obligations.models import Obligation
from tests.conftest import otp_verify
from tests.incidents.conftest import AWARE_2026, file_incident
from tests.obligations.conftest import PDF
from tests.obligations.helpers import approve_level

pytestmark = pytest.mark.django_db
REVIEWED = AWARE_2026 + timedelta(hours=2)  # 2026-03-02 04:00 in Taipei


@pytest.fixture
def tax_history(world, users, settings, tmp_path):
    """國稅局: an incident reviewed by 財政部 (level confirmed), its 2026 drills assigned, evidence submitted."""
    settings.MEDIA_ROOT = tmp_path / "private"
    incident = file_incident(world["tax"], users["officer"], title="網站遭置換")
    incidents.incident_review_complete(
        incident=incident, level=1, note="確認第一級", acting_user=users["mof"], now=REVIEWED
    )
    incidents.drill_assign_year(agencies=[world["tax"]], year=2026, acting_user=users["moda"], now=REVIEWED)
    approve_level(world["tax"], "C", date(2026, 3, 16))
    obligation = Obligation.objects.get(agency=world["tax"], requirement__code="mgmt-security-staff")
    upload = SimpleUploadedFile("staff.pdf", PDF, content_type="application/pdf")
    obligations.evidence_submit(
        obligation=obligation, uploads=[upload], acting_user=users["officer"], now=timezone.now()
    )
    return {"incident": incident, "obligation": obligation}


def _logged_in(client, user):
    if mfa_required_for(user):
        return otp_verify(client, user)
    client.force_login(user)
    return client


def _mine(rows) -> list[tuple]:
    """(source, kind, actor, object, changes) of the three events under test, in a stable order."""
    wanted = {("incidents", "level_confirmed"), ("drills", "assigned"), ("obligations", "evidence_submitted")}
    picked = [row for row in rows if (row["source"], row["kind"]) in wanted]
    return sorted(
        ((str(row["source_label"]), str(row["kind_label"]), row["actor_label"], row["object_label"], row["changes"])
         for row in picked),
        key=str,
    )  # fmt: skip


def _expected(users) -> list[tuple]:
    status = "狀態"
    return sorted(
        [
            (
                "資通安全事件",
                "等級已確認",
                person_name(users["mof"]),
                "資通安全事件 財政部臺北國稅局：網站遭置換",
                [
                    {"label": status, "before": "已通報", "after": "等級已確認"},
                    {"label": "等級", "value": "1"},
                    {"label": "通報等級", "value": "1"},
                    {"label": "備註", "value": "確認第一級"},
                ],
            ),
            # Three drills a year (Art 8): social engineering each half-year, incident response once.
            ("演練", "已指派", person_name(users["moda"]), "演練 財政部臺北國稅局：社交工程演練",
             [{"label": "辦理期限", "value": "民國115年6月30日"}]),
            ("演練", "已指派", person_name(users["moda"]), "演練 財政部臺北國稅局：社交工程演練",
             [{"label": "辦理期限", "value": "民國115年12月31日"}]),
            ("演練", "已指派", person_name(users["moda"]), "演練 財政部臺北國稅局：資通安全事件通報及應變演練",
             [{"label": "辦理期限", "value": "民國115年12月31日"}]),
            (
                "應辦事項",
                "送出佐證資料",
                person_name(users["officer"]),
                "應辦事項 財政部臺北國稅局 " + Obligation.objects.get(requirement__code="mgmt-security-staff",
                                                              agency__name="財政部臺北國稅局").requirement.item_zh,
                [{"label": status, "before": "待辦理", "after": "已送出"}, {"label": "檔案", "value": "staff.pdf"}],
            ),
        ],
        key=str,
    )  # fmt: skip


def test_the_trail_page_shows_incident_drill_and_obligation_events_readably(client, users, tax_history):
    client = otp_verify(client, users["moda"])
    with translation.override("zh-hant"):
        response = client.get(reverse("access:trail"), HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert response.status_code == 200
    with translation.override("zh-hant"):
        assert _mine(response.context["rows"]) == _expected(users)
    html = response.content.decode()
    assert "民國115年3月2日 04:00" in html  # the review at 04:00 Taipei (20:00 UTC the day before), ROC year


def test_the_trail_export_has_the_same_events(client, users, tax_history):
    client = otp_verify(client, users["moda"])
    response = client.get(reverse("access:trail_export"), HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))[1:]
    review = [row for row in rows if row[3] == "等級已確認"]
    assert len(review) == 1
    assert review[0][1:5] == (
        person_name(users["mof"]),
        "資通安全事件",
        "等級已確認",
        "資通安全事件 財政部臺北國稅局：網站遭置換",
    )
    assert review[0][7] == "狀態：已通報 → 等級已確認\n等級：1\n通報等級：1\n備註：確認第一級"
    assert review[0][0] == "115/03/02 04:00:00"
    sources = {(row[2], row[3]) for row in rows}
    assert {("演練", "已指派"), ("應辦事項", "送出佐證資料")} <= sources


@pytest.mark.parametrize("username", ["officer", "viewer", "moea"])
def test_the_trail_and_its_export_are_closed_to_users_without_view_event_log(client, users, tax_history, username):
    client = _logged_in(client, users[username])
    assert client.get(reverse("access:trail")).status_code == 403
    assert client.get(reverse("access:trail_export")).status_code == 403


def test_the_agency_history_shows_them_to_a_user_who_may_see_the_agency(client, users, world, tax_history):
    client.force_login(users["officer"])
    response = client.get(reverse("access:agency_history", args=[world["tax"].pk]), HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert response.status_code == 200
    with translation.override("zh-hant"):
        assert _mine(response.context["rows"]) == _expected(users)


@pytest.mark.parametrize("username", ["viewer", "moea"])
def test_the_agency_history_is_closed_and_the_sources_empty_for_a_user_who_may_not_see_it(
    client, users, world, tax_history, username
):
    client = _logged_in(client, users[username])
    assert client.get(reverse("access:agency_history", args=[world["tax"].pk])).status_code == 404
    rows = trail_for_object(object_type="agency", object_id=world["tax"].pk, viewer=users[username])
    assert {row["source"] for row in rows} & {"incidents", "drills", "obligations"} == set()


def test_the_history_of_another_agency_has_none_of_them(users, world, tax_history):
    rows = trail_for_object(object_type="agency", object_id=world["power"].pk, viewer=users["moda"])
    assert {row["source"] for row in rows} & {"incidents", "drills", "obligations"} == set()
