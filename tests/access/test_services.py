from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from access import services
from access.models import AccessEvent, Invitation, RoleAssignment
from access.policy import Role
from common.models import AppendOnlyError

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
URL = "https://csma.example.gov.tw/access/invitations/accept/TOKEN/"


def _invite(users, world, *, inviter="mof", role=Role.SECURITY_OFFICER, agency="tax", capture=None):
    return services.invitation_create(
        email=" New.Officer@Tax.gov.tw ",
        role=role,
        agency=world[agency],
        acting_user=users[inviter],
        now=NOW,
        accept_url_template=URL,
    )


def test_invitation_is_mailed_after_commit_and_accepting_grants_the_role(
    users, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = _invite(users, world)
    assert invitation.email == "new.officer@tax.gov.tw"
    assert len(mail.outbox) == 1
    assert URL.replace("TOKEN", token) in mail.outbox[0].body
    assert token not in invitation.token_hash
    user = services.invitation_accept(
        token=token,
        username="newofficer",
        password="a-long-Passphrase-2026",
        first_name="小明",
        last_name="王",
        now=NOW + timedelta(hours=1),
    )
    assert RoleAssignment.objects.get(user=user).role == Role.SECURITY_OFFICER
    assert RoleAssignment.objects.get(user=user).agency == world["tax"]
    assert user.check_password("a-long-Passphrase-2026")
    assert list(
        AccessEvent.objects.filter(kind__in=["invited", "invitation_accepted"])
        .order_by("id")
        .values_list("kind", flat=True)
    ) == ["invited", "invitation_accepted"]


def test_invitation_link_works_once(users, world):
    _invitation, token = _invite(users, world)
    services.invitation_accept(
        token=token, username="first", password="a-long-Passphrase-2026", first_name="a", last_name="b", now=NOW
    )
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(
            token=token, username="second", password="a-long-Passphrase-2026", first_name="a", last_name="b", now=NOW
        )
    assert error.value.messages == ["This invitation link is invalid, expired or already used."]
    assert get_user_model().objects.filter(username="second").exists() is False


def test_expired_invitation_is_refused(users, world):
    _invitation, token = _invite(users, world)
    with pytest.raises(ValidationError):
        services.invitation_get_open(token=token, now=NOW + timedelta(days=7))


def test_weak_password_is_refused_and_nothing_is_written(users, world):
    _invitation, token = _invite(users, world)
    with pytest.raises(ValidationError):
        services.invitation_accept(
            token=token, username="weak", password="12345678", first_name="a", last_name="b", now=NOW
        )
    assert get_user_model().objects.filter(username="weak").exists() is False
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.parametrize(
    ("inviter", "role", "agency", "allowed"),
    [
        ("mof", Role.SECURITY_OFFICER, "tax", True),
        ("mof", Role.SECURITY_OFFICER, "school", False),  # outside its subtree
        ("mof", Role.COMPETENT_AUTHORITY, "tax", False),  # only agency roles
        ("moea", Role.AGENCY_VIEWER, "power", True),
        ("officer", Role.AGENCY_VIEWER, "tax", False),
        ("moda", Role.SECTOR_REGULATOR, "economy", True),
    ],
)
def test_who_may_invite(users, world, inviter, role, agency, allowed):
    assert services.invitation_can_invite(inviter=users[inviter], role=role, agency=world[agency]) is allowed


def test_refused_invitation_writes_nothing(users, world):
    with pytest.raises(ValidationError):
        _invite(users, world, inviter="officer", role=Role.AGENCY_VIEWER)
    assert Invitation.objects.exists() is False
    assert AccessEvent.objects.filter(kind="invited").exists() is False
    assert mail.outbox == []


def test_deactivated_user_can_no_longer_log_in(users, client):
    officer = users["officer"]
    services.user_set_active(user=officer, is_active=False, acting_user=users["admin"], now=timezone.now())
    assert client.login(username="officer", password="correct-horse-battery-staple") is False
    assert AccessEvent.objects.filter(kind="user_deactivated", subject_user=officer).count() == 1


def test_events_are_append_only(users):
    event = AccessEvent.objects.first()
    event.kind = "revoked"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.update(kind="x")
