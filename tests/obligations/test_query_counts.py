"""The obligation pages run an exact, constant number of queries: more agencies, obligations, submissions,
files and filings add rows to the same queries, never queries (issue 10: the dashboards built on these
pages must not slip into N+1). Each test counts the page once with few rows and once with many."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from obligations import services
from obligations.models import EvidenceSubmission, Obligation
from tests.conftest import otp_verify
from tests.factories import AgencyFactory
from tests.obligations.conftest import PDF
from tests.obligations.helpers import approve_level

pytestmark = pytest.mark.django_db

# Per page: session, user, OTP device, the user's roles and grants (visibility), then the page's own reads;
# no session write (a request moves the idle expiry at most once a minute: access/sessions.py).
LIST_QUERIES = 10
AGENCY_PAGE_QUERIES = 11
DETAIL_QUERIES = 11
REVIEW_QUEUE_QUERIES = 10  # the page count included (50 per page)
FILING_LIST_QUERIES = 9


def _pdf(name="report.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _submit(obligation, user, files=1) -> EvidenceSubmission:
    uploads = [_pdf(f"report-{n}.pdf") for n in range(files)]
    return services.evidence_submit(obligation=obligation, uploads=uploads, acting_user=user, now=timezone.now())


def _count(client, url, django_assert_num_queries, expected: int):
    client.get(url)  # warm the per-process caches (content types, permissions)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


def _more_agencies(world, count: int) -> list:
    agencies = [AgencyFactory(name=f"財政部所屬機關{n}", parent=world["finance"]) for n in range(count)]
    for agency in agencies:
        approve_level(agency, "C", date(2026, 3, 16))
    return agencies


def test_obligation_list_does_not_grow_with_obligations(
    client, world, users, tax_obligation, django_assert_num_queries
):
    client = otp_verify(client, users["mof"])
    url = reverse("obligations:list")
    few = _count(client, url, django_assert_num_queries, LIST_QUERIES)
    _more_agencies(world, 3)
    _submit(
        Obligation.objects.filter(agency__parent=world["finance"]).exclude(agency=world["tax"]).first(), users["mof"]
    )
    many = _count(client, url, django_assert_num_queries, LIST_QUERIES)
    assert len(many.context["page"].object_list) > len(few.context["page"].object_list)


def test_agency_obligations_page_does_not_grow_with_obligations(
    client, world, users, tax_obligation, django_assert_num_queries
):
    client = otp_verify(client, users["officer"])
    url = reverse("obligations:agency", args=[world["tax"].pk])
    _count(client, url, django_assert_num_queries, AGENCY_PAGE_QUERIES)
    for obligation in Obligation.objects.filter(agency=world["tax"]).order_by("pk")[:3]:
        _submit(obligation, users["officer"])
    _count(client, url, django_assert_num_queries, AGENCY_PAGE_QUERIES)


def test_obligation_detail_does_not_grow_with_submissions_and_files(
    client, users, tax_obligation, django_assert_num_queries
):
    client = otp_verify(client, users["mof"])
    url = reverse("obligations:detail", args=[tax_obligation.pk])
    first = _submit(tax_obligation, users["officer"])
    few = _count(client, url, django_assert_num_queries, DETAIL_QUERIES)
    services.evidence_review(
        submission=first, accept=False, reason="缺少名冊", acting_user=users["mof"], now=timezone.now()
    )
    _submit(tax_obligation, users["officer"], files=3)
    many = _count(client, url, django_assert_num_queries, DETAIL_QUERIES)
    assert (len(few.context["obligation"].submissions.all()), len(many.context["obligation"].submissions.all())) == (
        1,
        2,
    )


def test_evidence_review_queue_does_not_grow_with_submissions(
    client, world, users, tax_obligation, django_assert_num_queries
):
    client = otp_verify(client, users["mof"])
    url = reverse("obligations:review_queue")
    _submit(tax_obligation, users["officer"])
    few = _count(client, url, django_assert_num_queries, REVIEW_QUEUE_QUERIES)
    for agency in _more_agencies(world, 2):
        for obligation in Obligation.objects.filter(agency=agency).order_by("pk")[:2]:
            _submit(obligation, users["mof"], files=2)
    many = _count(client, url, django_assert_num_queries, REVIEW_QUEUE_QUERIES)
    assert (len(few.context["submissions"]), len(many.context["submissions"])) == (1, 5)


def test_filing_list_does_not_grow_with_filings(client, world, users, django_assert_num_queries):
    client = otp_verify(client, users["officer"])
    url = reverse("obligations:filings", args=[world["tax"].pk])
    sections = {n: {"content": f"§{n}"} for n in range(1, 14)}

    def file(year: int, kind: str = "plan"):
        return services.filing_save(
            agency=world["tax"],
            kind=kind,
            year=year,
            sections=sections,
            acting_user=users["officer"],
            now=timezone.now(),
        )

    file(2026)
    _count(client, url, django_assert_num_queries, FILING_LIST_QUERIES)
    for year in (2023, 2024, 2025):
        services.filing_submit(filing=file(year), acting_user=users["officer"], now=timezone.now())
    file(2025, kind="report")
    many = _count(client, url, django_assert_num_queries, FILING_LIST_QUERIES)
    assert len(many.context["filings"]) == 5


def test_evidence_review_queue_pages_the_oldest_first(client, world, users, tax_obligation, monkeypatch):
    from obligations.views import regulator

    monkeypatch.setattr(regulator, "QUEUE_PAGE_SIZE", 2)
    client = otp_verify(client, users["mof"])
    url = reverse("obligations:review_queue")
    _submit(tax_obligation, users["officer"])
    for agency in _more_agencies(world, 2):
        for obligation in Obligation.objects.filter(agency=agency).order_by("pk")[:2]:
            _submit(obligation, users["mof"])
    first, last = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hant"), client.get(url + "?page=3")
    assert [s.obligation_id for s in first.context["submissions"]][0] == tax_obligation.pk  # submitted first
    assert (len(first.context["submissions"]), len(last.context["submissions"])) == (2, 1)
    html = first.content.decode()
    assert '<p class="resultcount" id="queue-count">共 5 件待審查，最早送出者在前</p>' in html
    assert '<a href="?page=2">' in html
