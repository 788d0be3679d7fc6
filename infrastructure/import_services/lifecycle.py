"""The lifecycle of a RegistryImport: upload = dry run → schedule → apply (in Celery when large)."""

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from hashlib import sha256
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser as User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from common import clock
from common.services import model_update
from infrastructure.events import jsonable
from infrastructure.import_services.apply import (
    agency_import_apply,
    user_pk,
)
from infrastructure.import_services.plan import (
    APPLY_FAILED,
    FILE_CHANGED,
    FILE_TOO_LARGE,
    IMPORT_NOT_READY,
    SAMPLE_SIZE,
    Channel,
    ImportPlan,
    ImportPreview,
    ImportResult,
    Status,
    agency_import_plan,
)
from infrastructure.imports import (
    FILE_FORMATS,
    UNKNOWN_FORMAT,
    AgencyRow,
    ImportFileError,
    RowError,
    check_agency_rows,
    detect_format,
    read_agency_frame,
)
from infrastructure.models import (
    RegistryImport,
)
from infrastructure.tasks import registry_import_apply_task, registry_import_validate_task


def agency_import_preview(
    *, content: bytes, filename: str, today: date, file_format: str = "auto", deactivate_missing: bool = False
) -> ImportPreview:
    """Read, validate and plan one file: what the import would do (as of ``today``). Writes nothing."""
    read = _read_rows(content=content, filename=filename, file_format=file_format)
    if read.errors and not read.agency_rows:
        return read
    return _planned(read, deactivate_missing=deactivate_missing, today=today)


@dataclass(frozen=True)
class _ReadRows(ImportPreview):
    agency_rows: tuple[AgencyRow, ...] = ()
    identifiers: frozenset[str] = frozenset()


def _read_rows(*, content: bytes, filename: str, file_format: str) -> _ReadRows:
    """The pure stages (no database): read and validate. ``agency_rows``: every row that parsed, also when
    other rows did not (their references are still checked, so every bad row is listed in one pass)."""
    try:
        frame = read_agency_frame(content=content, filename=filename)
    except ImportFileError as error:
        return _ReadRows(file_format="", rows=0, plan=None, errors=(RowError(None, "", error.message),))
    checked = check_agency_rows(frame, file_format=file_format)
    return _ReadRows(
        file_format=detect_format(frame.columns, requested=file_format) or "",
        rows=len(frame),
        plan=None,
        errors=checked.errors,
        agency_rows=checked.rows,
        identifiers=checked.identifiers,
    )


def _planned(read: _ReadRows, *, deactivate_missing: bool, today: date) -> ImportPreview:
    plan = agency_import_plan(
        rows=list(read.agency_rows),
        deactivate_missing=deactivate_missing and not read.errors,  # a file with bad rows deactivates nothing
        today=today,
        also_in_file=read.identifiers,
    )
    errors = tuple(sorted(read.errors + plan.errors, key=lambda e: (e.row or 0, e.column)))
    return ImportPreview(file_format=read.file_format, rows=read.rows, plan=plan, errors=errors)


def import_summary(preview: ImportPreview) -> dict:
    """The JSON the preview page shows: counts and the first SAMPLE_SIZE names of each kind of change."""
    plan = preview.plan or ImportPlan(file_format=preview.file_format, rows=preview.rows)
    return jsonable(
        {
            "format": preview.file_format,
            "rows": preview.rows,
            **plan.counts,
            "samples": {
                "create": [p.name for p in plan.to_create[:SAMPLE_SIZE]],
                "update": [{"name": p.name, "changes": p.changes} for p in plan.to_update[:SAMPLE_SIZE]],
                "deactivate": [ref.name for ref in plan.to_deactivate[:SAMPLE_SIZE]],
            },
        }
    )


def _errors_json(errors) -> list[dict]:
    return [asdict(error) for error in errors]


def registry_import_create(
    *,
    content: bytes,
    original_name: str,
    file_format: str = "auto",
    deactivate_missing: bool = False,
    acting_user: User | None,
    now: datetime,
    preview: ImportPreview | None = None,
) -> RegistryImport:
    """Store the uploaded file and dry-run it: PREVIEWED with a summary, or INVALID with every bad row.

    ``preview``: the caller's own agency_import_preview of the same content and options (saves a re-read).
    """
    if len(content) > settings.CSMA_IMPORT_MAX_BYTES:
        raise ValidationError(str(FILE_TOO_LARGE).format(limit=settings.CSMA_IMPORT_MAX_BYTES // (1024 * 1024)))
    if file_format not in FILE_FORMATS:
        raise ValidationError(str(UNKNOWN_FORMAT).format(value=file_format))  # the form offers the choices
    in_worker = preview is None and len(content) > settings.CSMA_IMPORT_SYNC_MAX_BYTES
    if not in_worker:
        preview = preview or agency_import_preview(
            content=content,
            filename=original_name,
            today=timezone.localdate(now),
            file_format=file_format,
            deactivate_missing=deactivate_missing,
        )
    digest = sha256(content).hexdigest()
    registry_import = RegistryImport(
        file=ContentFile(content, name=digest[:16] + PurePath(original_name).suffix.lower()[:10]),
        original_name=original_name[:255],
        sha256=digest,
        file_format=file_format,
        deactivate_missing=deactivate_missing,
        uploaded_by=acting_user,
        status=Status.UPLOADED if in_worker else (Status.INVALID if preview.errors else Status.PREVIEWED),
        summary={} if in_worker else import_summary(preview),
        errors=[] if in_worker else _errors_json(preview.errors),
    )
    registry_import.full_clean()
    registry_import.save()
    if in_worker:  # a large file is read and checked by the worker, not in the upload request (issue 9)
        registry_import_validate_task.delay_on_commit(import_id=registry_import.pk)
    return registry_import


def registry_import_validate(*, registry_import: RegistryImport, now: datetime) -> RegistryImport:
    """The dry run of an UPLOADED import (in the worker): PREVIEWED with a summary, or INVALID with every error."""
    if registry_import.status != Status.UPLOADED:
        return registry_import
    with registry_import.file.open("rb") as stored:
        content = stored.read()
    preview = agency_import_preview(
        content=content,
        filename=registry_import.original_name,
        today=timezone.localdate(now),
        file_format=registry_import.file_format,
        deactivate_missing=registry_import.deactivate_missing,
    )
    data = {
        "status": Status.INVALID if preview.errors else Status.PREVIEWED,
        "summary": import_summary(preview),
        "errors": _errors_json(preview.errors),
    }
    RegistryImport.objects.filter(pk=registry_import.pk, status=Status.UPLOADED).update(**data)
    registry_import.refresh_from_db()
    return registry_import


def registry_import_schedule(
    *, registry_import: RegistryImport, acting_user: User | None, now: datetime
) -> RegistryImport:
    """Apply now, or queue a Celery task when the file has more rows than CSMA_IMPORT_SYNC_MAX_ROWS."""
    if registry_import.status != Status.PREVIEWED:
        raise ValidationError(str(IMPORT_NOT_READY).format(status=registry_import.get_status_display()))
    if registry_import.summary.get("rows", 0) <= settings.CSMA_IMPORT_SYNC_MAX_ROWS:
        return registry_import_apply(registry_import=registry_import, acting_user=acting_user, now=now)
    with transaction.atomic():
        queued = RegistryImport.objects.filter(pk=registry_import.pk, status=Status.PREVIEWED).update(
            status=Status.QUEUED, progress_done=0, progress_total=summary_change_count(registry_import.summary)
        )
        if not queued:
            raise ValidationError(str(IMPORT_NOT_READY).format(status=registry_import.get_status_display()))
        registry_import_apply_task.delay_on_commit(import_id=registry_import.pk, user_id=user_pk(acting_user))
    registry_import.refresh_from_db()
    return registry_import


def summary_change_count(summary: dict) -> int:
    """Agencies an import summary creates, updates or deactivates (the progress bar's total)."""
    return sum(summary.get(name, 0) for name in ("create", "update", "deactivate"))


def registry_import_apply(
    *,
    registry_import: RegistryImport,
    acting_user: User | None,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> RegistryImport:
    """Re-read the stored file, then re-plan against the current registry and apply in one transaction.

    Progress other connections can see: RUNNING with the total is committed before the work, the done count
    with APPLIED after it (SQLite allows one writer, so nothing can be committed in between). ``now``: when the
    run starts (started_at, the events, the levels' decision time); finished_at is read when it ends.
    """
    _claim(registry_import=registry_import, acting_user=acting_user, now=now)
    try:
        preview, result = _apply_stored(registry_import, acting_user=acting_user, now=now, progress=progress)
    except Exception as error:
        _finish(
            registry_import,
            status=Status.FAILED,
            errors=[{"row": None, "column": "", "message": str(APPLY_FAILED).format(error=error)}],
        )
        raise
    if result is None:
        return _finish(
            registry_import, status=Status.FAILED, summary=import_summary(preview), errors=_errors_json(preview.errors)
        )
    return _finish(
        registry_import, status=Status.APPLIED, errors=[], summary={**import_summary(preview), "result": asdict(result)}
    )


def _claim(*, registry_import: RegistryImport, acting_user: User | None, now: datetime) -> None:
    """PREVIEWED/QUEUED → RUNNING in one conditional UPDATE, so that an import is applied only once."""
    claimed = RegistryImport.objects.filter(pk=registry_import.pk, status__in=[Status.PREVIEWED, Status.QUEUED]).update(
        status=Status.RUNNING,
        started_at=now,
        applied_by=acting_user,
        progress_done=0,
        progress_total=summary_change_count(registry_import.summary),
    )
    if not claimed:
        registry_import.refresh_from_db()
        raise ValidationError(str(IMPORT_NOT_READY).format(status=registry_import.get_status_display()))
    registry_import.refresh_from_db()


def _apply_stored(
    registry_import: RegistryImport, *, acting_user: User | None, now: datetime, progress
) -> tuple[ImportPreview, ImportResult | None]:
    """Read and validate outside the transaction (no database), plan and apply inside it (consistent)."""
    with registry_import.file.open("rb") as stored:
        content = stored.read()
    if sha256(content).hexdigest() != registry_import.sha256:
        return ImportPreview(file_format="", rows=0, plan=None, errors=(RowError(None, "", str(FILE_CHANGED)),)), None
    read = _read_rows(content=content, filename=registry_import.original_name, file_format=registry_import.file_format)
    if read.errors:
        return read, None  # a stored file that validated once: read errors mean it changed (checksum aside)
    with transaction.atomic():
        preview = _planned(read, deactivate_missing=registry_import.deactivate_missing, today=timezone.localdate(now))
        if preview.errors:
            return preview, None
        return preview, agency_import_apply(
            plan=preview.plan,
            acting_user=acting_user,
            now=now,
            registry_import=registry_import,
            channel=Channel.IMPORT,
            progress=progress,
        )


def _finish(
    registry_import: RegistryImport, *, status: str, errors: list, summary: dict | None = None
) -> RegistryImport:
    data = {
        "status": status,
        "errors": errors,
        "finished_at": clock.now(),  # the end of a long run, read when it ends (common/clock.py)
        "summary": summary if summary is not None else registry_import.summary,
    }
    if status == Status.APPLIED:
        data["progress_done"] = data["progress_total"] = summary_change_count(data["summary"])
    registry_import, _changes = model_update(instance=registry_import, fields=list(data), data=data)
    return registry_import
