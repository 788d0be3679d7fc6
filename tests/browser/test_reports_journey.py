"""Reports journey in headless Chromium: a sector regulator (TOTP) exports all its sectors for 2026, watches
the progress bar while the sector tasks run (the test plays the Celery worker: dispatch is the boundary),
downloads the zip and opens one PDF, rendered to PNG in test-artifacts/."""

import io
import subprocess
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from access.policy import Role
from infrastructure.models import Sector
from reports.models import ReportBatch
from reports.services import batch_item_run
from tests.browser.test_obligations_journey import _log_in, _user
from tests.conftest import ARTIFACTS
from tests.factories import AgencyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_regulator_exports_all_sectors_and_opens_a_pdf(page, live_server, screenshot, tmp_path, settings, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "private"
    monkeypatch.setattr("reports.tasks.batch_item_run_task.delay", lambda item_id: None)  # the test is the worker
    economy = AgencyFactory(name="經濟部")
    power = AgencyFactory(name="台灣電力股份有限公司", kind="sngo", sngo_category="state_owned", regulator=economy)
    water = AgencyFactory(name="台灣自來水股份有限公司", kind="sngo", sngo_category="state_owned", regulator=economy)
    power.sectors.add(Sector.objects.get(code="energy"))
    water.sectors.add(Sector.objects.get(code="water"))
    regulator = _user("moea", Role.SECTOR_REGULATOR, economy)
    device = TOTPDevice.objects.create(user=regulator, name="default", confirmed=True)

    _log_in(page, live_server, regulator, device=device)
    page.click("nav.mainnav >> text=報告")
    page.select_option("#id_batch-year", "2026")
    page.click("#batch-start")
    expect(page.locator("#batch-progress-text")).to_have_text("0 / 2")
    screenshot("reports-batch-running")

    batch = ReportBatch.objects.get()
    first, second = batch.items.order_by("id")
    batch_item_run(item_id=first.pk, now=timezone.now())
    expect(page.locator("#batch-progress-text")).to_have_text("1 / 2", timeout=10_000)
    screenshot("reports-batch-half")
    batch_item_run(item_id=second.pk, now=timezone.now())
    expect(page.locator("#batch-zip")).to_be_visible(timeout=10_000)
    expect(page.locator("#batch-status")).to_have_text("完成")
    screenshot("reports-batch-done")

    with page.expect_download() as download_info:
        page.click("#batch-zip")
    archive = zipfile.ZipFile(io.BytesIO(open(download_info.value.path(), "rb").read()))
    pdfs = sorted(name for name in archive.namelist() if name.endswith(".pdf"))
    assert len(pdfs) == 2 and any(name.endswith("-energy.pdf") for name in pdfs)
    energy = next(name for name in pdfs if name.endswith("-energy.pdf"))
    pdf_path = tmp_path / "energy.pdf"
    pdf_path.write_bytes(archive.read(energy))
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3", str(pdf_path), str(ARTIFACTS / "reports-energy-pdf")],
        check=True,
    )
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], check=True, capture_output=True, text=True).stdout
    assert "台灣電力股份有限公司" in text and "115年度" in text and "能源" in text

    page.goto(live_server.url + reverse("reports:list"))
    expect(page.locator("#report-table tbody tr")).to_have_count(2)
    screenshot("reports-list")
