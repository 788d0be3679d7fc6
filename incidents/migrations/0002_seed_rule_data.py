"""Seed the incident rule sets (2021-08-23 regulation, 2026-01-05 amendment) and the alert lead times."""
import datetime

from django.db import migrations

R2021 = "資通安全事件通報及應變辦法(110.08.23)"
R2026 = "資通安全事件通報應變及演練辦法(115.01.05)"


def _cite(regulation, government, sngo):
    return {"government": f"{regulation}{government}", "sngo": f"{regulation}{sngo}"}


RULE_SETS = [
    {
        "code": "2021-08-23", "name": R2021, "effective_from": datetime.date(2021, 8, 23),
        "effective_to": datetime.date(2026, 1, 4),
        "forward_levels_government": [1, 2, 3, 4], "forward_levels_sngo": [3, 4],
        "citations": {
            "notify": _cite(R2021, "第4條第1項", "第11條第1項"),
            "renotify": _cite(R2021, "第4條第2項", "第11條第2項"),
            "review": _cite(R2021, "第5條第1項", "第12條第1項"),
            "forward": _cite(R2021, "第5條第3項", "第12條第2項第2款"),
            "recover": _cite(R2021, "第6條第1項", "第13條第1項"),
            "report": _cite(R2021, "第6條第2項", "第13條第2項"),
        },
        "verification": "[P] all clocks: A0030305 (2021-08-23), Arts 4-6, 11-13. Renewed notification within "
                        "1 h of a level change: Art 4 ¶2 / Art 11 ¶2 refer to ¶1 [P].",
    },
    {
        "code": "2026-01-05", "name": R2026, "effective_from": datetime.date(2026, 1, 5), "effective_to": None,
        "forward_levels_government": [1, 2, 3, 4], "forward_levels_sngo": [1, 2, 3, 4],
        "citations": {
            "notify": _cite(R2026, "第6條第1項", "第11條第1項"),
            "renotify": _cite(R2026, "第6條第2項", "第11條第2項"),
            "review": _cite(R2026, "第7條第1項", "第12條第1項"),
            "forward": _cite(R2026, "第7條第2項", "第12條第2項"),
            "recover": _cite(R2026, "(損害控制或復原，條次待確認)", "(損害控制或復原，條次待確認)"),
            "report": _cite(R2026, "(調查處理及改善報告，條次待確認)", "(調查處理及改善報告，條次待確認)"),
        },
        "verification": "[P] notify, renotify, review, forward: Arts 6, 7, 11, 12 (2026-01-05). [?] recover "
                        "72 h/36 h and report 1 month: 2026 articles not retrieved; the 2021 values are kept "
                        "(CSMA.md §6.3). Confirm against law.moj.gov.tw and edit here.",
    },
]

LEAD_TIMES = {"notify": 15, "renotify": 15, "review": 15, "forward": 15, "recover": 6 * 60, "report": 3 * 24 * 60}


def seed(apps, schema_editor):
    IncidentRuleSet = apps.get_model("incidents", "IncidentRuleSet")
    AlertLeadTime = apps.get_model("incidents", "AlertLeadTime")
    for row in RULE_SETS:
        IncidentRuleSet.objects.update_or_create(code=row["code"], defaults=row)
    for kind, minutes in LEAD_TIMES.items():
        AlertLeadTime.objects.update_or_create(clock_kind=kind, defaults={"lead_minutes": minutes})


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
