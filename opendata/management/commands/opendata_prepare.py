"""Prepare the open-data release of a closed period from the command line (e.g. a yearly cron job), as the
named competent-authority user; a second person then reviews and publishes it on /opendata/.

    python manage.py opendata_prepare --year 115 --quarter 0 --user moda [--min-cell-size 3]
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from common.localdates import parse_local_year
from opendata import selectors, services
from opendata.rules import DEFAULT_MIN_CELL_SIZE


class Command(BaseCommand):
    help = "Prepare the open-data draft of a closed period (ROC or Western year; quarter 0 = the whole year)."

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="115 (ROC) or 2026")
        parser.add_argument("--quarter", type=int, default=0, choices=range(5))
        parser.add_argument("--min-cell-size", type=int, default=DEFAULT_MIN_CELL_SIZE)
        parser.add_argument("--user", required=True, help="username of a competent-authority user")

    def handle(self, *args, **options):
        year = parse_local_year(options["year"])
        if year is None:
            raise CommandError(f"Not a year: {options['year']!r} (give 115 or 2026).")
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None or not selectors.may_manage(user):
            raise CommandError(f"{options['user']!r} is not an active competent-authority user.")
        try:
            release = services.release_prepare(year=year, quarter=options["quarter"], acting_user=user,
                                               min_cell_size=options["min_cell_size"], now=timezone.now(),
                                               channel="cli")  # fmt: skip
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for stored in release.files.order_by("name"):
            self.stdout.write(f"{stored.sha256}  {stored.name}")
        self.stdout.write(
            self.style.SUCCESS(f"Draft {release} prepared (id {release.pk}): review it on /opendata/{release.pk}/")
        )
