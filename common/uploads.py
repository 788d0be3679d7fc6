"""Uploads once (docs/architecture.md, "Uploads"): the one content sniffer, the one writer of checked bytes
to private storage, and the one download response.

- The type is decided by the bytes (magic numbers, the inside of a ZIP), never by the name or the browser;
  the name's extension must agree with it (no "invoice.pdf.exe", no "report.html" of plain text). Each
  caller passes its allow-list (``DOCUMENTS`` for evidence, ``ATTACHMENTS`` for incidents) and size limit,
  and turns an ``UploadRefused`` into its own message.
- Files are stored under ``MEDIA_ROOT`` (``var/private``, outside the web root: nothing serves it directly)
  with their SHA-256 and size; only a view that checked the user's access hands them out, through
  ``download_response`` (always an attachment, never sniffed, never cached). The caller logs the download
  with ``access.audit.read_log`` first.
"""

import hashlib
import uuid
import zipfile
from dataclasses import dataclass
from io import BytesIO

from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse


@dataclass(frozen=True)
class FileType:
    code: str
    content_type: str
    extensions: frozenset[str]


def _t(code: str, content_type: str, *extensions: str) -> FileType:
    return FileType(code, content_type, frozenset(extensions))


PDF = _t("pdf", "application/pdf", ".pdf")
PNG = _t("png", "image/png", ".png")
JPEG = _t("jpeg", "image/jpeg", ".jpg", ".jpeg")
GIF = _t("gif", "image/gif", ".gif")
TEXT = _t("text", "text/plain", ".txt", ".csv", ".log")
ZIP = _t("zip", "application/zip", ".zip")
OOXML = {
    "word/": _t("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xl/": _t("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "ppt/": _t("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
}
ODF = {
    t.content_type: t
    for t in (
        _t("odt", "application/vnd.oasis.opendocument.text", ".odt"),
        _t("ods", "application/vnd.oasis.opendocument.spreadsheet", ".ods"),
        _t("odp", "application/vnd.oasis.opendocument.presentation", ".odp"),
    )
}
MAGIC = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG), (b"GIF87a", GIF), (b"GIF89a", GIF))

# The allow-lists the apps use today: evidence takes documents and photos; an incident attachment may also be
# a log, a screenshot GIF or a ZIP of them.
DOCUMENTS = frozenset({PDF, PNG, JPEG, *OOXML.values(), *ODF.values()})
ATTACHMENTS = DOCUMENTS | {GIF, TEXT, ZIP}

TOO_LARGE, NOT_ALLOWED = "too_large", "not_allowed"
TEXT_SAMPLE = 65536


class UploadRefused(Exception):
    """The upload is too large or not an allowed type (``reason``); the caller words the message."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CheckedUpload:
    name: str  # the name as uploaded, without any folder part
    content: bytes
    file_type: FileType
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def sniff(content: bytes, *, allowed: frozenset[FileType]) -> FileType | None:
    """The type the bytes really are, when it is in ``allowed``; otherwise None."""
    found = _sniff(content, text_allowed=TEXT in allowed)
    return found if found in allowed else None


def _sniff(content: bytes, *, text_allowed: bool) -> FileType | None:
    for magic, file_type in MAGIC:
        if content.startswith(magic):
            return file_type
    if content.startswith(b"PK\x03\x04"):
        return _zip_type(content)
    if text_allowed and content and _is_text(content):
        return TEXT
    return None


def _zip_type(content: bytes) -> FileType | None:
    """ODF names itself in ``mimetype``; Office Open XML has ``[Content_Types].xml`` and its part folder; any
    other readable ZIP is an archive. An unreadable one is nothing."""
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype in ODF:
                    return ODF[mimetype]
    except (zipfile.BadZipFile, KeyError, RuntimeError, ValueError):
        return None
    if "[Content_Types].xml" in names:
        for prefix, file_type in OOXML.items():
            if any(name.startswith(prefix) for name in names):
                return file_type
    return ZIP


def _is_text(content: bytes) -> bool:
    if b"\x00" in content[:8192]:
        return False
    try:
        content[:TEXT_SAMPLE].decode("utf-8")
    except UnicodeDecodeError as error:  # a multi-byte character cut at the sample's end is fine
        return error.start >= len(content[:TEXT_SAMPLE]) - 3
    return True


def extension_of(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot != -1 else ""


def base_name(name: str) -> str:
    """The file's own name, without the folders some browsers send."""
    return name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]


def upload_check(*, name: str, content: bytes, allowed: frozenset[FileType], max_bytes: int) -> CheckedUpload:
    """Size, type by content, matching extension; raises UploadRefused before anything is written."""
    upload_check_size(size=len(content), max_bytes=max_bytes)
    file_type = sniff(content, allowed=allowed)
    if file_type is None or extension_of(name) not in file_type.extensions:
        raise UploadRefused(NOT_ALLOWED)
    return CheckedUpload(
        name=base_name(name), content=content, file_type=file_type, sha256=hashlib.sha256(content).hexdigest()
    )


def upload_check_size(*, size: int, max_bytes: int) -> None:
    """Before reading: a file over the limit is refused without loading it."""
    if size > max_bytes:
        raise UploadRefused(TOO_LARGE)


def upload_store(field: FieldFile, upload: CheckedUpload, *, name_by: str = "sha256") -> None:
    """Write the checked bytes into the model's file field (private storage, the model's ``upload_to``
    folder), named by the content's hash (``"sha256"``: 16 hex digits + ``.bin``) or at random with the
    type's extension (``"random"``); the caller saves the row with ``upload.sha256`` and ``upload.size``."""
    if name_by == "sha256":
        stored_name = f"{upload.sha256[:16]}.bin"
    else:
        stored_name = f"{uuid.uuid4().hex}{extension_of(upload.name)}"
    field.save(stored_name, ContentFile(upload.content), save=False)


def download_response(field: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """A stored file as a download: always an attachment with its original name, the type it was checked to
    be, never sniffed by the browser, never kept in a cache."""
    response = FileResponse(field.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
