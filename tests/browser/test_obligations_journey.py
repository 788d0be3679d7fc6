"""Obligations journey in headless Chromium: a regulator approves a level change for 國稅局 (the approval is
the registry service a regulator's action calls; the registry has no approval page yet), the agency officer
sees the new obligations in ROC dates and uploads evidence, the competent authority (TOTP) accepts it from
the review queue, and the agency's compliance rate goes up. Screenshots go to test-artifacts/."""

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from access import grants
from access.policy import Role
from infrastructure.models import LevelDecision
from obligations.models import Obligation
from tests.factories import TEST_PASSWORD, AgencyFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
TAIPEI = ZoneInfo("Asia/Taipei")
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _user(username, role, agency=None):
    user = UserFactory(username=username, first_name="", last_name="")
    grants.role_grant(user=user, role=role, agency=agency, now=timezone.now())
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

    # The competent authority records 國稅局's change to level E in the registry and approves it …
    _log_in(page, live_server, regulator, device=device)
    page.goto(live_server.url + reverse("infrastructure:agency_detail", args=[tax.pk]))
    page.click("#level-propose")
    page.select_option("#id_level", "E")
    page.check("input[name=criteria][value='E-2']")
    page.click("main button[type=submit].primary")
    expect(page.locator("main")).to_contain_text("E-2")
    page.fill("input[name=effective_from]", "2026-03-16")
    screenshot("obligations-00-level-approval")
    page.click("main form[action*='/approve/'] button[type=submit]")
    expect(page.locator("tr.decision-actions")).to_have_count(0)
    decision = LevelDecision.objects.get(agency=tax)
    assert (decision.status, decision.effective_from, decision.decided_by) == ("approved", date(2026, 3, 16), regulator)
    obligation = Obligation.objects.get(agency=tax)
    _log_out(page)
    agency_url = live_server.url + reverse("obligations:agency", args=[tax.pk]) + "?year=2026"

    # … the officer sees it, in ROC dates, and uploads evidence
    _log_in(page, live_server, officer)
    page.goto(agency_url)
    expect(page.locator("#obligations")).to_contain_text("一般使用者及主管通識教育")
    expect(page.locator("#obligations")).to_contain_text("民國115年12月31日")
    expect(page.locator("#compliance-rate")).to_contain_text("—")  # nothing due yet, nothing settled
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

    # The competent authority accepts it from the review queue (django-otp refuses a code twice in one
    # 30-second step, so forget the last used step as a new step would)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
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
