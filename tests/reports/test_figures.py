"""reports.figures against the hand-counted year of tests/reports/conftest.py: exact numbers."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from infrastructure.models import Agency
from infrastructure.selectors import subtree_q
from reports import figures
from tests.obligations.helpers import approve_level
from tests.reports.conftest import NOW, TODAY, YEAR

pytestmark = pytest.mark.django_db
D = Decimal


def _all():
    return Agency.objects.all()


def test_agencies_by_level_and_kind(counted_year):
    counts = figures.agencies_by_level_and_kind(agencies=_all(), on=date(2026, 12, 31))
    assert counts.total == 7
    assert [(c.key, c.count) for c in counts.by_level] == [("A", 0), ("B", 0), ("C", 0), ("D", 1), ("E", 2), ("", 4)]
    assert [(c.key, c.count) for c in counts.by_kind] == [("government", 5), ("sngo", 2)]
    assert ("E", "sngo", 1) in counts.by_level_and_kind and ("E", "government", 1) in counts.by_level_and_kind


def test_compliance_by_level_and_total(counted_year):
    rows = figures.compliance_by_level(agencies=_all(), year=YEAR, today=TODAY)
    assert [(r.key, r.assigned, r.counted, r.compliant, r.overdue, r.rate) for r in rows] == [
        ("D", 3, 1, 0, 1, D("0.0")),  # bank: awareness due 2026-12-31 open; antivirus, firewall not yet due
        ("E", 3, 3, 2, 1, D("66.7")),  # tax accepted, power exempt, power's ad-hoc request overdue
    ]
    total = figures.compliance_total(agencies=_all(), year=YEAR, today=TODAY)
    assert (total.counted, total.accepted_on_time, total.accepted_late, total.exempt, total.overdue) == (4, 1, 0, 1, 2)
    assert total.rate == D("50.0")


def test_compliance_by_item_and_least_met(counted_year):
    items = figures.compliance_by_item(agencies=_all(), year=YEAR, today=TODAY)
    by_key = {item.key: (item.counted, item.compliant, item.not_met) for item in items}
    assert by_key["aware-general-users"] == (3, 2, 1)
    assert by_key["tech-antivirus"] == (0, 0, 0)
    ranked = figures.least_met(items, top=5)
    assert [(item.label, item.not_met, item.rate) for item in ranked] == [
        ("補件", 1, D("0.0")),
        ("一般使用者及主管通識教育", 1, D("66.7")),
    ]
    assert figures.least_met(items, top=1) == ranked[:1]


def test_bands_overdue_items_and_reapprovals(counted_year):
    bands = figures.compliance_bands(agencies=_all(), year=YEAR, today=TODAY)
    assert [(b.key, b.count) for b in bands] == [
        ("below_50", 1),  # bank 0 %
        ("50_70", 1),  # power 50 % (exempt; its ad-hoc request overdue)
        ("70_90", 0),
        ("90_100", 0),
        ("100", 1),  # tax: every counted item met
        ("none", 4),
    ]
    overdue = figures.overdue_items(agencies=_all(), year=YEAR, today=TODAY)
    assert [(o.agency_name, o.item, o.due_on, o.days_overdue) for o in overdue] == [
        ("台灣電力股份有限公司", "補件", date(2026, 10, 1), 92),  # days overdue when the year ended (1 January)
        ("臺灣銀行", "一般使用者及主管通識教育", date(2026, 12, 31), 1),
    ]
    assert figures.overdue_count(agencies=_all(), year=YEAR, today=TODAY) == 2
    assert figures.reapprovals_overdue_count(agencies=_all(), today=TODAY) == 0  # approved 2026: due 2028


def test_reapproval_overdue_after_the_cycle(world):
    approve_level(world["school"], "E", date(2022, 1, 3))  # 2021 rules: re-approve every 2 years
    due = figures.reapprovals_overdue(agencies=_all(), today=date(2026, 6, 1))
    assert [(r.agency_name, r.level) for r in due] == [("臺北市立大安國民小學", "E")]
    assert due[0].reapproval_due < date(2026, 6, 1)
    assert figures.reapprovals_overdue(agencies=_all(), today=due[0].reapproval_due) == []


def test_incidents_by_level_and_month(counted_year):
    counts = figures.incidents_by_level_and_month(agencies=_all(), year=YEAR)
    assert counts.total == 5  # the 2025-12-31 23:30 (Taipei) incident and the draft are not counted
    assert [(c.key, c.count) for c in counts.by_level] == [("1", 3), ("2", 1), ("3", 1), ("4", 0)]
    nonzero = [cell for cell in counts.by_month if cell[2]]
    assert nonzero == [(1, 1, 1), (2, 1, 1), (3, 1, 1), (3, 3, 1), (5, 2, 1)]
    assert len(counts.by_month) == 48
    assert figures.incidents_by_level_and_month(agencies=_all(), year=2025).total == 1


def test_clock_figures(counted_year):
    clocks = {c.kind: c for c in figures.clock_figures(agencies=_all(), year=YEAR, now=NOW)}
    notify = clocks["notify"]  # 20, 20, 20 and 30 minutes on time, 2 h late
    assert (notify.total, notify.met_on_time, notify.met_late, notify.open_overdue) == (5, 4, 1, 0)
    # median of 20, 20, 20, 30, 120 min; nearest rank 90 %: the ⌈0.9 × 5⌉ = 5th value
    assert (notify.on_time_rate, notify.median_minutes, notify.p90_minutes) == (D("80.0"), 20, 120)
    review = clocks["review"]  # level 3 in 1 h, level 2 in 10 h (late: 8 h), three level 1 never reviewed
    assert (review.met_on_time, review.met_late, review.open_overdue, review.on_time_rate) == (1, 1, 3, D("20.0"))
    assert (review.median_minutes, review.p90_minutes) == (330, 600)  # (60 + 600) / 2; the 2nd of 2
    forward = clocks["forward"]  # both reviewed incidents must be forwarded (2026 rules: every level); neither was
    assert (forward.total, forward.open_overdue, forward.on_time_rate, forward.median_minutes) == (2, 2, D("0.0"), None)
    recover = clocks["recover"]  # level 3 in 30 h (36 h), level 2 in 80 h (72 h: late), three never
    assert (recover.met_on_time, recover.met_late, recover.open_overdue) == (1, 1, 3)
    assert (recover.median_minutes, recover.p90_minutes) == (3300, 4800)  # 30 h and 80 h
    report = clocks["report"]
    assert (report.total, report.open_overdue, report.missed) == (2, 2, 2)


def test_drill_figures(counted_year):
    drills = {d.kind: d for d in figures.drill_figures(agencies=_all(), year=YEAR, today=TODAY)}
    social = drills["social_engineering"]
    assert (social.assigned, social.conducted, social.not_conducted_overdue) == (2, 1, 1)
    assert (social.results_submitted, social.results_on_time, social.participants) == (1, 1, 120)
    response = drills["incident_response"]
    assert (response.assigned, response.conducted, response.results_submitted, response.results_on_time) == (1, 1, 1, 0)
    assert response.participants == 30


def test_agency_rows(counted_year):
    rows = {r.name: r for r in figures.agency_rows(agencies=_all(), year=YEAR, today=TODAY, now=NOW)}
    assert len(rows) == 7
    tax, power, bank = rows["財政部臺北國稅局"], rows["台灣電力股份有限公司"], rows["臺灣銀行"]
    # tax: notify late 1 + review 3 + forward 1 + recover 3 + report 1 missed
    assert (tax.level, tax.counted, tax.rate, tax.overdue, tax.incidents_by_level, tax.clocks_missed) == (
        "E",
        1,
        D("100.0"),
        0,
        (3, 0, 1, 0),
        9,
    )
    # power: review late, never forwarded, recovery late, report never sent
    assert (power.rate, power.overdue, power.incidents_by_level, power.clocks_missed, power.band) == (
        D("50.0"),
        1,
        (0, 1, 0, 0),
        4,
        "50_70",
    )
    assert (bank.level, bank.assigned, bank.counted, bank.rate, bank.band) == ("D", 3, 1, D("0.0"), "below_50")
    assert (rows["行政院"].rate, rows["行政院"].band) == (None, "none")


def test_scope_excludes_agencies_outside_it(counted_year):
    finance = counted_year["finance"]
    subtree = Agency.objects.filter(subtree_q(finance.path))  # 財政部 and 國稅局
    figures_ = figures.key_figures(agencies=subtree, year=YEAR, today=TODAY, now=NOW)
    assert figures_.agencies.total == 2
    assert figures_.incidents.total == 4
    assert figures_.compliance_total.counted == 1
    assert {r.name for r in figures.agency_rows(agencies=subtree, year=YEAR, today=TODAY, now=NOW)} == {
        "財政部",
        "財政部臺北國稅局",
    }
    only_power = Agency.objects.filter(pk=counted_year["power"].pk)
    assert figures.incidents_by_level_and_month(agencies=only_power, year=YEAR).total == 1


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def test_query_count_does_not_grow_with_agencies(counted_year):
    one = Agency.objects.filter(pk=counted_year["tax"].pk)

    def run(agencies):
        return lambda: (
            figures.key_figures(agencies=agencies, year=YEAR, today=TODAY, now=NOW),
            figures.agency_rows(agencies=agencies, year=YEAR, today=TODAY, now=NOW),
        )

    run(_all())()  # warm caches
    assert _queries(run(one)) == _queries(run(_all())) == 15
