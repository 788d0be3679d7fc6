"""Dashboards and compliance pages: what each role sees (never an agency outside its scope), sorting,
filtering, pagination, ROC years, and query counts that do not grow with the number of agencies."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.access.test_permission_matrix import _client_for
from tests.factories import AgencyFactory
from tests.reports.conftest import YEAR

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def _page(client, users, role, url, lang="en"):
    client = _client_for(client, users, role)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


def test_sector_regulator_dashboard_counts_only_its_agencies(client, users, on_5_january_2027):
    html = _page(client, users, "moea", reverse("reports:dashboard") + f"?year={YEAR}")
    assert "Sector regulator dashboard" in html and "經濟部" in html
    assert '<div class="kpi" id="kpi-agencies"><span>Agencies</span><strong>2</strong>' in html
    assert '<div class="kpi" id="kpi-incidents"><span>Incidents</span><strong>1</strong>' in html
    assert "財政部臺北國稅局" not in html and "<svg" in html


def test_national_dashboard_in_chinese_shows_roc_years(client, users, on_5_january_2027):
    html = _page(client, users, "moda", reverse("reports:dashboard") + f"?year={YEAR}", lang="zh-hant")
    assert "民國115年" in html
    assert '<option value="2026" selected>115年</option>' in html
    assert "<strong>5</strong>" in html  # five notified incidents in 2026


def test_agency_officer_dashboard(client, users, on_5_january_2027):
    html = _page(client, users, "officer", reverse("reports:dashboard") + f"?year={YEAR}")
    assert "Agency dashboard" in html and "財政部臺北國稅局" in html
    assert '<div class="kpi" id="kpi-incidents"><span>Incidents</span><strong>4</strong>' in html
    assert "台灣電力股份有限公司" not in html


def test_compliance_page_sorts_filters_and_drills_down(client, users, on_5_january_2027):
    url = reverse("reports:compliance") + f"?year={YEAR}"
    html = _page(client, users, "moda", url + "&sort=-rate")
    order = [html.index(name) for name in ("財政部臺北國稅局", "台灣電力股份有限公司", "臺灣銀行")]
    assert order == sorted(order)  # 100 %, 50 %, 0 %
    html = _page(client, users, "moda", url + "&kind=sngo&sort=rate")
    assert html.index("臺灣銀行") < html.index("台灣電力股份有限公司") and "財政部臺北國稅局" not in html
    html = _page(client, users, "moda", url + "&band=100")
    assert "財政部臺北國稅局" in html and "臺灣銀行" not in html
    detail = _page(
        client,
        users,
        "moda",
        reverse("reports:agency_compliance", args=[on_5_january_2027["power"].pk]) + f"?year={YEAR}",
    )
    assert "補件" in detail and "Level 2 incident" in detail


def test_compliance_page_paginates(client, users, world):
    for number in range(60):
        AgencyFactory(name=f"分頁測試機關{number:02d}")
    html = _page(client, users, "moda", reverse("reports:compliance") + "?sort=name")
    assert "67 agencies" in html and "Page 1 of 2" in html
    assert "分頁測試機關59" not in html
    second = _page(client, users, "moda", reverse("reports:compliance") + "?sort=name&page=2")
    assert "分頁測試機關59" in second


def _count(client, url) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["reports:dashboard", "reports:compliance"])
def test_query_count_is_the_same_for_one_and_many_agencies(client, users, on_5_january_2027, name):
    client = _client_for(client, users, "moda")
    url = reverse(name) + f"?year={YEAR}"
    client.get(url)  # warm sessions, content types, sectors
    few = _count(client, url)
    parent = on_5_january_2027["finance"]
    for number in range(25):
        AgencyFactory(name=f"新增機關{number}", parent=parent)
    assert _count(client, url) == few


def test_compliance_page_reads_its_figures_from_the_cache_and_says_when_they_were_computed(
    client, users, on_5_january_2027
):
    """The per-agency list counts every agency's obligations of the year; like the dashboards, a reload within
    5 minutes reads the figures computed first (reports/caching.py) and the page says when that was."""
    client = _client_for(client, users, "moda")
    url = reverse("reports:compliance") + f"?year={YEAR}"
    first = _count(client, url)  # empties the cache first
    with CaptureQueriesContext(connection) as again:
        response = client.get(url + "&sort=name&page=1", HTTP_ACCEPT_LANGUAGE="en")  # the same figures
    assert response.status_code == 200
    rows_and_figures = 5  # agency_rows (registry, compliance, incidents, clocks missed), total + by level read
    assert len(again) <= first - rows_and_figures
    html = response.content.decode()
    assert (
        '<p class="sub" id="compliance-computed">Figures as of 2027-01-05 12:00 (refreshed every 5 minutes).</p>'
        in html
    )
    cache.clear()
    zh = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()
    assert '<p class="sub" id="compliance-computed">統計時間：民國116年1月5日 12:00（每 5 分鐘更新）。</p>' in zh
