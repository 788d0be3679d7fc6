"""The filing POST costs a constant number of queries whatever the size of the registry: more agencies,
more reviewers of the agency and more competent-authority staff (the notification's recipients) add rows
to the same queries, never queries (issue 15: filing p95 under load)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from access import grants
from access.policy import Role
from common.models import OutboundNotification
from incidents.models import Incident
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db
FILING_QUERIES = 40  # session, user, grants, the agencies (one query), form, a content type, service (incident, clocks, events, outbox row), savepoints


def _grow_registry(world, size: int) -> None:
    for n in range(size):
        AgencyFactory(name=f"財政部所屬機關{n}", parent=world["finance"])
        grants.role_grant(
            user=UserFactory(username=f"superior{n}"),
            role=Role.SUPERIOR_AGENCY,
            agency=world["finance"],
            now=timezone.now(),
        )
        grants.role_grant(user=UserFactory(username=f"moda{n}"), role=Role.COMPETENT_AUTHORITY, now=timezone.now())


def _filing(agency_id: int, *, confidentiality: str) -> dict:
    aware = timezone.localtime(timezone.now() - timezone.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")
    return {
        "agency": agency_id,
        "title": "檔案伺服器遭植入惡意程式",
        "incident_type": "malware",
        "aware_at": aware,
        "description": "檔案伺服器發現惡意程式。",
        "confidentiality": confidentiality,
        "integrity": "none",
        "availability": "none",
        "measures_taken": "已隔離主機。",
        "channel": "web",
        "action": "report",
    }


@pytest.mark.parametrize("size", [0, 20])
@pytest.mark.parametrize(("confidentiality", "topics"), [("minor", ["reported"])])  # level 1
def test_the_filing_post_runs_a_constant_number_of_queries(world, users, client, size, confidentiality, topics):
    _grow_registry(world, size)
    client.force_login(users["officer"])
    ContentType.objects.clear_cache()  # the same count whichever test ran first (it reads one content type)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("incidents:file"), _filing(world["tax"].pk, confidentiality=confidentiality))
    incident = Incident.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/incidents/{incident.pk}/"
    notifications = OutboundNotification.objects.filter(incident=incident)
    assert list(notifications.values_list("topic", flat=True)) == topics
    assert len(notifications.get().recipients) == 1 + size  # mof and every added superior-agency staff member
    assert len(queries.captured_queries) == FILING_QUERIES, "\n".join(q["sql"][:160] for q in queries.captured_queries)
