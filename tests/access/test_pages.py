"""Access pages through the test client: account, invitations, users, audit trail, agency history; plus the
Content-Security-Policy rules the templates follow and the zh-Hant text of the two-factor packages."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext_lazy

from access import grants, services
from access.exports import XLSX_TYPE
from access.mfa import mfa_required_for
from access.models import AccessEvent, Invitation, ReadEvent, RoleAssignment
from access.policy import Role
from tests.conftest import otp_verify

pytestmark = pytest.mark.django_db
User = get_user_model()


def _logged_in(client, user):
    """Log in; with a verified second factor for the roles that require one (access/mfa.py)."""
    if mfa_required_for(user):
        return otp_verify(client, user)
    client.force_login(user)
    return client


# Account ------------------------------------------------------------------------------------------------------


def test_account_page_lists_the_users_roles(client, users, world):
    grants.role_grant(user=users["officer"], role=Role.AGENCY_VIEWER, agency=world["school"], now=timezone.now())
    response = _logged_in(client, users["officer"]).get(reverse("access:account"))
    assert response.status_code == 200
    assert [(a.role, a.agency.name) for a in response.context["roles"]] == [
        (Role.AGENCY_VIEWER, "臺北市立大安國民小學"),
        (Role.SECURITY_OFFICER, "財政部臺北國稅局"),
    ]
    html = response.content.decode()
    roles_table = html[html.index('id="my-roles"') :]
    assert "機關資通安全人員" in roles_table and "財政部臺北國稅局" in roles_table
    assert "臺北市立大安國民小學" in roles_table


# Invitations --------------------------------------------------------------------------------------------------


def test_superior_agency_invites_an_officer_in_its_subtree(client, users, world, django_capture_on_commit_callbacks):
    client = _logged_in(client, users["mof"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("access:invitation_create"),
            {"email": "New.Officer@tax.gov.tw", "role": Role.SECURITY_OFFICER, "agency": world["tax"].name},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("access:invitation_list")
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.agency, invitation.invited_by) == (
        "new.officer@tax.gov.tw",
        Role.SECURITY_OFFICER,
        world["tax"],
        users["mof"],
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.officer@tax.gov.tw"]
    assert "http://testserver/accounts/invitation/" in mail.outbox[0].body
    assert AccessEvent.objects.get(kind=AccessEvent.Kind.INVITED).actor == users["mof"]

    listing = client.get(reverse("access:invitation_list"))
    assert [i.pk for i in listing.context["invitations"]] == [invitation.pk]
    assert "new.officer@tax.gov.tw" in listing.content.decode()


def test_inviting_for_an_agency_outside_the_scope_is_404_and_sends_nothing(
    client, users, world, django_capture_on_commit_callbacks
):
    client = _logged_in(client, users["mof"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("access:invitation_create"),
            {"email": "someone@school.edu.tw", "role": Role.SECURITY_OFFICER, "agency": world["school"].name},
        )
    assert response.status_code == 404
    assert Invitation.objects.exists() is False
    assert mail.outbox == []
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.INVITED).exists() is False


def _open_invitation(users, world):
    _invitation, token = services.invitation_create(
        email="new.officer@tax.gov.tw",
        role=Role.SECURITY_OFFICER,
        agency=world["tax"],
        acting_user=users["mof"],
        now=timezone.now(),
        accept_url_template="http://testserver/accounts/invitation/TOKEN/",
    )
    return token


def test_accepting_an_invitation_creates_the_account_and_sends_to_login(client, users, world):
    token = _open_invitation(users, world)
    url = reverse("invitation_accept", args=[token])
    assert client.get(url).status_code == 200  # public: no log-in needed

    response = client.post(
        url,
        {
            "username": "newofficer",
            "last_name": "王",
            "first_name": "小明",
            "password": "a-long-Passphrase-2026",
            "password_again": "a-long-Passphrase-2026",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    user = User.objects.get(username="newofficer")
    assert user.email == "new.officer@tax.gov.tw"
    assert user.check_password("a-long-Passphrase-2026")
    assignment = RoleAssignment.objects.get(user=user)
    assert (assignment.role, assignment.agency) == (Role.SECURITY_OFFICER, world["tax"])
    assert Invitation.objects.get().accepted_user == user


def test_an_invalid_invitation_token_shows_the_invalid_page_with_404(client, users, world):
    _open_invitation(users, world)
    response = client.get(reverse("invitation_accept", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert [t.name for t in response.templates][0] == "access/invitation_invalid.html"
    response = client.post(
        reverse("invitation_accept", args=["not-a-real-token"]),
        {
            "username": "intruder",
            "last_name": "a",
            "first_name": "b",
            "password": "a-long-Passphrase-2026",
            "password_again": "a-long-Passphrase-2026",
        },
    )
    assert response.status_code == 404
    assert User.objects.filter(username="intruder").exists() is False


# Users --------------------------------------------------------------------------------------------------------


def test_administrator_lists_and_deactivates_users(client, users):
    client = _logged_in(client, users["admin"])
    response = client.get(reverse("access:user_list"))
    assert response.status_code == 200
    assert "officer" in [account.username for account in response.context["page"]]

    response = client.post(reverse("access:user_set_active", args=[users["officer"].pk]), {"active": "0"})
    assert response.status_code == 302
    users["officer"].refresh_from_db()
    assert users["officer"].is_active is False
    event = AccessEvent.objects.get(kind=AccessEvent.Kind.USER_DEACTIVATED)
    assert (event.actor, event.subject_user) == (users["admin"], users["officer"])


@pytest.mark.parametrize("username", ["moda", "mof", "officer"])
def test_user_pages_need_manage_users(client, users, username):
    client = _logged_in(client, users[username])
    events_before = AccessEvent.objects.count()

    assert client.get(reverse("access:user_list")).status_code == 403
    response = client.post(reverse("access:user_set_active", args=[users["viewer"].pk]), {"active": "0"})
    assert response.status_code == 403
    users["viewer"].refresh_from_db()
    assert users["viewer"].is_active is True
    assert AccessEvent.objects.count() == events_before


# Audit trail --------------------------------------------------------------------------------------------------


def test_trail_search_and_export_for_a_competent_authority(client, users):
    client = _logged_in(client, users["moda"])
    filters = {"source": "access", "kind": AccessEvent.Kind.GRANTED}
    response = client.get(reverse("access:trail"), filters)
    assert response.status_code == 200
    assert sorted(row["label"] for row in response.context["page"]) == [
        "admin",
        "auditor",
        "moda",
        "moea",
        "mof",
        "observer",
        "officer",
        "viewer",
    ]

    response = client.get(reverse("access:trail_export"), filters)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    assert response.content[:2] == b"PK"
    read = ReadEvent.objects.get()
    assert (read.user, read.action, read.object_type, read.data) == (
        users["moda"],
        ReadEvent.Action.EXPORT,
        "audit_trail",
        {"filters": filters},
    )


@pytest.mark.parametrize("username", ["moea", "mof", "officer", "nobody"])
def test_trail_pages_need_view_event_log(client, users, username):
    client = _logged_in(client, users[username])
    assert client.get(reverse("access:trail")).status_code == 403
    assert client.get(reverse("access:trail_export")).status_code == 403
    assert ReadEvent.objects.exists() is False


# Agency history -----------------------------------------------------------------------------------------------


def test_agency_history_answers_404_outside_the_users_scope(client, users, world):
    client = _logged_in(client, users["officer"])
    assert client.get(reverse("access:agency_history", args=[world["tax"].pk])).status_code == 200
    for other in ("finance", "school", "power"):
        assert client.get(reverse("access:agency_history", args=[world[other].pk])).status_code == 404, other


def test_agency_detail_links_to_its_history(client, users, world):
    response = _logged_in(client, users["officer"]).get(reverse("infrastructure:agency_detail", args=[world["tax"].pk]))
    assert f'href="{reverse("access:agency_history", args=[world["tax"].pk])}"' in response.content.decode()


# Navigation ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "links"),
    [
        ("admin", {"access:invitation_list", "access:user_list", "access:trail"}),
        ("moda", {"access:invitation_list", "access:trail"}),
        ("officer", set()),
    ],
)
def test_navigation_shows_the_access_pages_the_user_may_open(client, users, username, links):
    client = _logged_in(client, users[username])
    html = client.get(reverse("access:account")).content.decode()
    nav = html[html.index('<nav class="mainnav"') : html.index("</nav>")]
    shown = {
        name
        for name in ("access:invitation_list", "access:user_list", "access:trail")
        if f'href="{reverse(name)}"' in nav
    }
    assert shown == links
    assert f'href="{reverse("access:account")}"' in html


# Content-Security-Policy --------------------------------------------------------------------------------------

INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style[\s>]|\son[a-z]+\s*=|\sstyle\s*=|javascript:", re.I)


def _our_templates():
    base = Path(settings.BASE_DIR)
    for directory in [base / "templates", *base.glob("*/templates")]:
        yield from (path for path in directory.rglob("*") if path.suffix in (".html", ".txt"))


def test_templates_have_no_inline_script_style_or_event_handler():
    offending = {str(path): INLINE.findall(path.read_text()) for path in _our_templates()}
    assert {path: found for path, found in offending.items() if found} == {}


def test_pages_are_served_with_the_content_security_policy(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert '<script src="/static/js/csma.js" defer></script>' in response.content.decode()


# zh-Hant text of the two-factor packages (they ship no zh_Hant catalogue; ours carries it) ---------------------

# django_otp's throttling notice is a plural message whose %(failure_count)d template syntax cannot express;
# this call is where makemessages finds it (the singular package messages are listed in
# templates/two_factor/_package_messages.html).
OTP_THROTTLED = ngettext_lazy(
    "Verification temporarily disabled because of %(failure_count)d failed attempt, please try again soon.",
    "Verification temporarily disabled because of %(failure_count)d failed attempts, please try again soon.",
    "failure_count",
)


def test_two_factor_package_messages_are_translated():
    from django_otp.forms import OTPAuthenticationFormMixin
    from two_factor.forms import AuthenticationTokenForm, DisableForm, TOTPDeviceForm
    from two_factor.plugins.registry import GeneratorMethod

    messages = OTPAuthenticationFormMixin.otp_error_messages
    with translation.override("zh-hant"):
        assert str(AuthenticationTokenForm.base_fields["otp_token"].label) == "驗證碼"
        assert str(TOTPDeviceForm.base_fields["token"].label) == "驗證碼"
        assert str(TOTPDeviceForm.error_messages["invalid_token"]) == "輸入的驗證碼不正確。"
        assert str(DisableForm.base_fields["understand"].label) == "是，我確定"
        assert str(GeneratorMethod().get_verbose_action(None)) == "請輸入驗證器應用程式產生的驗證碼。"
        assert str(messages["invalid_token"]) == "驗證碼錯誤，請確認輸入是否正確。"
        assert str(messages["token_required"]) == "請輸入驗證碼。"
        assert messages["n_failed_attempts"] % {"failure_count": 3} == "因驗證失敗 3 次，暫時停止驗證，請稍後再試。"
        assert OTP_THROTTLED % {"failure_count": 1} == "因驗證失敗 1 次，暫時停止驗證，請稍後再試。"
