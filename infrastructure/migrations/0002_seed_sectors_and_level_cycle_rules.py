"""Seed the 8 critical-infrastructure sectors (CSMA.md §3.3) and the level re-approval cycle rules.

Both are data an administrator edits afterwards. Cycle: 2 years under 分級辦法 2021-08-23 Art 3 [P];
3 years from the 2026-01-05 amendment [W] (CSMA.md §4.2, §5.2 — confirm against the official text).
"""
import datetime

from django.db import migrations

SECTORS = [
    ("energy", "能源", "Energy"),
    ("water", "水資源", "Water resources"),
    ("communications", "通訊傳播", "Communications"),
    ("transportation", "交通", "Transportation"),
    ("finance", "銀行與金融", "Banking and finance"),
    ("emergency-hospitals", "緊急救援與醫院", "Emergency rescue and hospitals"),
    ("government", "重要政府機關", "Key government agencies"),
    ("science-industrial-parks", "高科技園區/科學園區與工業區", "Science and industrial parks"),
]

CYCLE_RULES = [  # corrected by 0008 (provenance and the 2026 effective date); shipped corrected to fresh databases
    (datetime.date(2019, 1, 1), datetime.date(2026, 1, 6), 2,
     "資通安全責任等級分級辦法 第3條（民國107年11月21日訂定發布，108年1月1日施行）", "[P]"),
    (datetime.date(2026, 1, 7), None, 3,
     "資通安全責任等級分級辦法 第3條（民國115年1月5日修正發布，依第12條第2項自發布日施行；週期待官方條文確認）", "[W]"),
]


def seed(apps, schema_editor):
    Sector = apps.get_model("infrastructure", "Sector")
    LevelCycleRule = apps.get_model("infrastructure", "LevelCycleRule")
    for order, (code, name_zh, name_en) in enumerate(SECTORS, start=1):
        Sector.objects.update_or_create(code=code, defaults={"name_zh": name_zh, "name_en": name_en,
                                                             "sort_order": order})
    for effective_from, effective_to, years, citation, marker in CYCLE_RULES:
        LevelCycleRule.objects.update_or_create(
            effective_from=effective_from,
            defaults={"effective_to": effective_to, "cycle_years": years, "citation": citation, "marker": marker},
        )


class Migration(migrations.Migration):
    dependencies = [("infrastructure", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
