"""Audit plans: created and changed by the auditing authority, approved before notices go out."""

from datetime import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audits.models import AuditEvent, AuditPlan
from common.events import record_event
from infrastructure.models import Agency

PLAN_FIELDS = (
    "title",
    "purpose",
    "legal_basis",
    "focus_areas",
    "on_site",
    "document_review",
    "technical_testing",
    "criteria",
    "team_composition",
    "confidentiality_terms",
    "regulator_assistance",
)


def _plan_event(plan: AuditPlan, kind: str, *, actor, now: datetime, before=None, after=None) -> None:
    record_event(
        AuditEvent,
        kind=kind,
        actor=actor,
        now=now,
        before=before or {},
        after=after or {},
        plan=plan,
        agency_id=plan.authority_id,
    )


@transaction.atomic
def plan_create(*, authority: Agency, year: int, actor: AbstractUser, now: datetime, **fields) -> AuditPlan:
    if AuditPlan.objects.filter(authority=authority, year=year).exists():
        raise ValidationError({"year": _("This authority already has an audit plan for that year.")})
    if not (fields.get("on_site") or fields.get("document_review") or fields.get("technical_testing")):
        raise ValidationError({"on_site": _("Choose at least one audit method.")})
    plan = AuditPlan(authority=authority, year=year, created_by=actor, **{k: fields[k] for k in PLAN_FIELDS})
    plan.full_clean()
    plan.save()
    _plan_event(plan, AuditEvent.Kind.PLAN_CREATED, actor=actor, now=now, after={"title": plan.title, "year": year})
    return plan


@transaction.atomic
def plan_update(*, plan: AuditPlan, actor: AbstractUser, now: datetime, **fields) -> AuditPlan:
    plan = AuditPlan.objects.select_for_update(no_key=True).get(pk=plan.pk)
    before, after = {}, {}
    for name in PLAN_FIELDS:
        if name in fields and getattr(plan, name) != fields[name]:
            before[name], after[name] = getattr(plan, name), fields[name]
            setattr(plan, name, fields[name])
    if after:
        plan.full_clean()
        plan.save()
        _plan_event(plan, AuditEvent.Kind.PLAN_UPDATED, actor=actor, now=now, before=before, after=after)
    return plan


@transaction.atomic
def plan_approve(*, plan: AuditPlan, actor: AbstractUser, now: datetime) -> AuditPlan:
    plan = AuditPlan.objects.select_for_update(no_key=True).get(pk=plan.pk)
    if plan.status == AuditPlan.Status.APPROVED:
        raise ValidationError(_("This plan is already approved."))
    plan.status = AuditPlan.Status.APPROVED
    plan.save(update_fields=["status", "updated_at"])
    _plan_event(
        plan,
        AuditEvent.Kind.PLAN_APPROVED,
        actor=actor,
        now=now,
        before={"status": "draft"},
        after={"status": "approved"},
    )
    return plan
