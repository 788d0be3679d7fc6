"""The audit trail's date filters and its export in the page's calendar (issue 13): 民國 on Chinese pages."""

import io
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from access import grants
from access.models import AccessEvent
from common.roc import TAIPEI
from tests.access.test_pages import _logged_in

pytestmark = pytest.mark.django_db


def test_the_trail_filters_accept_roc_dates_and_show_them_back(client, users):
    client = _logged_in(client, users["moda"])
    client.cookies["django_language"] = "zh-hant"
    response = client.get(reverse("access:trail"), {"since": "115/12/01 08:00", "until": "2026-12-02T18:30"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.is_valid()
    assert form.cleaned_data["since"] == datetime(2026, 12, 1, 8, 0, tzinfo=TAIPEI)
    assert form.cleaned_data["until"] == datetime(2026, 12, 2, 18, 30, tzinfo=TAIPEI)
    html = response.content.decode()
    assert 'value="115/12/01 08:00"' in html and 'value="115/12/02 18:30"' in html  # the ISO one shown in ROC
    assert 'type="datetime-local"' not in html


def test_a_chinese_trail_export_shows_roc_times(client, users, time_machine):
    time_machine.move_to(datetime(2025, 6, 1, 6, 30, 5, tzinfo=TAIPEI), tick=False)
    grants.record_access_event(AccessEvent.Kind.LOGIN_FAILED, subject_user=users["viewer"], now=timezone.now())
    time_machine.move_to(datetime(2026, 12, 1, 10, 0, tzinfo=TAIPEI), tick=False)
    client = _logged_in(client, users["moda"])
    client.cookies["django_language"] = "zh-hant"
    response = client.get(reverse("access:trail_export"), {"since": "114/06/01", "until": "114/06/01 23:59"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "時間（臺北時間）"
    assert [row[0] for row in rows[1:]] == ["114/06/01 06:30:05"]
