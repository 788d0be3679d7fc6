"""python manage.py import_agencies PATH [--format auto|oid|csma] [--dry-run] [--deactivate-missing] [--user NAME]

Thin: reads the file, calls the import services, prints the plan and every bad row. All or nothing: with any
error, nothing is written and the command exits non-zero.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from infrastructure.import_services import (
    FILE_TOO_LARGE,
    ImportPreview,
    agency_import_preview,
    registry_import_apply,
    registry_import_create,
    summary_change_count,
)
from infrastructure.imports import FILE_FORMATS, RowError
from infrastructure.models import RegistryImport

LISTED = 20  # names listed per kind of change; -v 2 lists them all


def format_error(error: RowError | dict) -> str:
    row, column, message = (
        (error.row, error.column, error.message)
        if isinstance(error, RowError)
        else (error["row"], error["column"], error["message"])
    )
    if row is None:
        return message
    if not column:
        return _("row {row}: {message}").format(row=row, message=message)
    return _("row {row}, column {column}: {message}").format(row=row, column=column, message=message)


class Command(BaseCommand):
    help = "Import the roster of regulated agencies (national OID registry export or csma template; CSV, XLSX, ODS)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV, XLSX or ODS file")
        parser.add_argument("--format", dest="file_format", choices=FILE_FORMATS, default="auto")
        parser.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
        parser.add_argument(
            "--deactivate-missing",
            action="store_true",
            help="mark agencies of the file's identifier family that it does not list inactive",
        )
        parser.add_argument("--user", help="username recorded as the actor of every change")

    def handle(self, *args, path, file_format, dry_run, deactivate_missing, user, verbosity, **options):
        acting_user = self._user(user)
        content = self._read(path)
        preview = agency_import_preview(
            today=timezone.localdate(),
            content=content,
            filename=path,
            file_format=file_format,
            deactivate_missing=deactivate_missing,
        )
        self._print_plan(preview, dry_run=dry_run, verbosity=verbosity)
        if preview.errors:
            self._fail(preview.errors)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
            return
        registry_import = registry_import_create(
            now=timezone.now(),
            content=content, original_name=Path(path).name, file_format=file_format,
            deactivate_missing=deactivate_missing, acting_user=acting_user, preview=preview,
        )  # fmt: skip
        registry_import = self._apply(registry_import, acting_user=acting_user, verbosity=verbosity)
        result = registry_import.summary["result"]
        message = _(
            "Import {id} applied: {created} created, {updated} updated, {deactivated} deactivated, "
            "{unchanged} unchanged, {events} events recorded."
        )
        self.stdout.write(self.style.SUCCESS(message.format(id=registry_import.pk, **result)))

    def _read(self, path: str) -> bytes:
        """The file's bytes; its size is checked first, so a file over the limit is not parsed at all."""
        try:
            size = Path(path).stat().st_size
            if size > settings.CSMA_IMPORT_MAX_BYTES:
                raise CommandError(str(FILE_TOO_LARGE).format(limit=settings.CSMA_IMPORT_MAX_BYTES // (1024 * 1024)))
            return Path(path).read_bytes()
        except OSError as error:
            raise CommandError(_("Cannot read {path}: {error}").format(path=path, error=error.strerror)) from error

    def _apply(self, registry_import: RegistryImport, *, acting_user, verbosity: int) -> RegistryImport:
        """Apply with a tqdm progress bar on stderr; every error of a failed apply is printed."""
        total = summary_change_count(registry_import.summary)
        with tqdm(total=total, unit=_("agencies"), disable=verbosity == 0, file=self.stderr._out) as bar:
            registry_import = registry_import_apply(
                now=timezone.now(),
                registry_import=registry_import, acting_user=acting_user,
                progress=lambda done, _total: bar.update(done - bar.n),
            )  # fmt: skip
        if registry_import.status != RegistryImport.Status.APPLIED:
            self._fail(registry_import.errors)
        return registry_import

    def _user(self, username: str | None):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(_("No user named {username}.").format(username=username)) from error

    def _fail(self, errors) -> None:
        for error in errors:
            self.stderr.write(format_error(error))
        raise CommandError(_("{count} error(s); nothing was written.").format(count=len(errors)))

    def _print_plan(self, preview: ImportPreview, *, dry_run: bool, verbosity: int) -> None:
        self.stdout.write(
            _("Format: {format}; data rows: {rows}").format(format=preview.file_format or "?", rows=preview.rows)
        )
        if preview.plan is None or preview.errors:
            return
        if dry_run:
            line = _("would create {create}, update {update}, deactivate {deactivate}; {unchanged} unchanged")
        else:
            line = _("to create {create}, update {update}, deactivate {deactivate}; {unchanged} unchanged")
        self.stdout.write(line.format(**preview.plan.counts))
        if dry_run and verbosity >= 1:
            self._list_changes(preview, limit=None if verbosity >= 2 else LISTED)

    def _list_changes(self, preview: ImportPreview, *, limit: int | None) -> None:
        plan = preview.plan
        for planned in plan.to_create[:limit]:
            self.stdout.write(f"  {_('create')}: {planned.name}")
        for planned in plan.to_update[:limit]:
            changes = "; ".join(
                f"{field} {change['before']!r} → {change['after']!r}" for field, change in planned.changes.items()
            )
            self.stdout.write(f"  {_('update')}: {planned.name} ({changes})")
        for ref in plan.to_deactivate[:limit]:
            self.stdout.write(f"  {_('deactivate')}: {ref.name}")
