"""What a report is about: a sector (a CI sector, or all government agencies), an agency's subtree, an
agency, the nation. Subjects map to the agencies they cover; pure lookups, no writes."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from infrastructure.models import Agency, AgencyKind, Sector
from infrastructure.selectors import subtree_q

GOVERNMENT = "public-agencies"  # pseudo-sector: every government agency (公務機關), beside the CI sectors


@dataclass(frozen=True)
class SectorSubject:
    key: str  # sector code or GOVERNMENT
    name_zh: str
    name_en: str
    sector_id: int | None

    def name(self, language: str) -> str:
        return self.name_zh if language.startswith("zh") or not self.name_en else self.name_en


def sector_subjects() -> list[SectorSubject]:
    found = [SectorSubject(GOVERNMENT, "公務機關", "Government agencies", None)]
    for sector in Sector.objects.filter(is_active=True).order_by("sort_order", "code"):
        found.append(SectorSubject(sector.code, sector.name_zh, sector.name_en, sector.pk))
    return found


def sector_subject(key: str) -> SectorSubject:
    for subject in sector_subjects():
        if subject.key == key:
            return subject
    raise Sector.DoesNotExist(_("No sector with the code %(code)s.") % {"code": key})


def sector_agencies(key: str) -> QuerySet[Agency]:
    active = Agency.objects.filter(is_active=True)
    if key == GOVERNMENT:
        return active.filter(kind=AgencyKind.GOVERNMENT)
    return active.filter(pk__in=Agency.objects.filter(sectors__code=key).values("pk"))


def subtree_agencies(agency: Agency) -> QuerySet[Agency]:
    return Agency.objects.filter(subtree_q(agency.path), is_active=True)
