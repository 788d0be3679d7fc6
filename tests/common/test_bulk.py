"""common.bulk writes what the ORM would write (on PostgreSQL through unnest arrays, on SQLite row by row): the
rows read back through the ORM equal what was given, defaults fill missing columns, and a value the column
cannot hold is refused, never cut."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import DataError, connection, transaction

from common.bulk import insert_rows, reserve_ids
from common.periods import TAIPEI
from infrastructure.models import Agency, AgencyEvent

pytestmark = pytest.mark.django_db

AT = datetime(2026, 12, 2, 9, 30, tzinfo=TAIPEI)
STAMPS = {"created_at": AT, "updated_at": AT}  # auto_now fields: the caller stamps them (as the services do)


def test_rows_read_back_as_given_with_defaults_for_missing_columns():
    parent_id, child_id, other_id = reserve_ids(Agency, 3)
    long_name = "機" * 200  # the column's full length
    insert_rows(
        Agency,
        [
            {"id": parent_id, "name": "行政院", "path": f"{parent_id:06d}.", "depth": 0} | STAMPS,
            {
                "id": child_id,
                "name": long_name,
                "parent_id": parent_id,
                "path": f"{parent_id:06d}.{child_id:06d}.",
                "depth": 1,
                "is_active": False,
                "dissolved_on": date(2026, 1, 1),
                "oid": "2.16.886.101.20003",
            }
            | STAMPS,
            {"id": other_id, "name": "臺灣銀行", "kind": "sngo", "regulator_id": parent_id, "path": f"{other_id:06d}."}
            | STAMPS,
        ],
    )
    parent, child, other = Agency.objects.filter(pk__in=[parent_id, child_id, other_id]).order_by("pk")
    assert (parent.name, parent.parent_id, parent.is_active, parent.oid, parent.kind) == (
        "行政院",
        None,
        True,
        None,
        "government",
    )
    assert (child.name, child.parent_id, child.depth, child.is_active, child.dissolved_on, child.oid) == (
        long_name,
        parent_id,
        1,
        False,
        date(2026, 1, 1),
        "2.16.886.101.20003",
    )
    assert (other.kind, other.regulator_id, other.name_en, other.dissolved_on) == ("sngo", parent_id, "", None)

    insert_rows(
        AgencyEvent,
        [
            {"agency_id": child_id, "kind": "created", "occurred_at": AT, "after": {"name": long_name, "on": "2026"}},
            {
                "agency_id": other_id,
                "kind": "updated",
                "occurred_at": AT,
                "before": {"rate": Decimal("12.5"), "day": date(2026, 3, 16)},
                "ip_address": "10.0.0.1",
                "channel": "import",
            },
        ],
    )
    created, updated = AgencyEvent.objects.filter(agency_id__in=[child_id, other_id]).order_by("agency_id")
    assert (created.after, created.before, created.data, created.ip_address, created.channel) == (
        {"name": long_name, "on": "2026"},
        {},
        {},
        None,
        AgencyEvent._meta.get_field("channel").get_default(),
    )
    assert (updated.before, updated.ip_address, updated.channel, updated.occurred_at) == (
        {"rate": "12.5", "day": "2026-03-16"},
        "10.0.0.1",
        "import",
        AT,
    )


def test_a_value_longer_than_its_column_is_refused_and_nothing_is_written():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite does not enforce a column's length")
    (agency_id,) = reserve_ids(Agency, 1)
    with pytest.raises(DataError), transaction.atomic():
        insert_rows(Agency, [{"id": agency_id, "name": "機" * 201, "path": f"{agency_id:06d}."} | STAMPS])
    assert not Agency.objects.filter(pk=agency_id).exists()


def test_chunks_report_their_size():
    ids = reserve_ids(Agency, 5)
    seen = []
    insert_rows(
        Agency,
        [{"id": i, "name": f"機關{i}", "path": f"{i:06d}."} | STAMPS for i in ids],
        on_chunk=seen.append,
        chunk_size=2,
    )
    assert seen == [2, 2, 1] and Agency.objects.filter(pk__in=ids).count() == 5
