from datetime import UTC, datetime, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.utils import timezone, translation
from openpyxl import load_workbook

from access.audit import read_log
from access.models import AccessEvent, ReadEvent
from access.retention import retention_cutoff, retention_report, trail_purge_expired
from access.trail import TrailFilters, trail_for_object, trail_search
from common.models import AppendOnlyError
from infrastructure import services
from infrastructure.models import AgencyEvent

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)


@pytest.fixture
def renamed_agency(world, users):
    services.agency_update(
        agency=world["tax"], data={"name": "財政部臺北國稅局（新）"}, acting_user=users["mof"], now=timezone.now()
    )
    read_log(user=users["mof"], action="view", object_type="agency", object_id=world["tax"].pk, description="國稅局")
    return world["tax"]


def test_trail_search_unions_every_source_newest_first(renamed_agency):
    rows = list(trail_search())
    assert {row["source"] for row in rows} == {"registry", "access", "read", "field"}
    assert [row["occurred_at"] for row in rows] == sorted((row["occurred_at"] for row in rows), reverse=True)


@pytest.mark.parametrize(
    ("filters", "expected_sources"),
    [
        (TrailFilters(source="registry", actor="mof"), {"registry"}),
        (TrailFilters(source="read"), {"read"}),
        (TrailFilters(actor="mof"), {"registry", "read"}),
        (TrailFilters(text="國稅局（新）"), {"registry", "field"}),
    ],
)
def test_trail_filters(renamed_agency, filters, expected_sources):
    assert {row["source"] for row in trail_search(filters=filters)} == expected_sources


def test_object_history_has_registry_field_and_read_rows(renamed_agency):
    rows = list(trail_for_object(object_type="agency", object_id=renamed_agency.pk))
    assert {row["source"] for row in rows} == {"field", "read", "registry"}
    assert [row["kind"] for row in rows if row["source"] == "registry"] == ["updated"]
    assert any("財政部臺北國稅局（新）" in str(row["data"]) for row in rows if row["source"] == "field")


def test_agency_events_are_append_only(renamed_agency):
    event = AgencyEvent.objects.get(agency=renamed_agency)
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AgencyEvent.objects.filter(pk=event.pk).update(kind="created")


def test_retention_keeps_ten_years_by_default():
    assert retention_cutoff(now=NOW) == datetime(2016, 11, 25, 16, 0, tzinfo=UTC)  # 2016-11-26 00:00 Taipei


def test_purge_exports_first_then_deletes_only_expired_rows(renamed_agency, users, tmp_path):
    old = NOW - timedelta(days=365 * 11)
    ReadEvent.objects.create(
        user=users["mof"], action="view", object_type="agency", object_id="1", description="很久以前", occurred_at=old
    )
    before = ReadEvent.objects.count()
    with translation.override("zh-hant"):
        report = trail_purge_expired(now=NOW, export_path=tmp_path / "expired.xlsx")
    assert report.counts["access.ReadEvent"] == 1
    assert ReadEvent.objects.count() == before - 1
    sheet = load_workbook(tmp_path / "expired.xlsx").active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(row[2], row[3], row[4]) for row in rows] == [("機敏資料讀取", "檢視", "機關 很久以前")]
    assert rows[0][-1] is not None  # the row as stored travels with the purge export
    assert AccessEvent.objects.filter(kind="trail_purged").count() == 1
    assert retention_report(now=NOW).total == 0


def test_retention_command_refuses_purge_without_export(renamed_agency):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--purge needs --export"):
        call_command("trail_retention", "--purge")
    assert LogEntry.objects.exists()
