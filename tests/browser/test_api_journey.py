"""API journey in headless Chromium: an officer creates a write token on the tokens page (shown once), the
token files an incident through the API, the page lists the token's last use; the interactive
documentation (Swagger UI) renders from local files without a Content-Security-Policy violation."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from rest_framework.test import APIClient

from incidents.models import Incident
from tests.browser.test_incidents_journey import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _watch(page) -> list[str]:
    problems = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on(
        "request",
        lambda r: problems.append(r.url) if not r.url.startswith(("http://localhost", "data:", "blob:")) else None,
    )
    return problems


def test_officer_creates_a_token_and_files_through_the_api(page, live_server, world, users, screenshot):
    problems = _watch(page)
    _log_in(page, live_server, users["officer"])
    page.goto(live_server.url + "/api/tokens/")
    page.fill("#id_name", "SOC 通報串接")
    page.select_option("#id_scope", "write")
    page.click("form button[type=submit]:has-text('建立權杖')")
    raw = page.locator("[data-testid=new-token]").inner_text()
    assert re.fullmatch(r"csma_[\w-]{43}", raw)
    screenshot("api-01-token-created")

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    body = {
        "agency": world["tax"].pk, "title": "API 通報", "incident_type": "malware", "description": "d",
        "measures_taken": "m", "aware_at": (timezone.now() - timedelta(minutes=5)).isoformat(),
        "confidentiality": "minor", "confidentiality_scope": "core",
    }  # fmt: skip
    assert client.post("/api/v1/incidents/", body, format="json").status_code == 201
    assert Incident.objects.get().level == 2

    page.goto(live_server.url + "/api/tokens/")
    expect(page.locator("[data-testid=new-token]")).to_have_count(0)  # shown once
    expect(page.locator("table")).to_contain_text("SOC 通報串接")
    expect(page.locator("table")).not_to_contain_text("從未使用")
    screenshot("api-02-token-list")
    assert problems == []


def test_the_documentation_renders_from_local_files(page, live_server, screenshot):
    problems = _watch(page)
    page.goto(live_server.url + "/api/docs/")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=15000)
    expect(page.locator(".swagger-ui")).to_contain_text("/api/v1/incidents/")
    screenshot("api-03-swagger-ui")
    assert problems == []
