"""The private calendar feed: what it shows is exactly what its user may open; a revoked or replaced
address answers 404; the feed is valid iCalendar."""

from datetime import date

import pytest
from django.urls import reverse
from icalendar import Calendar

from audits.models import AuditEvent, CalendarFeed
from audits.services.calendar import calendar_feed_create, calendar_feed_revoke
from common import clock
from tests.audits.conftest import at, notified

pytestmark = pytest.mark.django_db


def _summaries(body: bytes) -> list[str]:
    return [str(component["summary"]) for component in Calendar.from_ical(body).walk("VEVENT")]


def test_feed_shows_the_auditees_audit_to_its_officer_only(client, users, audit, power_officer, monkeypatch):
    audit = notified(audit, users["moea"], on=date(2026, 2, 2))
    monkeypatch.setattr(clock, "now", lambda: at(date(2026, 2, 3)))
    _feed, token = calendar_feed_create(user=power_officer, now=at(date(2026, 2, 2)))
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "no-store"
    titles = _summaries(response.content)
    assert "稽核：台灣電力股份有限公司" in titles  # zh-Hant, the deployment's language
    assert "申請調整稽核日期期限：台灣電力股份有限公司" in titles
    _other, other_token = calendar_feed_create(user=users["officer"], now=at(date(2026, 2, 2)))
    assert not any("台灣電力" in title for title in _summaries(client.get(f"/calendar/{other_token}.ics").content))


def test_a_replaced_or_revoked_address_stops_working(client, users):
    first, first_token = calendar_feed_create(user=users["officer"], now=at(date(2026, 2, 2)))
    second, second_token = calendar_feed_create(user=users["officer"], now=at(date(2026, 2, 3)))
    assert client.get(f"/calendar/{first_token}.ics").status_code == 404
    assert client.get(f"/calendar/{second_token}.ics").status_code == 200
    calendar_feed_revoke(feed=second, actor=users["officer"], now=at(date(2026, 2, 4)))
    assert client.get(f"/calendar/{second_token}.ics").status_code == 404
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    assert CalendarFeed.objects.get(pk=first.pk).token_hash != first_token  # stored hashed
    kinds = list(AuditEvent.objects.filter(actor=users["officer"]).order_by("id").values_list("kind", flat=True))
    assert kinds == ["feed_created", "feed_revoked", "feed_created", "feed_revoked"]


def test_calendar_page_shows_the_address_once(client, users):
    client.force_login(users["officer"])
    response = client.post(reverse("audits:calendar_feed_create"), follow=True)
    assert response.status_code == 200 and "/calendar/" in response.content.decode()
    again = client.get(reverse("audits:calendar")).content.decode()
    assert 'id="feed-url"' not in again
