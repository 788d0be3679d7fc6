"""Every role × every dashboard, compliance page and export (page, export channel): "ok", "404" (no report
scope, or the agency is outside it), "login". A denied export writes no read log."""

import pytest
from django.urls import reverse

from access.models import ReadEvent
from tests.access.test_permission_matrix import ROLES, _client_for, _expect, _outcome

pytestmark = pytest.mark.django_db

EVERYONE = _expect(default="ok")
REPORT_ROLES = _expect(default="404", admin="ok", moda="ok", moea="ok", mof="ok", officer="ok", viewer="ok")
SEES_TAX = _expect(default="404", admin="ok", moda="ok", mof="ok", officer="ok")
SEES_POWER = _expect(default="404", admin="ok", moda="ok", moea="ok")


def _u(name, *args):
    return lambda w: reverse(f"reports:{name}", args=[a(w) if callable(a) else a for a in args])


ACTIONS = {
    "home (landing)": (lambda w: reverse("home"), EVERYONE),
    "dashboard (page)": (_u("dashboard"), EVERYONE),
    "compliance per agency (page)": (_u("compliance"), REPORT_ROLES),
    "compliance per sector (page)": (lambda w: reverse("reports:compliance") + "?by=sector", REPORT_ROLES),
    "compliance of 國稅局 (drill-down page)": (_u("agency_compliance", lambda w: w["tax"].pk), SEES_TAX),
    "compliance of 台電 (drill-down page)": (_u("agency_compliance", lambda w: w["power"].pk), SEES_POWER),
    "old compliance URL (redirect)": (lambda w: reverse("obligations:compliance"), EVERYONE),
    "key figures (ODT export)": (_u("export_odt"), REPORT_ROLES),
    **{f"figures ({fmt} export)": (_u("export_figures", fmt), REPORT_ROLES) for fmt in ("xlsx", "ods", "csv")},
    **{
        f"{dataset} rows ({fmt} export)": (_u("export_rows", dataset, fmt), REPORT_ROLES)
        for dataset in ("agencies", "registry", "obligations", "incidents", "drills")
        for fmt in ("xlsx", "ods", "csv")
    },
}
CASES = [pytest.param(action, role, id=f"{action} · {role}") for action in ACTIONS for role in ROLES]


@pytest.mark.parametrize(("action", "role"), CASES)
def test_permission_matrix(client, world, users, action, role):
    url, expected = ACTIONS[action]
    client = _client_for(client, users, role)
    before = ReadEvent.objects.count()
    response = client.get(url(world))
    assert _outcome(response) == expected[role]
    exported = "export" in action and expected[role] == "ok"
    assert ReadEvent.objects.count() == before + (1 if exported else 0)


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("moda", "/reports/dashboard/"),
        ("moea", "/reports/dashboard/"),
        ("mof", "/reports/dashboard/"),
        ("officer", "/reports/dashboard/"),
        ("auditor", "/audits/"),
        ("observer", "/incidents/national/"),
        ("nobody", "/audits/"),
    ],
)
def test_each_role_lands_on_its_page(client, users, role, landing):
    client = _client_for(client, users, role)
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert response.request["PATH_INFO"].startswith(landing)


def test_unknown_export_format_or_dataset_is_404(client, users):
    client = _client_for(client, users, "moda")
    assert client.get(reverse("reports:export_figures", args=["exe"])).status_code == 404
    assert client.get(reverse("reports:export_rows", args=["users", "csv"])).status_code == 404
    assert ReadEvent.objects.exists() is False
