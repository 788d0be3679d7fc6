"""Evidence submission and review; exemption. Files are checked by content before anything is written."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.uploads import (
    DOCUMENTS,
    CheckedUpload,
    UploadRefused,
    base_name,
    upload_check,
    upload_check_size,
    upload_store,
)
from obligations import rules
from obligations.models import EvidenceFile, EvidenceSubmission, Obligation
from obligations.rules import workflow
from obligations.services.events import Kind, record_event

if TYPE_CHECKING:
    from django.contrib.auth.models import User

EVIDENCE_SUBMITTED_MEANWHILE = gettext_lazy(
    "Evidence for this obligation has just been submitted (perhaps by someone else) and awaits review: reload the page."
)
EVIDENCE_ALREADY_REVIEWED = gettext_lazy(
    "This submission has already been reviewed (perhaps by someone else just now): reload the page."
)

ALREADY_EXEMPT = gettext_lazy(
    "This obligation has already been exempted (perhaps by someone else just now): reload the page."
)
EVIDENCE_NOT_SUBMITTABLE = gettext_lazy("Evidence cannot be submitted for an obligation that is “%(current)s”.")
NOT_EXEMPTABLE = gettext_lazy("Only an open, submitted or returned obligation can be exempted.")

Status, Review = rules.ObligationStatus, rules.EvidenceReview


def evidence_max_bytes() -> int:
    return getattr(settings, "CSMA_EVIDENCE_MAX_BYTES", rules.EVIDENCE_MAX_BYTES)


def evidence_check_files(*, uploads) -> list[CheckedUpload]:
    """Read and check every upload (size, type by magic bytes, matching extension); raise before any write."""
    limit, checked, errors = evidence_max_bytes(), [], []
    for upload in uploads:
        name = base_name(upload.name)
        try:
            upload_check_size(size=upload.size, max_bytes=limit)  # before reading it
        except UploadRefused:
            errors.append(
                _("“%(name)s” is %(size)s MB; the limit is %(limit)s MB.")
                % {"name": name, "size": f"{upload.size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"}
            )
            continue
        try:
            checked.append(upload_check(name=name, content=upload.read(), allowed=DOCUMENTS, max_bytes=limit))
        except UploadRefused:
            errors.append(
                _(
                    "“%(name)s” is not an accepted file: upload PDF, PNG or JPEG files, or Office "
                    "(docx, xlsx, pptx) or ODF (odt, ods, odp) documents whose content matches the "
                    "file name."
                )
                % {"name": name}
            )
    if errors:
        raise ValidationError(errors)
    if not checked:
        raise ValidationError(_("Attach at least one file."))
    return checked


@transaction.atomic
def evidence_submit(
    *,
    obligation: Obligation,
    uploads,
    acting_user: User,
    now: datetime,
    statement: str = "",
    performed_on: date | None = None,
    valid_until: date | None = None,
    channel: str = "web",
) -> EvidenceSubmission:
    checked = evidence_check_files(uploads=uploads)
    obligation = Obligation.objects.select_for_update(no_key=True).get(pk=obligation.pk)
    # Found submitted on the locked row: someone else submitted while this upload was on its way.
    workflow.OBLIGATION.ensure_transition(
        obligation.status, Status.SUBMITTED, already=EVIDENCE_SUBMITTED_MEANWHILE, refused=EVIDENCE_NOT_SUBMITTABLE
    )
    number = (obligation.submissions.aggregate(last=Max("number"))["last"] or 0) + 1
    submission = EvidenceSubmission.objects.create(
        obligation=obligation,
        number=number,
        statement=statement.strip(),
        performed_on=performed_on,
        valid_until=valid_until,
        submitted_by=acting_user,
        submitted_at=now,
    )
    for item in checked:
        _store(submission, item)
    before = obligation.status
    _set_status(obligation, Status.SUBMITTED, now=now)
    record_event(
        Kind.EVIDENCE_SUBMITTED,
        actor=acting_user,
        channel=channel,
        agency_id=obligation.agency_id,
        obligation=obligation,
        submission=submission,
        data={
            "before": {"status": before},
            "after": {"status": Status.SUBMITTED},
            "files": [item.name for item in checked],
            "number": number,
        },
        now=now,
    )
    return submission


def _store(submission: EvidenceSubmission, item: CheckedUpload) -> EvidenceFile:
    stored = EvidenceFile(
        submission=submission,
        original_name=item.name[:255],
        content_type=item.file_type.content_type,
        size=item.size,
        sha256=item.sha256,
    )
    upload_store(stored.file, item, name_by="random")
    stored.save()
    return stored


def _set_status(obligation: Obligation, status: str, *, now: datetime, fields: tuple[str, ...] = ()) -> None:
    """The step was checked (``ensure_transition``) on this locked row."""
    obligation.status, obligation.status_changed_at = status, now
    obligation.save(update_fields=["status", "status_changed_at", "updated_at", *fields])


@transaction.atomic
def evidence_review(
    *,
    submission: EvidenceSubmission,
    accept: bool,
    acting_user: User,
    now: datetime,
    reason: str = "",
    channel: str = "web",
) -> EvidenceSubmission:
    submission = (
        EvidenceSubmission.objects.select_for_update(no_key=True).select_related("obligation").get(pk=submission.pk)
    )
    obligation = submission.obligation
    review, after = (Review.ACCEPTED, Status.ACCEPTED) if accept else (Review.RETURNED, Status.RETURNED)
    # Reviewed (or the obligation exempted) meanwhile: every refusal on the fresh rows is someone else's step.
    workflow.EVIDENCE.ensure_transition(
        submission.review, review, taken=Review.values, already=EVIDENCE_ALREADY_REVIEWED
    )
    workflow.OBLIGATION.ensure_transition(
        obligation.status, after, taken=Status.values, already=EVIDENCE_ALREADY_REVIEWED
    )
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for returning the evidence.")})
    submission.review = review
    submission.reviewed_by, submission.reviewed_at, submission.review_reason = acting_user, now, reason.strip()
    submission.save(update_fields=["review", "reviewed_by", "reviewed_at", "review_reason", "updated_at"])
    _set_status(obligation, after, now=now)
    record_event(
        Kind.EVIDENCE_ACCEPTED if accept else Kind.EVIDENCE_RETURNED,
        actor=acting_user,
        channel=channel,
        agency_id=obligation.agency_id,
        obligation=obligation,
        submission=submission,
        data={"before": {"status": Status.SUBMITTED}, "after": {"status": after}, "reason": reason.strip()},
        now=now,
    )
    return submission


@transaction.atomic
def obligation_exempt(
    *,
    obligation: Obligation,
    legal_basis: str,
    acting_user: User,
    now: datetime,
    reason: str = "",
    channel: str = "web",
) -> Obligation:
    """Exempt an item (分級辦法 Art 11 ¶3: infeasible, with the approving agency's consent)."""
    obligation = Obligation.objects.select_for_update(no_key=True).get(pk=obligation.pk)
    workflow.OBLIGATION.ensure_transition(
        obligation.status, Status.EXEMPT, already=ALREADY_EXEMPT, refused=NOT_EXEMPTABLE
    )
    if not legal_basis.strip():
        raise ValidationError({"legal_basis": _("Give the legal basis of the exemption.")})
    before = obligation.status
    obligation.exempt_basis = legal_basis.strip()[:300]
    _set_status(obligation, Status.EXEMPT, now=now, fields=("exempt_basis",))
    record_event(
        Kind.EXEMPTED,
        actor=acting_user,
        channel=channel,
        agency_id=obligation.agency_id,
        obligation=obligation,
        data={
            "before": {"status": before},
            "after": {"status": Status.EXEMPT, "legal_basis": legal_basis.strip()},
            "reason": reason.strip(),
        },
        now=now,
    )
    return obligation
