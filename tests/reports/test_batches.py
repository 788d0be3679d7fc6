"""Export all sectors: one task per sector, idempotent, no duplicate batch, a failed sector retried and
reported while the others finish, a deterministic zip; and the export_reports command."""

import contextlib
import io
import zipfile

import pytest
from celery.exceptions import Retry
from django.core.management import CommandError, call_command

from infrastructure.models import Sector
from reports import services
from reports.models import GeneratedReport, ReportBatch, ReportBatchItem, ReportEvent
from reports.tasks import MAX_RETRIES, batch_item_run_task
from tests.reports.documents_fixtures import NOW, private_media  # noqa: F401

pytestmark = pytest.mark.django_db


def start(users, keys, **kw):
    return services.batch_start(
        year=2026,
        language="zh-hant",
        sector_keys=keys,
        acting_user=users["moda"],
        issuer="數位發展部資通安全署",
        now=NOW,
        **kw,
    )


def test_all_sectors_export_to_a_zip_and_a_second_start_makes_no_duplicate(
    world, users, django_capture_on_commit_callbacks
):
    energy = Sector.objects.order_by("sort_order").first()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        batch, created = start(users, ["public-agencies", energy.code])
    again, created_again = start(users, ["public-agencies", energy.code])
    assert (created, created_again, again) == (True, False, batch)
    assert len(queued) == 2 and ReportBatch.objects.count() == 1
    for callback in queued:
        callback()
    batch.refresh_from_db()
    assert batch.status == ReportBatch.Status.DONE
    archive = zipfile.ZipFile(io.BytesIO(batch.zip_file.open("rb").read()))
    names = sorted(archive.namelist())
    reports = GeneratedReport.objects.filter(kind="sector", status="issued").order_by("number")
    assert names == sorted([f"{r.number}-{r.subject_key.split(':')[1]}.pdf" for r in reports] + ["SHA256SUMS.txt"])
    assert archive.read("SHA256SUMS.txt").decode().splitlines() == [
        f"{r.sha256}  {r.number}-{r.subject_key.split(':')[1]}.pdf" for r in reports
    ]
    # a redelivered task (acks_late) changes nothing
    item = batch.items.first()
    assert services.batch_item_run(item_id=item.pk, now=NOW).report_id == item.report_id
    assert GeneratedReport.objects.filter(kind="sector").count() == 2
    assert ReportEvent.objects.filter(batch=batch, kind=ReportEvent.Kind.BATCH_FINISHED).count() == 1


def test_a_failing_sector_is_retried_then_reported_and_the_others_finish(
    world, users, django_capture_on_commit_callbacks
):
    energy = Sector.objects.order_by("sort_order").first()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        batch, _created = start(users, ["public-agencies", energy.code])
    Sector.objects.filter(pk=energy.pk).update(is_active=False)  # its report can no longer be built
    for callback in queued:
        with contextlib.suppress(Retry):  # the first attempt fails and asks for a retry
            callback()
    failed = ReportBatchItem.objects.get(batch=batch, sector_key=energy.code)
    assert (failed.status, failed.attempts) == ("pending", 1)
    for retry in range(1, MAX_RETRIES + 1):  # what the worker does with the retries (redelivered with a count)
        with contextlib.suppress(Retry):
            batch_item_run_task.apply(args=[failed.pk], retries=retry)
    batch.refresh_from_db()
    failed.refresh_from_db()
    done = ReportBatchItem.objects.get(batch=batch, sector_key="public-agencies")
    assert (batch.status, failed.status, failed.attempts, done.status) == ("partial", "failed", MAX_RETRIES + 1, "done")
    assert "DoesNotExist" in failed.error
    attempts = ReportEvent.objects.filter(batch=batch, kind=ReportEvent.Kind.BATCH_ITEM_FAILED).order_by("id")
    assert [e.data["final"] for e in attempts] == [False, False, True]
    manifest = zipfile.ZipFile(io.BytesIO(batch.zip_file.open("rb").read())).read("SHA256SUMS.txt").decode()
    assert f"FAILED  {energy.name_zh}" in manifest


def test_export_reports_command_writes_pdfs_and_sums(world, tmp_path):
    out = tmp_path / "out"
    call_command("export_reports", "--year", "2026", "--sector", "public-agencies", "--out", str(out), verbosity=0)
    report = GeneratedReport.objects.get(kind="sector")
    name = f"{report.number}-public-agencies.pdf"
    assert sorted(p.name for p in out.iterdir()) == sorted([name, "SHA256SUMS.txt"])
    assert (out / "SHA256SUMS.txt").read_text().strip() == f"{report.sha256}  {name}"
    call_command(
        "export_reports",
        "--year",
        "2026",
        "--agency",
        str(world["tax"].pk),
        "--out",
        str(out),
        "--lang",
        "en",
        verbosity=0,
    )
    assert GeneratedReport.objects.get(kind="scorecard").language == "en"


def test_export_reports_command_fails_with_a_non_zero_status(world, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command(
            "export_reports", "--year", "2026", "--sector", "no-such-sector", "--out", str(tmp_path), verbosity=0
        )
    assert "no sector" in str(error.value)
    with pytest.raises(CommandError) as error:
        call_command("export_reports", "--year", "2026", "--agency", "999999", "--out", str(tmp_path), verbosity=0)
    assert error.value.returncode == 1
