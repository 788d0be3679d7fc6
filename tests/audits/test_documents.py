"""The written notice and the audit report as PDFs: who may download them, and what they say."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from audits import services
from tests.audits.conftest import answer_all, at, in_fieldwork

pytestmark = pytest.mark.django_db


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_notice_pdf_for_the_auditee_and_report_pdf_once_issued(client, users, audit, power_officer, tmp_path):
    client.force_login(power_officer)
    notice_url = reverse("reports:audit_notice_pdf", args=[audit.pk])
    assert client.get(notice_url).status_code == 404  # not notified: the auditee cannot see the audit yet
    audit, members = in_fieldwork(audit, users["moea"])  # notified on 2026-02-02
    response = client.get(notice_url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = _text(response.content, tmp_path)
    assert "台灣電力股份有限公司" in text and "115/03/16" in text and "五日內" in text
    report_url = reverse("reports:audit_report_pdf", args=[audit.pk])
    assert client.get(report_url).status_code == 404
    services.finding_record(
        audit=audit,
        kind="deficiency",
        severity="high",
        description="未訂內部稽核計畫",
        actor=members[0].user,
        now=at(audit.starts_on, 12),
    )
    answer_all(audit, members[0], at(audit.starts_on, 13))
    services.fieldwork_complete(audit=audit, actor=members[0].user, now=at(audit.ends_on, 17))
    services.report_issue(
        audit=audit,
        scope="資通安全維護計畫實施情形",
        refusals="",
        notes="",
        actor=users["moea"],
        now=at(date(2026, 4, 1)),
    )
    text = _text(client.get(report_url).content, tmp_path)
    assert "未訂內部稽核計畫" in text and "資通安全維護計畫實施情形" in text
    client.force_login(users["officer"])  # another agency's officer
    assert client.get(notice_url).status_code == 404
