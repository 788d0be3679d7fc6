"""Who may generate, see and download which report, derived from the access scopes (access.selectors).

competent authority (global ``reports.view_all_reports``): every report; sector regulator: the summaries
of the sectors its regulated agencies belong to, and their scorecards; superior agency: its subtree
report and the scorecards of its subtree; agency officer/viewer: its own scorecard; incident PDFs follow
incident visibility. Auditors: none yet (the audits app adds theirs). Invisible → 404.
"""

from django.db.models import Q, QuerySet

from access import policy
from access.selectors import agencies_visible_to, agency_scope_for, agency_scope_q, user_has_agency_perm
from incidents.selectors.visibility import incident_visibility_q
from infrastructure.models import Agency, Sector
from infrastructure.selectors import subtree_q
from reports import subjects
from reports.models import GeneratedReport, ReportBatch
from reports.services.batches import sector_subject_params

VIEW_ALL = "reports.view_all_reports"


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def sees_all(user) -> bool:
    return _active(user) and user.has_perm(VIEW_ALL)


def sector_keys_for(*, user) -> list[str]:
    """Sector summaries the user may generate: all for the competent authority; for a sector regulator,
    the sectors of the agencies it regulates."""
    if sees_all(user):
        return [s.key for s in subjects.sector_subjects()]
    if not _active(user):
        return []
    regulator_ids = [agency_id for agency_id, _path in agency_scope_for(user=user).granted(policy.REGULATE_SECTOR)]
    if not regulator_ids:
        return []
    codes = set(
        Sector.objects.filter(is_active=True, agencies__regulator_id__in=regulator_ids).values_list("code", flat=True)
    )
    return [s.key for s in subjects.sector_subjects() if s.key in codes]


def supervised_agencies(*, user) -> QuerySet[Agency]:
    """Agencies whose subtree report the user may generate (superior agencies; everyone for the CA)."""
    if sees_all(user):
        return Agency.objects.filter(is_active=True)
    if not _active(user):
        return Agency.objects.none()
    q = Q(pk__in=[])
    for _agency_id, path in agency_scope_for(user=user).granted(policy.SUPERVISE_SUBTREE):
        q |= subtree_q(path)
    return Agency.objects.filter(q, is_active=True)


def scorecard_agencies(*, user) -> QuerySet[Agency]:
    return agencies_visible_to(user=user, base=Agency.objects.filter(is_active=True))


def may_subtree(*, user, agency: Agency) -> bool:
    return sees_all(user) or user_has_agency_perm(user=user, codename=policy.SUPERVISE_SUBTREE, agency=agency)


def report_visibility_q(*, user) -> Q | None:
    if not _active(user):
        return None
    if sees_all(user):
        return Q()
    scope = agency_scope_for(user=user)
    q = Q(kind="sector", subject_key__in=[f"sector:{key}" for key in sector_keys_for(user=user)])
    if scope.grants:
        q |= Q(kind="scorecard") & agency_scope_q(scope, prefix="agency__")
        for _agency_id, path in scope.granted(policy.SUPERVISE_SUBTREE):
            q |= Q(kind="subtree") & subtree_q(path, prefix="agency__")
    incident_q = incident_visibility_q(user=user)
    if incident_q is not None:
        from incidents.models import Incident

        q |= Q(kind="incident", incident__in=Incident.objects.filter(incident_q).values("pk"))
    return q


def report_list_visible_to(*, user) -> QuerySet[GeneratedReport]:
    q = report_visibility_q(user=user)
    queryset = GeneratedReport.objects.select_related("generated_by", "created_by", "supersedes")
    return queryset.none() if q is None else queryset.filter(q)


def report_get_for_user(*, user, report_id: int) -> GeneratedReport:
    """Raises GeneratedReport.DoesNotExist outside the user's scope (→ 404)."""
    return report_list_visible_to(user=user).select_related("agency", "incident", "sector").get(pk=report_id)


def may_write_observations(*, user, report: GeneratedReport) -> bool:
    """The issuing authority of a sector summary: the competent authority or the sector's regulator."""
    return report.kind == "sector" and report.subject_key.split(":", 1)[1] in sector_keys_for(user=user)


def batch_list_visible_to(*, user) -> QuerySet[ReportBatch]:
    if sees_all(user):
        return ReportBatch.objects.all()
    if not sector_keys_for(user=user):
        return ReportBatch.objects.none()
    return ReportBatch.objects.filter(requested_by=user)


def issuer_for(*, user, language: str) -> str:
    """The issuing authority printed on the cover: the competent authority, or the user's regulator agency."""
    if sees_all(user):
        return (
            "數位發展部資通安全署"
            if language.startswith("zh")
            else "Administration for Cyber Security, Ministry of Digital Affairs"
        )
    scope = agency_scope_for(user=user)
    for codename in (policy.REGULATE_SECTOR, policy.SUPERVISE_SUBTREE, policy.VIEW):
        granted = scope.granted(codename)
        if granted:
            agency = Agency.objects.only("name", "name_en").get(pk=granted[0][0])
            return agency.name if language.startswith("zh") or not agency.name_en else agency.name_en
    return ""


def generation_choices(*, user) -> dict:
    """The kinds of report the user may generate, each with what may be chosen (the report list page's forms
    and the API): sector → sector keys; subtree, scorecard → agencies; national → None."""
    found: dict = {}
    sector_keys = sector_keys_for(user=user)
    if sector_keys:
        found["sector"] = sector_keys
    supervised = supervised_agencies(user=user)
    if not sees_all(user) and supervised.exists():
        found["subtree"] = supervised
    scorecards = scorecard_agencies(user=user)
    if scorecards.exists():
        found["scorecard"] = scorecards
    if sees_all(user):
        found["national"] = None
    return found


def generation_subject(*, kind: str, user, year: int, language: str, sector_key: str = "", agency=None) -> dict:
    """The subject of a report to generate (what report_draft_open / report_generate take)."""
    issuer = issuer_for(user=user, language=language)
    if kind == "sector":
        return sector_subject_params(
            subject=subjects.sector_subject(sector_key), year=year, language=language, issuer=issuer
        )
    if kind == "national":
        name = "全國" if language.startswith("zh") else "Nationwide"
        return {
            "kind": kind,
            "subject_key": "national",
            "subject": name,
            "year": year,
            "language": language,
            "params": {"year": year, "issuer": issuer, "classification": "restricted"},
        }
    subject = agency.name if language.startswith("zh") or not agency.name_en else agency.name_en
    params = {"agency": agency.pk, "year": year, "issuer": issuer, "classification": "restricted"}
    return {
        "kind": kind,
        "subject_key": f"{kind}:{agency.pk}",
        "subject": subject,
        "year": year,
        "language": language,
        "agency": agency,
        "params": params,
    }


def batch_progress(*, batch: ReportBatch) -> dict:
    """How far an export is: sectors in all, finished (done or failed), per cent, the failed ones (the
    batch page's progress bar and the API)."""
    items = list(batch.items.order_by("id"))
    finished = sum(1 for item in items if item.status in ("done", "failed"))
    return {
        "items": items,
        "total": len(items),
        "finished": finished,
        "percent": round(finished * 100 / len(items)) if items else 100,
        "failed": [item.sector_name for item in items if item.status == "failed"],
    }
