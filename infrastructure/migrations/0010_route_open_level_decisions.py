"""分級辦法 Art 3: open level decisions (proposed/submitted) get their procedure — Art 3 V bodies decide and file for
reference, the Executive Yuan decides its own — each change with an UPDATED event. Decided ones keep "approval":
that is what happened to them."""

from django.db import migrations

from infrastructure.rules import ancestor_ids, level_route


def route(apps, schema_editor):
    Agency = apps.get_model("infrastructure", "Agency")
    LevelDecision = apps.get_model("infrastructure", "LevelDecision")
    AgencyEvent = apps.get_model("infrastructure", "AgencyEvent")
    names = dict(Agency.objects.values_list("pk", "name"))
    events = []
    for decision in LevelDecision.objects.filter(status__in=["proposed", "submitted"]).select_related("agency"):
        agency = decision.agency
        anchor = Agency.objects.filter(pk=agency.regulator_id).first() if agency.kind == "sngo" else agency
        if anchor is None:
            continue
        ids = ancestor_ids(anchor.path) or [anchor.pk]
        result = level_route(chain=[names.get(pk, "") for pk in ids], is_snga=agency.kind == "sngo")
        decider = ids[result.decider] if result.decider is not None else None
        if (decision.route, decision.deciding_agency_id) == (result.route, decider):
            continue
        events.append(AgencyEvent(agency_id=agency.pk, kind="updated", channel="system", data={
            "changes": {"route": [decision.route, result.route], "deciding_agency": [None, decider]},
            "decision": decision.pk, "reason": result.citation}))
        decision.route, decision.deciding_agency_id = result.route, decider
        decision.save(update_fields=["route", "deciding_agency"])
    AgencyEvent.objects.bulk_create(events)


class Migration(migrations.Migration):
    dependencies = [("infrastructure", "0009_level_decision_route_and_filing")]
    operations = [migrations.RunPython(route, migrations.RunPython.noop)]
