"""Builder figures against hand-counted data: every number in the snapshot counted from the fixtures."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from common.roc import TAIPEI
from incidents.rules import ClockKind
from reports import data as d
from reports.builders.sector import build_sector_summary
from reports.figures.annual import Scope, year_figures
from reports.samples import header
from reports.subjects import sector_agencies
from tests.incidents.conftest import file_incident
from tests.obligations.helpers import approve_level
from tests.reports.documents_fixtures import NOW, obligation, private_media  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted_2026(world, users):
    """國稅局 (level C): 4 items due in 2026 — 1 accepted on time, 1 accepted late, 1 exempt, 1 open (overdue);
    one more due in 2027 (not counted). 財政部 (level B): 2 due, 1 open, 1 returned (both overdue).
    Three level-1 incidents at 國稅局, one notified 2 h after awareness (its notify clock missed)."""
    officer = users["officer"]
    approve_level(world["tax"], "C", date(2025, 1, 1))
    approve_level(world["finance"], "B", date(2025, 1, 1))
    from obligations.models import Obligation

    Obligation.objects.filter(agency__in=[world["tax"], world["finance"]]).delete()  # the approval's own assignment
    tax, finance = world["tax"], world["finance"]
    due = date(2026, 6, 30)
    on_time = datetime(2026, 6, 1, 10, tzinfo=TAIPEI)
    late = datetime(2026, 7, 15, 10, tzinfo=TAIPEI)
    obligation(tax, "mgmt-isms", due_on=due, status="accepted", submitted_at=on_time, reviewer=officer)
    obligation(tax, "mgmt-classification-review", due_on=due, status="accepted", submitted_at=late, reviewer=officer)
    obligation(tax, "mgmt-system-classification", due_on=due, status="exempt")
    obligation(tax, "mgmt-isms", due_on=date(2026, 3, 31), status="open")
    obligation(tax, "mgmt-isms", due_on=date(2027, 3, 31), status="open")
    obligation(finance, "mgmt-isms", due_on=due, status="open", level="B")
    obligation(finance, "mgmt-isms", due_on=due, status="returned", level="B")
    aware = datetime(2026, 3, 2, 2, 0, tzinfo=TAIPEI)
    file_incident(tax, officer, level=1, aware_at=aware)
    file_incident(tax, officer, level=1, aware_at=aware + timedelta(days=40))
    file_incident(
        tax,
        officer,
        level=1,
        aware_at=aware + timedelta(days=80),
        reported_after=timedelta(hours=2),
        late_reason="網路中斷",
    )
    return world


def test_year_figures_count_only_items_due(counted_2026):
    scope = Scope(agencies=sector_agencies("public-agencies"), year=2026, cutoff=date(2026, 12, 31), judged_at=NOW)
    figures, detail = year_figures(scope)
    assert figures.compliance == d.Compliance("all", "", due=6, on_time=1, late=1, exempt=1)
    assert figures.compliance.rate == Decimal("50.0")
    by_level = {c.key: c for c in figures.compliance_by_level}
    assert by_level["C"] == d.Compliance("C", "Level C", due=4, on_time=1, late=1, exempt=1)
    assert by_level["B"].due == 2 and by_level["B"].met == 0
    assert figures.overdue_items == 3
    assert detail["obligations"][counted_2026["tax"].pk] == (4, 3, 1)
    assert detail["obligations"][counted_2026["finance"].pk] == (2, 0, 2)


def test_year_figures_incidents_and_the_missed_notify_clock(counted_2026):
    scope = Scope(agencies=sector_agencies("public-agencies"), year=2026, cutoff=date(2026, 12, 31), judged_at=NOW)
    figures, detail = year_figures(scope)
    assert figures.incidents_by_level == (3, 0, 0, 0)
    months = {m.month: m.by_level for m in figures.incidents_by_month}
    assert months[3] == (1, 0, 0, 0) and months[4] == (1, 0, 0, 0) and months[5] == (1, 0, 0, 0)
    notify = next(c for c in figures.clocks if c.kind == ClockKind.NOTIFY)
    assert (notify.total, notify.on_time) == (3, 2)
    assert notify.median_minutes == 20 and notify.p90_minutes == 120
    assert detail["missed"][counted_2026["tax"].pk] >= 1
    assert detail["incidents"][counted_2026["tax"].pk] == [3, 0, 0, 0]


def test_sector_summary_agency_rows_bands_and_overdue(counted_2026):
    data = build_sector_summary(
        header=header(year=2026),
        agencies=sector_agencies("public-agencies"),
        today=NOW.date(),
        observations=d.Observations(),
    )
    rows = {r.name: r for r in data.agencies}
    assert (rows["財政部臺北國稅局"].due, rows["財政部臺北國稅局"].met, rows["財政部臺北國稅局"].overdue) == (4, 3, 1)
    assert rows["財政部臺北國稅局"].rate == Decimal("75.0")
    assert rows["財政部臺北國稅局"].incidents_by_level == (3, 0, 0, 0)
    assert rows["財政部"].rate == Decimal("0.0")
    assert [(r.agency, r.due_on, r.days_overdue) for r in data.overdue] == [
        ("財政部臺北國稅局", date(2026, 3, 31), 276),  # days overdue when 2026 ended (1 January 2027)
        ("財政部", date(2026, 6, 30), 185),
        ("財政部", date(2026, 6, 30), 185),
    ]
    bands = {b.key: b.value for b in data.current.bands}
    # 國稅局 75 % → 70–90; 財政部 0 % → under 50; the 3 other government agencies have no item due.
    assert bands == {"below_50": 1, "50_70": 0, "70_90": 1, "90_100": 0, "100": 0, "none": 3}
    # no audits in this year: the three audit sections have no rows, so each renders 無資料
    assert [(s.key, s.title, s.rows) for s in data.sections] == [
        ("audits", "稽核", ()),
        ("audits_findings", "稽核發現（依檢核區段及嚴重程度）", ()),
        ("audits_open", "最久未結案之稽核發現", ()),
    ]
    assert data.previous.compliance.due == 0


def test_builder_query_count_does_not_grow_with_agencies(counted_2026, django_assert_max_num_queries):
    from tests.factories import AgencyFactory

    def build():
        return build_sector_summary(
            header=header(year=2026),
            agencies=sector_agencies("public-agencies"),
            today=NOW.date(),
            observations=d.Observations(),
        )

    with django_assert_max_num_queries(40) as few:
        build()
    for index in range(20):
        AgencyFactory(name=f"新機關{index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        build()


def test_scorecard_beside_sector_and_level_year_by_year(world, users):
    """國稅局 (level C): 2025 one item due, open → 0 %; 2026 two due, one accepted → 50 % (better).
    財政部 (same public-agencies sector, level B): 2026 one due, exempt → 100 %."""
    from reports.builders.scorecard import build_scorecard
    from reports.pdf.scorecard import trend

    approve_level(world["tax"], "C", date(2024, 1, 1))
    from obligations.models import Obligation

    Obligation.objects.filter(agency=world["tax"]).delete()
    tax, officer = world["tax"], users["officer"]
    obligation(tax, "mgmt-isms", year=2025, due_on=date(2025, 6, 30), status="open")
    obligation(
        tax,
        "mgmt-isms",
        due_on=date(2026, 6, 30),
        status="accepted",
        submitted_at=datetime(2026, 6, 1, tzinfo=TAIPEI),
        reviewer=officer,
    )
    obligation(tax, "mgmt-classification-review", due_on=date(2026, 6, 30), status="open")
    obligation(world["finance"], "mgmt-isms", due_on=date(2026, 6, 30), status="exempt", level="B")
    card = build_scorecard(header=header(kind="scorecard", year=2026), agency=tax, today=NOW.date())
    points = {p.year: p for p in card.history}
    assert [p.year for p in card.history] == [2025, 2026]
    assert (points[2025].agency_rate, points[2026].agency_rate) == (Decimal("0.0"), Decimal("50.0"))
    assert points[2026].sector_rate == Decimal("66.7")  # 2 met of 3 due among government agencies
    assert points[2026].level_rate == Decimal("50.0")  # level C nationwide: 國稅局 alone
    assert trend(points[2026].agency_rate, points[2025].agency_rate) == "better"
    assert (card.current.due, card.current.on_time, card.current.unmet, card.level) == (2, 1, 1, "C")
    assert [c.key for c in card.weakest] == ["mgmt-classification-review"]
