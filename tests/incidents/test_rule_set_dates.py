"""Incident rule sets in force by 中央法規標準法 §13 ("自發布日施行": the third day counting the day of
promulgation) and the 2018 rule set for incidents before the 2021 amendment took effect."""

from datetime import date, datetime, time

import pytest

from common.periods import TAIPEI
from incidents.models import IncidentRuleSet
from incidents.services import common
from tests.incidents.conftest import clock, file_incident

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2019, 1, 1), "2018-11-21"),  # 院臺護字第1070217128號: in force 2019-01-01
        (date(2021, 8, 24), "2018-11-21"),  # promulgated 08-23 = day 1, 08-24 = day 2
        (date(2021, 8, 25), "2021-08-23"),  # day 3: in force
        (date(2026, 1, 6), "2021-08-23"),
        (date(2026, 1, 7), "2026-01-05"),  # issued 2026-01-05, third day
    ],
)
def test_rule_set_in_force_on_the_day_of_awareness(day, code):
    for instant in (time(0, 0), time(23, 59, 59)):
        aware_at = datetime.combine(day, instant, tzinfo=TAIPEI)
        assert common.rule_set_for(aware_at=aware_at).code == code


def test_no_rule_set_before_the_regulation_was_in_force():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        common.rule_set_for(aware_at=datetime(2018, 12, 31, 23, 59, tzinfo=TAIPEI))


def test_promulgation_and_effective_dates_are_both_recorded():
    rows = IncidentRuleSet.objects.order_by("effective_from").values_list("code", "promulgated_on", "effective_from")
    assert list(rows) == [
        ("2018-11-21", date(2018, 11, 21), date(2019, 1, 1)),
        ("2021-08-23", date(2021, 8, 23), date(2021, 8, 25)),
        ("2026-01-05", date(2026, 1, 5), date(2026, 1, 7)),
    ]


def test_an_incident_of_2020_gets_the_2018_clocks_and_its_citation(world, users):
    incident = file_incident(
        world["tax"], users["officer"], level=1, aware_at=datetime(2020, 5, 4, 9, 0, tzinfo=TAIPEI)
    )
    assert incident.rule_set.code == "2018-11-21"
    assert clock(incident, "review").citation == "資通安全事件通報及應變辦法(107.11.21)第5條第1項"


def test_officer_facing_citations_carry_no_internal_markers(world, users):
    incident = file_incident(
        world["tax"], users["officer"], level=1, aware_at=datetime(2026, 3, 2, 9, 0, tzinfo=TAIPEI)
    )
    citations = list(incident.clocks.values_list("citation", flat=True))
    assert citations and not any("待確認" in text for text in citations)
    assert "條次待確認" in incident.rule_set.verification  # the marker stays for the administrator


def test_published_rule_sets_show_their_law_read_only_and_note_changes_are_logged(world, users, rf):
    """Issue 8: used or not, a published version's clocks are read-only in the admin; only the verification
    notes stay editable, and each note change is in the audit log."""
    from auditlog.models import LogEntry
    from django.contrib import admin

    incident = file_incident(
        world["tax"], users["officer"], level=1, aware_at=datetime(2026, 3, 2, 9, 0, tzinfo=TAIPEI)
    )
    model_admin = admin.site._registry[IncidentRuleSet]
    request = rf.get("/admin/")
    request.user = users["admin"]
    unused = IncidentRuleSet.objects.get(code="2018-11-21")
    for rule_set in (incident.rule_set, unused):
        readonly = set(model_admin.get_readonly_fields(request, rule_set))
        assert {"review_hours_minor", "recover_hours_major", "effective_from", "effective_to", "citations"} <= readonly
        assert "verification" not in readonly
    unused.verification += " checked"
    unused.save()
    assert LogEntry.objects.get_for_object(unused).count() == 1
