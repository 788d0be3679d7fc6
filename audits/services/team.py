"""Audit teams (Art 6): members, government share, signed undertakings, conflict warnings, and the
members' access to exactly their audits (granted and revoked through access/grants.py)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from access import grants, policy
from audits import rules
from audits.models import Audit, Employment, TeamMember
from audits.services.common import Kind, audit_event, lock_audit
from common.names import person_name
from infrastructure.selectors import agency_ancestors


@dataclass(frozen=True)
class MemberAdded:
    member: TeamMember
    warnings: tuple[str, ...]


def conflict_warnings(*, audit: Audit, user: AbstractUser) -> tuple[str, ...]:
    """Art 6 IV(2): employment by the auditee, or by an agency above it, now or within two years."""
    related = {audit.auditee_id, *(agency.pk for agency in agency_ancestors(agency=audit.auditee))}
    jobs = [rules.Employment(agency_id=e.agency_id, ended_on=e.ended_on) for e in Employment.objects.filter(user=user)]
    if rules.employment_conflict(employments=jobs, auditee_ids=related, audit_on=audit.starts_on):
        name = person_name(user)
        return (
            _(
                "%(name)s works or worked within the last two years for the auditee or an agency above it "
                "(Art. 6 IV): they should recuse themselves."
            )
            % {"name": name},
        )
    return ()


@transaction.atomic
def member_add(
    *,
    audit: Audit,
    user: AbstractUser,
    is_government_representative: bool,
    organisation: str,
    actor: AbstractUser,
    now: datetime,
    role: str = TeamMember.Role.MEMBER,
) -> MemberAdded:
    audit = lock_audit(audit)
    if audit.status in rules.TERMINAL:
        raise ValidationError(_("The team of a closed or cancelled audit cannot change."))
    if audit.team.filter(user=user, removed_at__isnull=True).exists():
        raise ValidationError({"user": _("This person is already on the team.")})
    member = TeamMember.objects.create(
        audit=audit,
        user=user,
        role=role,
        is_government_representative=is_government_representative,
        organisation=organisation,
    )
    warnings = conflict_warnings(audit=audit, user=user)
    grants.object_grant(user=user, perm=policy.CONDUCT_AUDIT, obj=audit, acting_user=actor, now=now)
    after = {"member": user.get_username(), "government": is_government_representative, "role": role}
    audit_event(audit, Kind.MEMBER_ADDED, actor=actor, now=now, after=after, warnings=list(warnings))
    return MemberAdded(member=member, warnings=warnings)


@transaction.atomic
def member_remove(*, member: TeamMember, actor: AbstractUser, now: datetime) -> TeamMember:
    audit = lock_audit(member.audit)
    member = TeamMember.objects.select_for_update(no_key=True).get(pk=member.pk)
    if member.removed_at is not None:
        raise ValidationError(_("This person has already left the team."))
    member.removed_at = now
    member.save(update_fields=["removed_at", "updated_at"])
    grants.object_revoke(user=member.user, perm=policy.CONDUCT_AUDIT, obj=audit, acting_user=actor, now=now)
    audit_event(audit, Kind.MEMBER_REMOVED, actor=actor, now=now, before={"member": member.user.get_username()})
    return member


@transaction.atomic
def declaration_sign(*, member: TeamMember, which: str, actor: AbstractUser, now: datetime) -> TeamMember:
    """Art 6 III: the member signs the conflict-of-interest and the confidentiality undertakings."""
    member = TeamMember.objects.select_for_update(no_key=True).get(pk=member.pk)
    if member.user_id != actor.pk:
        raise ValidationError(_("Only the member themselves can sign their declaration."))
    field = {"conflict": "conflict_declared_at", "secrecy": "secrecy_declared_at"}[which]
    if getattr(member, field) is not None:
        raise ValidationError(_("This declaration is already signed."))
    setattr(member, field, now)
    member.save(update_fields=[field, "updated_at"])
    audit_event(member.audit, Kind.DECLARATION_SIGNED, actor=actor, now=now, after={"declaration": which})
    return member


def active_team(audit: Audit) -> list[TeamMember]:
    return [m for m in audit.team.all() if m.removed_at is None]


def team_ready_problems(audit: Audit) -> list[str]:
    """What keeps the team from starting the audit: size, government share, unsigned undertakings."""
    team = active_team(audit)
    problems = rules.team_problems([rules.Member(m.is_government_representative) for m in team])
    unsigned = [m for m in team if m.conflict_declared_at is None or m.secrecy_declared_at is None]
    if unsigned:
        names = "、".join(person_name(m.user) for m in unsigned)
        problems.append(_("Declarations not yet signed by: %(names)s (Art. 6 III).") % {"names": names})
    return problems


def revoke_team_access(*, audit: Audit, actor: AbstractUser | None, now: datetime) -> None:
    """A closed or cancelled audit is no longer visible to its team (their history stays)."""
    for member in active_team(audit):
        grants.object_revoke(user=member.user, perm=policy.CONDUCT_AUDIT, obj=audit, acting_user=actor, now=now)
