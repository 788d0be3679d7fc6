"""What people meet first (issue 13): error pages in the csma layout, password change and reset pages in
the layout and in zh-Hant, a TOTP code used twice gets its own message, settings that work on a bare clone."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent
LOGIN = "/accounts/login/"


@override_settings(DEBUG=False)
def test_an_unknown_page_is_the_translated_404_in_the_csma_layout(client, users):
    client.force_login(users["officer"])
    body = client.get("/registry/agencies/999999/").content.decode()
    assert "找不到頁面" in body
    assert 'class="topbar"' in body
    assert "URLconf" not in body and "Page not found" not in body


@override_settings(DEBUG=False)
def test_the_404_in_english_when_english_is_chosen(client, users):
    client.force_login(users["officer"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/registry/agencies/999999/").content.decode()
    assert "<h1>Not found</h1>" in body


def test_the_500_page_is_translated_and_in_the_layout():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("zh-hant"):
        body = render_to_string("500.html")
    assert "系統發生錯誤" in body and 'class="topbar"' in body


def test_password_change_page_uses_the_csma_layout_in_chinese(client, users):
    client.force_login(users["officer"])
    body = client.get("/accounts/password/").content.decode()
    assert 'class="topbar"' in body and "變更密碼" in body
    assert "Django" not in body  # not the admin's registration template
    response = client.post(
        "/accounts/password/",
        {"old_password": TEST_PASSWORD, "new_password1": "a-new-pass-2026!", "new_password2": "a-new-pass-2026!"},
    )
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert "密碼已變更" in body and 'class="topbar"' in body


def test_password_reset_sends_a_link_that_sets_a_new_password(client, users):
    officer = users["officer"]
    officer.email = "officer@ntbt.gov.tw"
    officer.save()
    body = client.get(LOGIN).content.decode()
    assert 'href="/accounts/password/reset/"' in body
    body = client.get("/accounts/password/reset/").content.decode()
    assert "忘記密碼" in body and 'class="topbar"' in body and "Django" not in body
    response = client.post("/accounts/password/reset/", {"email": "officer@ntbt.gov.tw"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert "請查看您的電子郵件" in client.get(response["Location"]).content.decode()
    (message,) = mail.outbox
    assert message.subject == "csma：設定新密碼"
    link = next(line for line in message.body.splitlines() if "/accounts/password/reset/" in line)
    response = client.get(link.split("testserver", 1)[1], follow=True)
    assert "設定新密碼" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": "reset-pass-2026!", "new_password2": "reset-pass-2026!"}
    )
    assert response["Location"] == "/accounts/password/reset/done/"
    officer.refresh_from_db()
    assert officer.check_password("reset-pass-2026!")


def test_a_totp_code_used_twice_gets_its_own_message(client, users):
    device = TOTPDevice.objects.create(user=users["moda"], name="default", confirmed=True)
    code = f"{totp(device.bin_key):06d}"

    def log_in():
        client.post(LOGIN, {"auth-username": "moda", "auth-password": TEST_PASSWORD, "login_view-current_step": "auth"})
        return client.post(LOGIN, {"token-otp_token": code, "login_view-current_step": "token"})

    assert log_in().status_code == 302
    client.logout()
    device.refresh_from_db()
    device.throttle_reset()
    body = log_in().content.decode()
    assert "這組驗證碼已經使用過" in body
    assert "_auth_user_id" not in client.session


def test_a_wrong_totp_code_is_still_a_wrong_code(client, users):
    device = TOTPDevice.objects.create(user=users["moda"], name="default", confirmed=True)
    wrong = "000000" if totp(device.bin_key) != 0 else "111111"
    client.post(LOGIN, {"auth-username": "moda", "auth-password": TEST_PASSWORD, "login_view-current_step": "auth"})
    body = client.post(LOGIN, {"token-otp_token": wrong, "login_view-current_step": "token"}).content.decode()
    assert "這組驗證碼已經使用過" not in body
    assert "_auth_user_id" not in client.session


def test_migrate_works_on_a_bare_clone(tmp_path):
    """No var/ folder yet: the settings create it (with the broker folders), so migrate just works."""
    var = tmp_path / "fresh" / "var"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "csma.settings.dev", "CSMA_VAR_DIR": str(var)}
    env.pop("DATABASE_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (var / "csma.sqlite3").is_file()
    assert (var / "celery" / "queue").is_dir()


def test_make_run_settings_have_debug_off_unless_asked():
    code = "from django.conf import settings; print(settings.DEBUG)"
    for extra, expected in (({}, "False"), ({"CSMA_DEBUG": "1"}, "True")):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "csma.settings.dev", **extra}
        env.pop("DJANGO_DEBUG", None)
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.stdout.strip() == expected, result.stderr
