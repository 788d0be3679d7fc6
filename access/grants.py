"""The ONLY module that grants or revokes permissions (guardian object permissions, role groups).

Each grant/revoke writes a RoleAssignment change and an AccessEvent in the same transaction.
"""

from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from access.models import AccessEvent, RoleAssignment
from access.policy import AGENCY_ROLE_PERMS, AGENCY_SCOPED_ROLES, GROUP_ROLE_PERMS, Role, group_name
from common.events import record_event

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def role_group(role: str) -> Group:
    """The group of a regulator-wide role, with exactly the policy's global permissions."""
    group, _created = Group.objects.get_or_create(name=group_name(role))
    wanted = GROUP_ROLE_PERMS[role]
    perms = [Permission.objects.get(content_type__app_label=p.split(".")[0], codename=p.split(".")[1]) for p in wanted]
    group.permissions.set(perms)
    return group


def sync_role_groups() -> None:
    """Bring every role group in line with access/policy.py (run after migrate and in seed_demo)."""
    for role in GROUP_ROLE_PERMS:
        role_group(role)


def _event(kind, *, now: datetime, actor, channel="web", data=None, **subjects) -> AccessEvent:
    """An AccessEvent through common.events; ``subjects``: subject_user, role, agency."""
    return record_event(AccessEvent, kind=kind, actor=actor, now=now, channel=channel, data=data, **subjects)


@transaction.atomic
def role_grant(
    *, now: datetime, user: "User", role: str, agency=None, acting_user: "User | None" = None, channel: str = "web"
) -> RoleAssignment:
    if role in AGENCY_SCOPED_ROLES and agency is None:
        raise ValidationError({"agency": _("This role needs an agency.")})
    if role not in AGENCY_SCOPED_ROLES:
        agency = None
    existing = RoleAssignment.objects.filter(user=user, role=role, agency=agency, revoked_at__isnull=True).first()
    if existing:
        return existing
    assignment = RoleAssignment.objects.create(user=user, role=role, agency=agency, granted_by=acting_user)
    _apply_permissions(user=user, role=role, agency=agency, grant=True)
    _event(
        AccessEvent.Kind.GRANTED,
        actor=acting_user,
        subject_user=user,
        role=role,
        agency=agency,
        channel=channel,
        data={"assignment": assignment.pk},
        now=now,
    )
    return assignment


@transaction.atomic
def role_revoke(
    *, assignment: RoleAssignment, now: datetime, acting_user: "User | None" = None, channel: str = "web"
) -> RoleAssignment:
    assignment.refresh_from_db(from_queryset=RoleAssignment.objects.select_for_update(no_key=True))  # fresh row
    if assignment.revoked_at is not None:  # revoked meanwhile: nothing to do, no second event
        return assignment
    assignment.revoked_at, assignment.revoked_by = now, acting_user
    assignment.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    _apply_permissions(user=assignment.user, role=assignment.role, agency=assignment.agency, grant=False)
    _reapply_remaining(user=assignment.user)
    _event(
        AccessEvent.Kind.REVOKED,
        actor=acting_user,
        subject_user=assignment.user,
        role=assignment.role,
        agency=assignment.agency,
        channel=channel,
        data={"assignment": assignment.pk},
        now=now,
    )
    return assignment


def _apply_permissions(*, user, role: str, agency, grant: bool) -> None:
    if role in AGENCY_SCOPED_ROLES:
        for codename in AGENCY_ROLE_PERMS[role]:
            (assign_perm if grant else remove_perm)(f"infrastructure.{codename}", user, agency)
    elif grant:
        user.groups.add(role_group(role))
    else:
        user.groups.remove(role_group(role))
    if role == Role.ADMINISTRATOR:
        _set_administrator_flags(user=user, on=grant)


def _set_administrator_flags(*, user, on: bool) -> None:
    """System administrators use the Django admin with every permission (is_staff + is_superuser)."""
    if user.is_staff != on or user.is_superuser != on:
        user.is_staff = user.is_superuser = on
        user.save(update_fields=["is_staff", "is_superuser"])


def _reapply_remaining(*, user) -> None:
    """A revoke must not remove a permission another active assignment still gives."""
    for assignment in RoleAssignment.objects.filter(user=user, revoked_at__isnull=True).select_related("agency"):
        _apply_permissions(user=user, role=assignment.role, agency=assignment.agency, grant=True)


def record_access_event(
    kind: str, *, now: datetime, actor: "User | None" = None, subject_user=None, channel: str = "web", data=None
) -> AccessEvent:
    """Log-in, log-out, invitation and account events written by access.services."""
    return _event(kind, actor=actor, subject_user=subject_user, channel=channel, data=data, now=now)


@transaction.atomic
def object_grant(
    *, now: datetime, user: "User", perm: str, obj, acting_user: "User | None" = None, channel: str = "web"
) -> None:
    """Grant one object permission (e.g. ``audits.conduct_audit`` on an audit to a team member)."""
    if user.has_perm(perm, obj) and not user.is_superuser:
        return
    assign_perm(perm, user, obj)
    _event(
        AccessEvent.Kind.GRANTED,
        actor=acting_user,
        subject_user=user,
        channel=channel,
        data={"permission": perm, "object": f"{obj._meta.label_lower}:{obj.pk}", "object_name": str(obj)},
        now=now,
    )


@transaction.atomic
def object_revoke(
    *, now: datetime, user: "User", perm: str, obj, acting_user: "User | None" = None, channel: str = "web"
) -> None:
    remove_perm(perm, user, obj)
    _event(
        AccessEvent.Kind.REVOKED,
        actor=acting_user,
        subject_user=user,
        channel=channel,
        data={"permission": perm, "object": f"{obj._meta.label_lower}:{obj.pk}", "object_name": str(obj)},
        now=now,
    )
