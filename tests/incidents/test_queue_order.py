"""The review queue is nearest open deadline first, incidents with no open deadline last, on SQLite and
PostgreSQL alike (NULLs sort first in SQLite's ascending order, last in PostgreSQL's); overdue ones stand out."""

from datetime import timedelta

import pytest
from django.utils import timezone

from incidents.models import IncidentClock
from incidents.selectors import incident_list_review_queue
from tests.incidents.conftest import file_incident

pytestmark = pytest.mark.django_db


def test_queue_is_nearest_open_deadline_first_and_no_deadline_last(world, users):
    now = timezone.now()
    later = file_incident(world["tax"], users["officer"], aware_at=now - timedelta(hours=1), title="later")
    no_deadline = file_incident(world["tax"], users["officer"], aware_at=now - timedelta(hours=5), title="none")
    IncidentClock.objects.filter(incident=no_deadline).update(met_at=now)
    overdue = file_incident(world["tax"], users["officer"], aware_at=now - timedelta(hours=30), title="overdue")
    sooner = file_incident(world["tax"], users["officer"], aware_at=now - timedelta(hours=3), title="sooner")
    queue = list(incident_list_review_queue(user=users["mof"]).values_list("title", flat=True))
    assert queue == [overdue.title, sooner.title, later.title, no_deadline.title]


def test_overdue_incidents_stand_out_in_the_queue_page(client, world, users):
    now = timezone.now()
    overdue = file_incident(world["tax"], users["officer"], aware_at=now - timedelta(hours=30), title="overdue")
    fresh = file_incident(world["tax"], users["officer"], aware_at=now - timedelta(minutes=30), title="fresh")
    client.force_login(users["mof"])
    body = client.get("/incidents/queue/").content.decode()
    assert f'<tr id="incident-{overdue.pk}" class="overdue">' in body
    assert f'<tr id="incident-{fresh.pk}">' in body
    assert body.index(f"incident-{overdue.pk}") < body.index(f"incident-{fresh.pk}")
    assert '<span class="badge overdue">已逾期</span>' in body
