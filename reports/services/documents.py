"""Drafts, issuing, corrections, direct generation, verification and download logging of reports.

An issued report is immutable: its bytes, hash and snapshot are written once; a correction is a new
version (with its reason) that supersedes it, and both stay listed.
"""

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from reports import snapshot
from reports.builders.dispatch import build_for, report_number
from reports.models import GeneratedReport, ReportEvent
from reports.rendering import render
from reports.services.events import report_event

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ALREADY_ISSUED = _("This report has been issued and can no longer be changed; start a correction instead.")
NOT_ISSUED = _("Only an issued report can be corrected.")
NOT_LATEST = _("Only the latest issued version can be corrected.")
REASON_REQUIRED = _("Give the reason for the correction.")
DRAFT_EXISTS = _("A draft of this report is already open.")


def _next_version(subject_key: str, year: int | None, language: str) -> int:
    found = GeneratedReport.objects.filter(subject_key=subject_key, year=year, language=language).aggregate(
        v=Max("version")
    )
    return (found["v"] or 0) + 1


@transaction.atomic
def report_draft_open(
    *,
    kind: str,
    subject_key: str,
    subject: str,
    year: int | None,
    language: str,
    acting_user: "User | None",
    params: dict,
    now: datetime,
    sector_id=None,
    agency=None,
    incident=None,
    channel: str = "web",
) -> GeneratedReport:
    draft = GeneratedReport.objects.filter(
        subject_key=subject_key, year=year, language=language, status="draft"
    ).first()
    if draft is not None:
        return draft
    latest = (
        GeneratedReport.objects.filter(subject_key=subject_key, year=year, language=language)
        .order_by("-version")
        .first()
    )
    if kind == "sector" and latest is not None and latest.is_issued:
        raise ValidationError(ALREADY_ISSUED)
    fields = {"kind": kind, "subject_key": subject_key, "subject": subject, "year": year, "language": language}
    fields |= {"params": params, "sector_id": sector_id, "agency": agency, "incident": incident}
    return _new_draft(fields, acting_user=acting_user, channel=channel, now=now)


def _new_draft(fields: dict, *, now: datetime, acting_user, channel: str) -> GeneratedReport:
    """Two concurrent opens: the partial unique constraint lets one create the draft; the other gets it."""
    draft = GeneratedReport(**fields, created_by=acting_user, channel=channel)
    draft.version = _next_version(draft.subject_key, draft.year, draft.language)
    draft.full_clean()
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError:
        return GeneratedReport.objects.get(
            subject_key=draft.subject_key, year=draft.year, language=draft.language, status="draft"
        )
    report_event(
        ReportEvent.Kind.DRAFT_CREATED,
        actor=acting_user,
        report=draft,
        channel=channel,
        data={"version": draft.version},
        now=now,
    )
    return draft


@transaction.atomic
def report_draft_save(
    *,
    now: datetime,
    report: GeneratedReport,
    observations: str,
    recommendations: str,
    agency_notes: list[dict],
    acting_user: "User | None",
    channel: str = "web",
) -> GeneratedReport:
    report = GeneratedReport.objects.select_for_update().get(pk=report.pk)
    if report.is_issued:
        raise ValidationError(ALREADY_ISSUED)
    before = {
        "observations": report.observations,
        "recommendations": report.recommendations,
        "agency_notes": report.agency_notes,
    }
    report.observations, report.recommendations, report.agency_notes = observations, recommendations, agency_notes
    report.full_clean()
    report.save(update_fields=["observations", "recommendations", "agency_notes", "updated_at"])
    after = {"observations": observations, "recommendations": recommendations, "agency_notes": agency_notes}
    report_event(
        ReportEvent.Kind.DRAFT_SAVED,
        actor=acting_user,
        report=report,
        channel=channel,
        data={"before": before, "after": after},
        now=now,
    )
    return report


def report_preview(
    *, report: GeneratedReport, acting_user: "User | None", now: datetime, channel: str = "web"
) -> bytes:
    """The draft as it would print (marked DRAFT, no number); nothing is stored but the event."""
    pdf = render(report.kind, build_for(report, now=now, is_draft=True))
    report_event(
        ReportEvent.Kind.PREVIEWED,
        actor=acting_user,
        report=report,
        channel=channel,
        data={"sha256": hashlib.sha256(pdf).hexdigest(), "size": len(pdf)},
        now=now,
    )
    return pdf


@transaction.atomic
def report_issue(
    *, report: GeneratedReport, acting_user: "User | None", now: datetime, channel: str = "web"
) -> GeneratedReport:
    report = (
        GeneratedReport.objects.select_for_update(of=("self",))
        .select_related("supersedes", "agency", "incident")
        .get(pk=report.pk)
    )
    if report.is_issued:
        raise ValidationError(ALREADY_ISSUED)
    report.number = report_number(report)
    data = build_for(report, now=now, is_draft=False)
    pdf = render(report.kind, data)
    report.snapshot = snapshot.dump(data)
    report.sha256, report.size = hashlib.sha256(pdf).hexdigest(), len(pdf)
    report.file.save(report.filename, ContentFile(pdf), save=False)
    report.status, report.generated_by, report.generated_at = GeneratedReport.Status.ISSUED, acting_user, now
    report.full_clean()
    report.save()
    report_event(
        ReportEvent.Kind.ISSUED,
        actor=acting_user,
        report=report,
        channel=channel,
        data={"number": report.number, "sha256": report.sha256, "size": report.size, "params": report.params},
        now=now,
    )
    return report


@transaction.atomic
def report_correct(
    *, report: GeneratedReport, reason: str, acting_user: "User | None", now: datetime, channel: str = "web"
) -> GeneratedReport:
    """A new draft version superseding ``report`` (the latest issued), with the reason printed on its cover."""
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    report = GeneratedReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_issued:
        raise ValidationError(NOT_ISSUED)
    siblings = GeneratedReport.objects.filter(
        subject_key=report.subject_key, year=report.year, language=report.language
    )
    if siblings.filter(status="draft").exists():
        raise ValidationError(DRAFT_EXISTS)
    if siblings.filter(version__gt=report.version).exists():
        raise ValidationError(NOT_LATEST)
    draft = GeneratedReport(
        kind=report.kind,
        subject_key=report.subject_key,
        subject=report.subject,
        year=report.year,
        language=report.language,
        params=report.params,
        sector=report.sector,
        agency=report.agency,
        incident=report.incident,
        version=report.version + 1,
        supersedes=report,
        correction_reason=reason.strip(),
        observations=report.observations,
        recommendations=report.recommendations,
        agency_notes=report.agency_notes,
        created_by=acting_user,
        channel=channel,
    )
    draft.full_clean()
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError:
        raise ValidationError(DRAFT_EXISTS) from None
    report_event(
        ReportEvent.Kind.CORRECTION_OPENED,
        actor=acting_user,
        report=draft,
        channel=channel,
        data={"supersedes": report.number, "reason": draft.correction_reason},
        now=now,
    )
    return draft


def sector_report_for_export(
    *, subject: dict, acting_user: "User | None", now: datetime, channel: str = "web"
) -> GeneratedReport:
    """Idempotent: the latest issued version if there is one, else the open draft (with its observations)
    or a new one, issued now."""
    siblings = GeneratedReport.objects.filter(
        subject_key=subject["subject_key"], year=subject["year"], language=subject["language"]
    ).order_by("-version")
    latest = siblings.first()
    if latest is not None and latest.is_issued:
        return latest
    return report_generate(acting_user=acting_user, now=now, channel=channel, **subject)


def report_generate(*, acting_user: "User | None", now: datetime, channel: str = "web", **subject) -> GeneratedReport:
    """Open (or reuse) the draft and issue it at once: scorecards, national, subtree and incident PDFs."""
    with transaction.atomic():
        draft = report_draft_open(acting_user=acting_user, now=now, channel=channel, **subject)
        return report_issue(report=draft, acting_user=acting_user, now=now, channel=channel)


def report_rerender_matches(*, report: GeneratedReport) -> bool:
    """Re-render the stored snapshot: the bytes must hash to the stored SHA-256."""
    data = snapshot.snapshot_load(report.kind, report.snapshot)
    return hashlib.sha256(render(report.kind, data)).hexdigest() == report.sha256


def report_verify(
    *, now: datetime, acting_user: "User | None", sha256: str = "", content: bytes | None = None, channel: str = "web"
) -> GeneratedReport | None:
    """Is this file (or hash) one we issued? Logged either way."""
    digest = hashlib.sha256(content).hexdigest() if content is not None else sha256.strip().lower()
    found = GeneratedReport.objects.filter(sha256=digest, status="issued").first() if digest else None
    with transaction.atomic():
        report_event(
            ReportEvent.Kind.VERIFIED,
            actor=acting_user,
            report=found,
            channel=channel,
            data={"sha256": digest, "found": found is not None, "uploaded": content is not None},
            now=now,
        )
    return found


def report_download_log(
    *, now: datetime, report: GeneratedReport, acting_user: "User | None", channel: str = "web"
) -> None:
    with transaction.atomic():
        report_event(
            ReportEvent.Kind.DOWNLOADED,
            actor=acting_user,
            report=report,
            channel=channel,
            data={"sha256": report.sha256, "number": report.number},
            now=now,
        )
