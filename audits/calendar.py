"""The deadlines a user should see in a calendar, and the iCalendar (RFC 5545) feed of them.

Reads every app's deadlines through their visibility selectors, so a feed never shows what its user
could not open: audits (audit days, the five days for a new date, the report and the improvement report),
open obligations, open incident clocks, and planned completions of open findings."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AbstractUser
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from audits import rules
from audits.models import Finding
from audits.selectors import audits_visible_to
from common.roc import TAIPEI
from incidents.models import IncidentClock
from incidents.selectors.visibility import incident_list_visible_to
from obligations.models import Obligation
from obligations.selectors.access import obligations_visible_to

HORIZON_DAYS = 366
LIMIT = 500  # per kind: a feed stays small enough for every calendar program


@dataclass(frozen=True)
class Entry:
    uid: str
    title: str
    when: date | datetime  # a date is an all-day entry
    path: str


def _audit_entries(user, start: datetime, end: datetime) -> list[Entry]:
    entries = []
    audits = audits_visible_to(user=user).exclude(status__in=rules.TERMINAL).select_related("auditee")
    for audit in audits[:LIMIT]:
        path, name = reverse("audits:audit_detail", args=[audit.pk]), audit.auditee.name
        if start.date() <= audit.starts_on <= end.date():
            entries.append(Entry(f"audit-{audit.pk}-day", _("Audit: %(name)s") % {"name": name}, audit.starts_on, path))
        for field, label in (
            ("reschedule_due_at", _("Last moment to ask for a new audit date: %(name)s")),
            ("report_due_at", _("Audit report due: %(name)s")),
            ("improvement_due_at", _("Improvement report due: %(name)s")),
        ):
            due = getattr(audit, field)
            if due and start <= due <= end and not (field == "report_due_at" and audit.report_issued_at):
                entries.append(Entry(f"audit-{audit.pk}-{field}", label % {"name": name}, due, path))
    return entries


def _other_entries(user, start: datetime, end: datetime) -> list[Entry]:
    entries = []
    open_states = [Obligation.Status.OPEN, Obligation.Status.RETURNED]
    obligations = (
        obligations_visible_to(user=user)
        .filter(status__in=open_states, due_on__range=(start.date(), end.date()))
        .select_related("agency", "requirement", "adhoc")
    )
    for item in obligations.order_by("due_on")[:LIMIT]:
        what = item.adhoc.title if item.adhoc_id else item.requirement.item_zh
        title = _("%(item)s due: %(agency)s") % {"item": what, "agency": item.agency.name}
        entries.append(
            Entry(f"obligation-{item.pk}", title, item.due_on, reverse("obligations:detail", args=[item.pk]))
        )
    clocks = IncidentClock.objects.filter(
        incident__in=incident_list_visible_to(user=user), met_at__isnull=True, due_at__range=(start, end)
    ).select_related("incident__agency")
    for clock in clocks.order_by("due_at")[:LIMIT]:
        title = _("Incident deadline (%(clock)s): %(agency)s") % {
            "clock": clock.get_kind_display(),
            "agency": clock.incident.agency.name,
        }
        entries.append(
            Entry(f"clock-{clock.pk}", title, clock.due_at, reverse("incidents:detail", args=[clock.incident_id]))
        )
    findings = (
        Finding.objects.filter(
            audit__in=audits_visible_to(user=user), measure__planned_completion__range=(start.date(), end.date())
        )
        .exclude(status=rules.FindingStatus.CLOSED)
        .select_related("audit__auditee", "measure")
    )
    for finding in findings[:LIMIT]:
        title = _("Planned completion of finding %(number)s: %(agency)s") % {
            "number": finding.number,
            "agency": finding.audit.auditee.name,
        }
        entries.append(
            Entry(
                f"finding-{finding.pk}",
                title,
                finding.measure.planned_completion,
                reverse("audits:audit_detail", args=[finding.audit_id]),
            )
        )
    return entries


def deadlines_for(*, user: AbstractUser, now: datetime, days: int = HORIZON_DAYS) -> list[Entry]:
    start, end = now - timedelta(days=1), now + timedelta(days=days)
    entries = _audit_entries(user, start, end) + _other_entries(user, start, end)
    return sorted(entries, key=lambda e: _sort_key(e.when))


def _sort_key(when: date | datetime) -> datetime:
    if isinstance(when, datetime):
        return when
    return datetime(when.year, when.month, when.day, tzinfo=TAIPEI)


def render_ics(entries: list[Entry], *, base_url: str, now: datetime, name: str) -> bytes:
    """Pure: the entries as an iCalendar feed (times in UTC, all-day entries as dates)."""
    calendar = Calendar()
    calendar.add("prodid", "-//csma//deadlines//ZH-TW")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for entry in entries:
        event = Event()
        event.add("uid", f"{entry.uid}@csma")
        event.add("summary", entry.title)
        event.add("dtstamp", now)
        event.add("dtstart", entry.when)
        event.add("url", base_url + entry.path)
        calendar.add_component(event)
    return calendar.to_ical()
