"""A database error in the middle of the work (PostgreSQL raising from a trigger on one row, as a full disk,
a constraint or a lost connection would): an import run by the worker, an obligation assignment run and an
incident filing leave nothing half-written, and the failed task is on the administrator's task page."""

from contextlib import contextmanager
from datetime import date

import pytest
from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from common.models import OutboundNotification
from csma.celery import app
from incidents.models import Incident, IncidentClock, IncidentEvent
from infrastructure import import_services
from infrastructure.models import Agency, AgencyEvent, RegistryImport
from obligations.models import Obligation, ObligationEvent
from obligations.services import obligation_assign_year
from tests.incidents.conftest import file_incident
from tests.obligations.helpers import approve_level
from tests.production import servers


@contextmanager
def failing_insert(table: str, condition: str):
    """Inserting a row of ``table`` that matches ``condition`` (SQL on NEW) raises inside PostgreSQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE OR REPLACE FUNCTION csma_test_fault() RETURNS trigger AS $$ BEGIN "
            f"IF {condition} THEN RAISE EXCEPTION 'injected fault on %', TG_TABLE_NAME; END IF; "
            "RETURN NEW; END $$ LANGUAGE plpgsql"
        )
        cursor.execute(
            f"CREATE TRIGGER csma_test_fault BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION csma_test_fault()"
        )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER IF EXISTS csma_test_fault ON {table}")
            cursor.execute("DROP FUNCTION IF EXISTS csma_test_fault()")


ROSTER = (
    '\ufeff"機關名稱","OID","電話","地址","DN"\n'
    + "".join(
        f'"故障測試機關{n}","2.16.886.101.77777.{n}","02-{n}","臺北市","ou=故障測試機關{n}"\n' for n in range(1, 7)
    )
).encode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_import_failing_in_the_worker_writes_nothing_and_shows_the_failed_task(
    admin_user, admin_client, services, settings
):
    settings.CSMA_IMPORT_SYNC_MAX_ROWS = 0
    agencies, events = Agency.objects.count(), AgencyEvent.objects.count()
    env = servers.process_env(broker_url=django_broker())
    services.start(servers.celery_worker(env, services.logdir, queues="default"))
    previewed = import_services.registry_import_create(
        now=timezone.now(), content=ROSTER, original_name="roster.csv", acting_user=admin_user
    )
    with failing_insert("infrastructure_agency", "NEW.name = '故障測試機關5'"):
        eager, app.conf.task_always_eager = app.conf.task_always_eager, False
        try:
            queued = import_services.registry_import_schedule(
                now=timezone.now(), registry_import=previewed, acting_user=admin_user
            )
            servers.wait_until(
                lambda: RegistryImport.objects.get(pk=queued.pk).status == RegistryImport.Status.FAILED,
                timeout=90,
                message=f"import failed\n{services.logs()}",
            )
        finally:
            app.conf.task_always_eager = eager
    failed = RegistryImport.objects.get(pk=queued.pk)
    assert "injected fault on infrastructure_agency" in failed.errors[0]["message"]
    assert (Agency.objects.count(), AgencyEvent.objects.count()) == (agencies, events)
    servers.wait_until(lambda: _failed_task_stored(), timeout=30, message="the task's failure stored")
    page = admin_client.get("/admin/django_celery_results/taskresult/?status__exact=FAILURE")
    assert "infrastructure.tasks.registry_import_apply_task" in page.content.decode()


def django_broker() -> str:
    return settings.CELERY_BROKER_URL


def _failed_task_stored() -> bool:
    from django_celery_results.models import TaskResult

    return TaskResult.objects.filter(
        task_name="infrastructure.tasks.registry_import_apply_task", status="FAILURE"
    ).exists()


@pytest.mark.django_db
def test_an_assignment_run_failing_on_one_agency_writes_no_obligation_of_its_batch(world, users):
    for agency in (world["tax"], world["finance"], world["school"]):
        approve_level(agency, "C", date(2026, 3, 16))
    before = (Obligation.objects.count(), ObligationEvent.objects.count())
    with failing_insert("obligations_obligation", f"NEW.agency_id = {world['finance'].pk}"):
        with pytest.raises(DatabaseError, match="injected fault"):
            obligation_assign_year(
                now=timezone.now(), year=2027, agency_ids=[world["tax"].pk, world["finance"].pk, world["school"].pk]
            )
    assert (Obligation.objects.count(), ObligationEvent.objects.count()) == before
    assert not Obligation.objects.filter(year=2027).exists()
    again = obligation_assign_year(
        now=timezone.now(), year=2027, agency_ids=[world["tax"].pk, world["finance"].pk, world["school"].pk]
    )
    assert again.created > 0  # without the fault the same run completes: the test could have failed
    assert set(Obligation.objects.filter(year=2027).values_list("agency_id", flat=True)) == {
        world["tax"].pk,
        world["finance"].pk,
        world["school"].pk,
    }


@pytest.mark.django_db
def test_a_filing_failing_at_its_last_row_leaves_no_incident_clock_or_event(world, users):
    with failing_insert("common_outboundnotification", "TRUE"):
        with pytest.raises(DatabaseError, match="injected fault on common_outboundnotification"):
            file_incident(world["tax"], users["officer"], level=3, aware_at=timezone.now())
    counts = [model.objects.count() for model in (Incident, IncidentClock, IncidentEvent, OutboundNotification)]
    assert counts == [0, 0, 0, 0]
