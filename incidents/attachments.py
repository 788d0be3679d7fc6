"""Attachment types decided by content (magic bytes), never by the file name or the browser. Pure."""

import zipfile
from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TYPE_NOT_ALLOWED = _(
    "This file type is not accepted. Attach PDF, PNG, JPEG, GIF, plain text/CSV/log, "
    "Office/OpenDocument files or ZIP archives."
)

MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def _zip_type(content: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype.startswith("application/vnd.oasis.opendocument."):
                    return mimetype
    except zipfile.BadZipFile:
        raise ValidationError(TYPE_NOT_ALLOWED, code="type") from None
    for prefix, content_type in OOXML.items():
        if any(name.startswith(prefix) for name in names):
            return content_type
    return "application/zip"


def _is_text(content: bytes) -> bool:
    if b"\x00" in content[:8192]:
        return False
    try:
        content[:65536].decode("utf-8")
    except UnicodeDecodeError as error:  # a multi-byte character cut at the sample's end is fine
        return error.start >= len(content[:65536]) - 3
    return True


# The file name's extension must agree with the type the bytes are (as for evidence, obligations/rules/files.py):
# plain text is accepted only as .txt/.csv/.log, not as "invoice.pdf.exe" or "report.html" (issue 9).
EXTENSIONS = {
    "application/pdf": {".pdf"},
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg"},
    "image/gif": {".gif"},
    "text/plain": {".txt", ".csv", ".log"},
    "application/zip": {".zip"},
    OOXML["word/"]: {".docx"},
    OOXML["xl/"]: {".xlsx"},
    OOXML["ppt/"]: {".pptx"},
    "application/vnd.oasis.opendocument.text": {".odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {".ods"},
    "application/vnd.oasis.opendocument.presentation": {".odp"},
}


def _content_type(content: bytes) -> str:
    for magic, content_type in MAGIC:
        if content.startswith(magic):
            return content_type
    if content.startswith(b"PK\x03\x04"):
        return _zip_type(content)
    if content and _is_text(content):
        return "text/plain"
    raise ValidationError(TYPE_NOT_ALLOWED, code="type")


def detect_type(content: bytes, name: str) -> str:
    """The content type the bytes are, when it is an allowed one and ``name`` has one of its extensions."""
    content_type = _content_type(content)
    dot = name.rfind(".")
    if name[dot:].lower() not in EXTENSIONS.get(content_type, ()) or dot == -1:
        raise ValidationError(TYPE_NOT_ALLOWED, code="type")
    return content_type
