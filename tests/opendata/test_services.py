"""Preparing, reviewing and publishing a release over the hand-counted 2026 (tests/opendata/conftest.py)."""

import csv
import hashlib
import io
import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from access.policy import Role
from common.models import AppendOnlyError
from opendata import services
from opendata.models import DatasetRelease, OpenDataEvent, ReleaseFile
from opendata.rules import ReleaseStatus as S
from tests.conftest import _user_with_role
from tests.opendata.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(users):
    return _user_with_role("moda-reviewer", Role.COMPETENT_AUTHORITY)


def prepare(users, **kwargs):
    values = {"year": 2026, "quarter": 0, "min_cell_size": 3, "acting_user": users["moda"], "now": NOW}
    return services.release_prepare(**{**values, **kwargs})


def rows_of(release, name):
    content = release.files.get(name=name).file.open("rb").read()
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_prepare_stores_every_file_with_its_hash_and_an_event(counted_2026, users):
    release = prepare(users)
    assert (release.status, release.version, release.prepared_by) == (S.DRAFT, 1, users["moda"])
    files = list(release.files.all())
    assert len(files) == 20  # 5 datasets × (CSV, JSON, dictionary CSV, dictionary JSON)
    for stored in files:
        content = stored.file.open("rb").read()
        assert stored.sha256 == hashlib.sha256(content).hexdigest()
        assert stored.size == len(content)
    event = OpenDataEvent.objects.get(release=release)
    assert (event.kind, event.actor, event.after) == (
        OpenDataEvent.Kind.PREPARED,
        users["moda"],
        {"status": "draft", "version": 1},
    )
    assert event.data["files"] == {f.name: f.sha256 for f in files}


def test_incidents_by_month_and_level_hand_counted(counted_2026, users):
    rows = rows_of(prepare(users), "csma-incidents-by-month-level-2026.csv")
    cells = {(row["month"], row["incident_level"]): (row["incidents"], row["suppressed"]) for row in rows}
    assert len(rows) == 13 * 5
    assert rows[0] == {"year": "2026", "roc_year": "115", "quarter": "0", "month": "1", "incident_level": "1",
                       "incidents": "x", "suppressed": "Y"}  # fmt: skip
    # January level 1: 4 incidents of 3 agencies — publishable, but hidden as the complement of February's 1.
    assert cells[("1", "1")] == ("x", "Y")
    assert cells[("1", "2")] == ("x", "Y")  # a zero, hidden: January's total (4) would give January level 1 away
    assert cells[("1", "total")] == ("4", "N")
    assert cells[("2", "1")] == ("x", "Y")  # 1 incident of 国稅局 alone
    assert cells[("2", "total")] == ("x", "Y")
    assert cells[("3", "3")] == ("x", "Y")
    assert cells[("5", "2")] == ("x", "Y")
    assert cells[("total", "1")] == ("5", "N")  # 5 incidents of 3 agencies
    assert cells[("total", "2")] == ("x", "Y")
    assert cells[("total", "3")] == ("x", "Y")
    assert cells[("total", "4")] == ("0", "N")
    assert cells[("total", "total")] == ("7", "N")  # the school's 2025 incident and the draft are not counted
    assert cells[("6", "1")] == ("0", "N")
    assert sum(1 for value in cells.values() if value[1] == "Y") == 10


def test_agencies_by_sector_and_level_hand_counted(counted_2026, users):
    rows = rows_of(prepare(users), "csma-agencies-by-sector-level-2026.csv")
    cells = {(row["sector_code"], row["responsibility_level"]): row["agencies"] for row in rows}
    assert cells[("energy", "none")] == "x"  # 台電 and 國稅局: two agencies
    assert cells[("finance", "none")] == "x"  # 臺灣銀行 and 國稅局
    assert cells[("energy", "total")] == "x"
    assert cells[("none", "none")] == "4"  # 行政院, 財政部, 經濟部, the school
    assert cells[("total", "none")] == "7"  # 國稅局 counted once although in two sectors
    assert cells[("total", "total")] == "7"
    assert cells[("water", "A")] == "0"
    names = {(row["sector_code"], row["sector_name_zh"], row["sector_name_en"]) for row in rows}
    assert ("energy", "能源", "Energy") in names and (
        "none",
        "未屬關鍵基礎設施領域",
        "No critical-infrastructure sector",
    ) in names


def test_incidents_by_type_and_sector(counted_2026, users):
    release = prepare(users, min_cell_size=2)
    types = {
        (r["incident_type"], r["incident_level"]): r["incidents"]
        for r in rows_of(release, "csma-incidents-by-type-level-2026.csv")
    }
    assert types[("malware", "1")] == "x"  # 國稅局 alone
    # intrusion level 1: 4 incidents of 3 agencies, hidden as the complement of malware's 1 in column 1
    assert types[("intrusion", "1")] == "x"
    # its row total (6, three agencies) is hidden too: with the grand total (7) it would give malware's 1 away
    assert types[("intrusion", "total")] == "x"
    assert types[("total", "total")] == "7"
    assert types[("total", "1")] == "5"
    sectors = {
        (r["sector_code"], r["incident_level"]): r["incidents"]
        for r in rows_of(release, "csma-incidents-by-sector-level-2026.csv")
    }
    # finance: 國稅局 3 + 臺灣銀行 1 at level 1 (two agencies), 國稅局's level 3 alone → primary; its row total (5)
    # would give it away, so finance level 1 is the complement, and column 1's total (5) then takes energy's.
    assert sectors[("finance", "3")] == "x"
    assert sectors[("finance", "1")] == "x"
    assert sectors[("finance", "total")] == "5"
    assert sectors[("energy", "1")] == "x"
    assert sectors[("energy", "total")] == "6"  # 國稅局 4 + 台電 2: an agency in two sectors counts in both
    assert sectors[("total", "total")] == "7"


def test_no_agency_name_or_id_in_any_file(counted_2026, users):
    release = prepare(users)
    names = [agency.name for agency in counted_2026.values()]
    for stored in release.files.all():
        text = stored.file.open("rb").read().decode("utf-8-sig")
        assert not [name for name in names if name in text], stored.name
        assert "agency_id" not in text
    assert not [name for name in names if name in json.dumps(release.snapshot, ensure_ascii=False)]


def test_same_data_same_bytes(counted_2026, users, reviewer):
    release = prepare(users)
    before = dict(release.files.values_list("name", "sha256"))
    release = services.release_regenerate(release=release, acting_user=reviewer, now=NOW)
    assert dict(release.files.values_list("name", "sha256")) == before
    assert release.prepared_by == reviewer  # who regenerated prepared these bytes


def test_json_carries_null_for_suppressed_figures(counted_2026, users):
    release = prepare(users)
    payload = json.loads(release.files.get(name="csma-incidents-by-month-level-2026.json").file.open("rb").read())
    first = payload["records"][0]
    assert first == {
        "year": 2026,
        "roc_year": 115,
        "quarter": 0,
        "month": "1",
        "incident_level": "1",
        "incidents": None,
        "suppressed": True,
    }
    assert payload["min_cell_size"] == 3
    dictionary = json.loads(
        release.files.get(name="csma-incidents-by-month-level-2026-dictionary.json").file.open("rb").read()
    )
    assert [field["field"] for field in dictionary["fields"]] == [
        "year",
        "roc_year",
        "quarter",
        "month",
        "incident_level",
        "incidents",
        "suppressed",
    ]
    assert dictionary["fields"][5]["suppression_marker"] == "x"


def test_four_eyes_the_preparer_cannot_publish(counted_2026, users):
    release = services.release_submit(release=prepare(users), acting_user=users["moda"], now=NOW)
    with pytest.raises(ValidationError) as error:
        services.release_publish(release=release, acting_user=users["moda"], now=NOW)
    assert error.value.messages == [
        "The release must be reviewed and published by someone other than the person who prepared it."
    ]
    release.refresh_from_db()
    assert release.status == S.UNDER_REVIEW and release.published_at is None
    assert OpenDataEvent.objects.filter(kind=OpenDataEvent.Kind.PUBLISHED).exists() is False


def test_publish_by_a_second_person_then_files_never_change(counted_2026, users, reviewer):
    release = services.release_submit(release=prepare(users), acting_user=users["moda"], now=NOW)
    hashes = dict(release.files.values_list("name", "sha256"))
    release = services.release_publish(release=release, acting_user=reviewer, now=NOW)
    assert (release.status, release.published_by, release.published_at) == (S.PUBLISHED, reviewer, NOW)
    with pytest.raises(ValidationError):
        services.release_regenerate(release=release, acting_user=users["moda"], now=NOW)
    stored = release.files.first()
    with pytest.raises(AppendOnlyError):
        stored.delete()
    with pytest.raises(AppendOnlyError):
        stored.save()
    assert dict(release.files.values_list("name", "sha256")) == hashes
    for stored in release.files.all():
        assert hashlib.sha256(stored.file.open("rb").read()).hexdigest() == stored.sha256


def test_publishing_twice_is_a_conflict(counted_2026, users, reviewer):
    release = services.release_submit(release=prepare(users), acting_user=users["moda"], now=NOW)
    services.release_publish(release=release, acting_user=reviewer, now=NOW)
    with pytest.raises(ValidationError) as error:
        services.release_publish(release=release, acting_user=reviewer, now=NOW)
    assert error.value.code == "conflict"
    assert OpenDataEvent.objects.filter(kind=OpenDataEvent.Kind.PUBLISHED).count() == 1


def test_return_then_resubmit(counted_2026, users, reviewer):
    release = services.release_submit(release=prepare(users), acting_user=users["moda"], now=NOW)
    release = services.release_return(release=release, reason="cell size 5", acting_user=reviewer, now=NOW)
    assert (release.status, release.submitted_by) == (S.DRAFT, None)
    release = services.release_regenerate(release=release, acting_user=users["moda"], now=NOW, min_cell_size=5)
    assert release.min_cell_size == 5
    assert (
        json.loads(release.files.get(name="csma-incidents-by-month-level-2026.json").file.open("rb").read())[
            "min_cell_size"
        ]
        == 5
    )


def test_withdraw_and_correct(counted_2026, users, reviewer):
    release = services.release_submit(release=prepare(users), acting_user=users["moda"], now=NOW)
    release = services.release_publish(release=release, acting_user=reviewer, now=NOW)
    correction = services.release_correct(release=release, reason="a late report", acting_user=users["moda"], now=NOW)
    assert (correction.version, correction.supersedes, correction.status) == (2, release, S.DRAFT)
    assert correction.files.count() == 20
    with pytest.raises(ValidationError) as error:
        prepare(users)
    assert error.value.messages == ["This period already has a published release: open a correction of it instead."]
    withdrawn = services.release_withdraw(release=release, reason="wrong sector", acting_user=reviewer, now=NOW)
    assert (withdrawn.status, withdrawn.withdrawal_reason) == (S.WITHDRAWN, "wrong sector")
    assert withdrawn.files.count() == 20  # kept as they were


def test_only_closed_periods_and_one_open_release_per_period(counted_2026, users):
    with pytest.raises(ValidationError) as error:
        prepare(users, quarter=1, now=NOW.replace(year=2026, month=3))
    assert error.value.code == "period"
    prepare(users, quarter=1)
    with pytest.raises(ValidationError) as again:
        prepare(users, quarter=1)
    assert again.value.code == "conflict"
    assert DatasetRelease.objects.filter(quarter=1).count() == 1
    assert ReleaseFile.objects.count() == 20


def test_quarter_counts_only_its_months(counted_2026, users):
    rows = rows_of(prepare(users, quarter=2, min_cell_size=2), "csma-incidents-by-month-level-2026-Q2.csv")
    assert [row["month"] for row in rows[::5]] == ["4", "5", "6", "total"]
    assert {(r["month"], r["incident_level"]): r["incidents"] for r in rows}[("total", "total")] == "x"  # 台電 alone


def test_events_show_in_the_audit_trail(counted_2026, users, reviewer):
    from access.trail import TrailFilters, trail_search, with_labels

    hour = timedelta(hours=1)
    release = services.release_submit(release=prepare(users), acting_user=users["moda"], now=NOW + hour)
    services.release_publish(release=release, acting_user=reviewer, now=NOW + 2 * hour)
    rows = with_labels(trail_search(filters=TrailFilters(source="opendata")))
    assert [(row["kind"], row["actor_name"], row["object_ref"]) for row in rows] == [
        ("published", "moda-reviewer", str(release.pk)),
        ("submitted", "moda", str(release.pk)),
        ("prepared", "moda", str(release.pk)),
    ]
    assert rows[0]["source_label"] == "Open data"
    assert rows[0]["kind_label"] == "Open-data release published"
    assert {row["label"] for row in rows} == {"民國115年 第1版"}  # the 2026 release, version 1: no internal codes


def test_command_prepares_a_draft_as_a_competent_authority_user(world, users, capsys):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError) as refused:
        call_command("opendata_prepare", "--year", "114", "--user", "officer")
    assert str(refused.value) == "'officer' is not an active competent-authority user."
    assert DatasetRelease.objects.exists() is False
    call_command("opendata_prepare", "--year", "114", "--quarter", "4", "--user", "moda")
    release = DatasetRelease.objects.get()
    assert (release.year, release.quarter, release.status, release.prepared_by) == (2025, 4, S.DRAFT, users["moda"])
    assert OpenDataEvent.objects.get().channel == "cli"
    assert capsys.readouterr().out.count("  csma-") == 20
