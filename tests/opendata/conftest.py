"""A hand-counted 2026 for open data on the shared ``world``: six agencies with sectors, incidents filed
through the incidents service.

Sectors: 台電 energy; 臺灣銀行 finance; 國稅局 finance *and* energy (to test an agency in two sectors);
the others none. Incidents of 2026 (aware in Taipei time):
- 國稅局: level 1 on 10 Jan, level 1 on 12 Jan, level 1 on 3 Feb (type malware), level 3 on 20 Mar;
- 台電: level 1 on 15 Jan, level 2 on 5 May;
- 臺灣銀行: level 1 on 20 Jan;
- 學校: level 1 on 31 Dec 2025 23:30 (not in 2026) and a draft (never counted).
"""

from datetime import datetime, timedelta

import pytest

from common.periods import TAIPEI
from infrastructure.models import Sector
from tests.incidents.conftest import file_incident

NOW = datetime(2027, 1, 5, 12, 0, tzinfo=TAIPEI)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


def at(month: int, day: int, hour: int = 10, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=TAIPEI)


@pytest.fixture
def counted_2026(world, users):
    energy, finance = Sector.objects.get(code="energy"), Sector.objects.get(code="finance")
    world["power"].sectors.add(energy)
    world["bank"].sectors.add(finance)
    world["tax"].sectors.add(finance, energy)
    officer = users["officer"]
    for level, when, kind in ((1, at(1, 10), "intrusion"), (1, at(1, 12), "intrusion"), (1, at(2, 3), "malware"),
                              (3, at(3, 20), "intrusion")):  # fmt: skip
        file_incident(world["tax"], officer, level=level, aware_at=when, incident_type=kind)
    file_incident(world["power"], officer, level=1, aware_at=at(1, 15))
    file_incident(world["power"], officer, level=2, aware_at=at(5, 5))
    file_incident(world["bank"], officer, level=1, aware_at=at(1, 20))
    file_incident(world["school"], officer, level=1, aware_at=at(12, 31, 23, year=2025), reported_after=timedelta(0))
    file_incident(world["school"], officer, level=1, aware_at=at(6, 1), submit=False)
    return world
