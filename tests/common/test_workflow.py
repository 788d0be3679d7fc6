"""common/workflow.py and every state machine built on it: each table is written out here pair by pair, and
every (current, new) pair of every machine is checked — allowed ones pass, all others raise with the exact
code and message (a repeated step is a conflict where the machine says so). No database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from audits import rules as audit_rules
from common.conflicts import CONFLICT, is_conflict
from common.workflow import Workflow
from incidents import rules as incident_rules
from obligations.rules import workflow as obligation_workflow
from opendata import rules as opendata_rules


def pairs(text: str) -> set[tuple[str, str]]:
    """'a → b, c' lines → {(a, b), (a, c)}."""
    found = set()
    for line in text.strip().splitlines():
        current, targets = (part.strip() for part in line.split("→"))
        found |= {(current, new.strip()) for new in targets.split(",") if new.strip()}
    return found


INCIDENT = pairs("""
    draft → reported
    reported → under_review, level_confirmed, level_changed, recovered
    under_review → level_confirmed, level_changed, recovered
    level_confirmed → forwarded, containing, recovered, level_changed
    level_changed → forwarded, containing, recovered, level_changed
    forwarded → containing, recovered, level_changed
    containing → recovered, level_changed
    recovered → report_submitted
    report_submitted → report_accepted, explanation_requested
    explanation_requested → report_submitted
    report_accepted → closed
""")
AUDIT = pairs("""
    planned → notified, cancelled
    notified → reschedule_requested, fieldwork, cancelled
    reschedule_requested → notified, cancelled
    fieldwork → report_issued
    report_issued → improvement_submitted, closed
    improvement_submitted → report_issued, closed
""")
RELEASE = pairs("""
    draft → under_review
    under_review → published, draft
    published → withdrawn
""")
OBLIGATION = pairs("""
    open → submitted, exempt, superseded
    submitted → accepted, returned, exempt
    returned → submitted, exempt, superseded
""")
EVIDENCE = pairs("""
    pending → accepted, returned
""")
FILING = pairs("""
    draft → submitted
    submitted → accepted, returned
""")

# (machine, the pairs it allows, the "cannot become" sentence, whether a repeated step is a conflict)
MACHINES = {
    "incident": (incident_rules.WORKFLOW, INCIDENT, "An incident that is “{}” cannot become “{}”.", True),
    "audit": (audit_rules.WORKFLOW, AUDIT, "An audit that is “{}” cannot become “{}”.", False),
    "release": (opendata_rules.WORKFLOW, RELEASE, "A release that is “{}” cannot become “{}”.", True),
    "obligation": (obligation_workflow.OBLIGATION, OBLIGATION, "An obligation that is “{}” cannot become “{}”.", False),
    "evidence": (obligation_workflow.EVIDENCE, EVIDENCE, "A submission that is “{}” cannot become “{}”.", False),
    "filing": (obligation_workflow.FILING, FILING, "A filing that is “{}” cannot become “{}”.", False),
}
CASES = [
    pytest.param(name, current, new, id=f"{name}: {current} → {new}")
    for name, (machine, _allowed, _sentence, _repeat) in MACHINES.items()
    for current in machine.states.values
    for new in machine.states.values
]


@pytest.mark.parametrize(("name", "current", "new"), CASES)
def test_every_pair_of_every_machine(name, current, new):
    machine, allowed, sentence, repeat_is_conflict = MACHINES[name]
    assert machine.can_transition(current, new) is ((current, new) in allowed)
    if (current, new) in allowed:
        machine.ensure_transition(current, new)
        return
    with pytest.raises(ValidationError) as refused:
        machine.ensure_transition(current, new)
    if current == new and repeat_is_conflict:
        assert is_conflict(refused.value) is True
        return
    label = machine.states
    assert (refused.value.code, refused.value.messages) == (
        "transition",
        [sentence.format(label(current).label, label(new).label)],
    )


def test_the_app_modules_export_the_shared_checks():
    assert incident_rules.ensure_transition == incident_rules.WORKFLOW.ensure_transition
    assert audit_rules.can_transition == audit_rules.WORKFLOW.can_transition
    assert opendata_rules.ensure_transition == opendata_rules.WORKFLOW.ensure_transition


class Light(models.TextChoices):
    RED = "red", "Red"
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"


LIGHT = Workflow(
    Light,
    {Light.RED: {Light.GREEN}, Light.GREEN: {Light.AMBER}, Light.AMBER: {Light.RED}},
    refused="“%(current)s” cannot become “%(new)s”.",
    already="Already “%(current)s”.",
)


def test_taken_states_and_overridden_messages():
    with pytest.raises(ValidationError) as repeated:
        LIGHT.ensure_transition(Light.GREEN, Light.GREEN)
    assert (repeated.value.code, repeated.value.messages) == (CONFLICT, ["Already “Green”."])
    with pytest.raises(ValidationError) as taken:
        LIGHT.ensure_transition(Light.AMBER, Light.GREEN, taken={Light.AMBER}, already="Someone else moved it.")
    assert (taken.value.code, taken.value.messages) == (CONFLICT, ["Someone else moved it."])
    with pytest.raises(ValidationError) as refused:
        LIGHT.ensure_transition(Light.AMBER, Light.GREEN, refused="Not now (“%(current)s”).")
    assert (refused.value.code, refused.value.messages) == ("transition", ["Not now (“Amber”)."])


def test_sources_are_read_from_the_table():
    assert LIGHT.sources(Light.RED) == frozenset({Light.AMBER})
    assert obligation_workflow.SUBMITTABLE_STATUSES == {"open", "returned"}
    assert obligation_workflow.EXEMPTABLE_STATUSES == {"open", "submitted", "returned"}
    assert obligation_workflow.SUPERSEDABLE_STATUSES == {"open", "returned"}


@pytest.mark.parametrize(
    "table",
    [
        {Light.RED: {Light.GREEN}, Light.GREEN: set()},  # amber has no row
        {Light.RED: {"blue"}, Light.GREEN: set(), Light.AMBER: set()},  # an unknown target
    ],
)
def test_a_table_must_name_every_state_and_only_states(table):
    with pytest.raises(ValueError):
        Workflow(Light, table, refused="x")
