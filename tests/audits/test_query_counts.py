"""The audits lists and pages run a constant number of queries, whatever the number of audits or agencies."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits import services
from tests.audits.conftest import at, notified, team_of
from tests.conftest import otp_verify
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (content types, permissions)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _more_audits(plan, users, world, checklist, count):
    for index in range(count):
        agency = AgencyFactory(
            name=f"受稽核機關{index}", kind="sngo", sngo_category="state_owned", regulator=world["economy"]
        )
        audit = services.audit_schedule(
            plan=plan,
            auditee=agency,
            starts_on=date(2026, 4, 10 + index),
            ends_on=date(2026, 4, 10 + index),
            place="會議室",
            checklist=checklist,
            actor=users["moea"],
            now=at(date(2026, 1, 10)),
        )
        team_of(notified(audit, users["moea"], on=date(2026, 3, 2)), users["moea"])


def test_list_and_plan_pages_do_not_grow_with_audits(client, users, world, plan, audit, checklist):
    client = otp_verify(client, users["moea"])
    team_of(notified(audit, users["moea"], on=date(2026, 2, 2)), users["moea"])
    urls = [reverse("audits:plan_list"), reverse("audits:plan_detail", args=[plan.pk])]
    before = [_queries(client, url) for url in urls]
    _more_audits(plan, users, world, checklist, 4)
    assert [_queries(client, url) for url in urls] == before


def test_audit_page_does_not_grow_with_team_and_findings(client, users, audit):
    client = otp_verify(client, users["moea"])
    audit = notified(audit, users["moea"], on=date(2026, 2, 2))
    team_of(audit, users["moea"], government=1, others=0)
    url = reverse("audits:audit_detail", args=[audit.pk])
    before = _queries(client, url)
    team_of(audit, users["moea"], government=1, others=4)
    assert _queries(client, url) == before
