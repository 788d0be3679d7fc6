"""Date inputs accept and show ROC dates (common/forms.py): 115/03/01 and 2026-03-01 alike."""

from datetime import UTC, date, datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from common.forms import (
    RocDateField,
    RocDateTimeField,
    YearField,
    parse_local_date,
    parse_local_datetime,
    parse_local_year,
)
from common.roc import TAIPEI


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("115/03/01", date(2026, 3, 1)),
        ("115/3/1", date(2026, 3, 1)),
        ("民國115年3月1日", date(2026, 3, 1)),
        ("115.03.01", date(2026, 3, 1)),
        ("2026-03-01", date(2026, 3, 1)),
        ("2026/3/1", date(2026, 3, 1)),
        ("99/12/31", date(2010, 12, 31)),
        ("115/02/30", None),
        ("next week", None),
    ],
)
def test_parse_local_date(text, expected):
    assert parse_local_date(text) == expected


class _Form(forms.Form):
    due_on = RocDateField()


def test_the_field_shows_roc_in_chinese_and_iso_in_english():
    with translation.override("zh-hant"):
        html = str(_Form(initial={"due_on": date(2026, 3, 1)})["due_on"])
        assert 'value="115/03/01"' in html and 'type="text"' in html
        form = _Form({"due_on": "abc"})
        assert form.errors["due_on"] == ["請以 115/03/01 或 民國115年3月1日（民國年）的格式輸入日期。"]
    with translation.override("en"):
        assert 'value="2026-03-01"' in str(_Form(initial={"due_on": date(2026, 3, 1)})["due_on"])
    assert _Form({"due_on": "115/03/01"}).is_valid()


def test_a_typed_date_is_shown_back_in_the_pages_calendar():
    with translation.override("zh-hant"):
        assert 'value="115/12/01"' in str(_Form({"due_on": "115/12/01"})["due_on"])
        assert 'value="115/12/01"' in str(_Form({"due_on": "2026-12-01"})["due_on"])  # a linked ISO date
        assert 'value="nonsense"' in str(_Form({"due_on": "nonsense"})["due_on"])  # kept for correcting
    with translation.override("en"):
        assert 'value="2026-12-01"' in str(_Form({"due_on": "115/12/01"})["due_on"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("115/12/01 14:30", datetime(2026, 12, 1, 14, 30)),
        ("民國115年12月1日 14:30", datetime(2026, 12, 1, 14, 30)),
        ("115/12/01", datetime(2026, 12, 1, 0, 0)),
        ("2026-12-01T14:30", datetime(2026, 12, 1, 14, 30)),
        ("2026-12-01 14:30:15", datetime(2026, 12, 1, 14, 30, 15)),
        ("115/12/01 25:00", None),
        ("115/13/01 10:00", None),
        ("at noon", None),
    ],
)
def test_parse_local_datetime(text, expected):
    assert parse_local_datetime(text) == expected


class _When(forms.Form):
    at = RocDateTimeField()


def test_the_datetime_field_reads_taipei_time_and_shows_roc_in_chinese():
    with translation.override("zh-hant"):
        form = _When({"at": "115/12/01 14:30"})
        assert form.is_valid()
        assert form.cleaned_data["at"] == datetime(2026, 12, 1, 14, 30, tzinfo=TAIPEI)
        assert 'value="115/12/01 14:30"' in str(form["at"])
        assert 'value="115/12/01 14:30"' in str(_When(initial={"at": datetime(2026, 12, 1, 6, 30, tzinfo=UTC)})["at"])
        assert _When({"at": "0001-01-01T00:00"}).errors["at"] == [
            "請輸入 民國1年1月1日 至 民國189年12月31日 之間的日期。"
        ]
        assert _When({"at": "soon"}).errors["at"] == ["請以 115/03/01 14:30（民國年）的格式輸入日期與時間。"]
    with translation.override("en"):
        assert 'value="2026-12-01 14:30"' in str(_When({"at": "115/12/01 14:30"})["at"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("115", 2026), ("民國115年", 2026), ("115年度", 2026), ("2026", 2026), ("107", 2018), ("abc", None), ("-1", None)],
)
def test_parse_local_year(text, expected):
    assert parse_local_year(text) == expected


class _Year(forms.Form):
    year = YearField()


def test_the_year_field_accepts_roc_and_western_years_and_shows_roc_in_chinese():
    with translation.override("zh-hant"):
        form = _Year({"year": "115"})
        assert form.is_valid() and form.cleaned_data["year"] == 2026
        assert 'value="115"' in str(_Year({"year": "2026"})["year"])
        assert 'value="115"' in str(_Year(initial={"year": 2026})["year"])
        assert _Year({"year": "106"}).errors["year"] == ["年度須介於 民國107年 至 民國189年 之間。"]
        assert _Year({"year": "abc"}).errors["year"] == ["請以 115（民國年）的格式輸入年度。"]
    with translation.override("en"):
        assert 'value="2026"' in str(_Year({"year": "115"})["year"])
        assert _Year({"year": "2017"}).errors["year"] == ["Enter a year between 2018 and 2100."]


def test_the_template_tag_renders_the_shared_roc_date_input():
    template = Template('{% load csma_inputs %}{% roc_date_input "effective_from" day id="e-1" required=True %}')
    with translation.override("zh-hant"):
        html = template.render(Context({"day": date(2026, 12, 1)}))
    assert 'name="effective_from"' in html and 'value="115/12/01"' in html and 'id="e-1"' in html
    assert "required" in html and 'type="text"' in html
