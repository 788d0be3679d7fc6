"""manage.py assign_obligations --year YYYY [--agency ID]: idempotent; a re-run creates nothing."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from infrastructure.models import Agency
from obligations.services import obligation_assign_year


class Command(BaseCommand):
    help = (
        "Create each active agency's obligations for a year from the rule set in force and its responsibility "
        "level (due dates per 行政程序法 §48 on the Taiwan calendar). Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--agency", type=int, help="Only this agency (id).")

    def handle(self, *args, year: int, agency: int | None, **options):
        if not 2018 <= year <= 2100:
            raise CommandError(_("The year must be between 2018 and 2100."))
        ids = [agency] if agency else None
        if agency and not Agency.objects.filter(pk=agency).exists():
            raise CommandError(_("No agency with id %(id)s.") % {"id": agency})
        total = 1 if agency else Agency.objects.filter(is_active=True).count()
        with tqdm(
            total=total, desc=f"assign {year}", unit="agency", file=sys.stderr, disable=options["verbosity"] == 0
        ) as bar:
            result = obligation_assign_year(
                year=year, agency_ids=ids, now=timezone.now(), channel="cli", progress=bar.update
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "{year}: {agencies} agencies, {created} obligations created, {superseded} superseded; "
                    "{without_level} agencies without an approved level."
                ).format(
                    year=year,
                    agencies=f"{result.agencies:,}",
                    created=f"{result.created:,}",
                    superseded=f"{result.superseded:,}",
                    without_level=f"{result.without_level:,}",
                )
            )
        )
