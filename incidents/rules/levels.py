"""Incident levels and the Art. 2 decision table of 資通安全事件通報及應變辦法 (2021-08-23 text; the 2026
text keeps the structure, CSMA.md §6.1). Pure: no ORM, no settings, no clock.

Each paragraph of Art. 2 (¶2 level 1 … ¶5 level 4) has three subparagraphs: (1) leak (confidentiality),
(2) tampering (integrity), (3) operation affected or stopped (availability). The level is the highest level
any answer reaches ("any of the following"); the criterion that reached it is reported with the level.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

ARTICLE = "資通安全事件通報及應變辦法第2條"


class IncidentLevel(models.IntegerChoices):
    L1 = 1, _("Level 1")  # 第一級
    L2 = 2, _("Level 2")  # 第二級
    L3 = 3, _("Level 3")  # 第三級 (major, 重大資通安全事件)
    L4 = 4, _("Level 4")  # 第四級 (major)


MAJOR_LEVELS = frozenset({IncidentLevel.L3, IncidentLevel.L4})


class Severity(models.TextChoices):
    NONE = "none", _("Not affected")
    MINOR = "minor", _("Minor")  # 輕微
    SERIOUS = "serious", _("Serious")  # 嚴重


class Availability(models.TextChoices):
    NONE = "none", _("Not affected")
    RECOVERED_IN_TIME = "recovered", _("Affected, recovered within the maximum tolerable downtime")
    NOT_RECOVERED_IN_TIME = "not_recovered", _("Affected, not recovered within the maximum tolerable downtime")


class Classification(models.TextChoices):
    NONE = "none", _("No classified information involved")
    OFFICIAL_SECRET = "official", _("General official secret or sensitive information")  # 一般公務機密、敏感資訊
    NATIONAL_SECRET = "national", _("National secret")  # 國家機密


class Dimension(models.TextChoices):
    CONFIDENTIALITY = "confidentiality", _("Confidentiality (leak)")
    INTEGRITY = "integrity", _("Integrity (tampering)")
    AVAILABILITY = "availability", _("Availability (operation affected or stopped)")


SUBPARAGRAPH = {Dimension.CONFIDENTIALITY: 1, Dimension.INTEGRITY: 2, Dimension.AVAILABILITY: 3}


@dataclass(frozen=True)
class ImpactAnswers:
    confidentiality: str = Severity.NONE
    integrity: str = Severity.NONE
    availability: str = Availability.NONE
    is_core: bool = False  # core business or core information system (施行細則 Art 7)
    is_ci_related: bool = False  # core business related to critical-infrastructure operation
    classification: str = Classification.NONE


@dataclass(frozen=True)
class LevelProposal:
    level: int
    dimension: str
    reason: str  # stable key of the branch that decided, e.g. "core_ci_serious"

    @property
    def citation(self) -> str:
        """第2條第{項}項第{款}款: ¶(level + 1), subparagraph by dimension."""
        return f"{ARTICLE}第{self.level + 1}項第{SUBPARAGRAPH[self.dimension]}款"


def _information_level(severity: str, answers: ImpactAnswers) -> tuple[int, str]:
    """Leak (¶x(1)) and tampering (¶x(2)) share one structure."""
    if severity == Severity.NONE:
        return 0, ""
    serious = severity == Severity.SERIOUS
    if answers.classification == Classification.NATIONAL_SECRET:
        return 4, "national_secret"
    if answers.classification == Classification.OFFICIAL_SECRET:
        return (4, "official_secret_serious") if serious else (3, "official_secret_minor")
    if answers.is_core and answers.is_ci_related:
        return (4, "core_ci_serious") if serious else (3, "core_ci_minor")
    if answers.is_core:
        return (3, "core_serious") if serious else (2, "core_minor")
    return (2, "non_core_serious") if serious else (1, "non_core_minor")


def _availability_level(answers: ImpactAnswers) -> tuple[int, str]:
    if answers.availability == Availability.NONE:
        return 0, ""
    recovered = answers.availability == Availability.RECOVERED_IN_TIME
    if answers.is_core and answers.is_ci_related:
        return (3, "core_ci_recovered") if recovered else (4, "core_ci_not_recovered")
    if answers.is_core:
        return (2, "core_recovered") if recovered else (3, "core_not_recovered")
    return (1, "non_core_recovered") if recovered else (2, "non_core_not_recovered")


def propose_level(answers: ImpactAnswers) -> LevelProposal | None:
    """The Art. 2 level for the answers, or None when nothing was affected (the reporter must choose)."""
    candidates = [
        (*_information_level(answers.confidentiality, answers), Dimension.CONFIDENTIALITY),
        (*_information_level(answers.integrity, answers), Dimension.INTEGRITY),
        (*_availability_level(answers), Dimension.AVAILABILITY),
    ]
    level, reason, dimension = max(candidates, key=lambda candidate: candidate[0])  # first wins a tie
    if level == 0:
        return None
    return LevelProposal(level=level, dimension=dimension, reason=reason)


def is_major(level: int) -> bool:
    return level in MAJOR_LEVELS
