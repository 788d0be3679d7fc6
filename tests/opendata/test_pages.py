"""The page channel of the open-data permission matrix: every role × every page and action, anonymous
included. Published releases and files are public; drafts and releases under review are the competent
authority's alone (anyone else 404); a forbidden step on a visible release is 403; anonymous writers go to
the login page. A denial changes nothing and writes no event."""

import pytest
from django.db import transaction

from opendata.models import DatasetRelease, OpenDataEvent
from tests.access.test_permission_matrix import ROLES
from tests.conftest import otp_verify
from tests.opendata.releases import releases_in_every_state

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def releases(world, users):
    return releases_in_every_state(users)


def _row(default: str, **overrides) -> dict:
    return {**{role: default for role in ROLES}, **overrides}


PUBLIC = _row("200")
CA_ONLY = _row("404", moda="200")
CA_ACTS = _row("404", anonymous="login", moda="302")  # invisible to all but the competent authority
CA_ACTS_ON_PUBLIC = _row("403", anonymous="login", moda="302")  # visible to all, done by it alone


def _file(state: str, index: int = 0):
    return lambda r: f"/opendata/{r[state].pk}/files/{r[state].files.order_by('name')[index].name}"


# name → (method, url(releases), data, expected)
ACTIONS = {
    "list": ("get", lambda r: "/opendata/", None, PUBLIC),
    "published page": ("get", lambda r: f"/opendata/{r['published'].pk}/", None, PUBLIC),
    "withdrawn page": ("get", lambda r: f"/opendata/{r['withdrawn'].pk}/", None, PUBLIC),
    "draft page": ("get", lambda r: f"/opendata/{r['draft'].pk}/", None, CA_ONLY),
    "under-review page": ("get", lambda r: f"/opendata/{r['under_review'].pk}/", None, CA_ONLY),
    "published file": ("get", _file("published"), None, PUBLIC),
    "draft file": ("get", _file("draft"), None, CA_ONLY),
    "under-review file": ("get", _file("under_review"), None, CA_ONLY),
    "withdrawn file": ("get", _file("withdrawn"), None, CA_ONLY),  # kept, no longer offered
    "prepare": (
        "post",
        lambda r: "/opendata/prepare/",
        {"year": "114", "quarter": "3", "min_cell_size": "3"},
        _row("403", anonymous="login", moda="302"),
    ),  # fmt: skip
    "submit draft": ("post", lambda r: f"/opendata/{r['draft'].pk}/submit/", {}, CA_ACTS),
    "regenerate draft": ("post", lambda r: f"/opendata/{r['draft'].pk}/regenerate/", {"min_cell_size": "4"}, CA_ACTS),
    "return under review": (
        "post",
        lambda r: f"/opendata/{r['under_review'].pk}/return/",
        {"reason": "recount"},
        CA_ACTS,
    ),  # fmt: skip
    "withdraw published": (
        "post",
        lambda r: f"/opendata/{r['published'].pk}/withdraw/",
        {"reason": "x"},
        CA_ACTS_ON_PUBLIC,
    ),  # fmt: skip
    "correct published": (
        "post",
        lambda r: f"/opendata/{r['published'].pk}/correct/",
        {"reason": "x"},
        CA_ACTS_ON_PUBLIC,
    ),  # fmt: skip
}


def _client(client, users, role):
    return client if role == "anonymous" else otp_verify(client, users[role])


def _outcome(response) -> str:
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/"):
        return "login"
    return str(response.status_code)


def _state():
    return (
        list(DatasetRelease.objects.order_by("pk").values_list("pk", "status", "min_cell_size", "updated_at")),
        OpenDataEvent.objects.count(),
    )


@pytest.mark.parametrize("action", list(ACTIONS))
def test_page_permission_matrix(client, users, releases, action):
    method, url, data, expected = ACTIONS[action]
    failures = {}
    for role in ROLES:
        with transaction.atomic():
            before = _state()
            client.logout()
            response = getattr(_client(client, users, role), method)(url(releases), data or {})
            outcome = _outcome(response)
            if outcome != expected[role]:
                failures[role] = f"{outcome}, expected {expected[role]}"
            elif outcome not in ("200", "302") and _state() != before:
                failures[role] = "a denied request changed data"
            transaction.set_rollback(True)
    assert failures == {}


def test_publish_needs_a_second_person(client, users, releases):
    release = releases["under_review"]
    response = otp_verify(client, users["moda"]).post(
        f"/opendata/{release.pk}/publish/", follow=True, HTTP_ACCEPT_LANGUAGE="zh-hant"
    )
    release.refresh_from_db()
    assert release.status == "under_review"
    assert "發布版須由準備者以外之人審核及發布。" in response.content.decode()
    client.logout()
    otp_verify(client, releases["second"]).post(f"/opendata/{release.pk}/publish/")
    release.refresh_from_db()
    assert (release.status, release.published_by) == ("published", releases["second"])


def test_public_pages_in_zh_hant_with_roc_years(client, releases):
    page = client.get("/opendata/", HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()
    assert "民國114年" in page  # the 2025 release
    assert "民國113年" in page  # the withdrawn 2024 release stays listed
    assert f"/opendata/{releases['draft'].pk}/" not in page  # no draft in the public list
    detail = client.get(f"/opendata/{releases['withdrawn'].pk}/", HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()
    assert "wrong" in detail and "/files/" not in detail


def test_published_file_is_the_stored_bytes(client, releases):
    stored = releases["published"].files.get(name="csma-incidents-by-month-level-2025.csv")
    response = client.get(f"/opendata/{releases['published'].pk}/files/{stored.name}")
    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert body == stored.file.open("rb").read()
    assert body.startswith(b"\xef\xbb\xbfyear,roc_year,quarter,month,incident_level,incidents,suppressed\r\n")
