"""Obligations journey in headless Chromium: a regulator approves a level change for 國稅局 (the approval is
the registry service a regulator's action calls; the registry has no approval page yet), the agency officer
sees the new obligations in ROC dates and uploads evidence, the competent authority (TOTP) accepts it from
the review queue, and the agency's compliance rate goes up. Screenshots go to test-artifacts/."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from access import grants
from access.policy import Role
from infrastructure import services as registry
from obligations.models import Obligation
from tests.factories import TEST_PASSWORD, AgencyFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
TAIPEI = ZoneInfo("Asia/Taipei")
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _user(username, role, agency=None):
    user = UserFactory(username=username, first_name="", last_name="")
    grants.role_grant(user=user, role=role, agency=agency)
    return user


def _log_in(page, live_server, user, *, device=None):
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_auth-username", user.username)
    page.fill("#id_auth-password", TEST_PASSWORD)
    page.click("button[type=submit].primary")
    if device is not None:
        page.fill("#id_token-otp_token", f"{totp(device.bin_key):06d}")
        page.click("button[type=submit].primary")
    expect(page.locator("#id_auth-username")).to_have_count(0)


def _log_out(page):
    page.click("form[action$='/accounts/logout/'] button")


def test_level_change_to_evidence_to_acceptance(page, live_server, screenshot, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "private"
    executive = AgencyFactory(name="行政院")
    finance = AgencyFactory(name="財政部", parent=executive)
    tax = AgencyFactory(name="財政部臺北國稅局", parent=finance)
    officer = _user("officer", Role.SECURITY_OFFICER, tax)
    regulator = _user("moda", Role.COMPETENT_AUTHORITY)
    device = TOTPDevice.objects.create(user=regulator, name="default", confirmed=True)

    # The regulator approves 國稅局's change to level E (one yearly awareness item) …
    decision = registry.level_propose(agency=tax, level="E", criteria=[], adjustment_reason="僅使用上級機關系統",
                                      acting_user=regulator)
    registry.level_approve(decision=decision, effective_from=date(2026, 3, 16), acting_user=regulator,
                           decided_at=datetime(2026, 3, 16, 10, 0, tzinfo=TAIPEI))
    obligation = Obligation.objects.get(agency=tax)
    agency_url = live_server.url + reverse("obligations:agency", args=[tax.pk]) + "?year=2026"

    # … the officer sees it, in ROC dates, and uploads evidence
    _log_in(page, live_server, officer)
    page.goto(agency_url)
    expect(page.locator("#obligations")).to_contain_text("一般使用者及主管通識教育")
    expect(page.locator("#obligations")).to_contain_text("民國115年12月31日")
    expect(page.locator("#compliance-rate")).to_contain_text("0.0%")
    screenshot("obligations-01-officer-sees-new-obligations")
    page.click("#obligations a.button")
    upload = tmp_path / "awareness-2026.pdf"
    upload.write_bytes(PDF)
    page.set_input_files("#upload input[type=file]", str(upload))
    page.fill("#upload textarea", "全體同仁已完成三小時通識教育訓練。")
    screenshot("obligations-02-upload")
    page.click("#upload button[type=submit]")
    expect(page.locator("main")).to_contain_text("awareness-2026.pdf")
    obligation.refresh_from_db()
    assert obligation.status == "submitted"
    _log_out(page)

    # The competent authority accepts it from the review queue
    _log_in(page, live_server, regulator, device=device)
    page.goto(live_server.url + reverse("obligations:review_queue"))
    expect(page.locator("#review-queue")).to_contain_text("財政部臺北國稅局")
    screenshot("obligations-03-review-queue")
    page.click("#review-queue button[type=submit]")
    expect(page.locator("main")).not_to_contain_text("財政部臺北國稅局")
    obligation.refresh_from_db()
    assert obligation.status == "accepted"

    # … and the agency's compliance rate is updated
    page.goto(agency_url)
    expect(page.locator("#compliance-rate")).to_contain_text("100.0%")
    screenshot("obligations-04-compliance-updated")
