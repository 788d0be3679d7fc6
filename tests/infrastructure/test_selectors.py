from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from infrastructure.models import LevelDecision
from infrastructure.selectors import AgencyFilters, agency_ancestors, agency_list, agency_subtree
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def _approve(agency, level, effective_from):
    LevelDecision.objects.create(
        agency=agency, level=level, status="approved", effective_from=effective_from, decided_at="2026-01-01T00:00:00Z"
    )


def test_subtree_is_one_indexed_range_query():
    root = AgencyFactory(name="行政院")
    ministry = AgencyFactory(name="財政部", parent=root)
    AgencyFactory(name="國稅局", parent=ministry)
    AgencyFactory(name="總統府")
    with CaptureQueriesContext(connection) as queries:
        names = set(agency_subtree(agency=root).values_list("name", flat=True))
    assert names == {"行政院", "財政部", "國稅局"}
    assert len(queries) == 1
    assert "LIKE" not in queries[0]["sql"].upper()


def test_ancestors_root_first():
    root = AgencyFactory(name="行政院")
    ministry = AgencyFactory(name="財政部", parent=root)
    leaf = AgencyFactory(name="國稅局", parent=ministry)
    assert [a.name for a in agency_ancestors(agency=leaf)] == ["行政院", "財政部"]


def test_current_level_for_all_agencies_in_one_query():
    a, b, c = AgencyFactory(name="甲"), AgencyFactory(name="乙"), AgencyFactory(name="丙")
    _approve(a, "C", date(2024, 1, 1))
    _approve(a, "B", date(2026, 1, 1))
    _approve(b, "D", date(2030, 1, 1))  # not yet effective
    with CaptureQueriesContext(connection) as queries:
        levels = dict(agency_list(on=date(2026, 11, 26)).values_list("name", "current_level"))
    assert levels == {"甲": "B", "乙": None, "丙": None}
    assert len(queries) == 1
    assert c.pk


def test_filters_by_level_kind_and_search():
    a = AgencyFactory(name="臺北市政府")
    AgencyFactory(name="台灣電力股份有限公司", kind="sngo", sngo_category="state_owned")
    _approve(a, "A", date(2025, 1, 1))
    assert [x.name for x in agency_list(filters=AgencyFilters(level="A"))] == ["臺北市政府"]
    assert [x.name for x in agency_list(filters=AgencyFilters(kind="sngo"))] == ["台灣電力股份有限公司"]
    assert [x.name for x in agency_list(filters=AgencyFilters(q="電力"))] == ["台灣電力股份有限公司"]


def test_inactive_hidden_by_default():
    AgencyFactory(name="已裁撤", is_active=False)
    assert agency_list().exists() is False
    assert agency_list(filters=AgencyFilters(is_active=None)).count() == 1


def test_subtree_ranges_hold_under_the_databases_collation():
    """'.' and '/' must sort byte-wise even where the server's default collation ignores punctuation."""
    root = AgencyFactory(name="根")
    child = AgencyFactory(name="子", parent=root)
    AgencyFactory(name="孫", parent=child)
    later = AgencyFactory(name="後")  # a larger id at the top level
    names = set(agency_subtree(agency=root).values_list("name", flat=True))
    assert names == {"根", "子", "孫"}
    assert later.path > root.path
