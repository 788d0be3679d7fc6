import pytest
from django.conf import settings as django_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.models import AccessEvent
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _password_step(client, username, password):
    return client.post(LOGIN, {"auth-username": username, "auth-password": password, "login_view-current_step": "auth"})


def test_lockout_after_repeated_failures(client, users, settings):
    settings.AXES_ENABLED = True
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT):
        _password_step(client, "officer", "wrong-password")
    response = _password_step(client, "officer", TEST_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # the locked-out attempt is a failed log-in too
    assert AccessEvent.objects.filter(kind="login_failed").count() == django_settings.AXES_FAILURE_LIMIT + 1


def test_agency_officer_without_a_device_logs_in_with_the_password_only(client, users):
    response = _password_step(client, "officer", TEST_PASSWORD)
    assert response.status_code == 302
    assert client.get("/registry/agencies/").status_code == 200
    assert AccessEvent.objects.filter(kind="login", subject_user=users["officer"]).count() == 1


def test_regulator_without_a_device_is_sent_to_two_factor_setup(client, users):
    _password_step(client, "moda", TEST_PASSWORD)
    response = client.get("/registry/agencies/")
    assert response.status_code == 302
    assert response["Location"] == "/account/two_factor/setup/"


def test_regulator_with_a_device_must_give_the_code(client, users):
    device = TOTPDevice.objects.create(user=users["moda"], name="default", confirmed=True)
    response = _password_step(client, "moda", TEST_PASSWORD)
    assert response.status_code == 200  # the token step
    assert "_auth_user_id" not in client.session
    client.post(
        LOGIN,
        {"token-otp_token": "000000" if totp(device.bin_key) != 0 else "111111", "login_view-current_step": "token"},
    )
    assert "_auth_user_id" not in client.session
    device.refresh_from_db()
    device.throttle_reset()  # django-otp throttles the next try for a second after a wrong code
    response = client.post(
        LOGIN, {"token-otp_token": f"{totp(device.bin_key):06d}", "login_view-current_step": "token"}
    )
    assert response.status_code == 302
    assert client.get("/registry/agencies/").status_code == 200


def _session_writes(client, url="/registry/agencies/") -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum('UPDATE "django_session"' in q["sql"] for q in queries.captured_queries)


def test_a_session_ends_after_30_idle_minutes_and_requests_move_its_expiry_once_a_minute(client, users, time_machine):
    from django.contrib.sessions.models import Session

    assert django_settings.SESSION_COOKIE_AGE == 30 * 60
    time_machine.move_to("2026-12-02 09:00:00 +08:00", tick=False)
    client.force_login(users["officer"])
    key = client.session.session_key
    assert _session_writes(client) == 1  # the first request moves the expiry
    time_machine.move_to("2026-12-02 09:00:40 +08:00", tick=False)
    assert _session_writes(client) == 0  # within the minute: no write
    time_machine.move_to("2026-12-02 09:01:05 +08:00", tick=False)
    assert _session_writes(client) == 1  # a minute later: moved again, to 30 minutes from now
    expiry = Session.objects.get(session_key=key).expire_date
    assert expiry.isoformat() == "2026-12-02T01:31:05+00:00"
    time_machine.move_to("2026-12-02 09:31:04 +08:00", tick=False)
    assert client.get("/registry/agencies/").status_code == 200  # 29 min 59 s idle: still signed in
    time_machine.move_to("2026-12-02 10:01:04 +08:00", tick=False)  # 30 min after the last move (09:31:04)
    response = client.get("/registry/agencies/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_role_that_requires_two_factor_cannot_turn_it_off(client, users):
    from tests.conftest import otp_verify

    otp_verify(client, users["moda"])
    response = client.post("/account/two_factor/disable/", {"understand": "on"})
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=users["moda"]).count() == 1


def test_adding_and_removing_a_device_is_in_the_access_trail(users):
    device = TOTPDevice.objects.create(user=users["officer"], name="default", confirmed=True)
    device.delete()
    kinds = list(
        AccessEvent.objects.filter(subject_user=users["officer"], kind__startswith="mfa_")
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds == ["mfa_device_added", "mfa_device_removed"]


def test_admin_login_goes_through_the_two_factor_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_superior_agency_staff_see_the_invitations_link(client, users):
    client.force_login(users["mof"])
    assert 'href="/access/invitations/"' in client.get("/registry/agencies/").content.decode()
    client.force_login(users["officer"])
    assert 'href="/access/invitations/"' not in client.get("/registry/agencies/").content.decode()
