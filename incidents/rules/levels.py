"""Incident levels and the Art. 2 decision table of 資通安全事件通報及應變辦法 (2021-08-23 text; the 2026
text keeps the structure, CSMA.md §6.1). Pure: no ORM, no settings, no clock.

The three dimensions are assessed apart, each with its own qualifiers: what was leaked, what was tampered
with, whose operation stopped (docs/legal-decisions.md, "Art. 2 per dimension").

Each paragraph of Art. 2 (¶2 level 1 … ¶5 level 4) has three subparagraphs: (1) leak (confidentiality),
(2) tampering (integrity), (3) operation affected or stopped (availability). The level is the highest level
any answer reaches ("any of the following"); the criterion that reached it is reported with the level.
"""

from dataclasses import dataclass, fields

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


class InformationScope(models.TextChoices):
    """What was leaked (subparagraph 1) or tampered with (subparagraph 2), as Art. 2 names it. Each dimension has
    its own answer: a leak of classified data does not make a tampered non-core system classified."""

    NON_CORE = "non_core", _("Non-core business information or non-core information system")  # 非核心業務資訊
    CORE = (
        "core",
        _("Core business information or core information system, not involved in critical-infrastructure operation"),
    )  # 未涉及關鍵基礎設施維運之核心業務資訊或核心資通系統
    CORE_CI = (
        "core_ci",
        _("Core business information or core information system involved in critical-infrastructure operation"),
    )  # 涉及關鍵基礎設施維運之核心業務資訊或核心資通系統
    OFFICIAL_SECRET = "official", _("General official secret or sensitive information")  # 一般公務機密、敏感資訊
    NATIONAL_SECRET = "national", _("National secret")  # 國家機密


class OperationScope(models.TextChoices):
    """Whose operation was affected or stopped (subparagraph 3); classified data plays no part here."""

    NON_CORE = "non_core", _("Non-core business")  # 非核心業務
    CORE = (
        "core",
        _("Core business or core information system, not involved in critical-infrastructure operation"),
    )  # 未涉及關鍵基礎設施維運之核心業務或核心資通系統
    CORE_CI = (
        "core_ci",
        _("Core business or core information system involved in critical-infrastructure operation"),
    )  # 涉及關鍵基礎設施維運之核心業務或核心資通系統


class Dimension(models.TextChoices):
    CONFIDENTIALITY = "confidentiality", _("Confidentiality (leak)")
    INTEGRITY = "integrity", _("Integrity (tampering)")
    AVAILABILITY = "availability", _("Availability (operation affected or stopped)")


SUBPARAGRAPH = {Dimension.CONFIDENTIALITY: 1, Dimension.INTEGRITY: 2, Dimension.AVAILABILITY: 3}


@dataclass(frozen=True)
class ImpactAnswers:
    """The answers per dimension: how badly, and what (Art. 2 ¶2–5, subparagraphs 1–3). Core business and core
    information systems as 施行細則 Art 7 defines them."""

    confidentiality: str = Severity.NONE
    confidentiality_scope: str = InformationScope.NON_CORE
    integrity: str = Severity.NONE
    integrity_scope: str = InformationScope.NON_CORE
    availability: str = Availability.NONE
    availability_scope: str = OperationScope.NON_CORE


IMPACT_FIELDS = tuple(answer.name for answer in fields(ImpactAnswers))  # the answers, in the form's order


@dataclass(frozen=True)
class LevelProposal:
    level: int
    dimension: str
    reason: str  # stable key of the branch that decided, e.g. "core_ci_serious"

    @property
    def citation(self) -> str:
        """第2條第{項}項第{款}款: ¶(level + 1), subparagraph by dimension."""
        return f"{ARTICLE}第{self.level + 1}項第{SUBPARAGRAPH[self.dimension]}款"


def _information_level(severity: str, scope: str) -> tuple[int, str]:
    """Leak (¶x(1)) and tampering (¶x(2)) share one structure; a national secret reaches level 4 however
    slight the leak or tampering (¶5(1), ¶5(2))."""
    if severity == Severity.NONE:
        return 0, ""
    serious = severity == Severity.SERIOUS
    if scope == InformationScope.NATIONAL_SECRET:
        return 4, "national_secret"
    if scope == InformationScope.OFFICIAL_SECRET:
        return (4, "official_secret_serious") if serious else (3, "official_secret_minor")
    if scope == InformationScope.CORE_CI:
        return (4, "core_ci_serious") if serious else (3, "core_ci_minor")
    if scope == InformationScope.CORE:
        return (3, "core_serious") if serious else (2, "core_minor")
    return (2, "non_core_serious") if serious else (1, "non_core_minor")


def _availability_level(availability: str, scope: str) -> tuple[int, str]:
    if availability == Availability.NONE:
        return 0, ""
    recovered = availability == Availability.RECOVERED_IN_TIME
    if scope == OperationScope.CORE_CI:
        return (3, "core_ci_recovered") if recovered else (4, "core_ci_not_recovered")
    if scope == OperationScope.CORE:
        return (2, "core_recovered") if recovered else (3, "core_not_recovered")
    return (1, "non_core_recovered") if recovered else (2, "non_core_not_recovered")


def propose_level(answers: ImpactAnswers) -> LevelProposal | None:
    """The Art. 2 level for the answers, or None when nothing was affected (the reporter must choose)."""
    candidates = [
        (*_information_level(answers.confidentiality, answers.confidentiality_scope), Dimension.CONFIDENTIALITY),
        (*_information_level(answers.integrity, answers.integrity_scope), Dimension.INTEGRITY),
        (*_availability_level(answers.availability, answers.availability_scope), Dimension.AVAILABILITY),
    ]
    level, reason, dimension = max(candidates, key=lambda candidate: candidate[0])  # first wins a tie
    if level == 0:
        return None
    return LevelProposal(level=level, dimension=dimension, reason=reason)


def is_major(level: int) -> bool:
    return level in MAJOR_LEVELS
