"""Assignment: idempotent, supersede on level change, the command, ad-hoc obligations."""

from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from infrastructure.models import Agency
from obligations import services
from obligations.models import Obligation, ObligationEvent
from tests.factories import AgencyFactory
from tests.obligations.helpers import agency_for_scope, approve_level

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Obligation.objects.count(),
        ObligationEvent.objects.count(),
        list(Obligation.objects.order_by("pk").values_list("pk", "status", "due_on")),
    )


def test_assignment_is_idempotent():
    agency = agency_for_scope("government", core_systems=1)
    approve_level(agency, "B", date(2026, 3, 16))
    before = _counts()
    again = services.obligation_assign_year(now=timezone.now(), year=2026)
    call_command("assign_obligations", "--year", "2026", verbosity=0)
    assert (again.created, again.superseded) == (0, 0)
    assert _counts() == before


def test_command_assigns_one_agency_and_reports(capsys):
    agency = agency_for_scope("government")
    approve_level(agency, "E", date(2026, 3, 16))
    Obligation.objects.filter(agency=agency).delete()
    other = AgencyFactory()
    approve_level(other, "E", date(2026, 3, 16))
    call_command("assign_obligations", "--year", "2026", "--agency", str(agency.pk), verbosity=0)
    assert Obligation.objects.filter(agency=agency).count() == 1  # E: general-user awareness, once a year
    assert "1 obligations created" in capsys.readouterr().out


def test_level_change_supersedes_open_obligations_due_after_it_and_creates_the_new_ones():
    agency = agency_for_scope("government")
    approve_level(agency, "A", date(2026, 1, 10))
    audits_a = list(
        Obligation.objects.filter(agency=agency, requirement__code="mgmt-internal-audit")
        .order_by("due_on")
        .values_list("due_on", flat=True)
    )
    assert audits_a == [date(2026, 6, 30), date(2026, 12, 31)]

    approve_level(agency, "C", date(2026, 7, 1))

    old = Obligation.objects.filter(agency=agency, level="A")
    assert set(old.filter(due_on__lt=date(2026, 7, 1)).values_list("status", flat=True)) == {"open"}
    assert set(old.filter(due_on__gte=date(2026, 7, 1)).values_list("status", flat=True)) == {"superseded"}
    new = Obligation.objects.filter(agency=agency, level="C")
    # C: once per 2 years (2026–2027), due within 2027 — a frequency is not moved by rest days into 2028
    assert new.get(requirement__code="mgmt-internal-audit").due_on == date(2027, 12, 31)
    assert new.get(requirement__code="mgmt-security-staff").due_on == date(2027, 7, 1)
    event = ObligationEvent.objects.get(agency=agency, kind="superseded")
    assert event.data["after"] == {"status": "superseded", "level": "C"}
    assert len(event.data["obligations"]) == old.filter(status="superseded").count()


def test_reapproval_at_the_same_level_does_not_restart_one_off_deadlines():
    agency = agency_for_scope("government")
    approve_level(agency, "B", date(2026, 1, 10))
    count = Obligation.objects.filter(agency=agency).count()
    approve_level(agency, "B", date(2026, 9, 1))
    assert Obligation.objects.filter(agency=agency).count() == count
    assert Obligation.objects.filter(agency=agency, status="superseded").exists() is False


def test_adhoc_obligation_for_a_filtered_set(world, users):
    approve_level(world["power"], "B", date(2026, 3, 16))
    approve_level(world["bank"], "A", date(2026, 3, 16))
    adhoc = services.obligation_assign_adhoc(
        title="提交滲透測試報告",
        due_on=date(2027, 3, 31),
        acting_user=users["moda"],
        agencies=Agency.objects.filter(pk__in=[world["power"].pk, world["bank"].pk]),
        filters={"level": "B"},
        legal_basis="資通安全管理法第13條",
        now=timezone.now(),
    )
    rows = Obligation.objects.filter(adhoc=adhoc).order_by("agency_id")
    assert [(row.agency_id, row.level, row.due_on) for row in rows] == [
        (world["power"].pk, "B", date(2027, 3, 31)),
        (world["bank"].pk, "A", date(2027, 3, 31)),
    ]
    assert ObligationEvent.objects.filter(kind="adhoc_assigned").count() == 3
