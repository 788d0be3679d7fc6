"""Date inputs accept and show ROC dates (common/forms.py): 115/03/01 and 2026-03-01 alike."""

from datetime import date

import pytest
from django import forms
from django.utils import translation

from common.forms import RocDateField, parse_local_date


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
        assert form.errors["due_on"] == ["請以 115/03/01（民國年）或 2026-03-01 的格式輸入日期。"]
    with translation.override("en"):
        assert 'value="2026-03-01"' in str(_Form(initial={"due_on": date(2026, 3, 1)})["due_on"])
    assert _Form({"due_on": "115/03/01"}).is_valid()
