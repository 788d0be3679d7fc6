"""Compliance by sector and agencies by sector and level, hand-counted on reports' 2026 obligations
(tests/reports/conftest.py ``_obligations``), counted as of 1 January 2027 (the day after the period):

- 國稅局 (level E; sectors energy and finance): awareness item accepted on time → counted 1, compliant 1;
- 台電 (level E; energy): awareness item exempt, ad-hoc request due 2026-10-01 still open → counted 2, compliant 1;
- 臺灣銀行 (level D; finance): awareness item due 2026-12-31 open → counted 1, compliant 0 (antivirus and
  firewall due 2027-03-16 are not due yet and do not count).
"""

import pytest

from infrastructure.models import Sector
from opendata import services
from tests.opendata.conftest import NOW
from tests.opendata.test_services import rows_of
from tests.reports.conftest import _obligations

pytestmark = pytest.mark.django_db


@pytest.fixture
def obligations_2026(world, users):
    world["power"].sectors.add(Sector.objects.get(code="energy"))
    world["bank"].sectors.add(Sector.objects.get(code="finance"))
    world["tax"].sectors.add(Sector.objects.get(code="energy"), Sector.objects.get(code="finance"))
    _obligations(world, users)
    return world


def _release(users, k: int):
    return services.release_prepare(year=2026, quarter=0, min_cell_size=k, acting_user=users["moda"], now=NOW)


FIELDS = ("agencies", "items_counted", "items_compliant", "compliance_rate", "suppressed")


def test_compliance_by_sector_with_two_agencies_allowed(obligations_2026, users):
    rows = {
        row["sector_code"]: tuple(row[f] for f in FIELDS)
        for row in rows_of(_release(users, 2), "csma-compliance-by-sector-2026.csv")
    }
    assert rows["energy"] == ("2", "3", "2", "66.7", "N")  # 國稅局 1/1 + 台電 1/2
    assert rows["finance"] == ("2", "2", "1", "50.0", "N")  # 國稅局 1/1 + 臺灣銀行 0/1
    assert rows["none"] == ("0", "0", "0", "", "N")  # no item counted: no rate
    assert rows["water"] == ("0", "0", "0", "", "N")
    assert rows["total"] == ("3", "4", "2", "50.0", "N")  # 國稅局 once


def test_compliance_by_sector_with_the_default_minimum(obligations_2026, users):
    release = _release(users, 3)
    rows = {
        row["sector_code"]: tuple(row[f] for f in FIELDS)
        for row in rows_of(release, "csma-compliance-by-sector-2026.csv")
    }
    assert rows["energy"] == ("x", "x", "x", "x", "Y")
    assert rows["finance"] == ("x", "x", "x", "x", "Y")
    assert rows["total"] == ("3", "4", "2", "50.0", "N")
    levels = {
        (r["sector_code"], r["responsibility_level"]): r["agencies"]
        for r in rows_of(release, "csma-agencies-by-sector-level-2026.csv")
    }
    assert levels[("energy", "E")] == "x"  # 台電, 國稅局
    assert levels[("finance", "D")] == "x"  # 臺灣銀行 alone
    assert levels[("total", "E")] == "x"  # 台電 and 國稅局: two agencies
    assert levels[("total", "D")] == "x"
    assert levels[("none", "none")] == "4"
    assert levels[("total", "total")] == "7"
