"""Effective dates by 中央法規標準法 §13 and the 2018 rule set.

- §13: a regulation "自發布日施行" takes effect on the third day counting the day of promulgation. The 2021
  amendment was promulgated 2021-08-23 (院臺護字第1100182012號, "自發布日施行") → in force 2021-08-25. The 2026
  amendment was issued 2026-01-05 → 2026-01-07 (its commencement clause is not in our sources [?]).
- The 2018 regulation (院臺護字第1070213547號, 2018-11-21) was put in force on 2019-01-01 by 院臺護字第1070217128號;
  its Arts 4, 5, 11, 12 are those of 2021 (the 2021 amendment changed Arts 6, 13, 21 only, per the 沿革).
- User pages show a citation as the law names it: internal markers such as "條次待確認" move to the
  verification notes (admin only), on the rule set and on the clocks already stored.
- Incidents whose day of awareness now falls under another rule set are re-pointed to it, with an event.
"""

import datetime

from django.db import migrations
from django.utils.timezone import now as django_now

R2018 = "資通安全事件通報及應變辦法(107.11.21)"
R2026 = "資通安全事件通報應變及演練辦法(115.01.05)"
MARKERS = ("(損害控制或復原，條次待確認)", "(調查處理及改善報告，條次待確認)")
TAIPEI = datetime.timezone(datetime.timedelta(hours=8))


def _cite(regulation, government, sngo):
    return {"government": f"{regulation}{government}", "sngo": f"{regulation}{sngo}"}


RULE_SET_2018 = {
    "name": R2018,
    "promulgated_on": datetime.date(2018, 11, 21),
    "effective_from": datetime.date(2019, 1, 1),
    "effective_to": datetime.date(2021, 8, 24),
    "forward_levels_government": [1, 2, 3, 4],
    "forward_levels_sngo": [3, 4],
    "citations": {
        "notify": _cite(R2018, "第4條第1項", "第11條第1項"),
        "renotify": _cite(R2018, "第4條第2項", "第11條第2項"),
        "review": _cite(R2018, "第5條第1項", "第12條第1項"),
        "forward": _cite(R2018, "第5條第3項", "第12條第2項第2款"),
        "recover": _cite(R2018, "第6條第1項", "第13條第1項"),
        "report": _cite(R2018, "第6條第2項", "第13條第2項"),
    },
    "verification": "[P] in force 2019-01-01 (院臺護字第1070217128號, A0030305 沿革). [P] Arts 4, 5, 11, 12 unchanged "
    "in 2021 (沿革: the 2021 amendment touched Arts 6, 13, 21). [?] Arts 6 and 13 (recovery 72 h / 36 h, report 1 "
    "month) as in 2021: the 2018 wording of those articles is not in our sources; confirm against the gazette.",
}


def _strip_markers(citations):
    return {
        kind: {who: text.replace(MARKERS[0], "").replace(MARKERS[1], "") for who, text in by_kind.items()}
        for kind, by_kind in citations.items()
    }


def _dates(IncidentRuleSet):
    IncidentRuleSet.objects.filter(code="2021-08-23").update(
        promulgated_on=datetime.date(2021, 8, 23),
        effective_from=datetime.date(2021, 8, 25),
        effective_to=datetime.date(2026, 1, 6),
    )
    for rule_set in IncidentRuleSet.objects.filter(code="2026-01-05"):
        rule_set.promulgated_on, rule_set.effective_from = datetime.date(2026, 1, 5), datetime.date(2026, 1, 7)
        rule_set.citations = _strip_markers(rule_set.citations)
        rule_set.verification += (
            " Internal markers: the 2026 recovery and report articles are 條次待確認 (citation shows the "
            "regulation only). [?] in force 2026-01-07 assumes 自發布日施行 (中央法規標準法 §13)."
        )
        rule_set.save()
    IncidentRuleSet.objects.update_or_create(code="2018-11-21", defaults=RULE_SET_2018)


def _repoint(apps):
    IncidentRuleSet = apps.get_model("incidents", "IncidentRuleSet")
    Incident = apps.get_model("incidents", "Incident")
    IncidentEvent = apps.get_model("incidents", "IncidentEvent")
    rule_sets = list(IncidentRuleSet.objects.all())
    for incident in Incident.objects.select_related("rule_set").iterator():
        day = incident.aware_at.astimezone(TAIPEI).date()
        found = [r for r in rule_sets if r.effective_from <= day and (r.effective_to is None or day <= r.effective_to)]
        if len(found) != 1 or found[0].pk == incident.rule_set_id:
            continue
        before = incident.rule_set.code
        incident.rule_set = found[0]
        incident.save(update_fields=["rule_set"])
        IncidentEvent.objects.create(
            incident=incident,
            kind="clocks_recomputed",
            occurred_at=django_now(),
            status_before=incident.status,
            status_after=incident.status,
            data={"rule_set_before": before, "rule_set": found[0].code, "reason": "中央法規標準法第13條"},
        )


def forward(apps, schema_editor):
    _dates(apps.get_model("incidents", "IncidentRuleSet"))
    IncidentClock = apps.get_model("incidents", "IncidentClock")
    for marker in MARKERS:
        for clock in IncidentClock.objects.filter(citation__contains=marker):
            clock.citation = clock.citation.replace(marker, "")
            clock.save(update_fields=["citation"])
    _repoint(apps)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0005_incident_rule_set_promulgated_on")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
