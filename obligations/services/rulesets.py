"""Rule-set versions: a published rule set never changes; a change is a new draft version, then published."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from obligations.models import Requirement, RuleSet
from obligations.services.events import Kind, record_event

if TYPE_CHECKING:
    from django.contrib.auth.models import User

COPIED_FIELDS = [
    field.name
    for field in Requirement._meta.concrete_fields
    if field.name not in ("id", "rule_set", "created_at", "updated_at")
]


def ruleset_is_editable(rule_set: RuleSet) -> bool:
    return rule_set.status == RuleSet.Status.DRAFT


def ruleset_ensure_editable(rule_set: RuleSet) -> None:
    if not ruleset_is_editable(rule_set):
        raise ValidationError(_("A published or retired rule set cannot be changed; create a new version."))


@transaction.atomic
def ruleset_new_version(*, now: datetime, rule_set: RuleSet, acting_user: User | None, channel: str = "web") -> RuleSet:
    """A draft copy (requirements included) of ``rule_set`` with the next version number."""
    version = (RuleSet.objects.filter(name=rule_set.name).aggregate(last=Max("version"))["last"] or 0) + 1
    draft = RuleSet.objects.create(
        name=rule_set.name,
        version=version,
        legal_basis=rule_set.legal_basis,
        promulgated_on=rule_set.promulgated_on,
        effective_from=rule_set.effective_from,
        effective_to=rule_set.effective_to,
        previous=rule_set,
        note=rule_set.note,
    )
    Requirement.objects.bulk_create(
        [
            Requirement(rule_set=draft, **{name: getattr(requirement, name) for name in COPIED_FIELDS})
            for requirement in rule_set.requirements.all()
        ]
    )
    record_event(
        Kind.RULESET_CREATED,
        actor=acting_user,
        channel=channel,
        rule_set=draft,
        data={"previous": rule_set.pk, "version": version},
        now=now,
    )
    return draft


@transaction.atomic
def requirement_save(*, requirement: Requirement, acting_user: User | None, channel: str = "admin") -> Requirement:
    """Admin edits of a draft's requirement (the only way a requirement changes)."""
    ruleset_ensure_editable(RuleSet.objects.get(pk=requirement.rule_set_id))
    requirement.full_clean()
    requirement.save()
    return requirement


@transaction.atomic
def ruleset_publish(
    *, rule_set: RuleSet, effective_from: date, acting_user: User | None, now: datetime, channel: str = "web"
) -> RuleSet:
    """Publish a draft from ``effective_from``; the rule set it replaces ends the day before."""
    rule_set = RuleSet.objects.select_for_update().get(pk=rule_set.pk)
    ruleset_ensure_editable(rule_set)
    if not rule_set.requirements.exists():
        raise ValidationError(_("A rule set without requirements cannot be published."))
    replaced = list(
        RuleSet.objects.filter(status=RuleSet.Status.PUBLISHED, effective_from__lt=effective_from)
        .exclude(effective_to__lt=effective_from)
        .filter(name=rule_set.name)
    )
    for old in replaced:
        old.effective_to = effective_from - timedelta(days=1)
        old.save(update_fields=["effective_to", "updated_at"])
    rule_set.status, rule_set.effective_from = RuleSet.Status.PUBLISHED, effective_from
    rule_set.published_at, rule_set.published_by = now, acting_user
    rule_set.full_clean()
    rule_set.save()
    record_event(
        Kind.RULESET_PUBLISHED,
        actor=acting_user,
        channel=channel,
        rule_set=rule_set,
        data={
            "effective_from": effective_from,
            "replaced": [old.pk for old in replaced],
            "before": {"status": RuleSet.Status.DRAFT},
            "after": {"status": RuleSet.Status.PUBLISHED},
        },
        now=now,
    )
    return rule_set


@transaction.atomic
def ruleset_retire(*, now: datetime, rule_set: RuleSet, acting_user: User | None, channel: str = "web") -> RuleSet:
    if rule_set.status != RuleSet.Status.PUBLISHED:
        raise ValidationError(_("Only a published rule set can be retired."))
    rule_set.status = RuleSet.Status.RETIRED
    rule_set.save(update_fields=["status", "updated_at"])
    record_event(
        Kind.RULESET_RETIRED,
        actor=acting_user,
        channel=channel,
        rule_set=rule_set,
        data={"before": {"status": RuleSet.Status.PUBLISHED}, "after": {"status": RuleSet.Status.RETIRED}},
        now=now,
    )
    return rule_set
