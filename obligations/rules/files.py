"""Evidence file checks by content (magic bytes), not by the name or the browser's claimed type. Pure."""

import io
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    code: str
    content_type: str
    extensions: frozenset[str]


def _t(code, content_type, *extensions):
    return FileType(code, content_type, frozenset(extensions))


PDF = _t("pdf", "application/pdf", ".pdf")
PNG = _t("png", "image/png", ".png")
JPEG = _t("jpeg", "image/jpeg", ".jpg", ".jpeg")
OOXML = {
    "word/": _t("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xl/": _t("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "ppt/": _t("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
}
ODF = {
    "application/vnd.oasis.opendocument.text": _t("odt", "application/vnd.oasis.opendocument.text", ".odt"),
    "application/vnd.oasis.opendocument.spreadsheet": _t(
        "ods", "application/vnd.oasis.opendocument.spreadsheet", ".ods"
    ),
    "application/vnd.oasis.opendocument.presentation": _t(
        "odp", "application/vnd.oasis.opendocument.presentation", ".odp"
    ),
}
ALLOWED_EXTENSIONS = sorted({ext for t in (PDF, PNG, JPEG, *OOXML.values(), *ODF.values()) for ext in t.extensions})


def detect(content: bytes) -> FileType | None:
    """The type the bytes really are: PDF, PNG, JPEG, or a ZIP that is an Office Open XML / ODF document."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04"):
        return _zip_document(content)
    return None


def _zip_document(content: bytes) -> FileType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                return ODF.get(archive.read("mimetype").decode("ascii", "replace").strip())
            if "[Content_Types].xml" in names:
                return next((t for prefix, t in OOXML.items() if any(n.startswith(prefix) for n in names)), None)
    except (zipfile.BadZipFile, KeyError, RuntimeError, ValueError):
        return None
    return None


def extension_of(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot != -1 else ""
