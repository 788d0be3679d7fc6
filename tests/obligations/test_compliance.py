"""The compliance-rate selector: exact numbers per agency, regulator, sector and level."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

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
        now=timezone.now(),
        obligation=obligation,
        acting_user=users["officer"],
        uploads=[SimpleUploadedFile("a.pdf", PDF)],
    )
    services.evidence_review(now=timezone.now(), submission=submission, accept=True, acting_user=users["moda"])


@pytest.fixture
def graded(world, users):
    """tax at level E (accepted), power at level E (exempt, plus an overdue ad-hoc request), bank at level D."""
    approve_level(world["tax"], "E", date(2026, 3, 16))
    approve_level(world["power"], "E", date(2026, 3, 16))
    approve_level(world["bank"], "D", date(2026, 3, 16))
    _accept(Obligation.objects.get(agency=world["tax"]), users)
    services.obligation_exempt(
        now=timezone.now(),
        obligation=Obligation.objects.get(agency=world["power"]),
        acting_user=users["moda"],
        legal_basis="分級辦法第11條第3項",
    )
    services.obligation_assign_adhoc(
        title="補件",
        due_on=date(2026, 10, 1),
        acting_user=users["moda"],
        agencies=world["power"].__class__.objects.filter(pk=world["power"].pk),
        now=timezone.now(),
    )
    world["power"].sectors.add(Sector.objects.order_by("pk")[0])
    return world


def _rows(group_by, today=TODAY):
    return [
        (r.label, r.assigned, r.counted, r.compliant, r.overdue, r.rate)
        for r in obligation_compliance_rates(base=Obligation.objects.all(), group_by=group_by, today=today)
    ]


def test_open_items_not_yet_due_do_not_count(graded):
    # 2026-11-26: power's ad-hoc request (due 2026-10-01) is due and still open; tax's accepted and power's
    # exempt awareness items (due 2026-12-31) count as settled early; bank's three open items are not yet due
    assert _rows("level") == [("D", 3, 0, 0, 0, None), ("E", 3, 3, 2, 1, Decimal("66.7"))]
    assert _rows("all") == [("", 6, 3, 2, 1, Decimal("66.7"))]


def test_rate_per_level_and_total_once_due(graded):
    # 2027-01-01: the three awareness items (due 2026-12-31) are due too; D's antivirus/firewall not before 2027-03-16
    jan = date(2027, 1, 1)
    assert _rows("level", jan) == [("D", 3, 1, 0, 1, Decimal("0.0")), ("E", 3, 3, 2, 1, Decimal("66.7"))]
    assert _rows("all", jan) == [("", 6, 4, 2, 2, Decimal("50.0"))]
    assert _rows("all", date(2027, 3, 17)) == [("", 6, 6, 2, 4, Decimal("33.3"))]


def test_on_time_and_late_acceptance(graded, users):
    # bank's awareness item accepted on a submission made after its due instant → late; tax's was on time
    bank_item = Obligation.objects.get(agency=graded["bank"], requirement__code="aware-general-users")
    _accept(bank_item, users)
    bank_item.submissions.update(submitted_at=bank_item.due_at + timedelta(seconds=1))
    (total,) = obligation_compliance_rates(base=Obligation.objects.all(), group_by="all", today=date(2027, 1, 1))
    assert (total.counted, total.accepted_on_time, total.accepted_late, total.exempt) == (4, 1, 1, 1)
    assert (total.rate, total.on_time_rate) == (Decimal("75.0"), Decimal("50.0"))


def test_rate_per_agency_regulator_and_sector(graded):
    jan = date(2027, 1, 1)
    assert sorted(_rows("agency", jan)) == [  # sorted here: the database orders names by its collation
        ("台灣電力股份有限公司", 2, 2, 1, 1, Decimal("50.0")),
        ("臺灣銀行", 3, 1, 0, 1, Decimal("0.0")),
        ("財政部臺北國稅局", 1, 1, 1, 0, Decimal("100.0")),
    ]
    assert sorted(_rows("regulator", jan)) == [
        ("", 1, 1, 1, 0, Decimal("100.0")),
        ("經濟部", 2, 2, 1, 1, Decimal("50.0")),
        ("財政部", 3, 1, 0, 1, Decimal("0.0")),
    ]
    sector = Sector.objects.order_by("pk")[0]
    assert [row for row in _rows("sector", jan) if row[0] == sector.name_zh] == [
        (sector.name_zh, 2, 2, 1, 1, Decimal("50.0"))
    ]


def test_rate_per_required_item(graded):
    rows = {
        r.key: (r.label, r.counted, r.compliant)
        for r in obligation_compliance_rates(base=Obligation.objects.all(), group_by="item", today=date(2027, 1, 1))
    }
    adhoc_key = f"adhoc-{Obligation.objects.get(adhoc__isnull=False).adhoc_id}"
    assert rows["aware-general-users"][1:] == (3, 2)
    assert rows[adhoc_key] == ("補件", 1, 0)
    assert rows["tech-antivirus"][1:] == (0, 0)


def test_superseded_obligations_do_not_count(world, users):
    approve_level(world["tax"], "D", date(2026, 3, 16))
    approve_level(world["tax"], "E", date(2026, 6, 1))
    assert _rows("all", date(2027, 1, 1)) == [("", 1, 1, 0, 1, Decimal("0.0"))]
