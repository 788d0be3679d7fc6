import pytest
from auditlog.models import LogEntry

from access.models import AccessEvent, RoleAssignment
from tests.conftest import otp_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, users):
    """The `users` administrator (a superuser through its role), verified with a second factor."""
    return otp_verify(client, users["admin"])


def test_granting_a_role_in_the_admin_goes_through_grants(admin_client, users, world):
    response = admin_client.post(
        "/admin/access/roleassignment/add/",
        {"user": users["nobody"].pk, "role": "security_officer", "agency": world["school"].pk},
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=users["nobody"])
    assert (assignment.role, assignment.agency, assignment.granted_by) == (
        "security_officer",
        world["school"],
        users["admin"],
    )
    assert AccessEvent.objects.filter(kind="granted", subject_user=users["nobody"], channel="admin").count() == 1
    assert users["nobody"].has_perm("infrastructure.view_agency", world["school"])


def test_revoking_in_the_admin_writes_an_event(admin_client, users):
    assignment = RoleAssignment.objects.get(user=users["officer"])
    admin_client.post("/admin/access/roleassignment/", {"action": "revoke", "_selected_action": [assignment.pk]})
    assert RoleAssignment.objects.get(pk=assignment.pk).revoked_at is not None
    assert AccessEvent.objects.filter(kind="revoked", subject_user=users["officer"]).count() == 1


@pytest.mark.parametrize("model", ["accessevent", "readevent", "invitation"])
def test_trail_tables_are_read_only_in_the_admin(admin_client, users, model):
    assert admin_client.get(f"/admin/access/{model}/add/").status_code == 403
    event = AccessEvent.objects.first()
    if model == "accessevent":
        assert admin_client.get(f"/admin/access/accessevent/{event.pk}/delete/").status_code == 403


def test_field_history_cannot_be_deleted_in_the_admin(admin_client, world):
    entry = LogEntry.objects.first()
    assert admin_client.get(f"/admin/auditlog/logentry/{entry.pk}/delete/").status_code == 403
