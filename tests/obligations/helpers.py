"""Shared builders for obligations tests: approve a level the way a regulator does (the hook assigns)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from infrastructure import services as registry
from infrastructure.models import Agency, CIDesignation, InformationSystem
from tests.factories import AgencyFactory

TAIPEI = ZoneInfo("Asia/Taipei")


def approve_level(agency: Agency, level: str, effective_from: date, *, acting_user=None):
    decision = registry.level_propose(
        agency=agency, level=level, criteria=[], adjustment_reason="test", acting_user=acting_user, now=timezone.now()
    )
    return registry.level_approve(
        decision=decision,
        effective_from=effective_from,
        now=datetime.combine(effective_from, datetime.min.time(), tzinfo=TAIPEI),
        acting_user=acting_user,
    )


def agency_for_scope(scope: str, *, core_systems: int = 0) -> Agency:
    """A government agency, an SNGA, or a designated CI provider, with ``core_systems`` core systems."""
    if scope in ("both", "government"):
        agency = AgencyFactory(kind="government")
    else:
        regulator = AgencyFactory(name="經濟部")
        agency = AgencyFactory(kind="sngo", sngo_category="state_owned", regulator=regulator)
        if scope == "ci_only":
            CIDesignation.objects.create(agency=agency, designated_by=regulator, designated_on=date(2020, 1, 1))
    for number in range(core_systems):
        InformationSystem.objects.create(agency=agency, name=f"核心系統{number + 1}", is_core=True)
    return agency
