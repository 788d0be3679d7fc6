"""A hand-counted year (2026) on the shared ``world``: obligations, incidents with every clock outcome, drills.

Figures are read on 2027-01-05 12:00 (Asia/Taipei). Counted by hand (tests/reports/test_figures.py says
which number comes from where):

- obligations (2026 rules): 國稅局 level E (awareness item accepted on time), 台電 level E (awareness item
  exempt, plus an ad-hoc request due 2026-10-01 still open), 臺灣銀行 level D (awareness item due
  2026-12-31 open; antivirus and firewall due 2027-03-16, not yet due).
- incidents: 國稅局 three level-1 (January, February, March; notified in 20 min, never reviewed or
  recovered) and one level-3 (20 March, notified 2 h late, reviewed in 1 h, never forwarded, recovered in
  30 h, report never sent); 台電 one level-2 (5 May, notified in 30 min, reviewed after 10 h, never forwarded,
  recovered after 80 h, report never sent); the school one level-1 on 31 December 2025 23:30 (not in 2026); a draft.
- drills of 財政部: social engineering H1 run 2026-05-10 (120 people, results on time), H2 never run;
  response drill run 2026-09-01 (30 people, results late on 2026-10-15).
"""

from datetime import date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from common.periods import TAIPEI
from incidents import services as incident_services
from incidents.models import Drill
from infrastructure.models import Agency
from obligations import services as obligation_services
from obligations.models import Obligation
from tests.incidents.conftest import file_incident
from tests.obligations.conftest import PDF
from tests.obligations.helpers import approve_level

NOW = datetime(2027, 1, 5, 12, 0, tzinfo=TAIPEI)
TODAY = date(2027, 1, 5)
YEAR = 2026


@pytest.fixture
def fresh_cache():
    """The report figures' cache empty before and after (reports/caching.py): each test counts its own."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def on_5_january_2027(counted_year, time_machine):
    """The hand-counted year, read on 2027-01-05 (after it is built: building assigns by today's date)."""
    time_machine.move_to("2027-01-05 12:00 +08:00", tick=False)
    return counted_year


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def power_officer(world):
    from access import grants
    from access.policy import Role
    from tests.factories import UserFactory

    user = UserFactory(username="power-officer")
    grants.role_grant(user=user, role=Role.SECURITY_OFFICER, agency=world["power"], now=timezone.now())
    return user


def _obligations(world, users):
    for agency, level in (("tax", "E"), ("power", "E"), ("bank", "D")):
        approve_level(world[agency], level, date(2026, 3, 16))
    submission = obligation_services.evidence_submit(
        now=timezone.now(),
        obligation=Obligation.objects.get(agency=world["tax"]),
        acting_user=users["officer"],
        uploads=[SimpleUploadedFile("a.pdf", PDF)],
    )
    obligation_services.evidence_review(
        now=timezone.now(), submission=submission, accept=True, acting_user=users["moda"]
    )
    obligation_services.obligation_exempt(
        now=timezone.now(),
        obligation=Obligation.objects.get(agency=world["power"]),
        acting_user=users["moda"],
        legal_basis="分級辦法第11條第3項",
    )
    obligation_services.obligation_assign_adhoc(
        title="補件",
        due_on=date(2026, 10, 1),
        acting_user=users["moda"],
        agencies=Agency.objects.filter(pk=world["power"].pk),
        now=timezone.now(),
    )


def _at(month: int, day: int, hour: int = 10, minute: int = 0, year: int = YEAR) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TAIPEI)


def _review(incident, user, *, after: timedelta):
    when = incident.reported_at + after
    return incident_services.incident_review_complete(
        incident=incident, level=incident.level, note="", acting_user=user, now=when
    )


def _recover(incident, user, *, after: timedelta):
    when = incident.aware_at + after
    return incident_services.incident_mark_recovered(incident=incident, recovered_at=when, acting_user=user, now=when)


def _incidents(world, users, power_officer):
    officer = users["officer"]
    for month in (1, 2, 3):
        file_incident(world["tax"], officer, level=1, aware_at=_at(month, 10 if month != 3 else 2))
    major = file_incident(
        world["tax"], officer, level=3, aware_at=_at(3, 20), reported_after=timedelta(hours=2), late_reason="停電"
    )
    major = _review(major, users["mof"], after=timedelta(hours=1))
    _recover(major, officer, after=timedelta(hours=30))
    power = file_incident(
        world["power"], power_officer, level=2, aware_at=_at(5, 5), reported_after=timedelta(minutes=30)
    )
    power = _review(power, users["moea"], after=timedelta(hours=10))
    _recover(power, power_officer, after=timedelta(hours=80))
    file_incident(world["school"], users["viewer"], level=1, aware_at=_at(12, 31, 23, 30, year=2025), submit=True)
    file_incident(world["tax"], officer, level=1, aware_at=_at(4, 1), submit=False)


def _drills(world, users):
    finance, moda = world["finance"], users["moda"]
    incident_services.drill_assign_year(agencies=[finance], year=YEAR, acting_user=moda, now=_at(1, 2))
    first = Drill.objects.get(agency=finance, kind="social_engineering", starts_on=date(2026, 1, 1))
    incident_services.drill_record_conducted(
        drill=first, conducted_on=date(2026, 5, 10), participants=120, acting_user=moda, now=_at(5, 11)
    )
    incident_services.drill_submit_results(drill=first, summary="點擊率 4%", acting_user=moda, now=_at(5, 20))
    response = Drill.objects.get(agency=finance, kind="incident_response")
    incident_services.drill_record_conducted(
        drill=response, conducted_on=date(2026, 9, 1), participants=30, acting_user=moda, now=_at(9, 2)
    )
    incident_services.drill_submit_results(drill=response, summary="通報演練完成", acting_user=moda, now=_at(10, 15))


@pytest.fixture
def counted_year(world, users, power_officer):
    _obligations(world, users)
    _incidents(world, users, power_officer)
    _drills(world, users)
    return world
