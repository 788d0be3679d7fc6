"""Reads of open data. The published list and published files are public (no login); drafts and releases
under review are seen only by the competent authority (``may_manage``): anyone else gets a 404."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from opendata.models import DatasetRelease, ReleaseFile
from opendata.rules import PUBLIC_STATUSES
from opendata.rules import ReleaseStatus as S

MANAGE = "opendata.manage_open_data"


def may_manage(user) -> bool:
    """Prepare, review and publish: the competent authority (MODA/ACS) only (access/policy.py). A system
    administrator (a superuser, who holds every permission) runs the system but does not publish official
    statistics, nor sees drafts: separation of duties (docs/open-data.md)."""
    return bool(user and user.is_authenticated and not user.is_superuser and user.has_perm(MANAGE))


def _with_files(qs: QuerySet[DatasetRelease]) -> QuerySet[DatasetRelease]:
    later = DatasetRelease.objects.filter(
        year=OuterRef("year"), quarter=OuterRef("quarter"), version__gt=OuterRef("version"), status=S.PUBLISHED
    )
    return qs.annotate(is_superseded=Exists(later)).prefetch_related(
        Prefetch("files", queryset=ReleaseFile.objects.order_by("dataset", "is_dictionary", "format"))
    )


def release_list_public() -> QuerySet[DatasetRelease]:
    """Published and withdrawn releases, newest period first (withdrawn ones stay listed with their reason)."""
    return _with_files(DatasetRelease.objects.filter(status__in=PUBLIC_STATUSES)).order_by(
        "-year", "-quarter", "-version"
    )


def release_list_for(*, user) -> QuerySet[DatasetRelease]:
    """What ``user`` may see: every release for the competent authority, the public list for everyone else."""
    if may_manage(user):
        return _with_files(DatasetRelease.objects.all()).select_related("prepared_by", "submitted_by", "published_by")
    return release_list_public()


def release_get_for(*, user, release_id: int) -> DatasetRelease:
    """Raises DatasetRelease.DoesNotExist when ``user`` may not see it (a draft for the public)."""
    return release_list_for(user=user).get(pk=release_id)


def file_get_for(*, user, release: DatasetRelease, name: str) -> ReleaseFile:
    """A release's file: published files to everyone, other releases' files to the competent authority only
    (withdrawn files are kept, but no longer offered to the public)."""
    if release.status != S.PUBLISHED and not may_manage(user):
        raise ReleaseFile.DoesNotExist
    return release.files.get(name=name)
