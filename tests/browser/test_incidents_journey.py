"""Incident journey in headless Chromium: an officer files a level-3 incident and sees its "notify by" and
"recover by" deadlines; the superior agency reviews within the page and the review clock shows met; a second
incident left unreviewed shows as missed once its clock has passed (time injected through the service's
``now``, never slept). Screenshots go to test-artifacts/."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from incidents.models import Incident
from tests.factories import TEST_PASSWORD
from tests.incidents.conftest import file_incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _log_in(page, live_server, user):
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_auth-username", user.username)
    page.fill("#id_auth-password", TEST_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_officer_files_reviewer_confirms_unreviewed_one_is_missed(page, live_server, world, users, screenshot):
    csp_violations = []
    page.on(
        "console",
        lambda message: csp_violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    aware = timezone.localtime() - timedelta(minutes=10)

    # The officer files a level-3 incident: core system down beyond its tolerable downtime.
    _log_in(page, live_server, users["officer"])
    page.goto(live_server.url + reverse("incidents:file"))
    page.fill("#id_title", "核心系統遭勒索軟體加密")
    page.select_option("#id_incident_type", "malware")
    page.fill("#id_aware_at", aware.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_description", "檔案伺服器遭加密，服務中斷。")
    page.select_option("#id_availability", "not_recovered")
    page.select_option("#id_availability_scope", "core")
    page.fill("#id_measures_taken", "隔離受感染主機。")
    page.click("button[value=propose]")
    expect(page.locator("#proposal")).to_contain_text("3")
    expect(page.locator("#proposal")).to_contain_text("第2條第4項第3款")
    screenshot("incidents-01-file-proposal")
    page.click("#report-button")
    page.wait_for_url(re.compile(r".*/incidents/\d+/$"))

    incident = Incident.objects.get(title="核心系統遭勒索軟體加密")
    expect(page).to_have_url(live_server.url + reverse("incidents:detail", args=[incident.pk]))
    expect(page.locator("#clock-notify")).to_contain_text("通報期限")
    expect(page.locator("#clock-notify")).to_have_attribute("data-state", "met")
    expect(page.locator("#clock-recover")).to_contain_text("損害控制或復原期限")
    expect(page.locator("#clock-recover")).to_contain_text((aware + timedelta(hours=36)).strftime("%H:%M"))
    expect(page.locator("#clock-recover time.countdown")).not_to_be_empty()  # live countdown (static JS)
    screenshot("incidents-02-officer-detail-clocks")

    # A second incident, reported three hours ago and never reviewed: its 2-hour review clock has passed.
    stale = file_incident(
        world["tax"],
        users["officer"],
        level=3,
        title="未審核之事件",
        aware_at=timezone.now() - timedelta(hours=3, minutes=10),
        reported_after=timedelta(minutes=10),
    )

    # The superior agency reviews the first one within the page.
    _log_in(page, live_server, users["mof"])
    page.goto(live_server.url + reverse("incidents:queue"))
    expect(page.locator(f"#incident-{stale.pk}")).to_be_visible()
    expect(page.locator(f"#incident-{incident.pk}")).to_be_visible()
    screenshot("incidents-03-review-queue")
    page.click(f"#incident-{incident.pk} a")
    page.select_option("#review-form select[name=level]", "3")
    page.click("#review-form button[type=submit]")
    expect(page.locator("#incident-status")).to_have_attribute("data-status", "forwarded")
    expect(page.locator("#clock-review")).to_have_attribute("data-state", "met")
    expect(page.locator("#clock-forward")).to_have_attribute("data-state", "met")
    screenshot("incidents-04-reviewed-met")

    page.goto(live_server.url + reverse("incidents:detail", args=[stale.pk]))
    expect(page.locator("#clock-review")).to_have_attribute("data-state", "overdue")
    expect(page.locator("#clock-review")).to_contain_text("未遵期：已逾時 1 小時")  # 60 minutes and counting, as said
    expect(page.locator("#clock-review time.countdown")).to_have_class("countdown late")
    screenshot("incidents-05-unreviewed-missed")
    assert csp_violations == []
