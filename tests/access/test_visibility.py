import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from access import grants, policy
from access.models import AccessEvent, RoleAssignment
from access.selectors import agencies_visible_to, user_has_agency_perm

pytestmark = pytest.mark.django_db

ALL = {"行政院", "財政部", "財政部臺北國稅局", "經濟部", "台灣電力股份有限公司", "臺灣銀行", "臺北市立大安國民小學"}
EXPECTED_VISIBLE = {
    "admin": ALL,
    "moda": ALL,
    "moea": {"經濟部", "台灣電力股份有限公司"},
    # superior-agency staff see the government subtree; 臺灣銀行 (regulated by 財政部) needs a sector-regulator role
    "mof": {"財政部", "財政部臺北國稅局"},
    "officer": {"財政部臺北國稅局"},
    "viewer": {"臺北市立大安國民小學"},
    "auditor": set(),
    "observer": set(),
    "nobody": set(),
}


@pytest.mark.parametrize("username", sorted(EXPECTED_VISIBLE))
def test_each_role_sees_exactly_its_agencies(users, username):
    visible = set(agencies_visible_to(user=users[username]).values_list("name", flat=True))
    assert visible == EXPECTED_VISIBLE[username]


def test_visibility_of_a_subtree_is_one_list_query_after_the_scope(users, world):
    user = users["mof"]
    agencies_visible_to(user=user).count()  # warms the per-request scope
    with CaptureQueriesContext(connection) as queries:
        names = list(agencies_visible_to(user=user).values_list("name", flat=True))
    assert len(queries) == 1
    assert len(names) == 2


@pytest.mark.parametrize(
    ("username", "codename", "agency", "allowed"),
    [
        ("officer", policy.ACT_FOR_AGENCY, "tax", True),
        ("officer", policy.ACT_FOR_AGENCY, "finance", False),
        ("mof", policy.PROPOSE_LEVEL, "tax", True),  # inherited down the subtree
        ("mof", policy.PROPOSE_LEVEL, "economy", False),
        ("moea", policy.DESIGNATE_CI, "power", True),  # through the regulator link
        ("moea", policy.DESIGNATE_CI, "bank", False),
        ("viewer", policy.ACT_FOR_AGENCY, "school", False),
        ("moda", policy.PROPOSE_LEVEL, "school", True),  # global permission
        ("nobody", policy.VIEW, "school", False),
    ],
)
def test_agency_permission_checks(users, world, username, codename, agency, allowed):
    assert user_has_agency_perm(user=users[username], codename=codename, agency=world[agency]) is allowed


def test_grant_and_revoke_write_events_and_keep_other_roles(users, world):
    officer = users["officer"]
    second = grants.role_grant(
        user=officer,
        role=policy.Role.AGENCY_VIEWER,
        agency=world["tax"],
        acting_user=users["admin"],
        now=timezone.now(),
    )
    grants.role_revoke(assignment=second, now=timezone.now(), acting_user=users["admin"])
    officer = type(officer).objects.get(pk=officer.pk)  # fresh permission caches
    assert user_has_agency_perm(user=officer, codename=policy.VIEW, agency=world["tax"]) is True
    assert RoleAssignment.objects.get(pk=second.pk).revoked_at is not None
    kinds = list(AccessEvent.objects.filter(subject_user=officer).order_by("id").values_list("kind", flat=True))
    assert kinds == ["granted", "granted", "revoked"]


def test_granting_the_same_role_twice_is_one_assignment(users, world):
    again = grants.role_grant(
        user=users["officer"], role=policy.Role.SECURITY_OFFICER, agency=world["tax"], now=timezone.now()
    )
    assert RoleAssignment.objects.filter(user=users["officer"]).count() == 1
    assert again.pk == RoleAssignment.objects.get(user=users["officer"]).pk


def test_scoped_role_without_agency_is_refused(users):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        grants.role_grant(user=users["nobody"], role=policy.Role.SECURITY_OFFICER, now=timezone.now())
    assert RoleAssignment.objects.filter(user=users["nobody"]).exists() is False
