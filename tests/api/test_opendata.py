"""The API channel of the open-data permission matrix: every role (a real personal token; anonymous: none)
× every open-data operation. Published releases and files are public without a token; drafts and releases
under review answer 404 to all but the competent authority; the endpoints are read-only (405 otherwise)."""

import pytest

from tests.access.test_permission_matrix import ROLES
from tests.api.conftest import client_with, token_for
from tests.opendata.releases import releases_in_every_state

pytestmark = pytest.mark.django_db

# The operations of the live schema this file covers (tests/api/test_permission_matrix.py counts them).
OPENDATA_OPERATIONS = {
    ("get", "/api/v1/opendata/releases/"),
    ("get", "/api/v1/opendata/releases/{id}/"),
    ("get", "/api/v1/opendata/releases/{id}/files/{name}/"),
}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def releases(world, users):
    return releases_in_every_state(users)


@pytest.fixture
def clients(users):
    return {role: client_with(None if role == "anonymous" else token_for(users[role])) for role in ROLES}


def _file_url(release) -> str:
    return f"/api/v1/opendata/releases/{release.pk}/files/{release.files.order_by('name').first().name}/"


@pytest.mark.parametrize("state", ["published", "withdrawn", "draft", "under_review"])
def test_release_and_file_per_role(clients, releases, state):
    release = releases[state]
    outcomes = {}
    for role, client in clients.items():
        detail = client.get(f"/api/v1/opendata/releases/{release.pk}/")
        download = client.get(_file_url(release))
        outcomes[role] = (detail.status_code, download.status_code)
    public_detail = 200 if state in ("published", "withdrawn") else 404
    public_file = 200 if state == "published" else 404  # a withdrawn release's files are no longer offered
    assert outcomes == {role: (200, 200) if role == "moda" else (public_detail, public_file) for role in ROLES}


def test_list_shows_the_public_releases_to_everyone_and_drafts_to_the_competent_authority(clients, releases):
    public = {releases["published"].pk, releases["withdrawn"].pk}
    everything = public | {releases["draft"].pk, releases["under_review"].pk}
    for role, client in clients.items():
        response = client.get("/api/v1/opendata/releases/")
        assert response.status_code == 200, role
        assert {row["id"] for row in response.json()["results"]} == (everything if role == "moda" else public), role


def test_published_release_representation(clients, releases):
    release = releases["published"]
    body = clients["anonymous"].get(f"/api/v1/opendata/releases/{release.pk}/").json()
    assert {key: body[key] for key in ("period", "year", "roc_year", "quarter", "version", "status", "min_cell_size")} == {
        "period": "2025", "year": 2025, "roc_year": 114, "quarter": 0, "version": 1, "status": "published",
        "min_cell_size": 3,
    }  # fmt: skip
    assert body["published_at"].endswith("+08:00")
    assert len(body["files"]) == 20
    stored = release.files.get(name=body["files"][0]["name"])
    assert body["files"][0]["sha256"] == stored.sha256
    download = clients["anonymous"].get(body["files"][0]["url"])
    assert b"".join(download.streaming_content) == stored.file.open("rb").read()
    withdrawn = clients["anonymous"].get(f"/api/v1/opendata/releases/{releases['withdrawn'].pk}/").json()
    assert (withdrawn["status"], withdrawn["withdrawal_reason"], withdrawn["files"]) == ("withdrawn", "wrong", [])


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only(clients, releases, method):
    for role, client in clients.items():
        response = getattr(client, method)(f"/api/v1/opendata/releases/{releases['published'].pk}/", {}, format="json")
        assert response.status_code == 405, (role, response.status_code)
    assert releases["published"].__class__.objects.get(pk=releases["published"].pk).status == "published"
