"""The one upload check (common/uploads.py): the type is what the bytes are, within the caller's allow-list, and the
name's extension must agree; too large is refused before reading; the download is an attachment, never sniffed."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.base import ContentFile

from common import uploads


def _zip(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name.replace("__", "/"), text)
    return buffer.getvalue()


DOCX = _zip(**{"[Content_Types].xml": "<Types/>", "word__document.xml": "<w/>"})
ODT = _zip(mimetype="application/vnd.oasis.opendocument.text", content__xml="<o/>")
PLAIN_ZIP = _zip(**{"logs__a.log": "x"})
CASES = [  # content, name, as evidence (DOCUMENTS), as an incident attachment (ATTACHMENTS)
    (b"%PDF-1.7\n...", "report.pdf", "application/pdf", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n....", "shot.png", "image/png", "image/png"),
    (b"\xff\xd8\xff\xe0....", "photo.JPEG", "image/jpeg", "image/jpeg"),
    (b"GIF89a....", "anim.gif", None, "image/gif"),
    ("來源 IP,時間\n10.0.0.1,02:00\n".encode(), "log.csv", None, "text/plain"),
    (DOCX, "plan.docx", *["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] * 2),
    (ODT, "plan.odt", "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text"),
    (PLAIN_ZIP, "logs.zip", None, "application/zip"),
    (b"MZ\x90\x00\x03\x00binary", "report.pdf", None, None),  # an executable named .pdf
    (b"plain text", "invoice.pdf", None, None),  # the name disagrees with the bytes
    (b"<script>alert(1)</script>", "report.html", None, None),  # text, but not as .html
    (b"%PDF-1.7 x", "a.exe", None, None),
    (b"%PDF-1.7 x", "no-extension", None, None),
    (b"PK\x03\x04 not a zip", "broken.zip", None, None),
    (b"", "empty.txt", None, None),
]


@pytest.mark.parametrize(("content", "name", "as_evidence", "as_attachment"), CASES)
def test_the_type_is_the_bytes_within_each_allow_list(content, name, as_evidence, as_attachment):
    for allowed, expected in ((uploads.DOCUMENTS, as_evidence), (uploads.ATTACHMENTS, as_attachment)):
        if expected is None:
            with pytest.raises(uploads.UploadRefused) as refused:
                uploads.upload_check(name=name, content=content, allowed=allowed, max_bytes=1024)
            assert refused.value.reason == uploads.NOT_ALLOWED
        else:
            checked = uploads.upload_check(name=name, content=content, allowed=allowed, max_bytes=1024)
            assert checked.file_type.content_type == expected
            assert (checked.sha256, checked.size) == (hashlib.sha256(content).hexdigest(), len(content))


def test_too_large_is_refused_before_the_type_is_looked_at():
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.upload_check(name="a.pdf", content=b"%PDF-" + b"x" * 20, allowed=uploads.DOCUMENTS, max_bytes=20)
    assert refused.value.reason == uploads.TOO_LARGE
    uploads.upload_check_size(size=20, max_bytes=20)  # exactly the limit is fine


def test_folders_sent_by_a_browser_are_not_part_of_the_name():
    checked = uploads.upload_check(
        name="C:\\Users\\me\\report.pdf", content=b"%PDF-1.7", allowed=uploads.DOCUMENTS, max_bytes=99
    )
    assert checked.name == "report.pdf"


class _Field:
    """A model file field's save(), recorded."""

    def __init__(self):
        self.saved = []

    def save(self, name, content, save):
        self.saved.append((name, content.read(), save))


def test_the_writer_names_the_stored_file_by_hash_or_at_random():
    checked = uploads.upload_check(name="r.pdf", content=b"%PDF-1.7", allowed=uploads.DOCUMENTS, max_bytes=99)
    by_hash, at_random = _Field(), _Field()
    uploads.upload_store(by_hash, checked, name_by="sha256")
    uploads.upload_store(at_random, checked, name_by="random")
    assert by_hash.saved == [(f"{checked.sha256[:16]}.bin", b"%PDF-1.7", False)]
    ((name, content, save),) = at_random.saved
    assert (len(name), name[-4:], content, save) == (36, ".pdf", b"%PDF-1.7", False)


def test_the_download_is_an_attachment_never_sniffed_never_stored():
    class Stored:
        def open(self, mode):
            return ContentFile(b"%PDF-1.7", name="x.bin")

    response = uploads.download_response(Stored(), filename="報告.pdf", content_type="application/pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%E5%A0%B1%E5%91%8A.pdf"
    assert (response["X-Content-Type-Options"], response["Cache-Control"]) == ("nosniff", "no-store")
    assert b"".join(response.streaming_content) == b"%PDF-1.7"
