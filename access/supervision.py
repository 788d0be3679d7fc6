"""Supervision, written once: who reviews an agency's incidents, and who is its superior agency.

**Incident review** (資通安全事件通報及應變辦法 2021 Art 5 ¶1, ¶2, ¶4 and Art 12 ¶1; 2026 Art 7 ¶1 and
Art 12 ¶1, where 2026 Art 7 names "the agency notified under Act Art 17 ¶2", whose text we do not have:
the 2021 allocation is kept, docs/legal-decisions.md). The first rule that matches decides:

1. an SNGA: its sector regulator (中央目的事業主管機關, Art 12 ¶1); without one, the competent authority;
2. the competent authority for its own incidents (Art 5 ¶1);
3. 總統府, 國家安全會議, the five Yuan and the municipal/county councils for their own (Art 5 ¶4);
4. the nearest agency at or above it that reviews a whole subtree (Art 5 ¶2): 總統府, a direct
   subordinate of a central first-level agency (a child of one of the five Yuan, e.g. a ministry under
   the Executive Yuan), a municipal or county (city) government (with its townships, indigenous districts
   and their councils, which the registry places below it);
5. otherwise the competent authority (it may review directly, Art 5 ¶5).

The bodies are recognised by the names the article gives them, on the registry's tree (roots: 總統府, the
five Yuan, the local governments and councils; infrastructure/demo/central.py and local.py).

**Superior agency** (上級機關: implementation reports, evidence, consent to an extension, Art 6 ¶3): any
strict ancestor in the registry tree, held through ``supervise_subtree``; or the sector regulator.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from access import policy
from access.models import AgencyUserObjectPermission
from access.selectors import agency_scope_for
from infrastructure import rules as registry_rules
from infrastructure.models import Agency, AgencyKind

ARTICLE_GOVERNMENT = "資通安全事件通報及應變辦法第5條（2026年版第7條）"
ARTICLE_SNGA = "資通安全事件通報及應變辦法第12條"

COMPETENT_AUTHORITY_NAMES = frozenset({"數位發展部"})  # since 2022-08-27 (院臺規字第1110184307號)
FIVE_YUAN = frozenset({"行政院", "立法院", "司法院", "考試院", "監察院"})  # 中央一級機關
PRESIDENTIAL_OFFICE = "總統府"
OWN_ONLY_NAMES = frozenset({PRESIDENTIAL_OFFICE, "國家安全會議"}) | FIVE_YUAN  # Art 5 ¶4
LOCAL_GOVERNMENT_SUFFIXES = ("市政府", "縣政府")
LOCAL_COUNCIL_SUFFIX = "議會"


class Basis(models.TextChoices):
    COMPETENT_AUTHORITY_OWN = "ca_own", _("The competent authority reviews its own incident")
    OWN = "own", _("The agency reviews its own incident")
    SUBTREE = "subtree", _("Reviewed by the agency responsible for its subtree")
    SECTOR_REGULATOR = "regulator", _("Reviewed by the sector regulator")
    COMPETENT_AUTHORITY = "ca", _("Reviewed by the competent authority")


CITATIONS = {
    Basis.COMPETENT_AUTHORITY_OWN: f"{ARTICLE_GOVERNMENT}第1項",
    Basis.OWN: f"{ARTICLE_GOVERNMENT}第4項",
    Basis.SUBTREE: f"{ARTICLE_GOVERNMENT}第2項",
    Basis.SECTOR_REGULATOR: f"{ARTICLE_SNGA}第1項",
    Basis.COMPETENT_AUTHORITY: f"{ARTICLE_GOVERNMENT}第5項",
}
COMPETENT_AUTHORITY_BASES = frozenset({Basis.COMPETENT_AUTHORITY_OWN, Basis.COMPETENT_AUTHORITY})


@dataclass(frozen=True)
class Reviewer:
    basis: str
    agency_id: int | None  # None: the competent authority as a regulator-wide role

    @property
    def citation(self) -> str:
        return CITATIONS[self.basis]

    @property
    def is_competent_authority(self) -> bool:
        return self.basis in COMPETENT_AUTHORITY_BASES


# --- the pure rule on the chain root … agency ----------------------------------------------------


def reviews_own(chain: list[Agency]) -> bool:
    """Art 5 ¶4 for the last agency of ``chain`` (root first)."""
    agency = chain[-1]
    if agency.name in OWN_ONLY_NAMES:
        return True
    return len(chain) == 1 and agency.name.endswith(LOCAL_COUNCIL_SUFFIX)


def reviews_subtree(chain: list[Agency]) -> bool:
    """Art 5 ¶2 for the last agency of ``chain``."""
    agency = chain[-1]
    if len(chain) == 1:
        return agency.name == PRESIDENTIAL_OFFICE or agency.name.endswith(LOCAL_GOVERNMENT_SUFFIXES)
    return len(chain) == 2 and chain[0].name in FIVE_YUAN


def reviewer_in_chain(chain: list[Agency]) -> Reviewer:
    """The reviewer of ``chain[-1]``'s incidents, a government agency (``chain``: root … agency)."""
    agency = chain[-1]
    if agency.name in COMPETENT_AUTHORITY_NAMES:
        return Reviewer(Basis.COMPETENT_AUTHORITY_OWN, agency.pk)
    if reviews_own(chain):
        return Reviewer(Basis.OWN, agency.pk)
    for depth in range(len(chain), 0, -1):
        if reviews_subtree(chain[:depth]):
            return Reviewer(Basis.SUBTREE, chain[depth - 1].pk)
    return Reviewer(Basis.COMPETENT_AUTHORITY, None)


def _chain(agency: Agency) -> list[Agency]:
    ids = registry_rules.ancestor_ids(agency.path) or [agency.pk]
    found = {row.pk: row for row in Agency.objects.filter(pk__in=ids[:-1]).only("pk", "name", "path")}
    return [found[pk] for pk in ids[:-1] if pk in found] + [agency]


def reviewer_agency(agency: Agency) -> Reviewer:
    """Who reviews ``agency``'s incidents, with the basis (and its article)."""
    if agency.kind == AgencyKind.SPECIFIC_NON_GOVERNMENT:
        if agency.regulator_id:
            return Reviewer(Basis.SECTOR_REGULATOR, agency.regulator_id)
        return Reviewer(Basis.COMPETENT_AUTHORITY, None)
    return reviewer_in_chain(_chain(agency))


# --- people -----------------------------------------------------------------------------------------


def _holders(codename: str, agency_ids) -> list[int]:
    return list(
        AgencyUserObjectPermission.objects.filter(
            permission__codename=codename, content_object_id__in=list(agency_ids)
        ).values_list("user_id", flat=True)
    )


def competent_authority_user_ids() -> list[int]:
    group = policy.group_name(policy.Role.COMPETENT_AUTHORITY)
    return list(get_user_model().objects.filter(groups__name=group, is_active=True).values_list("pk", flat=True))


def reviewer_user_ids(agency: Agency) -> list[int]:
    """The staff who review ``agency``'s incidents (sector regulator staff, the reviewing agency's
    supervisors, or the competent authority)."""
    reviewer = reviewer_agency(agency)
    if reviewer.agency_id is None:
        return competent_authority_user_ids()
    if reviewer.basis == Basis.SECTOR_REGULATOR:
        return _holders(policy.REGULATE_SECTOR, [reviewer.agency_id])
    return _holders(policy.SUPERVISE_SUBTREE, [reviewer.agency_id])


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def is_reviewer_of(user, agency: Agency) -> bool:
    """Is ``user`` on the staff of the body that reviews ``agency``'s incidents?"""
    if not _active(user):
        return False
    reviewer = reviewer_agency(agency)
    if reviewer.agency_id is None:
        return user.has_perm(policy.INCIDENT_REREVIEW)
    scope = agency_scope_for(user=user)
    codename = policy.REGULATE_SECTOR if reviewer.basis == Basis.SECTOR_REGULATOR else policy.SUPERVISE_SUBTREE
    return any(granted_id == reviewer.agency_id for granted_id, _path in scope.granted(codename))


def reviewable_q(user, *, prefix: str = "") -> Q | None:
    """Q of the agencies (``prefix="agency__"``: their rows) whose incidents ``user`` reviews; None when
    none. The competent authority may review any incident directly (Art 5 ¶5 / 2026 Art 7 ¶3)."""
    if not _active(user):
        return None
    if user.has_perm(policy.INCIDENT_REREVIEW):
        return Q()
    scope = agency_scope_for(user=user)
    supervised = scope.granted(policy.SUPERVISE_SUBTREE)
    regulators = [granted_id for granted_id, _path in scope.granted(policy.REGULATE_SECTOR)]
    if not supervised and not regulators:
        return None
    q = Q(pk__in=[])
    for granted in Agency.objects.filter(pk__in=[pk for pk, _path in supervised]):
        q |= _government_reviewed_by(granted, prefix)
    if regulators:
        q |= Q(**{f"{prefix}kind": AgencyKind.SPECIFIC_NON_GOVERNMENT, f"{prefix}regulator_id__in": regulators})
    return q


def _government_reviewed_by(agency: Agency, prefix: str) -> Q:
    """Government agencies whose reviewer is ``agency`` (its own incidents; its subtree under ¶2 less the
    bodies that review their own)."""
    chain = _chain(agency)
    reviewer = reviewer_in_chain(chain)
    own = Q(**{f"{prefix}pk": agency.pk}) if reviewer.agency_id == agency.pk else Q(pk__in=[])
    if not reviews_subtree(chain):
        return own
    upper = registry_rules.subtree_upper_bound(agency.path)
    below = Q(**{f"{prefix}path__gt": agency.path, f"{prefix}path__lt": upper})
    excluded = Agency.objects.filter(path__gt=agency.path, path__lt=upper).filter(
        Q(name__in=OWN_ONLY_NAMES | COMPETENT_AUTHORITY_NAMES)
    )
    government = Q(**{f"{prefix}kind": AgencyKind.GOVERNMENT})
    return own | (government & below & ~Q(**{f"{prefix}pk__in": list(excluded.values_list("pk", flat=True))}))


# --- superior agency (上級機關) -----------------------------------------------------------------------


def superior_q(user, *, prefix: str = "") -> Q | None:
    """Q of the agencies ``user`` supervises as a superior agency (strict subtree) or sector regulator."""
    scope = agency_scope_for(user=user)
    supervised = scope.granted(policy.SUPERVISE_SUBTREE)
    regulators = [granted_id for granted_id, _path in scope.granted(policy.REGULATE_SECTOR)]
    if not supervised and not regulators:
        return None
    q = Q(pk__in=[])
    for _granted_id, path in supervised:
        q |= Q(**{f"{prefix}path__gt": path, f"{prefix}path__lt": registry_rules.subtree_upper_bound(path)})
    if regulators:
        q |= Q(**{f"{prefix}regulator_id__in": regulators})
    return q


def is_superior_of(user, agency: Agency) -> bool:
    """A superior agency (a strict ancestor supervised by ``user``) or ``agency``'s sector regulator."""
    scope = agency_scope_for(user=user)
    if any(
        agency.path.startswith(path) and granted_id != agency.pk
        for granted_id, path in scope.granted(policy.SUPERVISE_SUBTREE)
    ):
        return True
    return any(granted_id == agency.regulator_id for granted_id, _path in scope.granted(policy.REGULATE_SECTOR))
