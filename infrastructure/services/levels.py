"""Responsibility levels (分級辦法 Arts 3-10): propose, submit, approve with the re-approval cycle in force,
reject. Approval announces ``LevelApproved`` to the apps above the registry in the same transaction
(infrastructure/hooks.py: obligations assigns the level's items there, issue 4)."""

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common import versioning
from common.conflicts import conflict
from infrastructure import rules
from infrastructure.events import record_event
from infrastructure.hooks import LevelApproved, announce_level_approved
from infrastructure.models import (
    Agency,
    AgencyEvent,
    LevelCycleRule,
    LevelDecision,
    LevelRoute,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Channel = AgencyEvent.Channel
Kind = AgencyEvent.Kind


LEVEL_MISMATCH = gettext_lazy(
    "The criteria give level {computed}; choosing level {chosen} needs an adjustment reason (Art 10)."
)


CRITERION_MISFIT = gettext_lazy("Criterion %(codes)s does not apply to this kind of agency (%(kind)s).")


def is_ci_provider(agency: Agency) -> bool:
    """A designated critical-infrastructure provider: a designation not withdrawn, or the SNGA category."""
    if agency.pk is None:
        return agency.sngo_category == "ci_provider"
    designated = agency.ci_designations.filter(withdrawn_on__isnull=True).exists()
    return designated or agency.sngo_category == "ci_provider"


def level_proposal_errors(
    *, level: str, criteria: list[str], adjustment_reason: str, agency: Agency | None = None
) -> dict[str, str]:
    """What is wrong with a level proposal (分級辦法 Arts 4-10), by field; empty when it is acceptable.
    With ``agency``, every criterion must fit its kind (rules.criterion_fits: Art 4 (5)(6), 5 (5)(6), 8 (2)(3))."""
    unknown = [code for code in criteria if code not in rules.CRITERIA_BY_CODE]
    if unknown:
        return {"criteria": _("Unknown criterion: %(codes)s") % {"codes": ", ".join(unknown)}}
    if agency is not None:
        ci = is_ci_provider(agency)
        misfit = [
            code for code in criteria if not rules.criterion_fits(code, agency_kind=agency.kind, is_ci_provider=ci)
        ]
        if misfit:
            kind = agency.get_kind_display() + (f", {_('critical-infrastructure provider')}" if ci else "")
            return {"criteria": str(CRITERION_MISFIT) % {"codes": ", ".join(misfit), "kind": kind}}
    computed = rules.level_from_criteria(criteria) if criteria else None
    if computed != level and not adjustment_reason.strip():
        return {"level": str(LEVEL_MISMATCH).format(computed=computed or "—", chosen=level)}
    return {}


def level_route_for(agency: Agency) -> tuple[str, Agency | None]:
    """分級辦法 Art 3 for ``agency`` (rules.level_route): the procedure and the deciding agency (None: the competent
    authority). An SNGA follows its sector regulator's chain ("所管之特定非公務機關")."""
    anchor = agency.regulator if agency.kind == "sngo" else agency
    if anchor is None:
        return LevelRoute.APPROVAL, None
    ids = rules.ancestor_ids(anchor.path) or [anchor.pk]
    names = dict(Agency.objects.filter(pk__in=ids).values_list("pk", "name"))
    route = rules.level_route(chain=[names.get(pk, "") for pk in ids], is_snga=agency.kind == "sngo")
    decider = Agency.objects.get(pk=ids[route.decider]) if route.decider is not None else None
    return route.route, decider


@transaction.atomic
def level_propose(
    *,
    now: datetime,
    agency: Agency,
    level: str,
    criteria: list[str],
    adjustment_reason: str = "",
    acting_user: "User | None" = None,
    channel: str = Channel.SYSTEM,
) -> LevelDecision:
    errors = level_proposal_errors(level=level, criteria=criteria, adjustment_reason=adjustment_reason, agency=agency)
    if errors:
        raise ValidationError(errors)
    route, decider = level_route_for(agency)
    decision = LevelDecision(
        agency=agency,
        level=level,
        criteria=criteria,
        proposed_by=acting_user,
        adjustment_reason=adjustment_reason.strip(),
        route=route,
        deciding_agency=decider,
    )
    decision.full_clean()
    decision.save()
    record_event(
        agency=agency,
        kind=Kind.LEVEL_PROPOSED,
        actor=acting_user,
        channel=channel,
        data={
            "level": level,
            "criteria": criteria,
            "decision": decision.pk,
            "route": route,
            "deciding_agency": decider.pk if decider else None,
        },
        now=now,
    )
    return decision


def _ensure_open(decision: LevelDecision) -> None:
    """common/conflicts.py: lock the decision's row and reload it; closed meanwhile (approved or rejected by
    someone else) is a conflict — the page shows it as a message, the API answers 409."""
    list(LevelDecision.objects.select_for_update(no_key=True).filter(pk=decision.pk).values_list("pk", flat=True))
    decision.refresh_from_db(
        fields=["status", "submitted_by", "submitted_at", "updated_at"]
    )  # what an open one changes
    if decision.status in (LevelDecision.Status.APPROVED, LevelDecision.Status.REJECTED):
        raise conflict(_("This level decision is already closed."))


@transaction.atomic
def level_submit(
    *, decision: LevelDecision, now: datetime, acting_user: "User | None" = None, channel: str = Channel.SYSTEM
) -> LevelDecision:
    _ensure_open(decision)
    decision.status, decision.submitted_by, decision.submitted_at = (
        LevelDecision.Status.SUBMITTED,
        acting_user,
        now,
    )
    decision.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    record_event(
        agency=decision.agency,
        kind=Kind.LEVEL_SUBMITTED,
        actor=acting_user,
        channel=channel,
        data={"level": decision.level, "decision": decision.pk},
        now=now,
    )
    return decision


def cycle_rule_in_force(*, on: date) -> LevelCycleRule:
    rule = LevelCycleRule.objects.filter(versioning.in_force_q(on)).order_by("-effective_from").first()
    if rule is None:
        raise ValidationError(_("No level re-approval rule is in force on %(date)s.") % {"date": on})
    return rule


@transaction.atomic
def level_approve(
    *,
    decision: LevelDecision,
    effective_from: date,
    now: datetime,
    acting_user: "User | None" = None,
    channel: str = Channel.SYSTEM,
) -> LevelDecision:
    _ensure_open(decision)
    previous = _current_level(agency=decision.agency, on=effective_from)
    rule = cycle_rule_in_force(on=effective_from)
    decision.status = LevelDecision.Status.APPROVED
    decision.decided_by, decision.decided_at, decision.effective_from = acting_user, now, effective_from
    decision.cycle_rule = rule
    decision.reapproval_due = rules.reapproval_due(effective_from=effective_from, cycle_years=rule.cycle_years)
    decision.full_clean()
    decision.save()
    record_event(
        agency=decision.agency,
        kind=Kind.LEVEL_APPROVED,
        actor=acting_user,
        channel=channel,
        data={
            "before": {"level": previous},
            "after": {"level": decision.level},
            "effective_from": effective_from,
            "reapproval_due": decision.reapproval_due,
            "rule": rule.citation,
            "decision": decision.pk,
            "route": decision.route,
        },
        now=now,
    )
    announce_level_approved(
        LevelApproved(
            decision=decision,
            agency=decision.agency,
            level=decision.level,
            previous_level=previous,
            effective_from=effective_from,
            decided_at=now,
            acting_user=acting_user,
            channel=channel,
        )
    )
    return decision


@transaction.atomic
def level_file_for_reference(
    *, decision: LevelDecision, now: datetime, acting_user: "User | None" = None, channel: str = Channel.SYSTEM
) -> LevelDecision:
    """Art 3 V: a level the Presidential Office, the NSC or one of the four Yuan decided is sent to the competent
    authority for reference (送主管機關備查). Once, after the decision."""
    decision = LevelDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.route != LevelRoute.RECORDATION:
        raise ValidationError(_("Only a level decided under Art 3 V is filed for reference."))
    if decision.status != LevelDecision.Status.APPROVED:
        raise ValidationError(_("File the level after it has been decided."))
    if decision.filed_at is not None:
        raise ValidationError(_("This level has already been filed with the competent authority."))
    decision.filed_at = now
    decision.save(update_fields=["filed_at", "updated_at"])
    record_event(
        agency=decision.agency,
        kind=Kind.LEVEL_FILED,
        actor=acting_user,
        channel=channel,
        data={"level": decision.level, "decision": decision.pk, "before": {"filed_at": None},
              "after": {"filed_at": now}, "citation": rules.ROUTE_CITATIONS[rules.ROUTE_RECORDATION]},
    now=now)  # fmt: skip
    return decision


@transaction.atomic
def level_reject(
    *,
    decision: LevelDecision,
    reason: str,
    now: datetime,
    acting_user: "User | None" = None,
    channel: str = Channel.SYSTEM,
) -> LevelDecision:
    _ensure_open(decision)
    if not reason.strip():
        raise ValidationError({"rejection_reason": _("A reason is required.")})
    decision.status, decision.rejection_reason = LevelDecision.Status.REJECTED, reason.strip()
    decision.decided_by, decision.decided_at = acting_user, now
    decision.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at", "updated_at"])
    record_event(
        agency=decision.agency,
        kind=Kind.LEVEL_REJECTED,
        actor=acting_user,
        channel=channel,
        data={"level": decision.level, "reason": reason, "decision": decision.pk},
        now=now,
    )
    return decision


def _current_level(*, agency: Agency, on: date) -> str | None:
    from infrastructure.selectors import level_current_for

    return level_current_for(agency=agency, on=on)
