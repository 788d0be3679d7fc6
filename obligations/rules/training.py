"""What each person owes in security training, and the dedicated staff each level needs. Pure.

分級辦法 附表 (2021-08-23), 認知與訓練 dimension, as reconstructed in CSMA.md §5.1: the B-level government
wording is [S] (quoted by universities citing the MODA FAQ); A and C are assumed the same [?]; staff
headcounts are [W]. Professional hours never count as general awareness hours (MODA FAQ via NTUT [S]).
"""

from dataclasses import dataclass
from decimal import Decimal

DEDICATED, IT, GENERAL = "dedicated", "it", "general"
PROFESSIONAL, AWARENESS = "professional", "general"


@dataclass(frozen=True)
class TrainingTarget:
    role: str
    category: str
    hours: Decimal
    years: int  # the hours are owed within this many years (the current one and those before it)
    citation: str
    marker: str


TRAINING_TARGETS = (
    TrainingTarget(
        DEDICATED,
        PROFESSIONAL,
        Decimal(12),
        1,
        "分級辦法附表 認知與訓練：資通安全專職人員每年12小時以上專業或職能訓練",
        "[S]",
    ),
    TrainingTarget(IT, PROFESSIONAL, Decimal(3), 2, "分級辦法附表 認知與訓練：資訊人員每二年3小時以上專業課程", "[S]"),
    TrainingTarget(IT, AWARENESS, Decimal(3), 1, "分級辦法附表 認知與訓練：資訊人員每年3小時以上通識", "[S]"),
    TrainingTarget(
        GENERAL, AWARENESS, Decimal(3), 1, "分級辦法附表 認知與訓練：一般使用者及主管每年3小時以上通識", "[S]"
    ),
)

# Dedicated security staff by level within a year of approval (CSMA.md §5.1/§5.2, [W]).
DEDICATED_STAFF_BY_LEVEL = {"A": 4, "B": 2, "C": 1}


@dataclass(frozen=True)
class TrainingCheck:
    person: str
    target: TrainingTarget
    done: Decimal

    @property
    def is_met(self) -> bool:
        return self.done >= self.target.hours

    @property
    def missing(self) -> Decimal:
        return max(Decimal(0), self.target.hours - self.done)


def training_checks(*, year: int, hours: list[tuple[str, str, str, int, Decimal]]) -> list[TrainingCheck]:
    """Each person's targets against their hours. ``hours`` rows: (person, role, category, year, hours)."""
    people = sorted({(person, role) for person, role, _c, _y, _h in hours})
    checks = []
    for person, role in people:
        for target in (t for t in TRAINING_TARGETS if t.role == role):
            window = range(year - target.years + 1, year + 1)
            done = sum(
                (h for p, r, c, y, h in hours if (p, r, c) == (person, role, target.category) and y in window),
                Decimal(0),
            )
            checks.append(TrainingCheck(person=person, target=target, done=done))
    return checks


def dedicated_staff_required(level: str | None) -> int:
    return DEDICATED_STAFF_BY_LEVEL.get(level or "", 0)
