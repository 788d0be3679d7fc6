"""Export every sector of a year: one Celery task per sector (acks_late, idempotent), a zip at the end.

A second start while a batch of the same year, language and sectors runs returns the running one (a
partial unique constraint decides between two concurrent clicks). A sector task that fails is retried by
Celery; after its last attempt it is recorded as failed, and the other sectors still finish.
"""

import hashlib
import io
import zipfile
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from reports import subjects
from reports.models import ReportBatch, ReportBatchItem, ReportEvent
from reports.services.documents import sector_report_for_export
from reports.services.events import report_event

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


def sector_subject_params(*, subject: subjects.SectorSubject, year: int, language: str, issuer: str) -> dict:
    return {
        "kind": "sector",
        "subject_key": f"sector:{subject.key}",
        "subject": subject.name(language),
        "year": year,
        "language": language,
        "params": {
            "sector": subject.key,
            "year": year,
            "language": language,
            "issuer": issuer,
            "classification": "restricted",
        },
        "sector_id": subject.sector_id,
    }


def batch_start(
    *,
    year: int,
    language: str,
    sector_keys: list[str],
    acting_user: "User | None",
    issuer: str,
    now: datetime,
    channel: str = "web",
) -> tuple[ReportBatch, bool]:
    """(batch, created). Tasks are queued after commit."""
    from reports.tasks import batch_item_run_task

    scope_key = ",".join(sorted(sector_keys))
    running = ReportBatch.objects.filter(year=year, language=language, scope_key=scope_key, status="running").first()
    if running is not None:
        return running, False
    names = {s.key: s.name(language) for s in subjects.sector_subjects()}
    try:
        with transaction.atomic():
            batch = ReportBatch.objects.create(
                year=year, language=language, scope_key=scope_key, requested_by=acting_user, started_at=now
            )
            items = ReportBatchItem.objects.bulk_create(
                [ReportBatchItem(batch=batch, sector_key=key, sector_name=names[key]) for key in sector_keys]
            )
            report_event(
                ReportEvent.Kind.BATCH_STARTED,
                actor=acting_user,
                batch=batch,
                channel=channel,
                data={"year": year, "language": language, "sectors": sector_keys, "issuer": issuer},
                now=now,
            )
            for item in items:
                transaction.on_commit(lambda item_id=item.pk: batch_item_run_task.delay(item_id))
    except IntegrityError:
        return ReportBatch.objects.get(year=year, language=language, scope_key=scope_key, status="running"), False
    return batch, True


def batch_item_run(*, item_id: int, now: datetime) -> ReportBatchItem:
    """Idempotent: a finished item is left as it is; a re-delivered one reuses the issued report."""
    with transaction.atomic():
        item = (
            ReportBatchItem.objects.select_for_update(of=("self",))
            .select_related("batch", "batch__requested_by")
            .get(pk=item_id)
        )
        if item.status in (ReportBatchItem.Status.DONE, ReportBatchItem.Status.FAILED):
            return item
        item.status, item.attempts = ReportBatchItem.Status.RUNNING, item.attempts + 1
        item.save(update_fields=["status", "attempts", "updated_at"])
    batch = item.batch
    issuer = (
        ReportEvent.objects.filter(batch=batch, kind=ReportEvent.Kind.BATCH_STARTED)
        .values_list("data", flat=True)
        .first()
        or {}
    )
    subject = subjects.sector_subject(item.sector_key)
    params = sector_subject_params(
        subject=subject, year=batch.year, language=batch.language, issuer=issuer.get("issuer", "")
    )
    report = sector_report_for_export(subject=params, acting_user=batch.requested_by, now=now, channel="task")
    with transaction.atomic():
        ReportBatchItem.objects.filter(pk=item.pk).update(
            status=ReportBatchItem.Status.DONE, report=report, finished_at=now, error=""
        )
        report_event(
            ReportEvent.Kind.BATCH_ITEM_DONE,
            batch=batch,
            report=report,
            channel="task",
            data={"sector": item.sector_key},
            now=now,
        )
    batch_finish_if_complete(batch_id=batch.pk, now=now)
    item.refresh_from_db()
    return item


def batch_item_failed(*, item_id: int, error: str, final: bool, now: datetime) -> None:
    """Record a failed attempt; after the last one the item is failed and the batch may finish."""
    with transaction.atomic():
        item = ReportBatchItem.objects.select_for_update().get(pk=item_id)
        if item.status == ReportBatchItem.Status.DONE:
            return
        item.error = error[:2000]
        item.status = ReportBatchItem.Status.FAILED if final else ReportBatchItem.Status.PENDING
        item.finished_at = now if final else None
        item.save(update_fields=["error", "status", "finished_at", "updated_at"])
        report_event(
            ReportEvent.Kind.BATCH_ITEM_FAILED,
            batch=item.batch,
            channel="task",
            data={"sector": item.sector_key, "attempt": item.attempts, "final": final, "error": item.error},
            now=now,
        )
    if final:
        batch_finish_if_complete(batch_id=item.batch_id, now=now)


def batch_finish_if_complete(*, batch_id: int, now: datetime) -> None:
    with transaction.atomic():
        batch = ReportBatch.objects.select_for_update().get(pk=batch_id)
        items = list(batch.items.select_related("report").order_by("sector_key"))
        if batch.status != ReportBatch.Status.RUNNING or any(i.status not in ("done", "failed") for i in items):
            return
        archive = build_zip(
            [i.report for i in items if i.report is not None], failed=[i for i in items if i.status == "failed"]
        )
        batch.zip_file.save(f"csma-{batch.year}-{batch.language}-{batch.pk}.zip", ContentFile(archive), save=False)
        batch.zip_sha256, batch.zip_size = hashlib.sha256(archive).hexdigest(), len(archive)
        failed = any(i.status == "failed" for i in items)
        batch.status = ReportBatch.Status.PARTIAL if failed else ReportBatch.Status.DONE
        batch.finished_at = now
        batch.save(update_fields=["zip_file", "zip_sha256", "zip_size", "status", "finished_at", "updated_at"])
        report_event(
            ReportEvent.Kind.BATCH_FINISHED,
            batch=batch,
            channel="task",
            data={
                "status": batch.status,
                "sha256": batch.zip_sha256,
                "failed": [i.sector_key for i in items if i.status == "failed"],
            },
            now=now,
        )


def build_zip(reports, *, failed) -> bytes:
    """Deterministic archive: fixed timestamps, sorted names, a manifest of hashes and of failed sectors."""
    buffer = io.BytesIO()
    lines = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for report in sorted(reports, key=lambda r: r.number):
            name = f"{report.number}-{report.subject_key.split(':', 1)[1]}.pdf"
            with report.file.open("rb") as handle:
                archive.writestr(zipfile.ZipInfo(name, ZIP_TIMESTAMP), handle.read())
            lines.append(f"{report.sha256}  {name}")
        for item in failed:
            lines.append(
                _("FAILED  %(sector)s: %(error)s")
                % {"sector": item.sector_name, "error": item.error.splitlines()[-1] if item.error else ""}
            )
        archive.writestr(zipfile.ZipInfo("SHA256SUMS.txt", ZIP_TIMESTAMP), "\n".join(lines) + "\n")
    return buffer.getvalue()
