"""Accounts: invitations, activation, and the login trail. Grants go through access/grants.py."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access import grants, policy
from access.models import AccessEvent, Invitation
from access.selectors import agency_scope_for, user_has_agency_perm
from common.conflicts import conflict
from common.outbox import outbox_enqueue

User = get_user_model()

INVITATION_INVALID = "This invitation link is invalid, expired or already used."
INVITATION_USED_MEANWHILE = gettext_lazy(
    "This invitation was accepted or cancelled a moment ago (perhaps by someone else): it can no longer be used."
)
INVITATION_ALREADY_ACCEPTED = gettext_lazy(
    "This invitation has already been accepted (perhaps just now): it can no longer be cancelled; deactivate "
    "the account instead."
)
INVITATION_ALREADY_CANCELLED = gettext_lazy(
    "This invitation has already been cancelled (perhaps by someone else just now)."
)
USERNAME_TAKEN = gettext_lazy("This username is taken.")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def inviter_may_invite_someone(*, user: "User") -> bool:
    """Regulator-wide staff with access.invite_user, or supervising / regulating staff."""
    if user.has_perm("access.invite_user"):
        return True
    scope = agency_scope_for(user=user)
    return bool(scope.granted(policy.SUPERVISE_SUBTREE) or scope.granted(policy.DESIGNATE_CI))


def invitation_can_invite(*, inviter, role: str, agency) -> bool:
    """Regulator-wide staff invite any role; scoped staff invite agency officers/viewers they supervise."""
    if inviter.has_perm("access.invite_user"):
        return True
    if role not in policy.INVITABLE_BY_SCOPED_STAFF or agency is None:
        return False
    return any(
        user_has_agency_perm(user=inviter, codename=codename, agency=agency)
        for codename in (policy.SUPERVISE_SUBTREE, policy.DESIGNATE_CI)
    )


@transaction.atomic
def invitation_create(
    *, email: str, role: str, agency, acting_user: "User | None", now: datetime, accept_url_template: str
) -> tuple[Invitation, str]:
    """Create an invitation and e-mail the one-time link after commit. Returns it with the plain token."""
    if not invitation_can_invite(inviter=acting_user, role=role, agency=agency):
        raise ValidationError(_("You may not invite this role for this agency."))
    if role in policy.AGENCY_SCOPED_ROLES and agency is None:
        raise ValidationError({"agency": _("This role needs an agency.")})
    token = secrets.token_urlsafe(32)
    days = settings.CSMA_INVITATION_VALID_DAYS
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        role=role,
        agency=agency,
        token_hash=_token_hash(token),
        expires_at=now + timedelta(days=days),
        invited_by=acting_user,
    )
    grants.record_access_event(
        AccessEvent.Kind.INVITED,
        actor=acting_user,
        data={
            "email": invitation.email,
            "role": role,
            "agency": getattr(agency, "pk", None),
            "invitation": invitation.pk,
        },
        now=now,
    )
    link = accept_url_template.replace("TOKEN", token)
    _enqueue_invitation(invitation=invitation, link=link, now=now)
    return invitation, token


def _enqueue_invitation(*, invitation: Invitation, link: str, now: datetime) -> None:
    """Into the common outbox in this transaction, sent after commit and retried while mail is down; the
    one-time link is a secret (not shown in the admin, erased from the row once sent)."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"invitation": invitation, "link": link, "days": settings.CSMA_INVITATION_VALID_DAYS}
        outbox_enqueue(
            source=invitation,
            topic="invitation",
            recipients=[invitation.email],
            subject=_("Your csma account invitation"),
            body=render_to_string("access/invitation_email.txt", context),
            secret=True,
            now=now,
        )


def invitation_get_open(*, token: str, now: datetime) -> Invitation:
    invitation = Invitation.objects.select_related("agency").filter(token_hash=_token_hash(token)).first()
    if invitation is None or invitation.accepted_at or invitation.cancelled_at or invitation.expires_at <= now:
        raise ValidationError(_(INVITATION_INVALID))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, username: str, password: str, first_name: str, last_name: str, now: datetime):
    opened = invitation_get_open(token=token, now=now)
    # Lock first, then re-check on the locked row: of two acceptances at once, the second finds it used.
    invitation = (
        Invitation.objects.select_for_update(no_key=True, of=("self",)).select_related("agency").get(pk=opened.pk)
    )
    if invitation.accepted_at or invitation.cancelled_at:
        raise conflict(INVITATION_USED_MEANWHILE)
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": USERNAME_TAKEN})
    user = User(username=username, email=invitation.email, first_name=first_name, last_name=last_name)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    try:
        with transaction.atomic():  # another invitation may take the same username at the same moment
            user.save()
    except IntegrityError as error:
        raise ValidationError({"username": USERNAME_TAKEN}) from error
    invitation.accepted_at, invitation.accepted_user = now, user
    invitation.save(update_fields=["accepted_at", "accepted_user", "updated_at"])
    grants.role_grant(
        user=user, role=invitation.role, agency=invitation.agency, acting_user=invitation.invited_by, now=now
    )
    grants.record_access_event(
        AccessEvent.Kind.INVITATION_ACCEPTED, actor=user, subject_user=user, data={"invitation": invitation.pk}, now=now
    )
    return user


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, acting_user: "User | None", now: datetime) -> Invitation:
    invitation.refresh_from_db(from_queryset=Invitation.objects.select_for_update(no_key=True))
    if invitation.accepted_at:
        raise conflict(INVITATION_ALREADY_ACCEPTED)
    if invitation.cancelled_at:
        raise conflict(INVITATION_ALREADY_CANCELLED)
    invitation.cancelled_at = now
    invitation.save(update_fields=["cancelled_at", "updated_at"])
    grants.record_access_event(
        AccessEvent.Kind.INVITATION_CANCELLED,
        actor=acting_user,
        data={"invitation": invitation.pk, "email": invitation.email},
        now=now,
    )
    return invitation


@transaction.atomic
def user_set_active(*, user: "User", is_active: bool, acting_user: "User | None", now: datetime):
    """Deactivate or reactivate an account (an inactive user's open sessions stop working: ModelBackend)."""
    user.refresh_from_db(from_queryset=User.objects.select_for_update(no_key=True))  # checked on the fresh row
    if user.is_active == is_active:
        return user
    if user == acting_user:
        raise ValidationError(_("You cannot deactivate your own account."))
    user.is_active = is_active
    user.save(update_fields=["is_active"])
    kind = AccessEvent.Kind.USER_REACTIVATED if is_active else AccessEvent.Kind.USER_DEACTIVATED
    grants.record_access_event(kind, actor=acting_user, subject_user=user, now=now)
    return user
