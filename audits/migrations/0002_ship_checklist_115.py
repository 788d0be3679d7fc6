"""Ship the national 2026 (民國115年) on-site audit checklist for government agencies (87 items, 9 sections)
as a published checklist version. Items marked 【A、B級機關適用】 apply to level A and B agencies only;
【中央目的事業主管機關適用】 to sector regulators only (audits.rules.applies_to)."""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

CSV = Path(__file__).resolve().parent.parent / "data" / "checklist_115_gov_agencies.csv"
NAME = "115年度資通安全實地稽核項目檢核表（公務機關）"


def applicability(row: dict) -> str:
    note = row["applicability_note"] + row["check_item"][:40]
    if "A、B級機關適用" in note:
        return "levels_a_b"
    if "中央目的事業主管機關適用" in note:
        return "sector_regulators"
    return "all"


def ship(apps, schema_editor):
    Template = apps.get_model("audits", "ChecklistTemplate")
    Item = apps.get_model("audits", "ChecklistItem")
    if Template.objects.filter(name=NAME, version=1).exists():
        return
    template = Template.objects.create(
        name=NAME,
        version=1,
        audience="government",
        source="數位發展部資通安全署，115年資通安全稽核計畫，實地稽核表（適用公務機關）",
        effective_from=date(2026, 1, 1),
        status="published",
    )
    with CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    Item.objects.bulk_create(
        Item(
            template=template,
            position=index,
            section=row["section"].strip(),
            item_no=row["item_no"].strip(),
            text=row["check_item"].strip(),
            applicability=applicability(row),
        )
        for index, row in enumerate(rows, start=1)
    )


def unship(apps, schema_editor):
    Template = apps.get_model("audits", "ChecklistTemplate")
    Item = apps.get_model("audits", "ChecklistItem")
    Item.objects.filter(template__name=NAME).delete()
    Template.objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("audits", "0001_initial")]
    operations = [migrations.RunPython(ship, unship)]
