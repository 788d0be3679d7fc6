"""Correct the level re-approval rules' provenance and dates, recompute re-approval due dates, fill counties.

- 分級辦法 Art 3 ("每二年") is the 2018-11-21 text (院臺護字第1070213547號), in force 2019-01-01 by
  院臺護字第1070217128號; neither the 2019 nor the 2021 amendment touched Art 3 (沿革).
- The 2026 amendment was promulgated 2026-01-05; Art 12 II "本辦法修正條文自發布日施行" → in force on the third
  day counting the promulgation day (中央法規標準法 §13): 2026-01-07. The 2-year rule runs to 2026-01-06.
- Approved decisions whose rule or due date changes (a level effective 2026-01-05/06 now falls under the 2-year
  rule; §48 III month-end corrections) are recomputed, each with an UPDATED event (before/after).
- Agencies without a county get the one their address starts with (their §48 periods use its days off).
"""

import datetime

from django.db import migrations

from common.models import county_from_address
from common.periods import nominal_end

RULES = [
    # (old effective_from, promulgated_on, effective_from, effective_to, citation, marker)
    (
        datetime.date(2019, 1, 1),
        datetime.date(2018, 11, 21),
        datetime.date(2019, 1, 1),
        datetime.date(2026, 1, 6),
        "資通安全責任等級分級辦法 第3條（民國107年11月21日訂定發布，108年1月1日施行）",
        "[P]",
    ),
    (
        datetime.date(2026, 1, 5),
        datetime.date(2026, 1, 5),
        datetime.date(2026, 1, 7),
        None,
        "資通安全責任等級分級辦法 第3條（民國115年1月5日修正發布，依第12條第2項自發布日施行；週期待官方條文確認）",
        "[W]",
    ),
]
REASON = "分級辦法第3條施行日期更正（中央法規標準法第13條）及行政程序法第48條第3項期間計算更正"


def _rule_for(rules, day):
    return next(r for r in rules if r.effective_from <= day and (r.effective_to is None or day <= r.effective_to))


def correct(apps, schema_editor):
    LevelCycleRule = apps.get_model("infrastructure", "LevelCycleRule")
    LevelDecision = apps.get_model("infrastructure", "LevelDecision")
    AgencyEvent = apps.get_model("infrastructure", "AgencyEvent")
    Agency = apps.get_model("infrastructure", "Agency")
    for old_from, promulgated, effective_from, effective_to, citation, marker in RULES:
        rule = LevelCycleRule.objects.filter(effective_from__in=[old_from, effective_from]).first()
        if rule is None:
            continue  # an administrator removed or replaced it: leave their data alone
        rule.promulgated_on, rule.effective_from, rule.effective_to = promulgated, effective_from, effective_to
        rule.citation, rule.marker = citation, marker
        rule.save()
    rules = list(LevelCycleRule.objects.order_by("effective_from"))
    events = []
    for decision in LevelDecision.objects.filter(status="approved", effective_from__isnull=False):
        try:
            rule = _rule_for(rules, decision.effective_from)
        except StopIteration:
            continue
        due = nominal_end(start=decision.effective_from, years=rule.cycle_years)
        if (decision.cycle_rule_id, decision.reapproval_due) == (rule.pk, due):
            continue
        changes = {
            "reapproval_due": [decision.reapproval_due and decision.reapproval_due.isoformat(), due.isoformat()],
            "cycle_rule": [decision.cycle_rule_id, rule.pk],
        }
        decision.cycle_rule_id, decision.reapproval_due = rule.pk, due
        decision.save(update_fields=["cycle_rule", "reapproval_due"])
        events.append(
            AgencyEvent(
                agency_id=decision.agency_id,
                kind="updated",
                channel="system",
                data={"changes": changes, "decision": decision.pk, "reason": REASON},
            )
        )
    for agency in Agency.objects.filter(county="").exclude(address=""):
        county = county_from_address(agency.address)
        if county:
            agency.county = county
            agency.save(update_fields=["county"])
            events.append(
                AgencyEvent(
                    agency_id=agency.pk,
                    kind="updated",
                    channel="system",
                    data={"changes": {"county": ["", county]}, "reason": "由地址帶入縣市"},
                )
            )
    AgencyEvent.objects.bulk_create(events, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("infrastructure", "0007_agency_county_cycle_rule_promulgation")]
    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
