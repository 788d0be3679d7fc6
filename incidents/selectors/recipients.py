"""Who is told: the agency's officers, its reviewers (superior agency or sector regulator) and the
competent authority. Read from the role grants (access), a constant number of queries."""

from django.contrib.auth import get_user_model

from access import policy, supervision
from access.models import AgencyUserObjectPermission
from infrastructure.models import Agency


def _emails(user_ids) -> list[str]:
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _holders(codename: str, agency_ids) -> list[int]:
    return list(
        AgencyUserObjectPermission.objects.filter(
            permission__codename=codename, content_object_id__in=list(agency_ids)
        ).values_list("user_id", flat=True)
    )


def reviewer_user_ids(agency: Agency) -> list[int]:
    """The staff of the body that reviews the agency's incidents (access.supervision)."""
    return supervision.reviewer_user_ids(agency)


def reviewer_emails(agency: Agency) -> list[str]:
    return _emails(reviewer_user_ids(agency))


def officer_emails(agency: Agency) -> list[str]:
    return _emails(_holders(policy.ACT_FOR_AGENCY, [agency.pk]))


def competent_authority_emails() -> list[str]:
    users = (
        get_user_model()
        .objects.filter(groups__name=policy.group_name(policy.Role.COMPETENT_AUTHORITY), is_active=True)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))
