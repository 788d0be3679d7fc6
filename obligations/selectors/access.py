"""Who may see, submit for and review obligations — derived from the access app's grants (no guardian calls).

- See: the agencies ``access.selectors.agency_scope_q`` gives the user.
- Submit evidence: ``act_for_agency`` on the agency.
- Review (accept / return / exempt): the global ``obligations.review_obligation`` permission (competent
  authority), ``supervise_subtree`` on a strict ancestor (superior agency) or ``regulate_sector_agencies``
  on the agency's sector regulator.
- File an annual plan or report on the agency's behalf (施行細則 Art 6 ¶3): the same scoped reviewers.
"""

from django.db.models import Q, QuerySet

from access import policy, supervision
from access.selectors import agency_scope_for, agency_scope_q, user_has_agency_perm
from obligations.models import AnnualFiling, EvidenceFile, EvidenceSubmission, Obligation

REVIEW_PERM = "obligations.review_obligation"
ADHOC_PERM = "obligations.assign_adhoc_obligation"
DEADLINE_PERM = "obligations.set_filing_deadline"
RULE_DATA_PERM = "access.manage_rule_data"


def _visible_q(user, prefix: str) -> Q | None:
    scope = agency_scope_for(user=user)
    if not scope.sees_all and not scope.grants:
        return None
    return agency_scope_q(scope, prefix=prefix)


def obligations_visible_to(*, user) -> QuerySet[Obligation]:
    q = _visible_q(user, "agency__")
    return Obligation.objects.none() if q is None else Obligation.objects.filter(q)


def submissions_visible_to(*, user) -> QuerySet[EvidenceSubmission]:
    q = _visible_q(user, "obligation__agency__")
    return EvidenceSubmission.objects.none() if q is None else EvidenceSubmission.objects.filter(q)


def evidence_files_visible_to(*, user) -> QuerySet[EvidenceFile]:
    q = _visible_q(user, "submission__obligation__agency__")
    return EvidenceFile.objects.none() if q is None else EvidenceFile.objects.filter(q)


def filings_visible_to(*, user) -> QuerySet[AnnualFiling]:
    q = _visible_q(user, "agency__")
    return AnnualFiling.objects.none() if q is None else AnnualFiling.objects.filter(q)


def can_submit_for(*, user, agency) -> bool:
    return user_has_agency_perm(user=user, codename=policy.ACT_FOR_AGENCY, agency=agency)


def can_review(*, user, agency) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm(REVIEW_PERM) or supervises(user=user, agency=agency)


def supervises(*, user, agency) -> bool:
    """A superior agency (strict ancestor) or the agency's sector regulator (access.supervision: the
    上級機關 relation, not the incident reviewer of 通報及應變辦法 Art 5)."""
    return supervision.is_superior_of(user, agency)


def can_file_for(*, user, agency) -> bool:
    return can_submit_for(user=user, agency=agency) or supervises(user=user, agency=agency)


def reviewable_q(*, user, prefix: str = "agency__") -> Q | None:
    """Q of the agencies whose obligations the user may review; None when none."""
    if user.has_perm(REVIEW_PERM):
        return Q()
    return supervision.superior_q(user, prefix=prefix)


def can_assign_adhoc(*, user) -> bool:
    return user.has_perm(ADHOC_PERM) or reviewable_q(user=user) is not None


def adhoc_targets(*, user, filters: dict) -> QuerySet:
    """The agencies an ad-hoc assignment reaches: the filter, within what the user may assign to."""
    from access.selectors import agencies_visible_to
    from infrastructure.selectors import AgencyFilters, agency_list

    visible = agencies_visible_to(user=user)
    if not user.has_perm(ADHOC_PERM):
        visible = visible.filter(reviewable_q(user=user, prefix="") or Q(pk__in=[]))
    if filters.get("agency"):
        return visible.filter(pk=filters["agency"])
    found = agency_list(
        filters=AgencyFilters(
            level=filters.get("level", ""), kind=filters.get("kind", ""), sector=filters.get("sector")
        ),
        base=visible,
    )
    return visible.filter(pk__in=found.values("pk"))
