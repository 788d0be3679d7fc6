"""The incident list, the review queue and the incident page run an exact, constant number of queries: more
incidents, clocks, attachments, measures and events add rows to the same queries, never queries (issue 10:
the dashboards built on these pages must not slip into N+1). Each test counts once with few rows and once
with many."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from incidents import services
from incidents.models import ImprovementMeasure
from tests.conftest import otp_verify
from tests.incidents.conftest import AWARE_2026, file_incident

pytestmark = pytest.mark.django_db

# Per page: session, user, OTP device, the user's roles and grants (visibility), then the page's own reads;
# no session write (a request moves the idle expiry at most once a minute: access/sessions.py).
LIST_QUERIES = 11
QUEUE_QUERIES = 16
DETAIL_QUERIES = 15


@pytest.fixture
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def _count(client, url, django_assert_num_queries, expected: int):
    client.get(url)  # warm the per-process caches (content types, permissions)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


def _file_more(world, users, count: int) -> None:
    for n in range(count):
        file_incident(world["tax"], users["officer"], level=1 + n % 4, aware_at=AWARE_2026 + timedelta(hours=n + 1))


def test_incident_list_does_not_grow_with_incidents(client, world, users, django_assert_num_queries):
    client = otp_verify(client, users["officer"])
    file_incident(world["tax"], users["officer"])
    few = _count(client, reverse("incidents:list"), django_assert_num_queries, LIST_QUERIES)
    _file_more(world, users, 5)
    many = _count(client, reverse("incidents:list"), django_assert_num_queries, LIST_QUERIES)
    assert (len(few.context["rows"]), len(many.context["rows"])) == (1, 6)


def test_review_queue_does_not_grow_with_incidents(client, world, users, django_assert_num_queries):
    client = otp_verify(client, users["mof"])
    file_incident(world["tax"], users["officer"])
    few = _count(client, reverse("incidents:queue"), django_assert_num_queries, QUEUE_QUERIES)
    _file_more(world, users, 5)
    many = _count(client, reverse("incidents:queue"), django_assert_num_queries, QUEUE_QUERIES)
    assert (len(few.context["rows"]), len(many.context["rows"])) == (1, 6)


def test_incident_page_does_not_grow_with_attachments_measures_and_events(
    client, world, users, private_media, django_assert_num_queries
):
    client = otp_verify(client, users["officer"])
    incident = file_incident(world["tax"], users["officer"], level=3)
    url = reverse("incidents:detail", args=[incident.pk])
    _count(client, url, django_assert_num_queries, DETAIL_QUERIES)
    now = AWARE_2026 + timedelta(hours=1)
    incident = services.incident_review_complete(
        incident=incident, level=3, note="", forward=False, acting_user=users["mof"], now=now
    )
    for n in range(3):
        services.incident_attachment_add(
            incident=incident,
            content=b"%PDF-1.7\n...",
            original_name=f"r{n}.pdf",
            acting_user=users["officer"],
            now=now,
        )
        services.improvement_measure_add(
            incident=incident,
            category=ImprovementMeasure.Category.TECHNICAL,
            description=f"措施{n}",
            owner="資訊室",
            due_on=date(2026, 6, 30),
            acting_user=users["officer"],
            now=now,
        )
    many = _count(client, url, django_assert_num_queries, DETAIL_QUERIES)
    assert (len(many.context["attachments"]), len(many.context["measures"])) == (3, 3)
