"""Who gets reminders: an agency's officers (act_for_agency) and current security contacts; for escalations,
its reviewers (superior agency / sector regulator staff; competent-authority staff when it has none)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Q

from access import policy
from access.models import AgencyUserObjectPermission
from infrastructure.models import Agency, AgencyContact
from infrastructure.rules import PATH_SEPARATOR
from obligations.models import AdHocAssignment, NotificationPreference, Obligation, ReminderDigest, Requirement

DEFAULT_LANGUAGE = "zh-hant"


@dataclass(frozen=True)
class Recipient:
    email: str
    user_id: int | None
    language: str


def obligations_due_on(*, days: list[date], statuses) -> list[dict]:
    """The owed obligations due on ``days``, in due-date order, each with its agency's name, path and regulator
    and its item's title. The obligations are read without joins and their agencies and items once each: the
    national scan reads ~20,000 obligations of ~8,000 agencies and a few hundred items (bench_obligations.py),
    and a joined row per obligation repeated every name."""
    rows = list(
        Obligation.objects.filter(due_on__in=days, status__in=statuses)
        .values("pk", "agency_id", "due_on", "status", "requirement_id", "adhoc_id")
        .order_by("due_on", "pk")
    )
    agencies = {
        pk: (name, path, regulator_id)
        for pk, name, path, regulator_id in Agency.objects.filter(
            pk__in=Obligation.objects.filter(due_on__in=days, status__in=statuses).values("agency_id")
        ).values_list("pk", "name", "path", "regulator_id")
    }
    items = {
        pk: (zh, en)
        for pk, zh, en in Requirement.objects.filter(
            pk__in={row["requirement_id"] for row in rows if row["requirement_id"]}
        ).values_list("pk", "item_zh", "item_en")
    }
    titles = dict(
        AdHocAssignment.objects.filter(pk__in={row["adhoc_id"] for row in rows if row["adhoc_id"]}).values_list(
            "pk", "title"
        )
    )
    for row in rows:
        row["agency__name"], row["agency__path"], row["agency__regulator_id"] = agencies[row["agency_id"]]
        row["requirement__item_zh"], row["requirement__item_en"] = items.get(row.pop("requirement_id"), (None, None))
        row["adhoc__title"] = titles.get(row.pop("adhoc_id"))
    return rows


def _languages(user_ids) -> dict[int, str]:
    return dict(NotificationPreference.objects.filter(user_id__in=user_ids).values_list("user_id", "language"))


def _grants(codename: str, **filters):
    return (
        AgencyUserObjectPermission.objects.filter(permission__codename=codename, user__is_active=True, **filters)
        .exclude(user__email="")
        .values_list("content_object_id", "content_object__path", "user_id", "user__email")
    )


def agency_recipients(*, agency_ids, on: date) -> dict[int, list[Recipient]]:
    """The officers and current security contacts of ``agency_ids``. Every grant and current contact is read
    and the agencies picked in Python: at national scale ``agency_ids`` holds most agencies, and an
    ``IN (…8,000 ids)`` clause cost more to build than the rows it left out (bench_obligations.py)."""
    wanted = set(agency_ids)
    rows = [row for row in _grants(policy.ACT_FOR_AGENCY) if row[0] in wanted]
    languages = _languages({user_id for _a, _p, user_id, _e in rows})
    result: dict[int, list[Recipient]] = defaultdict(list)
    for agency_id, _path, user_id, email in rows:
        result[agency_id].append(Recipient(email.lower(), user_id, languages.get(user_id, DEFAULT_LANGUAGE)))
    contacts = (
        AgencyContact.objects.filter(
            valid_from__lte=on,
            role__in=[AgencyContact.Role.SECURITY_OFFICER, AgencyContact.Role.CISO],
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .exclude(email="")
        .values_list("agency_id", "email")
    )
    for agency_id, email in contacts:
        if agency_id not in wanted:
            continue
        result[agency_id].append(Recipient(email.lower(), None, DEFAULT_LANGUAGE))
    return result


def reviewer_recipients(*, agencies: list[tuple[int, str, int | None]]) -> dict[int, list[Recipient]]:
    """``agencies``: (id, path, regulator id). Superior-agency and sector-regulator staff, else the
    competent authority's staff (holders of the global review permission who are not superusers). The
    grants are read once and looked up by each agency's ancestor paths (its path's prefixes), not scanned
    per agency."""
    superiors = list(_grants(policy.SUPERVISE_SUBTREE))
    regulators = list(_grants(policy.REGULATE_SECTOR))
    fallback = _global_reviewers()
    languages = _languages({row[2] for row in superiors + regulators} | {r.user_id for r in fallback})

    def recipient(user_id: int, email: str) -> Recipient:
        return Recipient(email.lower(), user_id, languages.get(user_id, DEFAULT_LANGUAGE))

    by_path: dict[str, list[tuple[int, Recipient]]] = defaultdict(list)
    for granted_id, granted_path, user_id, email in superiors:
        by_path[granted_path].append((granted_id, recipient(user_id, email)))
    by_regulator: dict[int, list[Recipient]] = defaultdict(list)
    for granted_id, _p, user_id, email in regulators:
        by_regulator[granted_id].append(recipient(user_id, email))
    competent = [Recipient(r.email, r.user_id, languages.get(r.user_id, DEFAULT_LANGUAGE)) for r in fallback]
    result: dict[int, list[Recipient]] = {}
    for agency_id, path, regulator_id in agencies:
        found = [
            found
            for prefix in _prefixes(path)
            for granted_id, found in by_path.get(prefix, ())
            if granted_id != agency_id
        ]
        found += by_regulator.get(regulator_id, [])
        result[agency_id] = found or competent
    return result


def _prefixes(path: str) -> list[str]:
    """'00000001.00000002.' → ['00000001.', '00000001.00000002.'] (the agency's and its ancestors' paths)."""
    ends = [index + 1 for index, char in enumerate(path) if char == PATH_SEPARATOR]
    return [path[:end] for end in ends]


def digest_emails_of(*, day: date) -> set[str]:
    """Who already has a digest row for ``day`` (a second run that day writes none for them)."""
    return set(ReminderDigest.objects.filter(day=day).values_list("email", flat=True))


def _global_reviewers() -> list[Recipient]:
    perm = Q(codename="review_obligation", content_type__app_label="obligations")
    from django.contrib.auth.models import Permission

    permission = Permission.objects.filter(perm).first()
    users = (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False)
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .exclude(email="")
        .distinct()
        .values_list("pk", "email")
    )
    return [Recipient(email.lower(), pk, DEFAULT_LANGUAGE) for pk, email in users]


def reminder_lead_times() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(days before the due date, days after it) configured by administrators."""
    from obligations.models import ReminderLeadTime

    rows = list(ReminderLeadTime.objects.values_list("kind", "days"))
    before = tuple(days for kind, days in rows if kind == ReminderLeadTime.Kind.BEFORE_DUE)
    after = tuple(days for kind, days in rows if kind == ReminderLeadTime.Kind.AFTER_DUE)
    return before, after
