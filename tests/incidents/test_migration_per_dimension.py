"""Migration 0010 keeps every stored assessment: the shared answers (core, CI-related, classified) become one
scope per dimension, so that the level the old answers gave is the level the new ones give (Art 2)."""

from datetime import UTC, datetime

import pytest

from incidents import rules

BEFORE = [("incidents", "0009_publish_shipped_incident_rule_sets")]
AFTER = [("incidents", "0010_art2_assessed_per_dimension")]
OLD = {  # title: (confidentiality, integrity, availability, is_core, is_ci_related, classification)
    "leak of a national secret": ("minor", "none", "none", False, False, "national"),
    "core CI system stopped": ("none", "none", "not_recovered", True, True, "none"),
    "core data tampered": ("none", "serious", "none", True, False, "none"),
    "non-core leak": ("minor", "none", "recovered", False, False, "none"),
}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_old_answers_become_scopes_per_dimension_and_give_the_same_level(world, migrator):
    apps = migrator.to(BEFORE)
    Incident, RuleSet = apps.get_model("incidents", "Incident"), apps.get_model("incidents", "IncidentRuleSet")
    aware = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    for title, (conf, integ, avail, core, ci, classified) in OLD.items():
        Incident.objects.create(
            agency_id=world["tax"].pk, title=title, incident_type="intrusion", aware_at=aware, description="d",
            measures_taken="m", confidentiality=conf, integrity=integ, availability=avail, is_core=core,
            is_ci_related=ci, classification=classified, level=1, rule_set=RuleSet.objects.order_by("pk").first(),
        )  # fmt: skip
    migrator.latest()  # 0010 and every later migration: the current models read the rows

    from incidents.models import Incident as Current

    scopes = {
        i.title: (i.confidentiality_scope, i.integrity_scope, i.availability_scope) for i in Current.objects.all()
    }
    assert scopes == {
        "leak of a national secret": ("national", "national", "non_core"),
        "core CI system stopped": ("core_ci", "core_ci", "core_ci"),
        "core data tampered": ("core", "core", "core"),
        "non-core leak": ("non_core", "non_core", "non_core"),
    }
    levels = {
        i.title: rules.propose_level(rules.ImpactAnswers(**{f: getattr(i, f) for f in rules.IMPACT_FIELDS})).level
        for i in Current.objects.all()
    }
    # The old shared answers gave (Art 2): ¶5(1) national secret leaked 4; ¶5(3) core CI not recovered 4;
    # ¶4(2) core data seriously tampered 3; ¶2(1)/(3) non-core 1.
    assert levels == {
        "leak of a national secret": 4,
        "core CI system stopped": 4,
        "core data tampered": 3,
        "non-core leak": 1,
    }
