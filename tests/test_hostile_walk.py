"""No input gives a server error (issue 9): every URL pattern × every role × hostile parameters, hostile path
integers and hostile form values. Each request runs in a savepoint that is rolled back, so the world stays the
same for the next one; a 5xx, an exception or a request slower than ``SLOW_SECONDS`` is a failure.

Bounded in time: a fixed number of requests per role (counted and asserted), and the walk stops with a failure
when it runs past ``BUDGET_SECONDS``.
"""

import logging
import time
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.utils import timezone

from access import services as access_services
from incidents import services as incident_services
from incidents.models import Drill
from infrastructure import import_services
from infrastructure import services as registry
from obligations import services as obligation_services
from obligations.models import EvidenceFile, Obligation, RuleSet
from tests.conftest import otp_verify
from tests.factories import UserFactory
from tests.incidents.conftest import file_incident
from tests.obligations.helpers import approve_level
from tests.urlwalk import COMMON_PARAMS, HOSTILE_VALUES, form_field_names, hostile_paths, sample_path, walk

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "admin", "moda", "moea", "mof", "officer", "viewer", "auditor", "observer", "nobody"]
MFA_USERS = {"admin", "moda", "moea"}
SLOW_SECONDS = 5.0
BUDGET_SECONDS = 420.0  # per role; about 60 s on a quiet 2-core machine
OID_CSV = (
    '\ufeff"機關名稱","OID","電話","地址","DN"\n"走訪機關","2.16.886.101.99998","02-1","臺北市","ou=走訪"\n'.encode()
)
SHORT_VALUES = ("huge integer", "far date", "ancient datetime", "unicode controls")


@pytest.fixture
def sample_objects(world, users, settings, tmp_path):
    """One real object behind every URL parameter name, so each view is walked past its 404."""
    settings.MEDIA_ROOT = tmp_path
    now = timezone.now()
    approve_level(world["tax"], "C", date(2026, 3, 16))
    proposed = registry.level_propose(agency=world["tax"], level="B", criteria=[], adjustment_reason="walk", now=now)
    obligation = Obligation.objects.filter(agency=world["tax"]).order_by("pk").first()
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("e.pdf", b"%PDF-1.7\nevidence", content_type="application/pdf")
    submission = obligation_services.evidence_submit(
        now=timezone.now(), obligation=obligation, uploads=[pdf], acting_user=users["officer"]
    )
    sections = {n: {"content": f"§{n}"} for n in range(1, 14)}
    filing = obligation_services.filing_save(
        agency=world["tax"], kind="plan", year=2025, sections=sections, acting_user=users["officer"], now=now
    )
    incident = file_incident(world["tax"], users["officer"], level=3, aware_at=now - timedelta(minutes=30))
    attachment = incident_services.incident_attachment_add(
        incident=incident, content=b"%PDF-1.7 x", original_name="a.pdf", acting_user=users["officer"], now=now
    )
    measure = incident_services.improvement_measure_add(
        incident=incident, category="technical", description="d", owner="o", due_on=date(2026, 12, 1),
        acting_user=users["officer"], now=now,
    )  # fmt: skip
    incident_services.drill_assign_year(agencies=[world["tax"]], year=2026, acting_user=users["moda"], now=now)
    previewed = import_services.registry_import_create(
        now=timezone.now(), content=OID_CSV, original_name="roster.csv", acting_user=users["admin"]
    )
    invitation, token = access_services.invitation_create(
        email="walk@example.gov.tw", role="security_officer", agency=world["tax"], acting_user=users["admin"],
        now=now, accept_url_template="/accounts/invitation/TOKEN/",
    )  # fmt: skip
    return {
        "agency_id": world["tax"].pk,
        "decision_id": proposed.pk,
        "import_id": previewed.pk,
        "invitation_id": invitation.pk,
        "user_id": UserFactory(username="walk-target").pk,
        "obligation_id": obligation.pk,
        "filing_id": filing.pk,
        "file_id": EvidenceFile.objects.get(submission=submission).pk,
        "submission_id": submission.pk,
        "ruleset_id": RuleSet.objects.order_by("pk")[0].pk,
        "drill_id": Drill.objects.order_by("pk")[0].pk,
        "incident_id": incident.pk,
        "attachment_id": attachment.pk,
        "measure_id": measure.pk,
        "kind": "plan",
        "year": "2026",
        "step": "conducted",
        "token": token,
    }


def _login(role, users) -> Client:
    client = Client(raise_request_exception=False)
    if role in MFA_USERS:
        otp_verify(client, users[role])
    elif role != "anonymous":
        client.force_login(users[role])
    return client


class Walker:
    """Sends requests inside rolled-back savepoints and records every failure."""

    def __init__(self, client: Client):
        self.client, self.failures, self.requests = client, [], 0
        self.cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
        self.deadline = time.monotonic() + BUDGET_SECONDS

    def send(self, method: str, path: str, data: dict | None, label: str):
        if time.monotonic() > self.deadline:
            raise AssertionError(f"walk ran past {BUDGET_SECONDS} s after {self.requests} requests")
        started = time.monotonic()
        with transaction.atomic():
            response = getattr(self.client, method)(path, data or {})
            transaction.set_rollback(True)
        elapsed = time.monotonic() - started
        self.requests += 1
        if self.cookie is not None:  # a logout or session flush must not change who walks next
            self.client.cookies[settings.SESSION_COOKIE_NAME] = self.cookie.value
        if (response.status_code >= 500 and not _documented_unavailable(path, response)) or elapsed > SLOW_SECONDS:
            error = repr(response.exc_info[1])[:300] if getattr(response, "exc_info", None) else ""
            self.failures.append(f"{method.upper()} {path} [{label}] → {response.status_code} {elapsed:.1f}s {error}")
        return response


def _documented_unavailable(path: str, response) -> bool:
    """/healthz answers 503 by design while no worker or beat has run (a test machine has neither): the
    documented answer, not a server error. Its checks are tested in tests/common/test_healthz.py."""
    return path.startswith("/healthz") and response.status_code == 503


def _routes(objects):
    names = {key: str(value) for key, value in objects.items()}
    for name, route in walk():
        path = sample_path(route, names=names)
        if path is not None and not name.startswith("set_language"):
            yield name, route, path, names


def _walk_route(walker: Walker, route: str, path: str, names: dict, *, depth: str) -> None:
    """A plain GET; then every hostile value as query parameters and as form values (the page's own field
    names and the common ones); then hostile integers in the path. A page that refuses the user (403, 404,
    login) is still posted to, with fewer values: a view may read the form before it checks the permission."""
    page = walker.send("get", path, None, "plain")
    if depth == "plain":
        return
    is_html = page.status_code == 200 and not page.streaming and page.get("Content-Type", "").startswith("text/html")
    fields = form_field_names(page.content.decode(errors="replace")) if is_html else []
    params = list(dict.fromkeys([*fields, *COMMON_PARAMS]))
    refused = page.status_code in (403, 404) or (page.status_code == 302 and "/login/" in page["Location"])
    for label, value in HOSTILE_VALUES.items():
        if not refused and page.status_code != 405 and (depth == "deep" or label in SHORT_VALUES):
            walker.send("get", path, dict.fromkeys(params, value), f"query {label}")
        if label in SHORT_VALUES or (depth == "deep" and not refused):
            walker.send("post", path, dict.fromkeys(params, value), f"form {label}")
    for label, hostile in hostile_paths(route, names):
        walker.send("get", hostile, None, f"path {label}")


def _depth(name: str, path: str, role: str) -> str | None:
    """Project pages: "deep" for every role. The admin (Django's own pages over our model forms): its list and
    add pages "short" (the hostile values that broke parsers) as the administrator; for everyone else only its
    index, which sends them to the login page like every admin URL (tests/test_urls_protected.py)."""
    if not (name.startswith("admin:") or path.startswith("/admin/")):
        return "deep"
    if role == "admin" and (name.endswith(("_changelist", "_add")) or name == "admin:index"):
        return "short"
    if role == "admin" or name == "admin:index":
        return "plain"
    return None


@pytest.fixture
def quiet_request_log():
    """Thousands of expected 4xx warnings would drown the report: only the failures list is read."""
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.mark.parametrize("role", ROLES)
def test_no_input_gives_a_server_error(world, users, sample_objects, quiet_request_log, role):
    walker = Walker(_login(role, users))
    routes = 0
    for name, route, path, names in _routes(sample_objects):
        depth = _depth(name, path, role)
        if depth is not None:
            _walk_route(walker, route, path, names, depth=depth)
            routes += 1
    print(
        f"\nhostile walk as {role}: {routes} URL patterns, {walker.requests} requests, {len(walker.failures)} failures"
    )
    assert routes > 75 and walker.requests > 400
    assert not walker.failures, "\n".join(walker.failures[:40]) + f"\n… {len(walker.failures)} in all"
