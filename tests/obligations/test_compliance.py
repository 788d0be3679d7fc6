"""The compliance-rate selector: exact numbers per agency, regulator, sector and level."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from infrastructure.models import Sector
from obligations import services
from obligations.models import Obligation
from obligations.selectors.compliance import obligation_compliance_rates
from tests.obligations.conftest import PDF
from tests.obligations.helpers import approve_level

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 26)


def _accept(obligation, users):
    submission = services.evidence_submit(
        obligation=obligation, acting_user=users["officer"], uploads=[SimpleUploadedFile("a.pdf", PDF)]
    )
    services.evidence_review(submission=submission, accept=True, acting_user=users["moda"])


@pytest.fixture
def graded(world, users):
    """tax at level E (accepted), power at level E (exempt, plus an overdue ad-hoc request), bank at level D."""
    approve_level(world["tax"], "E", date(2026, 3, 16))
    approve_level(world["power"], "E", date(2026, 3, 16))
    approve_level(world["bank"], "D", date(2026, 3, 16))
    _accept(Obligation.objects.get(agency=world["tax"]), users)
    services.obligation_exempt(
        obligation=Obligation.objects.get(agency=world["power"]),
        acting_user=users["moda"],
        legal_basis="分級辦法第11條第3項",
    )
    services.obligation_assign_adhoc(
        title="補件",
        due_on=date(2026, 10, 1),
        acting_user=users["moda"],
        agencies=world["power"].__class__.objects.filter(pk=world["power"].pk),
    )
    world["power"].sectors.add(Sector.objects.order_by("pk")[0])
    return world


def _rows(group_by):
    return [
        (r.label, r.total, r.compliant, r.overdue, r.rate)
        for r in obligation_compliance_rates(base=Obligation.objects.all(), group_by=group_by, today=TODAY)
    ]


def test_rate_per_level_and_total(graded):
    # D (bank, 2026 rules): antivirus, firewall, general awareness = 3 open;
    # E: tax's awareness accepted, power's exempt, power's ad-hoc overdue since 2026-10-01
    assert _rows("level") == [("D", 3, 0, 0, Decimal("0.0")), ("E", 3, 2, 1, Decimal("66.7"))]
    assert _rows("all") == [("", 6, 2, 1, Decimal("33.3"))]


def test_rate_per_agency_regulator_and_sector(graded):
    assert sorted(_rows("agency")) == [  # sorted here: the database orders names by its collation
        ("台灣電力股份有限公司", 2, 1, 1, Decimal("50.0")),
        ("臺灣銀行", 3, 0, 0, Decimal("0.0")),
        ("財政部臺北國稅局", 1, 1, 0, Decimal("100.0")),
    ]
    assert sorted(_rows("regulator")) == [
        ("", 1, 1, 0, Decimal("100.0")),
        ("經濟部", 2, 1, 1, Decimal("50.0")),
        ("財政部", 3, 0, 0, Decimal("0.0")),
    ]
    sector = Sector.objects.order_by("pk")[0]
    assert [row for row in _rows("sector") if row[0] == sector.name_zh] == [(sector.name_zh, 2, 1, 1, Decimal("50.0"))]


def test_superseded_obligations_do_not_count(world, users):
    approve_level(world["tax"], "D", date(2026, 3, 16))
    approve_level(world["tax"], "E", date(2026, 6, 1))
    assert _rows("all") == [("", 1, 0, 0, Decimal("0.0"))]
