from django.urls import path

from obligations.views import evidence, filings, pages, people, regulator, rulesets

app_name = "obligations"

urlpatterns = [
    path("", pages.obligation_list_view, name="list"),
    path("compliance/", pages.compliance_view, name="compliance"),
    path("review/", regulator.review_queue_view, name="review_queue"),
    path("adhoc/new/", regulator.adhoc_create_view, name="adhoc_create"),
    path("agencies/<int:agency_id>/", pages.agency_obligations_view, name="agency"),
    path("agencies/<int:agency_id>/filings/", filings.filing_list_view, name="filings"),
    path("agencies/<int:agency_id>/filings/<str:kind>/<int:year>/", filings.filing_edit_view, name="filing_edit"),
    path("agencies/<int:agency_id>/people/", people.people_view, name="people"),
    path("filings/<int:filing_id>/review/", filings.filing_review_view, name="filing_review"),
    path("<int:obligation_id>/", evidence.obligation_detail_view, name="detail"),
    path("<int:obligation_id>/evidence/", evidence.evidence_submit_view, name="evidence_submit"),
    path("<int:obligation_id>/exempt/", evidence.obligation_exempt_view, name="exempt"),
    path("evidence/<int:file_id>/download/", evidence.evidence_download_view, name="evidence_download"),
    path("submissions/<int:submission_id>/review/", evidence.evidence_review_view, name="review"),
    path("rules/", rulesets.ruleset_list_view, name="ruleset_list"),
    path("rules/compare/", rulesets.ruleset_compare_view, name="ruleset_compare"),
    path("rules/<int:ruleset_id>/", rulesets.ruleset_detail_view, name="ruleset_detail"),
    path("rules/<int:ruleset_id>/new-version/", rulesets.ruleset_new_version_view, name="ruleset_new_version"),
    path("rules/<int:ruleset_id>/publish/", rulesets.ruleset_publish_view, name="ruleset_publish"),
]
