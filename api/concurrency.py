"""Optimistic concurrency: every updatable object carries a version (its last change, as an opaque
string) returned as ``version`` in the body and as the ``ETag`` header. A write sent with ``If-Match``
runs only if the object is still at that version (412 otherwise); the check and the write happen under
the same row lock, so two clients can never silently overwrite each other."""

from django.db import models

from api.errors import precondition_failed, precondition_required


def version_of(obj: models.Model) -> str:
    return f"{obj.pk}-{int(obj.updated_at.timestamp() * 1_000_000)}"


def etag_of(obj: models.Model) -> str:
    return f'"{version_of(obj)}"'


def _tags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/").strip('"') for tag in header.split(",") if tag.strip()}


def check_if_match(request, obj: models.Model, *, required: bool) -> None:
    """Raise 428 when a required If-Match is missing, 412 when it names another version."""
    header = request.headers.get("If-Match", "")
    if not header:
        if required:
            raise precondition_required()
        return
    tags = _tags(header)
    if "*" not in tags and version_of(obj) not in tags:
        raise precondition_failed()


def lock_row(model: type[models.Model], pk: int) -> None:
    """Lock the row until the end of the transaction (PostgreSQL; SQLite serialises writers anyway).
    Fetch the object through its scoped selector after this, so the version compared is the current one."""
    list(model.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))
