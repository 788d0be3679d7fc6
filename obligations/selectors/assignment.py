"""Reads the assignment needs, each one query per batch of agencies (never per agency)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from common import versioning
from infrastructure.models import Agency, CIDesignation, InformationSystem, LevelDecision
from obligations.models import AgencyFacts, Requirement, RuleSet
from obligations.rules.timing import RequirementSpec


@dataclass(frozen=True)
class LevelAnchor:
    """The level in force and the decision that first approved it (a re-approval at the same level does not
    restart the clock: 初次受核定或等級變更)."""

    decision_id: int
    level: str
    effective_from: date


@dataclass(frozen=True)
class RuleSetInForce:
    id: int
    effective_from: date
    effective_to: date | None
    by_level: dict[str, tuple[RequirementSpec, ...]]

    def covers(self, day: date) -> bool:
        return versioning.covers(self, day)


def level_anchors(*, agency_ids, on: date) -> dict[int, LevelAnchor]:
    rows = (
        LevelDecision.objects.filter(
            agency_id__in=agency_ids, status=LevelDecision.Status.APPROVED, effective_from__lte=on
        )
        .order_by("agency_id", "effective_from", "decided_at", "pk")
        .values_list("agency_id", "pk", "level", "effective_from")
    )
    anchors: dict[int, LevelAnchor] = {}
    for agency_id, pk, level, effective_from in rows:
        current = anchors.get(agency_id)
        if current is None or current.level != level:
            anchors[agency_id] = LevelAnchor(decision_id=pk, level=level, effective_from=effective_from)
    return anchors


def ci_provider_ids(*, agency_ids, on: date) -> set[int]:
    return set(
        CIDesignation.objects.filter(agency_id__in=agency_ids, designated_on__lte=on)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))
        .values_list("agency_id", flat=True)
    )


def agency_facts(*, agency_ids) -> dict[int, dict[str, bool]]:
    return {
        agency_id: {"has_mail_server": mail, "has_external_core_system": external}
        for agency_id, mail, external in AgencyFacts.objects.filter(agency_id__in=agency_ids).values_list(
            "agency_id", "has_mail_server", "has_external_core_system"
        )
    }


def core_systems(*, agency_ids) -> dict[int, tuple[int, ...]]:
    grouped: dict[int, list[int]] = defaultdict(list)
    for agency_id, pk in (
        InformationSystem.objects.filter(agency_id__in=agency_ids, is_core=True, is_active=True)
        .order_by("agency_id", "pk")
        .values_list("agency_id", "pk")
    ):
        grouped[agency_id].append(pk)
    return {agency_id: tuple(ids) for agency_id, ids in grouped.items()}


def agency_counties(*, agency_ids) -> dict[int, str]:
    """Each agency's city/county: its §48 periods use that county's days off (common.calendar)."""
    return dict(Agency.objects.filter(pk__in=agency_ids).values_list("pk", "county"))


def agency_kinds(*, agency_ids) -> dict[int, str]:
    return dict(Agency.objects.filter(pk__in=agency_ids).values_list("pk", "kind"))


def rule_sets_in_force() -> list[RuleSetInForce]:
    """Every published rule set with its requirements as pure specs (two queries)."""
    sets = list(RuleSet.objects.filter(status=RuleSet.Status.PUBLISHED).order_by("-effective_from", "-version"))
    grouped: dict[int, dict[str, list[RequirementSpec]]] = defaultdict(lambda: defaultdict(list))
    for requirement in Requirement.objects.filter(rule_set__in=sets).order_by("sort_order", "pk"):
        grouped[requirement.rule_set_id][requirement.level].append(requirement_spec(requirement))
    return [
        RuleSetInForce(
            id=s.pk,
            effective_from=s.effective_from,
            effective_to=s.effective_to,
            by_level={level: tuple(specs) for level, specs in grouped[s.pk].items()},
        )
        for s in sets
    ]


def requirement_spec(requirement: Requirement) -> RequirementSpec:
    return RequirementSpec(
        id=requirement.pk,
        code=requirement.code,
        agency_scope=requirement.agency_scope,
        frequency_count=requirement.frequency_count,
        frequency_years=requirement.frequency_years,
        deadline_years=requirement.deadline_years,
        per_core_system=requirement.per_core_system,
        conditions=tuple(requirement.conditions or ()),
        citation=requirement.citation,
    )


def rule_set_for(rule_sets: list[RuleSetInForce], *, on: date) -> RuleSetInForce | None:
    return next((rule_set for rule_set in rule_sets if rule_set.covers(on)), None)
