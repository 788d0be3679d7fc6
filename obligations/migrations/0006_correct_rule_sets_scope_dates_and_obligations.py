"""Issue 8: correct the shipped rule sets and the obligations assigned from them.

1. Dates: record promulgated_on; "自發布日施行" takes effect on the third day (中央法規標準法 §13): the 2021 set
   runs 2021-08-25 → 2026-01-06, the 2026 set from 2026-01-07; ship the 2019 set (2019-01-01 → 2021-08-24).
2. Rows (as _rule_data now gives them): GCB, EDR and the competency certificate for government agencies only;
   VANS for government agencies and CI providers; an SNGA's certificate row asks professional certificates
   only; items about core systems carry the has_core_system condition. A row whose scope changes is the same
   Requirement re-scoped (its obligations keep their link); the other scope is a new row.
3. Obligations still owed that no longer bind their agency (scope, CI status, no core system) are withdrawn
   (status superseded) with a WITHDRAWN event; owed obligations whose due date changes (a yearly item is due
   within its year; §48 III counted from the day after) are recomputed with a DUE_RECOMPUTED event.
"""

from collections import defaultdict
from datetime import date

from django.db import migrations

from common.calendar import taiwan_rest_day_check
from common.periods import calendar_slot_end, period_end
from obligations.migrations._rule_data import SHIPPED, requirement_records

OWED = ("open", "returned")
FIELDS = (
    "dimension",
    "item_zh",
    "item_en",
    "text_zh",
    "text_en",
    "citation",
    "marker",
    "per_core_system",
    "conditions",
    "quantity",
    "sort_order",
    "deadline_years",
    "frequency_count",
    "frequency_years",
)


def _date(value):
    return date.fromisoformat(value) if value else None


def _sync_rows(Requirement, rule_set, records):
    existing = defaultdict(dict)
    for requirement in Requirement.objects.filter(rule_set=rule_set):
        existing[(requirement.code, requirement.level)][requirement.agency_scope] = requirement
    wanted = defaultdict(list)
    for record in records:
        wanted[(record["code"], record["level"])].append(record)
    for key, rows in wanted.items():
        have = existing.get(key, {})
        spare = [req for scope, req in have.items() if scope not in {r["agency_scope"] for r in rows}]
        for record in rows:
            requirement = have.get(record["agency_scope"]) or (spare.pop(0) if spare else None)
            if requirement is None:
                Requirement.objects.create(rule_set=rule_set, **record)
                continue
            requirement.agency_scope = record["agency_scope"]
            for field in FIELDS:
                setattr(requirement, field, record[field])
            requirement.save()


def correct_rule_sets(apps):
    RuleSet = apps.get_model("obligations", "RuleSet")
    Requirement = apps.get_model("obligations", "Requirement")
    for spec, rows in SHIPPED:
        rule_set = RuleSet.objects.filter(name=spec["name"], version=spec["version"]).first()
        if rule_set is None:
            rule_set = RuleSet.objects.create(
                name=spec["name"],
                version=spec["version"],
                status="published",
                legal_basis=spec["legal_basis"],
                note=spec["note"],
                effective_from=_date(spec["effective_from"]),
            )
        rule_set.promulgated_on = _date(spec["promulgated_on"])
        rule_set.effective_from, rule_set.effective_to = _date(spec["effective_from"]), _date(spec["effective_to"])
        rule_set.legal_basis, rule_set.note = spec["legal_basis"], spec["note"]
        rule_set.save()
        _sync_rows(Requirement, rule_set, requirement_records(spec, rows()))


def _binds(requirement, agency, ci_ids, core_ids, facts):
    scope_ok = {
        "both": True,
        "government": agency.kind == "government",
        "sngo": agency.kind == "sngo",
        "ci_only": agency.kind == "sngo" and agency.pk in ci_ids,
    }[requirement.agency_scope]
    known = {**facts.get(agency.pk, {}), "has_core_system": agency.pk in core_ids}
    return scope_ok and all(known.get(condition, True) for condition in requirement.conditions or ())


def _due(obligation, requirement, calendars, county):
    if requirement.deadline_years is not None:
        if county not in calendars:
            calendars[county] = taiwan_rest_day_check(years=range(2019, 2032), county=county)
        return obligation.period_start, period_end(
            start=obligation.period_start, years=requirement.deadline_years, is_rest_day=calendars[county]
        )
    slot = calendar_slot_end(
        first_year=obligation.year,
        years=requirement.frequency_years,
        slot=obligation.sequence,
        slots=requirement.frequency_count,
    )
    return date(obligation.year, 1, 1), slot


def correct_obligations(apps):
    Obligation = apps.get_model("obligations", "Obligation")
    ObligationEvent = apps.get_model("obligations", "ObligationEvent")
    CIDesignation = apps.get_model("infrastructure", "CIDesignation")
    InformationSystem = apps.get_model("infrastructure", "InformationSystem")
    AgencyFacts = apps.get_model("obligations", "AgencyFacts")
    ci_ids = set(CIDesignation.objects.filter(withdrawn_on__isnull=True).values_list("agency_id", flat=True))
    core_ids = set(InformationSystem.objects.filter(is_core=True, is_active=True).values_list("agency_id", flat=True))
    facts = {
        f.agency_id: {"has_mail_server": f.has_mail_server, "has_external_core_system": f.has_external_core_system}
        for f in AgencyFacts.objects.all()
    }
    calendars, events = {}, []
    owed = Obligation.objects.filter(status__in=OWED, requirement__isnull=False).select_related("requirement", "agency")
    for obligation in owed.iterator(chunk_size=2000):
        requirement, agency = obligation.requirement, obligation.agency
        if not _binds(requirement, agency, ci_ids, core_ids, facts):
            obligation.status = "superseded"
            obligation.save(update_fields=["status"])
            events.append(
                ObligationEvent(
                    kind="withdrawn",
                    agency_id=agency.pk,
                    obligation_id=obligation.pk,
                    data={
                        "before": {"status": "open"},
                        "after": {"status": "superseded"},
                        "requirement": requirement.code,
                        "reason": "不適用於此機關（適用對象或核心資通系統更正，issue 8）",
                    },
                )
            )
            continue
        start, due = _due(obligation, requirement, calendars, agency.county)
        if (obligation.due_on, obligation.due_at) == (due.due_on, due.due_at):
            continue
        before = {"due_on": obligation.due_on.isoformat(), "due_at": obligation.due_at.isoformat()}
        obligation.period_start, obligation.due_on, obligation.due_at = start, due.due_on, due.due_at
        obligation.nominal_due_on = due.nominal_end
        obligation.save(update_fields=["period_start", "due_on", "due_at", "nominal_due_on"])
        events.append(
            ObligationEvent(
                kind="due_recomputed",
                agency_id=agency.pk,
                obligation_id=obligation.pk,
                data={
                    "before": before,
                    "after": {"due_on": due.due_on.isoformat(), "due_at": due.due_at.isoformat()},
                    "reason": "行政程序法第48條第3項／每年辦理之項目於當年度內到期（issue 8）",
                },
            )
        )
    ObligationEvent.objects.bulk_create(events, batch_size=1000)


def forward(apps, schema_editor):
    correct_rule_sets(apps)
    correct_obligations(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("obligations", "0005_ruleset_promulgated_on"),
        ("common", "0002_calendarday_per_county"),
        ("infrastructure", "0008_correct_cycle_rule_dates_and_reapproval_due"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
