"""Bench: import of an 8,000-row national OID registry export (CSV and XLSX) into a fresh SQLite database.

Runs standalone: `.venv/bin/python bench/bench_import.py [--rows N] [--repeat N]`. It uses a throw-away
CSMA_VAR_DIR (its own SQLite file, migrated once and copied fresh for every run) and prints the pandas read
time (the floor) beside the whole import: read + validate + plan + apply, in one transaction with events
(wall time, and its CPU time, steadier on a shared machine); "re-import" is the same file again (no change).
Goal (issue 2): the import of 8,000 rows in ≤ 1 s on the development machine.
"""

import argparse
import io
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR_DIR = Path(tempfile.mkdtemp(prefix="csma-bench-import-"))
os.environ["CSMA_VAR_DIR"] = str(VAR_DIR)
os.environ["DJANGO_SETTINGS_MODULE"] = "csma.settings.dev"
os.environ["DJANGO_DEBUG"] = "False"  # no query log: time what production does
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")

EXECUTIVE_YUAN = "2.16.886.101.20003"
LOCAL_ROOT = "2.16.886.101.9"
OFFICES = ("秘書室", "人事室", "會計室", "政風室", "資訊室", "法制處")  # the same names under every agency
MINISTRIES = (
    "內政部",
    "外交部",
    "國防部",
    "財政部",
    "教育部",
    "法務部",
    "經濟部",
    "交通部",
    "勞動部",
    "農業部",
    "衛生福利部",
    "環境部",
    "文化部",
    "數位發展部",
    "國家科學及技術委員會",
    "大陸委員會",
    "金融監督管理委員會",
    "海洋委員會",
    "僑務委員會",
    "國軍退除役官兵輔導委員會",
    "原住民族委員會",
    "客家委員會",
    "公共工程委員會",
    "行政院主計總處",
    "行政院人事行政總處",
    "中央銀行",
    "國立故宮博物院",
    "中央選舉委員會",
    "公平交易委員會",
    "國家通訊傳播委員會",
)
LOCAL_GOVERNMENTS = (
    "臺北市",
    "新北市",
    "桃園市",
    "臺中市",
    "臺南市",
    "高雄市",
    "基隆市",
    "新竹市",
    "嘉義市",
    "新竹縣",
    "苗栗縣",
    "彰化縣",
    "南投縣",
    "雲林縣",
    "嘉義縣",
    "屏東縣",
    "宜蘭縣",
    "花蓮縣",
    "臺東縣",
    "澎湖縣",
    "金門縣",
    "連江縣",
)
BUREAUS = (
    "教育局",
    "民政局",
    "財政局",
    "社會局",
    "勞動局",
    "警察局",
    "消防局",
    "衛生局",
    "環境保護局",
    "交通局",
    "工務局",
    "地政局",
    "文化局",
    "主計處",
    "人事處",
)
HEADER = ("機關名稱", "OID", "電話", "地址", "DN")


def roster(rows: int, *, seed: int = 115) -> list[tuple[str, ...]]:
    """A realistic OID tree: 行政院, ministries with offices and sub-agencies, local governments with bureaus,
    district offices and schools. Quirks of the real export: stray spaces in OIDs, duplicate office names,
    and sub-agencies whose parent has no row (attached to the nearest ancestor)."""
    rng = random.Random(seed)
    out = [("行政院", EXECUTIVE_YUAN)]
    for m, ministry in enumerate(MINISTRIES, start=1):
        oid = f"{EXECUTIVE_YUAN}.{20000 + m}"
        out.append((ministry, oid))
        out += [(office, f"{oid}.{i}") for i, office in enumerate(OFFICES, start=1)]
        for s in range(1, 9):
            agency_oid, has_row = f"{oid}.{100 + s}", rng.random() > 0.03
            if has_row:
                out.append((f"{ministry}第{s}署", agency_oid))
            out += [(f"{ministry}第{s}署第{b}分署", f"{agency_oid}.{b}") for b in range(1, 7)]
    for g, place in enumerate(LOCAL_GOVERNMENTS, start=1):
        oid = f"{LOCAL_ROOT}{g:04d}"
        government = place + ("政府" if place.endswith("市") else "政府")
        out.append((government, oid))
        out += [(f"{place}政府{bureau}", f"{oid}.{b}") for b, bureau in enumerate(BUREAUS, start=1)]
        out += [(f"{place}第{d}區公所", f"{oid}.{100 + d}") for d in range(1, 13)]
    schools, g = rows - len(out), 0
    for n in range(max(schools, 0)):
        g = n % len(LOCAL_GOVERNMENTS) + 1
        kind = ("國民小學", "國民中學", "高級中學")[n % 3]
        out.append(
            (
                f"{LOCAL_GOVERNMENTS[g - 1]}立第{n // len(LOCAL_GOVERNMENTS) + 1}{kind}",
                f"{LOCAL_ROOT}{g:04d}.1.{1000 + n}",
            )
        )
    return [_with_quirks(rng, name, oid, n) for n, (name, oid) in enumerate(out[:rows])]


def _with_quirks(rng: random.Random, name: str, oid: str, n: int) -> tuple[str, ...]:
    if rng.random() < 0.01:
        oid = f" {oid} " if n % 2 else oid.replace(".", ". ", 1)
    return (
        name,
        oid,
        f"0{2 + n % 7}-2{n:07d}"[:12],
        f"臺灣某縣市某區中正路{n + 1}號",
        f"ou={name},o=Executive Yuan,c=TW",
    )


def as_csv(rows) -> bytes:
    quote = lambda value: '"' + value.replace('"', '""') + '"'  # noqa: E731 - all fields quoted, as published
    text = "\r\n".join(",".join(quote(v) for v in row) for row in [HEADER, *rows]) + "\r\n"
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def as_xlsx(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("OID")
    for row in [HEADER, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(function, repeat: int):
    """Best of ``repeat`` runs (seconds) and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


class FreshDatabase:
    """Migrate once, then copy the migrated SQLite file before every run."""

    def __init__(self):
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connections

        self.path = Path(settings.DATABASES["default"]["NAME"])
        call_command("migrate", verbosity=0)
        connections.close_all()  # checkpoints the WAL into the file
        self.template = self.path.with_suffix(".template")
        shutil.copy(self.path, self.template)

    def reset(self) -> None:
        from django.db import connections

        connections.close_all()
        for suffix in ("-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        shutil.copy(self.template, self.path)


def import_once(content: bytes, filename: str, database: FreshDatabase) -> dict:
    from infrastructure.import_services import agency_import_apply, agency_import_plan
    from infrastructure.imports import read_agency_frame, validate_agency_rows

    database.reset()
    stages, start, cpu = {}, time.perf_counter(), time.process_time()
    frame = read_agency_frame(content=content, filename=filename)
    stages["read"] = time.perf_counter() - start
    rows, errors = validate_agency_rows(frame)
    assert not errors, errors[:3]
    stages["validate"] = time.perf_counter() - start - sum(stages.values())
    plan = agency_import_plan(today=timezone.localdate(), rows=rows, deactivate_missing=False)
    stages["plan"] = time.perf_counter() - start - sum(stages.values())
    result = agency_import_apply(now=timezone.now(), plan=plan, acting_user=None)
    stages["apply"] = time.perf_counter() - start - sum(stages.values())
    stages["total"] = time.perf_counter() - start
    stages["cpu"] = time.process_time() - cpu  # steadier than wall time when other processes share the CPU
    stages["created"], stages["events"] = result.created, result.events
    return stages


def reimport(content: bytes, filename: str) -> float:
    from infrastructure.import_services import agency_import_apply, agency_import_preview

    start = time.perf_counter()
    preview = agency_import_preview(today=timezone.localdate(), content=content, filename=filename)
    result = agency_import_apply(now=timezone.now(), plan=preview.plan, acting_user=None)
    assert result.events == 0 and result.unchanged == preview.rows, result
    return time.perf_counter() - start


def pandas_floor(content: bytes, kind: str) -> float:
    import pandas as pd

    from infrastructure.imports import excel_engine

    if kind == "csv":
        return pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return pd.read_excel(io.BytesIO(content), dtype=str, engine=excel_engine())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=8000)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    options = parser.parse_args()
    import django

    django.setup()
    from infrastructure.imports import excel_engine

    database = FreshDatabase()
    rows = roster(options.rows)
    files = {"csv": as_csv(rows), "xlsx": as_xlsx(rows)}
    print(
        f"{options.rows} rows, best of {options.repeat}; SQLite in {VAR_DIR}; "
        f"XLSX engine: {excel_engine() or 'openpyxl'}"
    )
    print(
        f"{'file':<6}{'pandas read':>12}{'read':>8}{'validate':>10}{'plan':>8}{'apply':>8}{'import':>9}"
        f"{'(CPU)':>8}{'re-import':>11}  created/events"
    )
    for kind, content in files.items():
        floor, _frame = timed(lambda c=content, k=kind: pandas_floor(c, k), options.repeat)
        runs = [import_once(content, f"oid.{kind}", database) for _ in range(options.repeat)]
        best = min(runs, key=lambda run: run["total"])
        again, _ = timed(lambda c=content, k=kind: reimport(c, f"oid.{k}"), options.repeat)
        print(
            f"{kind:<6}{floor:>11.3f}s{best['read']:>7.3f}s{best['validate']:>9.3f}s{best['plan']:>7.3f}s"
            f"{best['apply']:>7.3f}s{best['total']:>8.3f}s{best['cpu']:>7.3f}s{again:>10.3f}s"
            f"  {best['created']}/{best['events']}"
        )
    shutil.rmtree(VAR_DIR, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
