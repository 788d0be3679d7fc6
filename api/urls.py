"""``/api/v1/``: one router; every resource goes through the apps' scoped selectors and services."""

from rest_framework.routers import DefaultRouter

from api.views.audits import AuditPlanViewSet, AuditViewSet
from api.views.drills import DrillViewSet
from api.views.events import TrailEventViewSet
from api.views.incidents import IncidentViewSet
from api.views.obligations import EvidenceFileViewSet, ObligationViewSet, RuleSetViewSet, SubmissionViewSet
from api.views.opendata import ReleaseViewSet
from api.views.registry import AgencyViewSet, SectorViewSet
from api.views.registry_writes import ContactViewSet, LevelDecisionViewSet, SystemViewSet
from api.views.reports import GeneratedReportViewSet, ReportBatchViewSet

app_name = "api"


class Router(DefaultRouter):
    include_format_suffixes = False  # JSON only: no ".json" suffix routes


router = Router(use_regex_path=False)  # path() routes, so tests/urlwalk.py can fill them
router.register("sectors", SectorViewSet, basename="sector")
router.register("agencies", AgencyViewSet, basename="agency")
router.register("rule-sets", RuleSetViewSet, basename="ruleset")
router.register("obligations", ObligationViewSet, basename="obligation")
router.register("evidence-submissions", SubmissionViewSet, basename="submission")
router.register("evidence-files", EvidenceFileViewSet, basename="evidence-file")
router.register("incidents", IncidentViewSet, basename="incident")
router.register("drills", DrillViewSet, basename="drill")
# reports and audits (issue 14)
router.register("reports", GeneratedReportViewSet, basename="report")
router.register("report-batches", ReportBatchViewSet, basename="report-batch")
router.register("audit-plans", AuditPlanViewSet, basename="audit-plan")
router.register("audits", AuditViewSet, basename="audit")
# Open data (issue 14): read-only, published releases public without a token
router.register("opendata/releases", ReleaseViewSet, basename="opendata-release")
# registry writes and the audit trail (issue 14, registry writes + events)
router.register("level-decisions", LevelDecisionViewSet, basename="level-decision")
router.register("contacts", ContactViewSet, basename="contact")
router.register("systems", SystemViewSet, basename="system")
router.register("events", TrailEventViewSet, basename="event")

urlpatterns = router.urls
