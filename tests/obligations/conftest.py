import io
import zipfile
from datetime import date

import pytest

from obligations.models import Obligation
from tests.obligations.helpers import approve_level

PDF = b"%PDF-1.7\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def office_zip(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind == "odt":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<x/>")
        elif kind == "docx":
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<w/>")
        else:
            archive.writestr("readme.txt", "not a document")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def tax_obligation(world) -> Obligation:
    """國稅局 approved at level C on 2026-03-16; its staff obligation (due 2027-03-16), open."""
    approve_level(world["tax"], "C", date(2026, 3, 16))
    return Obligation.objects.get(agency=world["tax"], requirement__code="mgmt-security-staff")


@pytest.fixture
def power_obligation(world) -> Obligation:
    approve_level(world["power"], "B", date(2026, 3, 16))
    return Obligation.objects.get(agency=world["power"], requirement__code="mgmt-security-staff")
