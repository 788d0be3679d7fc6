"""Every write of open data: prepare a release (build → render → store), regenerate a draft, send it for
review, return it, publish it (a second person), withdraw it, open a correction. Each writes its
OpenDataEvent in the same transaction and locks the release row first (common/conflicts.py)."""

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.conflicts import conflict
from common.events import record_event
from opendata import rules
from opendata.builders import build_release
from opendata.models import DatasetRelease, OpenDataEvent, ReleaseFile
from opendata.renderers import render_release
from opendata.rules import ReleaseStatus as S
from opendata.snapshot import dump

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PUBLISHED_EXISTS = _("This period already has a published release: open a correction of it instead.")
OPEN_EXISTS = _("This period already has a release in preparation or under review.")
NOT_DRAFT = _("Only a draft can be regenerated; this release is “%(current)s”.")
NOT_LATEST = _("Only the latest published version of a period can be corrected.")


def _store(release: DatasetRelease) -> None:
    """Build, render and store the files of ``release`` (a draft); the snapshot keeps the tables."""
    data = build_release(year=release.year, quarter=release.quarter, min_cell_size=release.min_cell_size)
    release.snapshot = dump(data)
    release.save(update_fields=["snapshot", "prepared_by", "prepared_at", "updated_at"])
    for rendered in render_release(data, period_code=release.period_code):
        ReleaseFile.objects.create(
            release=release,
            dataset=rendered.dataset,
            is_dictionary=rendered.is_dictionary,
            format=rendered.format,
            name=rendered.name,
            file=ContentFile(rendered.content, name=rendered.name),
            sha256=hashlib.sha256(rendered.content).hexdigest(),
            size=len(rendered.content),
        )


def _event(kind: str, *, release: DatasetRelease, actor, now: datetime, channel: str, **data) -> None:
    record_event(
        OpenDataEvent,
        kind=kind,
        actor=actor,
        now=now,
        channel=channel,
        before=data.pop("before", {}),
        after={"status": release.status, "version": release.version},
        data={"period": release.period_code, **data},
        release=release,
    )


def _file_hashes(release: DatasetRelease) -> dict[str, str]:
    return dict(release.files.order_by("name").values_list("name", "sha256"))


@transaction.atomic
def release_prepare(
    *, year: int, quarter: int, min_cell_size: int, acting_user: "User | None", now: datetime, channel: str = "web"
) -> DatasetRelease:
    """A new draft of a closed period (the next version after any withdrawn ones), its files rendered."""
    rules.ensure_period_over(
        year=year, quarter=quarter, today=timezone.localdate(now), label=rules.period_label(year=year, quarter=quarter)
    )
    siblings = list(DatasetRelease.objects.select_for_update().filter(year=year, quarter=quarter).order_by("-version"))
    if any(sibling.status == S.PUBLISHED for sibling in siblings):
        raise ValidationError(PUBLISHED_EXISTS, code="published_exists")
    if any(sibling.status in (S.DRAFT, S.UNDER_REVIEW) for sibling in siblings):
        raise conflict(OPEN_EXISTS)
    release = DatasetRelease(
        year=year,
        quarter=quarter,
        min_cell_size=min_cell_size,
        version=siblings[0].version + 1 if siblings else 1,
        supersedes=siblings[0] if siblings else None,
        prepared_by=acting_user,
        prepared_at=now,
    )
    release.full_clean()
    _save_new(release)
    _store(release)
    _event(OpenDataEvent.Kind.PREPARED, release=release, actor=acting_user, now=now, channel=channel,
           min_cell_size=min_cell_size, files=_file_hashes(release))  # fmt: skip
    return release


def _save_new(release: DatasetRelease) -> None:
    try:
        with transaction.atomic():
            release.save()
    except IntegrityError:  # a second preparer of the same period got there first
        raise conflict(OPEN_EXISTS) from None


def _locked(release: DatasetRelease) -> DatasetRelease:
    return DatasetRelease.objects.select_for_update(no_key=True).get(pk=release.pk)


@transaction.atomic
def release_regenerate(
    *,
    release: DatasetRelease,
    acting_user: "User | None",
    now: datetime,
    min_cell_size: int | None = None,
    channel: str = "web",
) -> DatasetRelease:
    """Recount a draft (the registry or incidents were corrected meanwhile): its files are replaced."""
    release = _locked(release)
    if release.status != S.DRAFT:
        raise ValidationError(NOT_DRAFT, code="transition", params={"current": S(release.status).label})
    before = _file_hashes(release)
    for old in release.files.all():
        old.delete()
    if min_cell_size is not None:
        release.min_cell_size = min_cell_size
        release.full_clean()
        release.save(update_fields=["min_cell_size", "updated_at"])
    release.prepared_by, release.prepared_at = acting_user, now
    _store(release)
    _event(OpenDataEvent.Kind.REGENERATED, release=release, actor=acting_user, now=now, channel=channel,
           before={"files": before}, min_cell_size=release.min_cell_size, files=_file_hashes(release))  # fmt: skip
    return release


def _move(release: DatasetRelease, new: str, *, fields: dict, kind: str, acting_user, now, channel, **data):
    before = {"status": release.status}
    release.status = new
    for name, value in fields.items():
        setattr(release, name, value)
    release.save(update_fields=["status", *fields, "updated_at"])
    _event(kind, release=release, actor=acting_user, now=now, channel=channel, before=before, **data)
    return release


@transaction.atomic
def release_submit(
    *, release: DatasetRelease, acting_user: "User | None", now: datetime, channel: str = "web"
) -> DatasetRelease:
    """The draft's files, as they are, go to a second person for review; from now on they never change."""
    release = _locked(release)
    rules.ensure_transition(release.status, S.UNDER_REVIEW)
    fields = {"submitted_by": acting_user, "submitted_at": now}
    return _move(release, S.UNDER_REVIEW, fields=fields, kind=OpenDataEvent.Kind.SUBMITTED,
                 acting_user=acting_user, now=now, channel=channel, files=_file_hashes(release))  # fmt: skip


@transaction.atomic
def release_return(
    *, release: DatasetRelease, reason: str, acting_user: "User | None", now: datetime, channel: str = "web"
) -> DatasetRelease:
    """The reviewer sends the release back to its preparer (to regenerate or change the cell size)."""
    if not reason.strip():
        raise ValidationError({"reason": rules.REASON_REQUIRED})
    release = _locked(release)
    rules.ensure_transition(release.status, S.DRAFT)
    return _move(release, S.DRAFT, fields={"submitted_by": None, "submitted_at": None},
                 kind=OpenDataEvent.Kind.RETURNED, acting_user=acting_user, now=now, channel=channel,
                 reason=reason.strip())  # fmt: skip


@transaction.atomic
def release_publish(
    *, release: DatasetRelease, acting_user: "User | None", now: datetime, channel: str = "web"
) -> DatasetRelease:
    """Four eyes: the reviewer publishes, never the preparer or who sent it; the files become public."""
    release = _locked(release)
    rules.ensure_transition(release.status, S.PUBLISHED)
    rules.ensure_four_eyes(
        prepared_by_id=release.prepared_by_id, submitted_by_id=release.submitted_by_id, reviewer_id=acting_user.pk
    )
    fields = {"published_by": acting_user, "published_at": now}
    return _move(release, S.PUBLISHED, fields=fields, kind=OpenDataEvent.Kind.PUBLISHED,
                 acting_user=acting_user, now=now, channel=channel, files=_file_hashes(release))  # fmt: skip


@transaction.atomic
def release_withdraw(
    *, release: DatasetRelease, reason: str, acting_user: "User | None", now: datetime, channel: str = "web"
) -> DatasetRelease:
    """A published release stops being offered (it stays listed, with the reason); its files are kept as they were."""
    if not reason.strip():
        raise ValidationError({"reason": rules.REASON_REQUIRED})
    release = _locked(release)
    rules.ensure_transition(release.status, S.WITHDRAWN)
    fields = {"withdrawn_by": acting_user, "withdrawn_at": now, "withdrawal_reason": reason.strip()}
    return _move(release, S.WITHDRAWN, fields=fields, kind=OpenDataEvent.Kind.WITHDRAWN,
                 acting_user=acting_user, now=now, channel=channel, reason=reason.strip())  # fmt: skip


@transaction.atomic
def release_correct(
    *, release: DatasetRelease, reason: str, acting_user: "User | None", now: datetime, channel: str = "web"
) -> DatasetRelease:
    """A new draft version of a published release's period that references it; the old files never change."""
    if not reason.strip():
        raise ValidationError({"reason": rules.REASON_REQUIRED})
    release = _locked(release)
    if release.status != S.PUBLISHED:
        raise ValidationError(rules.TRANSITION_NOT_ALLOWED, code="transition",
                              params={"current": S(release.status).label, "new": S.DRAFT.label})  # fmt: skip
    siblings = DatasetRelease.objects.filter(year=release.year, quarter=release.quarter)
    if siblings.filter(status__in=(S.DRAFT, S.UNDER_REVIEW)).exists():
        raise conflict(OPEN_EXISTS)
    if siblings.filter(version__gt=release.version).exists():
        raise ValidationError(NOT_LATEST, code="not_latest")
    draft = DatasetRelease(year=release.year, quarter=release.quarter, min_cell_size=release.min_cell_size,
                           version=release.version + 1, supersedes=release, correction_reason=reason.strip(),
                           prepared_by=acting_user, prepared_at=now)  # fmt: skip
    draft.full_clean()
    _save_new(draft)
    _store(draft)
    _event(OpenDataEvent.Kind.CORRECTION_OPENED, release=draft, actor=acting_user, now=now, channel=channel,
           supersedes=release.pk, reason=draft.correction_reason, files=_file_hashes(draft))  # fmt: skip
    return draft
