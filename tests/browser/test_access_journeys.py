"""Access journeys through the real log-in page (django-two-factor-auth's wizard, csma's templates):
an agency officer cannot open another agency by URL, a sector regulator sees only its sector, a regulator
must set up TOTP before anything else, and a user with a device must enter its code.

Headless Debian Chromium (Playwright) against pytest-django's live server, Chinese UI (the default);
screenshots go to test-artifacts/. Every page is checked for Content-Security-Policy violations.
"""

import base64
import re
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from access import grants
from access.policy import Role
from tests.factories import TEST_PASSWORD, AgencyFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TOTP_KEY = "3132333435363738393031323334353637383930"  # 20 bytes, hex, as django-otp stores it
REGISTRY_H1 = "受規範機關名冊"


@pytest.fixture
def agencies(db):
    """行政院 → 財政部 → 國稅局; 經濟部 regulating 台電 and 中油; 臺灣銀行 regulated by 財政部."""
    executive = AgencyFactory(name="行政院")
    finance = AgencyFactory(name="財政部", parent=executive)
    tax = AgencyFactory(name="財政部臺北國稅局", parent=finance)
    economy = AgencyFactory(name="經濟部", parent=executive)
    power = AgencyFactory(name="台灣電力股份有限公司", kind="sngo", sngo_category="state_owned", regulator=economy)
    oil = AgencyFactory(name="台灣中油股份有限公司", kind="sngo", sngo_category="state_owned", regulator=economy)
    bank = AgencyFactory(name="臺灣銀行", kind="sngo", sngo_category="state_owned", regulator=finance)
    return {
        "executive": executive,
        "finance": finance,
        "tax": tax,
        "economy": economy,
        "power": power,
        "oil": oil,
        "bank": bank,
    }


@pytest.fixture
def csp_violations(page):
    """Console messages Chromium writes when the Content-Security-Policy blocks something."""
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return violations


def _user(username, role, agency=None):
    user = UserFactory(username=username, first_name="", last_name="")
    grants.role_grant(user=user, role=role, agency=agency, now=timezone.now())
    return user


def _with_totp_device(user):
    return TOTPDevice.objects.create(
        user=user, name="default", key=TOTP_KEY, confirmed=True
    )  # two_factor asks only "default"


def _code(key: bytes, *, offset: int = 0) -> str:
    return f"{totp(key, drift=offset):06d}"


def _wrong_code(key: bytes) -> str:
    """A well-formed code that no time step near now produces (the device accepts one step either way)."""
    accepted = {_code(key, offset=offset) for offset in (-2, -1, 0, 1, 2)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)


def _enter_password(page, live_server, user, *, next_path=""):
    page.goto(live_server.url + reverse("login") + (f"?next={next_path}" if next_path else ""))
    expect(page.locator("h1")).to_have_text("登入")
    expect(page).to_have_title(re.compile(r"^登入 · "))
    page.fill("#id_auth-username", user.username)
    page.fill("#id_auth-password", TEST_PASSWORD)
    page.click("button[type=submit].primary")


def _names_in_registry(page):
    return set(page.locator("table.registry a.agency-name").all_inner_texts())


def test_agency_officer_cannot_open_another_agency_by_url(page, live_server, agencies, csp_violations, screenshot):
    officer = _user("officer", Role.SECURITY_OFFICER, agencies["tax"])

    _enter_password(page, live_server, officer)
    expect(page.locator("#id_auth-username")).to_have_count(0)  # logged in (each role lands on its dashboard)
    page.goto(live_server.url + reverse("infrastructure:agency_list"))
    expect(page.locator("h1")).to_have_text(REGISTRY_H1)
    assert _names_in_registry(page) == {"財政部臺北國稅局"}
    nav = page.locator("nav.mainnav")
    # no invitations, users, audit trail, review queues or national view (open data is public)
    expect(nav).to_have_text(re.compile(r"^\s*機關名冊\s*資通安全事件\s*稽核\s*應辦事項\s*報告\s*開放資料\s*$"))
    expect(page.locator(".usernav")).to_contain_text("我的帳號")
    screenshot("access-01-officer-registry")

    # Another agency (its own parent, a sibling ministry, a regulated company): 404 by URL
    for other in ("finance", "economy", "power"):
        response = page.goto(live_server.url + reverse("infrastructure:agency_detail", args=[agencies[other].pk]))
        assert response.status == 404, other
        response = page.goto(live_server.url + reverse("access:agency_history", args=[agencies[other].pk]))
        assert response.status == 404, other

    # Its own agency works, and so does its history page
    response = page.goto(live_server.url + reverse("infrastructure:agency_detail", args=[agencies["tax"].pk]))
    assert response.status == 200
    expect(page.locator("h1")).to_contain_text("財政部臺北國稅局")
    screenshot("access-02-officer-own-agency")
    page.click("#agency-history")
    expect(page.locator("h1")).to_have_text("財政部臺北國稅局 的歷程")
    screenshot("access-03-officer-agency-history")

    # My account lists the role
    page.click(f".usernav a[href='{reverse('access:account')}']")
    expect(page.locator("#my-roles tbody")).to_contain_text("機關資通安全人員")
    expect(page.locator("#my-roles tbody")).to_contain_text("財政部臺北國稅局")
    screenshot("access-04-officer-account")

    # The language menu switches on change (static/js/csma.js, no inline handler)
    page.select_option("select[name=language]", "en")
    expect(page.locator("h1")).to_have_text("My account")
    page.select_option("select[name=language]", "zh-hant")
    expect(page.locator("h1")).to_have_text("我的帳號")
    assert csp_violations == []


def test_sector_regulator_enters_its_totp_code_and_sees_only_its_sector(
    page, live_server, agencies, csp_violations, screenshot
):
    regulator = _user("moea", Role.SECTOR_REGULATOR, agencies["economy"])
    device = _with_totp_device(regulator)

    _enter_password(page, live_server, regulator, next_path=reverse("infrastructure:agency_list"))
    expect(page.locator("#id_token-otp_token")).to_be_visible()
    expect(page.locator("main")).to_contain_text("請輸入驗證器應用程式產生的驗證碼。")
    page.fill("#id_token-otp_token", _code(device.bin_key))
    screenshot("access-05-regulator-token")
    page.click("button[type=submit].primary")

    expect(page.locator("#id_auth-username")).to_have_count(0)  # logged in (each role lands on its dashboard)
    page.goto(live_server.url + reverse("infrastructure:agency_list"))
    expect(page.locator("h1")).to_have_text(REGISTRY_H1)
    # Its own ministry (its role is held there) and exactly the companies it regulates
    assert _names_in_registry(page) == {"經濟部", "台灣電力股份有限公司", "台灣中油股份有限公司"}
    expect(page.locator(".resultcount")).to_contain_text("共 3 個機關")
    screenshot("access-06-regulator-registry")

    response = page.goto(live_server.url + reverse("infrastructure:agency_detail", args=[agencies["bank"].pk]))
    assert response.status == 404  # regulated by another ministry
    assert csp_violations == []


def test_competent_authority_without_device_must_set_up_totp_first(
    page, live_server, agencies, csp_violations, screenshot
):
    regulator = _user("moda", Role.COMPETENT_AUTHORITY)
    setup_url = re.compile(re.escape(reverse("two_factor:setup")) + "$")

    # The password alone leads to the set-up wizard, not the registry
    _enter_password(page, live_server, regulator)
    expect(page).to_have_url(setup_url)
    expect(page.locator(".messages")).to_contain_text("您的角色須使用雙因素驗證")
    expect(page.locator("h1")).to_have_text("設定雙因素驗證")
    screenshot("access-07-setup-welcome")
    page.goto(live_server.url + reverse("infrastructure:agency_list"))
    expect(page).to_have_url(setup_url)
    assert TOTPDevice.objects.filter(user=regulator).exists() is False

    # Scan the QR code, or read the secret shown as text, and type the code the app computes
    page.click("button[type=submit].primary")
    expect(page.locator(".qrcode img")).to_be_visible()
    # the SVG loads under the CSP (wait for it: the image arrives after the page)
    page.wait_for_function(
        "() => { const img = document.querySelector('.qrcode img');"
        " return img && img.complete && img.naturalWidth > 0; }"
    )
    secret = page.locator("#totp-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    screenshot("access-08-setup-qrcode")
    page.fill("#id_generator-token", _code(base64.b32decode(secret)))
    page.click("button[type=submit].primary")

    expect(page.locator("h1")).to_have_text("雙因素驗證已啟用")
    device = TOTPDevice.objects.get(user=regulator)
    assert device.confirmed is True
    assert device.bin_key == base64.b32decode(secret)
    screenshot("access-09-setup-complete")

    # Backup tokens for a lost phone, and the account security page
    page.click(f"main a[href='{reverse('two_factor:backup_tokens')}']")
    expect(page.locator("h1")).to_have_text("備用驗證碼")
    page.click("button[type=submit].primary")
    expect(page.locator("#backup-tokens li")).to_have_count(10)
    screenshot("access-10-backup-tokens")
    page.click(f"main a[href='{reverse('two_factor:profile')}']")
    expect(page.locator("h1")).to_have_text("帳號安全設定")
    expect(page.locator("main")).to_contain_text("您還有 10 組備用驗證碼。")
    screenshot("access-11-account-security")
    # A competent authority cannot turn two-factor off: no link, and the page itself is refused
    expect(page.locator(f"main a[href='{reverse('two_factor:disable')}']")).to_have_count(0)
    assert page.goto(live_server.url + reverse("two_factor:disable")).status == 403
    screenshot("access-11b-disable-refused")
    page.goto(live_server.url + reverse("two_factor:profile"))

    # Now the registry opens, with everything a competent authority sees and its navigation
    page.click("a.brand")
    expect(page.locator("#id_auth-username")).to_have_count(0)  # logged in (each role lands on its dashboard)
    page.goto(live_server.url + reverse("infrastructure:agency_list"))
    expect(page.locator("h1")).to_have_text(REGISTRY_H1)
    expect(page.locator(".resultcount")).to_contain_text("共 7 個機關")
    expect(page.locator("nav.mainnav")).to_contain_text("邀請")
    expect(page.locator("nav.mainnav")).to_contain_text("稽核軌跡")
    expect(page.locator("nav.mainnav")).not_to_contain_text("使用者")  # manage_users: administrators only
    page.click(f"nav.mainnav a[href='{reverse('access:trail')}']")
    expect(page.locator("h1")).to_have_text("稽核軌跡")
    screenshot("access-12-competent-authority-trail")
    assert csp_violations == []


def test_user_with_a_device_must_enter_the_right_code(page, live_server, agencies, csp_violations, screenshot):
    officer = _user("officer", Role.SECURITY_OFFICER, agencies["tax"])  # optional for agency roles, but set up
    device = _with_totp_device(officer)

    _enter_password(page, live_server, officer)
    expect(page.locator("#id_token-otp_token")).to_be_visible()
    assert page.url.startswith(live_server.url + reverse("login"))

    # A wrong code is refused with a Chinese message; the wizard stays on the token step
    page.fill("#id_token-otp_token", _wrong_code(device.bin_key))
    page.click("button[type=submit].primary")
    expect(page.locator("main form .errorlist")).to_have_text("驗證碼錯誤，請確認輸入是否正確。")
    expect(page.locator("#id_token-otp_token")).to_be_visible()
    assert page.url.startswith(live_server.url + reverse("login"))
    screenshot("access-13-wrong-code")

    # The right code (once django-otp's one-second throttle after a failure has passed) lets the officer in
    time.sleep(1.1)
    page.fill("#id_token-otp_token", _code(device.bin_key))
    page.click("button[type=submit].primary")
    expect(page.locator("#id_auth-username")).to_have_count(0)  # logged in (each role lands on its dashboard)
    page.goto(live_server.url + reverse("infrastructure:agency_list"))
    expect(page.locator("h1")).to_have_text(REGISTRY_H1)
    assert _names_in_registry(page) == {"財政部臺北國稅局"}
    assert csp_violations == []
