"""python manage.py warm_report_figures

Counts the running year's dashboard and compliance figures of every regulator scope now and keeps them in the
shared cache (beat does the same every four minutes). Run it after a deploy that emptied the cache, so the
first regulator of the day does not wait for the national figures (docs/deploy.md)."""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from reports.warming import warm_report_figures


class Command(BaseCommand):
    help = "Compute and cache the regulators' dashboard and compliance figures of the running year."

    def handle(self, *args, **options):
        started = time.perf_counter()
        warmed = warm_report_figures(now=timezone.now())
        self.stdout.write(
            f"{warmed.scopes} scopes from {warmed.users} regulator accounts in {time.perf_counter() - started:.1f} s"
        )
