"""manage.py trail_retention [--purge --export FILE.xlsx]: report (or purge, after export) audit-trail rows
older than CSMA_TRAIL_RETENTION_YEARS."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from access.retention import retention_report, trail_purge_expired


class Command(BaseCommand):
    help = (
        "Report how many audit-trail rows are older than the retention period (CSMA_TRAIL_RETENTION_YEARS, "
        "default 10). With --purge --export FILE.xlsx, export them to FILE first, then delete them and record "
        "the purge. Nothing is ever purged automatically."
    )

    def add_arguments(self, parser):
        parser.add_argument("--purge", action="store_true", help="Delete the expired rows (needs --export).")
        parser.add_argument("--export", type=Path, help="XLSX file that receives the rows before they are deleted.")

    def handle(self, *args, purge: bool, export: Path | None, **options):
        now = timezone.now()
        if purge and export is None:
            raise CommandError(_("--purge needs --export FILE.xlsx: expired rows are exported before deletion."))
        report = trail_purge_expired(now=now, export_path=export) if purge else retention_report(now=now)
        self.stdout.write(
            _("Rows older than %(cutoff)s:") % {"cutoff": f"{timezone.localtime(report.cutoff):%Y-%m-%d}"}
        )
        for label, count in report.counts.items():
            self.stdout.write(f"  {label:<28} {count:>10,}")
        if purge and report.total:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Exported to %(file)s and purged %(count)s rows.")
                    % {"file": export, "count": f"{report.total:,}"}
                )
            )
