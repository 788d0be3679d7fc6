"""manage.py seed_demo: load the deterministic demo registry and make sure the demo users exist."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from audits.demo import load_audits_demo
from demo.logins import DEMO_PASSWORD, ensure_demo_users, grant_demo_agency_roles, logins_table
from incidents.demo import load_incidents_demo
from incidents.demo_logins import load_login_queues
from infrastructure.demo import DEFAULT_SEED, SCALES, build_registry
from infrastructure.demo.loader import PHASES, DemoLoadError, load_registry
from infrastructure.models import Agency
from obligations.demo import load_obligations_demo


class Command(BaseCommand):
    help = (
        "Load demo data into an empty registry: --scale small (30 agencies, for tests) or national (about 8,000 "
        "government agencies and 280 specific non-government agencies, with levels, contacts, systems and CI "
        "designations). The same --seed always gives the same names, OIDs and levels. Always makes sure the demo "
        f"users exist: admin (superuser) and regulator (competent-authority staff), both with the password "
        f"{DEMO_PASSWORD!r} (demo data only: never use these accounts outside a demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=SCALES, default="small", help="How much data to build (default: small).")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"Random seed (default: {DEFAULT_SEED}).")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (except the demo users) when the registry already has agencies.",
        )
        parser.add_argument(
            "--print-logins", action="store_true", help="Only print the demo logins and exit (writes nothing)."
        )

    def handle(self, *args, scale: str, seed: int, if_empty: bool, print_logins: bool, **options):
        if print_logins:
            self.stdout.write(logins_table())
            return
        users = ensure_demo_users()
        existing = Agency.objects.count()
        if existing:
            if if_empty:
                grant_demo_agency_roles(users)
                self.stdout.write(
                    _("The registry already has {count} agencies; demo data not loaded.").format(count=f"{existing:,}")
                )
                return
            raise CommandError(
                _(
                    "The registry already has {count} agencies; seed_demo only loads into an empty "
                    "registry (use --if-empty to skip quietly)."
                ).format(count=f"{existing:,}")
            )
        started = time.perf_counter()
        counts = self._seed(
            scale=scale,
            seed=seed,
            decided_by=users["regulator"],
            show_progress=scale == "national" and options["verbosity"] > 0,
        )
        grant_demo_agency_roles(users)
        self._extend(scale=scale, seed=seed, users=users)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo data loaded ({scale}, seed {seed}) in {seconds} s: {agencies} agencies ({government} government, "
                    "{sngo} SNGAs, {ci_providers} CI designations), {level_decisions} level decisions, {contacts} contacts, "
                    "{systems} information systems, {reorganisations} reorganisations, {events} events."
                ).format(
                    scale=scale,
                    seed=seed,
                    seconds=f"{elapsed:.1f}",
                    **{key: f"{value:,}" for key, value in counts.items()},
                )
            )
        )

    def _extend(self, *, scale: str, seed: int, users: dict) -> dict[str, int]:
        """Demo data of the apps built on the registry; each adds its counts."""
        extra: dict[str, int] = {}
        # --- obligations demo ---
        extra |= load_obligations_demo(scale=scale, seed=seed, users=users)
        # --- incidents demo ---
        extra |= load_incidents_demo(scale=scale, seed=seed, users=users)
        # --- audits demo ---
        extra |= load_audits_demo(scale=scale, seed=seed, users=users)
        # --- current work in the demo logins' queues (incidents/demo_logins.py) ---
        extra["incidents in the demo logins' queues"] = load_login_queues(users=users, now=timezone.now())
        for label, count in extra.items():
            self.stdout.write(f"  {label}: {count:,}")
        return extra

    def _seed(self, *, scale: str, seed: int, decided_by, show_progress: bool) -> dict[str, int]:
        with tqdm(
            total=len(PHASES) + 1, desc=f"seed_demo {scale}", unit="phase", file=sys.stderr, disable=not show_progress
        ) as bar:

            def start(phase: str) -> None:
                bar.update(1)  # the previous phase is done
                bar.set_postfix_str(phase)

            bar.set_postfix_str("building")
            registry = build_registry(scale=scale, seed=seed)
            try:
                counts = load_registry(registry, now=timezone.now(), decided_by=decided_by, progress=start)
            except DemoLoadError as error:
                raise CommandError(str(error)) from error
            bar.update(1)
            bar.set_postfix_str("done")
        return counts
