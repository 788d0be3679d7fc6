from datetime import UTC, date, datetime

import pytest

from common import roc
from common.services import model_update
from common.spreadsheets import neutralise_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 11, 26), "民國115年11月26日"),
        (date(1912, 1, 1), "民國1年1月1日"),
        # 2026-11-25 16:30 UTC is already 26 Nov in Taipei (UTC+8)
        (datetime(2026, 11, 25, 16, 30, tzinfo=UTC), "民國115年11月26日"),
    ],
)
def test_roc_date(value, expected):
    assert roc.roc_date(value) == expected


def test_roc_datetime_is_shown_in_taipei_time():
    assert roc.roc_datetime(datetime(2026, 11, 26, 0, 30, tzinfo=UTC)) == "民國115年11月26日 08:30"


def test_iso_datetime_is_shown_in_taipei_time():
    assert roc.iso_datetime(datetime(2026, 11, 26, 23, 59, tzinfo=UTC)) == "2026-11-27 07:59"


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="naive datetime"):
        roc.roc_datetime(datetime(2026, 11, 26, 8, 0))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+886-2-1234", "'+886-2-1234"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("行政院", "行政院"),
        (12, 12),
        (None, None),
    ],
)
def test_neutralise_cell(value, expected):
    assert neutralise_cell(value) == expected


@pytest.mark.django_db
def test_model_update_saves_only_changes_and_reports_them():
    from tests.factories import AgencyFactory

    agency = AgencyFactory(name="舊名", phone="02-1111")
    _, changes = model_update(instance=agency, fields=["name", "phone"], data={"name": "新名", "phone": "02-1111"})
    agency.refresh_from_db()
    assert changes == {"name": ["舊名", "新名"]}
    assert agency.name == "新名"


def test_choice_label_filter_gives_the_translated_label():
    from django.utils import translation

    from common.templatetags.csma_labels import choice_label

    with translation.override("zh-hant"):
        assert choice_label("sngo", "infrastructure.Agency.kind") == "特定非公務機關"
    assert choice_label("government", "infrastructure.Agency.kind") == "Government agency"
    assert choice_label("unknown", "infrastructure.Agency.kind") == "unknown"
