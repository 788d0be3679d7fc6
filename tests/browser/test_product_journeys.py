"""Issue 13 as people meet csma, in a real browser on the small demo (zh-Hant and English): the reviewer's
queue (nearest deadline first, overdue rows marked), readable incident clocks and timeline, ROC years and
late completion on obligations, the agency picker by name, a readable audit trail, a reused TOTP code, the
password-reset and 404 pages in the layout, and the layout at 1366 px and on a phone. Screenshots go to
test-artifacts/product-*.png."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from demo.logins import DEMO_PASSWORD
from incidents.models import Incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
WESTERN_YEAR = re.compile(r"(?<![\d.\-/:#A-Za-z_])(?:19|20)\d{2}(?![\d.\-/:A-Za-z_])")


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--scale", "small", "--seed", "2026", verbosity=0)


def _log_in(page, live_server, username, *, code=None):
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_auth-username", username)
    page.fill("#id_auth-password", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    if code is not None:
        page.fill("#id_token-otp_token", code)
        page.click("button[type=submit].primary")


def _english(page):
    page.select_option("select[name=language]", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_reviewer_queue_clocks_and_timeline(page, live_server, demo, screenshot):
    _log_in(page, live_server, "mof")
    page.goto(live_server.url + reverse("incidents:queue"))
    rows = page.locator("table.incidents tbody tr")
    expect(rows.first).to_have_class("overdue")
    expect(rows.first).to_contain_text("主機遭非法入侵，審核逾期")
    expect(rows.first.locator(".badge.overdue")).to_have_text("已逾期")
    screenshot("product-01-mof-queue-zh")
    overdue = Incident.objects.get(title="主機遭非法入侵，審核逾期")
    page.goto(live_server.url + reverse("incidents:detail", args=[overdue.pk]))
    clocks = page.locator("table.clocks")
    expect(clocks).to_contain_text("小時")
    assert "條次待確認" not in page.content()
    screenshot("product-02-incident-detail-zh")
    closed = Incident.objects.get(title="官網遭阻斷服務攻擊，已結案")
    page.goto(live_server.url + reverse("incidents:detail", args=[closed.pk]))
    expect(page.locator("table.clocks")).to_contain_text(re.compile(r"\d+ 天"))  # "提前 29 天 … 完成"
    page.goto(live_server.url + reverse("incidents:timeline", args=[closed.pk]))
    expect(page.locator("main")).to_contain_text("劉美玲")  # the reviewer, family name first
    screenshot("product-03-incident-timeline-zh")
    _english(page)
    page.goto(live_server.url + reverse("incidents:queue"))
    expect(page.locator("table.incidents tbody tr").first.locator(".badge.overdue")).to_have_text("overdue")
    screenshot("product-04-mof-queue-en")


def test_officer_obligations_roc_years_late_items_and_phone_layout(page, live_server, demo, screenshot):
    _log_in(page, live_server, "officer")
    page.goto(live_server.url + reverse("obligations:list"))
    heading = page.locator("h1").inner_text()
    assert not WESTERN_YEAR.search(heading), heading
    screenshot("product-05-officer-obligations-zh")
    page.goto(live_server.url + reverse("obligations:ruleset_list"))
    main = page.locator("main").inner_text()
    assert "[W]" not in main and "CSMA.md" not in main and not WESTERN_YEAR.search(main), main
    screenshot("product-06-rule-sets-zh")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + reverse("incidents:list"))
    expect(page.locator("nav.mainnav")).to_be_hidden()
    page.click("button[data-nav-toggle]")
    expect(page.locator("nav.mainnav")).to_be_visible()
    screenshot("product-07-officer-phone-menu-open")
    page.set_viewport_size({"width": 1366, "height": 900})
    expect(page.locator("nav.mainnav")).to_be_visible()
    screenshot("product-08-officer-incidents-1366")


def test_agency_picker_by_name(page, live_server, demo, screenshot):
    _log_in(page, live_server, "mof")
    page.goto(live_server.url + reverse("obligations:adhoc_create"))
    picker = page.locator("#id_agency")
    picker.press_sequentially("國稅", delay=50)
    expect(page.locator("#id_agency-options option").first).to_have_attribute("value", re.compile(r"^財政部臺北國稅局"))
    screenshot("product-09-adhoc-agency-picker")


def test_regulator_trail_reused_code_and_public_pages(page, live_server, demo, screenshot):
    device = TOTPDevice.objects.get(user__username="regulator")
    code = f"{totp(device.bin_key):06d}"
    _log_in(page, live_server, "regulator", code=code)
    page.goto(live_server.url + reverse("access:trail"))
    trail = page.locator("table.trail")
    expect(trail).to_contain_text("→")
    assert "{'" not in trail.inner_text()  # no raw data dumps
    screenshot("product-10-regulator-trail-zh")
    response = page.goto(live_server.url + "/registry/agencies/999999/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("找不到頁面")
    screenshot("product-13-404-zh")
    page.click("form[action='/accounts/logout/'] button")
    _log_in(page, live_server, "regulator", code=code)  # the same code, still in its window
    expect(page.locator("main")).to_contain_text("這組驗證碼已經使用過")
    screenshot("product-11-totp-reused")
    page.goto(live_server.url + reverse("password_reset"))
    expect(page.locator("h1")).to_have_text("忘記密碼")
    expect(page.locator("header.topbar")).to_be_visible()
    screenshot("product-12-password-reset-zh")
