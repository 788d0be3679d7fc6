"""Pure obligations rules: lead times here; statuses and their transitions in workflow.py; due dates in
timing.py; file checks in common/uploads.py."""

from datetime import date, timedelta

from obligations.rules.workflow import (  # noqa: F401 — the statuses and their machines live in workflow.py
    EXEMPTABLE_STATUSES,
    FILING_LOCKED_STATUSES,
    OWED_STATUSES,
    SUBMITTABLE_STATUSES,
    SUPERSEDABLE_STATUSES,
    EvidenceReview,
    FilingStatus,
    ObligationStatus,
)

DUE_SOON_DAYS = 30  # "due soon" on pages: due within 30 days
REMINDER_DAYS_BEFORE = (30, 7, 1)  # seed of ReminderLeadTime: reminders to the agency (issue 4)
ESCALATION_DAYS_AFTER = (1, 7, 30)  # seed of ReminderLeadTime: overdue escalation to the reviewer
DEFAULT_FILING_MONTH, DEFAULT_FILING_DAY = 3, 31  # end of March [S] (CSMA.md §7.2)
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
PLAN_SECTIONS = 13  # 施行細則 2021 Art 6 ¶1
EXEMPTION_BASIS_DEFAULT = "資通安全責任等級分級辦法第11條第3項"


# Display statuses (issue 4): stored status, or for owed rows the date-derived one.
UPCOMING, DUE_SOON, OVERDUE = "upcoming", "due_soon", "overdue"


def display_status(*, status: str, due_on: date, today: date) -> str:
    if status in OWED_STATUSES and due_on < today:
        return OVERDUE
    if status == ObligationStatus.OPEN:
        return DUE_SOON if due_on <= today + timedelta(days=DUE_SOON_DAYS) else UPCOMING
    return status


def reminder_dates(*, today: date, days_before=REMINDER_DAYS_BEFORE) -> dict[date, int]:
    """Due dates that get a reminder today → days before."""
    return {today + timedelta(days=days): days for days in days_before}


def escalation_dates(*, today: date, days_after=ESCALATION_DAYS_AFTER) -> dict[date, int]:
    """Due dates whose overdue obligations are escalated today → days overdue."""
    return {today - timedelta(days=days): days for days in days_after}


def filing_nominal_due(*, kind: str, year: int, month: int, day: int) -> date:
    """A plan is due in its own year; the implementation report of ``year`` in the following year."""
    import calendar

    due_year = year + 1 if kind == "report" else year
    return date(due_year, month, min(day, calendar.monthrange(due_year, month)[1]))
