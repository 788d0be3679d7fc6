"""The obligations' state machines: an obligation, an evidence submission's review and an annual filing.
Pure. Each is the shared shape of common/workflow.py: the states (used as the models' choices), the table of
allowed next states, and ``ensure_transition`` that every service runs on the locked row."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.workflow import Workflow


class ObligationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")
    EXEMPT = "exempt", _("Exempt")
    SUPERSEDED = "superseded", _("Superseded")


class EvidenceReview(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class FilingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


OS = ObligationStatus
# Evidence is submitted, then accepted or returned (a returned item is submitted again); an item the agency
# still owes — or one awaiting review — may be exempted (分級辦法 Art 11 ¶3); a level change supersedes
# what is still owed (the new level's items replace it). Accepted, exempt and superseded are final.
OBLIGATION = Workflow(
    ObligationStatus,
    {
        OS.OPEN: {OS.SUBMITTED, OS.EXEMPT, OS.SUPERSEDED},
        OS.SUBMITTED: {OS.ACCEPTED, OS.RETURNED, OS.EXEMPT},
        OS.RETURNED: {OS.SUBMITTED, OS.EXEMPT, OS.SUPERSEDED},
        OS.ACCEPTED: set(),
        OS.EXEMPT: set(),
        OS.SUPERSEDED: set(),
    },
    refused=_("An obligation that is “%(current)s” cannot become “%(new)s”."),
)

# A submission is reviewed once, as a whole; a returned item is answered by a new submission.
EVIDENCE = Workflow(
    EvidenceReview,
    {
        EvidenceReview.PENDING: {EvidenceReview.ACCEPTED, EvidenceReview.RETURNED},
        EvidenceReview.ACCEPTED: set(),
        EvidenceReview.RETURNED: set(),
    },
    refused=_("A submission that is “%(current)s” cannot become “%(new)s”."),
)

FS = FilingStatus
# A draft is submitted and then accepted or returned; a returned filing is revised as a new version (a new
# draft row), so returned and accepted are final for their row.
FILING = Workflow(
    FilingStatus,
    {FS.DRAFT: {FS.SUBMITTED}, FS.SUBMITTED: {FS.ACCEPTED, FS.RETURNED}, FS.ACCEPTED: set(), FS.RETURNED: set()},
    refused=_("A filing that is “%(current)s” cannot become “%(new)s”."),
)

OWED_STATUSES = frozenset({OS.OPEN, OS.RETURNED})  # the agency still has to act
SUBMITTABLE_STATUSES = OBLIGATION.sources(OS.SUBMITTED)
EXEMPTABLE_STATUSES = OBLIGATION.sources(OS.EXEMPT)
SUPERSEDABLE_STATUSES = OBLIGATION.sources(OS.SUPERSEDED)
FILING_LOCKED_STATUSES = frozenset({FS.SUBMITTED, FS.ACCEPTED})  # no new draft until it is returned
