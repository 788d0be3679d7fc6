"""Synthetic report data of any size (renderer tests without a database, bench/): deterministic."""

import random
from datetime import UTC, date, datetime, timedelta

from reports import data as report_data

LEVEL_LABELS = {"A": "A級", "B": "B級", "C": "C級", "D": "D級", "E": "E級"}
CLOCKS = (
    ("notify", "通報"),
    ("review", "審核"),
    ("forward", "轉報"),
    ("recover", "損害控制或復原"),
    ("report", "調查報告"),
)
NAMES = ("臺北市政府", "新北市立", "高雄市", "國立", "行政院", "交通部", "衛生福利部", "教育部", "彰化縣", "澎湖縣")
SUFFIXES = ("環境保護局", "衛生所", "國民小學", "區公所", "戶政事務所", "消防局第三救災救護大隊", "地政事務所")


def header(
    *, kind: str = "sector", language: str = "zh-hant", subject: str = "公務機關", year: int = 2026
) -> report_data.ReportHeader:
    return report_data.ReportHeader(
        kind=kind,
        language=language,
        subject=subject,
        year=year,
        number=f"CSMA-{year - 1911}-GOV-0001",
        version=1,
        issuer="數位發展部資通安全署",
        classification="限閱",
        generated_at=datetime(2027, 1, 15, 2, 30, tzinfo=UTC),
    )


def year_figures(year: int, seed: int) -> report_data.YearFigures:
    rnd = random.Random(seed)
    by_level = tuple(
        report_data.Compliance(k, v, 100 * (i + 1), 60 * (i + 1) + rnd.randint(0, 20), 10, 5)
        for i, (k, v) in enumerate(LEVEL_LABELS.items())
    )
    items = tuple(
        report_data.Compliance(f"item-{i}", f"項目{i}：資通安全健診", 50, rnd.randint(10, 40), 3, 1) for i in range(12)
    )
    total = report_data.Compliance(
        "all",
        "合計",
        sum(c.due for c in by_level),
        sum(c.on_time for c in by_level),
        sum(c.late for c in by_level),
        sum(c.exempt for c in by_level),
    )
    return report_data.YearFigures(
        year=year,
        cutoff=date(year, 12, 31),
        agencies=8000,
        agencies_by_level=tuple(report_data.Count(k, v, 1600) for k, v in LEVEL_LABELS.items()),
        agencies_by_kind=(report_data.Count("gov", "公務機關", 8000),),
        compliance=total,
        compliance_by_level=by_level,
        compliance_by_item=items,
        overdue_items=rnd.randint(100, 300),
        reapprovals_overdue=rnd.randint(0, 40),
        incidents_by_level=(30, 12, 3, 1),
        incidents_by_month=tuple(
            report_data.MonthFigure(m, (rnd.randint(0, 5), rnd.randint(0, 3), rnd.randint(0, 1), 0))
            for m in range(1, 13)
        ),
        clocks=tuple(report_data.ClockFigure(k, label, 46, 40, 35, 55) for k, label in CLOCKS),
        drills=(report_data.DrillFigure("social", "社交工程演練", 10, 9, 8, 1),),
        bands=tuple(
            report_data.Count(str(i), label, 1600)
            for i, label in enumerate(("未滿50%", "50–70%", "70–90%", "90–未滿100%", "100%"))
        ),
    )


def agency_rows(count: int) -> tuple[report_data.AgencyRow, ...]:
    rnd = random.Random(count)
    rows = []
    for i in range(count):
        name = f"{NAMES[i % len(NAMES)]}{SUFFIXES[i % len(SUFFIXES)]}{i}"
        due = rnd.randint(5, 20)
        rows.append(
            report_data.AgencyRow(
                i + 1,
                name,
                "ABCDE"[i % 5],
                due,
                rnd.randint(0, due),
                rnd.randint(0, 3),
                (rnd.randint(0, 2), 0, 0, 0),
                rnd.randint(0, 1),
            )
        )
    return tuple(rows)


def sector_summary(*, rows: int = 50, language: str = "zh-hant", overdue: int = 30) -> report_data.SectorSummary:
    base = date(2026, 6, 30)
    return report_data.SectorSummary(
        header=header(language=language),
        current=year_figures(2026, 1),
        previous=year_figures(2025, 2),
        agencies=agency_rows(rows),
        overdue=tuple(
            report_data.OverdueRow(f"機關{i}", "資通安全健診", base - timedelta(days=i), 184 + i)
            for i in range(overdue)
        ),
        observations=report_data.Observations(
            "本年度整體遵循率提升。", "建議加強社交工程演練。", (report_data.AgencyNote("機關1", "請改善。"),)
        ),
        sections=(report_data.Section("audits", "稽核"),),
    )
