"""Demo history for seed_demo: the four years before this one, mostly complete with a realistic spread
(accepted on time, accepted late, accepted after a returned submission, exempt, awaiting review, still
overdue), so the dashboards and reports show real shapes. Deterministic for a seed.

The demo registry records each agency's current level; the history assumes the agency held that level in
the past years and owed the yearly items (frequency per year, not per core system) of the rule set then in
force. Bulk inserts (with their events), so the national scale adds seconds, not minutes.
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction

from common.events import build_event
from common.periods import TAIPEI
from infrastructure.models import Agency
from infrastructure.selectors import agency_annotate_level
from obligations import rules
from obligations.models import EvidenceSubmission, Obligation, ObligationEvent, Requirement, RuleSet

YEARS_BACK = (1, 2, 3, 4)
# Outcome shares per year back (the most recent past year is the least complete).
OVERDUE = {1: 0.07, 2: 0.04, 3: 0.03, 4: 0.02}
AWAITING = {1: 0.03, 2: 0.01, 3: 0.0, 4: 0.0}
RETURNED_OPEN, EXEMPT, RETURNED_THEN_ACCEPTED, LATE = 0.015, 0.03, 0.06, 0.09
STATEMENT = "示範資料：已辦理並檢附佐證。"
RETURN_REASON = "示範資料：佐證文件不完整，請補正後重新上傳。"


def load_obligations_history(*, seed: int, today: date, officer, reviewer) -> dict[str, int]:
    rng = random.Random(seed * 104729 + 11)
    agencies = list(
        agency_annotate_level(Agency.objects.filter(is_active=True), on=today)
        .filter(current_level__isnull=False)
        .order_by("pk")
        .values_list("pk", "kind", "current_level")
    )
    created = {"history obligations": 0, "history submissions": 0}
    with transaction.atomic():
        for back in YEARS_BACK:
            year = today.year - back
            specs = _yearly_requirements(on=date(year, 7, 1))
            obligations = _obligations(agencies, specs, year=year)
            outcomes = [_outcome(rng, back=back) for _obligation in obligations]
            for obligation, outcome in zip(obligations, outcomes, strict=True):
                obligation.status = STATUS[outcome]
                obligation.exempt_basis = rules.EXEMPTION_BASIS_DEFAULT if outcome == "exempt" else ""
            Obligation.objects.bulk_create(obligations, batch_size=2000)
            submissions, events = _records(rng, obligations, outcomes, officer=officer, reviewer=reviewer)
            EvidenceSubmission.objects.bulk_create(submissions, batch_size=2000)
            ObligationEvent.objects.bulk_create(events, batch_size=2000)
            created["history obligations"] += len(obligations)
            created["history submissions"] += len(submissions)
    return created


def _yearly_requirements(*, on: date) -> dict[str, list[Requirement]]:
    rule_set = (
        RuleSet.objects.filter(status=RuleSet.Status.PUBLISHED, effective_from__lte=on)
        .order_by("-effective_from", "-version")
        .first()
    )
    if rule_set is None:
        return {}
    by_level: dict[str, list[Requirement]] = {}
    for requirement in rule_set.requirements.filter(frequency_years=1, per_core_system=False).order_by(
        "sort_order", "pk"
    ):
        by_level.setdefault(requirement.level, []).append(requirement)
    return by_level


def _applies(requirement: Requirement, kind: str) -> bool:
    return requirement.agency_scope in ("both", kind)


def _obligations(agencies, specs, *, year: int) -> list[Obligation]:
    due_on = date(year, 12, 31)
    due_at = datetime.combine(due_on, time(23, 59, 59), tzinfo=TAIPEI)
    rows = []
    for agency_id, kind, level in agencies:
        for requirement in specs.get(level, ()):
            if not _applies(requirement, kind):
                continue
            for sequence in range(1, (requirement.frequency_count or 1) + 1):
                rows.append(
                    Obligation(
                        agency_id=agency_id,
                        year=year,
                        level=level,
                        requirement=requirement,
                        rule_set_id=requirement.rule_set_id,
                        sequence=sequence,
                        assignment_key=f"demo-history:{agency_id}:{requirement.pk}:{year}:{sequence}",
                        period_start=date(year, 1, 1),
                        due_on=due_on,
                        due_at=due_at,
                        nominal_due_on=due_on,
                        due_rule="每年一次（示範歷史資料）",
                        due_citation=requirement.citation,
                    )
                )
    return rows


STATUS = {
    "overdue": rules.ObligationStatus.OPEN,
    "returned": rules.ObligationStatus.RETURNED,
    "awaiting": rules.ObligationStatus.SUBMITTED,
    "exempt": rules.ObligationStatus.EXEMPT,
    "resubmitted": rules.ObligationStatus.ACCEPTED,
    "late": rules.ObligationStatus.ACCEPTED,
    "on_time": rules.ObligationStatus.ACCEPTED,
}


def _outcome(rng: random.Random, *, back: int) -> str:
    draw = rng.random()
    for name, share in (
        ("overdue", OVERDUE[back]),
        ("returned", RETURNED_OPEN),
        ("awaiting", AWAITING[back]),
        ("exempt", EXEMPT),
        ("resubmitted", RETURNED_THEN_ACCEPTED),
        ("late", LATE),
    ):
        if draw < share:
            return name
        draw -= share
    return "on_time"


def _moment(rng: random.Random, first: date, days: int) -> datetime:
    day = first + timedelta(days=rng.randint(0, days))
    return datetime.combine(day, time(9, 0), tzinfo=TAIPEI) + timedelta(minutes=rng.randint(0, 8 * 60))


def _submission(obligation, number, *, at, review, officer, reviewer, reason="") -> EvidenceSubmission:
    reviewed = review != EvidenceSubmission.Review.PENDING
    return EvidenceSubmission(
        obligation=obligation,
        number=number,
        statement=STATEMENT,
        submitted_by=officer,
        submitted_at=at,
        performed_on=at.date(),
        review=review,
        reviewed_by=reviewer if reviewed else None,
        reviewed_at=at + timedelta(days=5) if reviewed else None,
        review_reason=reason,
    )


def _event(obligation, kind, *, at, actor, data=None) -> ObligationEvent:
    subjects = {"agency_id": obligation.agency_id, "obligation": obligation}
    return build_event(ObligationEvent, kind=kind, actor=actor, now=at, channel="cli", data=data, **subjects)


def _records(rng, obligations, outcomes, *, officer, reviewer):
    """The submissions and events each outcome implies (times inside the obligation's year or just after)."""
    review = EvidenceSubmission.Review
    kinds = ObligationEvent.Kind
    submissions, events = [], []
    for obligation, outcome in zip(obligations, outcomes, strict=True):
        year_start = date(obligation.year, 3, 1)
        if outcome == "exempt":
            events.append(_event(obligation, kinds.EXEMPTED, at=_moment(rng, year_start, 200), actor=reviewer))
            continue
        if outcome == "overdue":
            continue
        first_at = (
            _moment(rng, date(obligation.year + 1, 1, 5), 70) if outcome == "late" else _moment(rng, year_start, 260)
        )
        first_review = {"returned": review.RETURNED, "resubmitted": review.RETURNED, "awaiting": review.PENDING}
        state = first_review.get(outcome, review.ACCEPTED)
        reason = RETURN_REASON if state == review.RETURNED else ""
        submissions.append(
            _submission(obligation, 1, at=first_at, review=state, officer=officer, reviewer=reviewer, reason=reason)
        )
        events.append(_event(obligation, kinds.EVIDENCE_SUBMITTED, at=first_at, actor=officer))
        if state != review.PENDING:
            kind = kinds.EVIDENCE_RETURNED if state == review.RETURNED else kinds.EVIDENCE_ACCEPTED
            events.append(_event(obligation, kind, at=first_at + timedelta(days=5), actor=reviewer))
        if outcome == "resubmitted":
            again = first_at + timedelta(days=12)
            submissions.append(
                _submission(obligation, 2, at=again, review=review.ACCEPTED, officer=officer, reviewer=reviewer)
            )
            events.append(_event(obligation, kinds.EVIDENCE_SUBMITTED, at=again, actor=officer))
            events.append(_event(obligation, kinds.EVIDENCE_ACCEPTED, at=again + timedelta(days=5), actor=reviewer))
    return submissions, events
