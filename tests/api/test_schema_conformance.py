"""Schema conformance and fuzzing: schemathesis generates valid and invalid requests for every operation of
the live schema (/api/schema/) and sends them through the WSGI application with an administrator's write
token (the widest scope, so every code path is reachable). Zero server errors, zero schema violations:
every status code, content type, header and body must be the documented one. Bounded: a fixed number of
examples per operation, derandomised so a run is reproducible."""

from datetime import timedelta

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis import checks as st_checks
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi import checks as oas_checks

from tests.api.conftest import token_for
from tests.incidents.conftest import file_incident

EXAMPLES_PER_OPERATION = 12
CHECKS = [
    st_checks.not_a_server_error,
    oas_checks.status_code_conformance,
    oas_checks.content_type_conformance,
    oas_checks.response_headers_conformance,
    oas_checks.response_schema_conformance,
]


@pytest.fixture
def live_schema(db):
    """The WSGI application in this process and test transaction. As Django's test client does, keep the
    request signals from closing the test's database connection after each request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_token(world, users, settings):
    settings.CSMA_API_RATE = "100000/hour"
    file_incident(world["tax"], users["officer"], level=2, aware_at=timezone.now() - timedelta(hours=1))
    _audit_under_way(world, users)
    return token_for(users["admin"])


def _audit_under_way(world, users):
    """An audit in fieldwork (the administrator manages every plan), so the audit operations answer with
    bodies, not only 404s."""
    from audits.models import ChecklistTemplate
    from tests.api.test_permission_matrix import _tax_audit

    _tax_audit(world, users, ChecklistTemplate.objects.get(version=1, audience="government"), 2026, stage="fieldwork")


def _fuzz(operation, mode: GenerationMode, token: str) -> tuple[int, list[str]]:
    """Run one operation's examples; returns (cases sent, failures)."""
    sent, failures = [0], []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def run(case):
        sent[0] += 1
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

    try:
        run()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # noqa: BLE001 — hypothesis re-raises the minimal failing example(s)
        failures.append(f"{operation.method.upper()} {operation.path} ({mode.value}): {error}"[:2000])
    return sent[0], failures


def test_every_operation_conforms_to_the_live_schema(live_schema, fuzz_token):
    operations = [result.ok() for result in live_schema.get_all_operations()]
    total, failures = 0, []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            sent, failed = _fuzz(operation, mode, fuzz_token)
            total, failures = total + sent, failures + failed
    print(f"schemathesis: {len(operations)} operations, {total} cases")
    assert len(operations) >= 35
    assert failures == [], "\n\n".join(failures)
